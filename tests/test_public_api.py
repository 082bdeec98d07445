"""``eventwire.__all__``: every name resolves, and it holds what the package promises (the coding functions,
the settings they take, the records they return and the errors they raise)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tomllib
import typing
from pathlib import Path

import eventwire
from eventwire import api, errors, models

ROOT = Path(__file__).resolve().parent.parent


def test_every_name_in_all_resolves() -> None:
    missing = [name for name in eventwire.__all__ if not hasattr(eventwire, name)]
    assert not missing, f"eventwire.__all__ names what eventwire lacks: {missing}"


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from eventwire import *", namespace)
    assert sorted(set(namespace) - {"__builtins__"}) == sorted(eventwire.__all__)


def test_all_is_sorted_without_repeats() -> None:
    assert eventwire.__all__ == sorted(set(eventwire.__all__))


def test_dir_lists_the_lazy_names() -> None:
    assert set(eventwire.__all__) <= set(dir(eventwire))


def test_the_coding_functions_are_exported() -> None:
    assert set(api.__all__) <= set(eventwire.__all__)
    for name in api.__all__:
        assert getattr(eventwire, name) is getattr(api, name)
    assert eventwire.Pipeline is importlib.import_module("eventwire.pipeline").Pipeline


def test_every_error_is_exported() -> None:
    raised = {name for name, value in vars(errors).items()
              if isinstance(value, type) and issubclass(value, errors.EventwireError)}
    assert raised <= set(eventwire.__all__), f"export these errors: {sorted(raised - set(eventwire.__all__))}"


def test_the_records_a_result_holds_are_exported() -> None:
    """Result, Skipped (what extract_paths yields for an unreadable input) and the record of each Result field."""
    promised = {models.Result, models.Skipped}
    for hint in typing.get_type_hints(models.Result).values():
        args = typing.get_args(hint)
        record = args[0] if args else hint
        if isinstance(record, type) and record.__module__ == models.__name__:
            promised.add(record)
    exported = {getattr(eventwire, name) for name in eventwire.__all__}
    assert promised <= exported, f"export these records: {sorted(r.__name__ for r in promised - exported)}"


def test_top_level_names_in_the_docs_are_exported() -> None:
    """What README.md and docs/*.md call as ``eventwire.NAME`` (not a submodule) is in __all__."""
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    named = {m for doc in docs for m in re.findall(r"(?<![\w./-])eventwire\.([A-Za-z_]\w*)\b(?!\.\w)",
                                                        doc.read_text(encoding="utf-8"))}
    submodules = {p.stem for p in (ROOT / "eventwire").glob("*.py")} | {
        p.parent.name for p in (ROOT / "eventwire").glob("*/__init__.py")}
    promised = named - submodules - {"duckdb"}  # eventwire.duckdb is the default database file
    assert promised, "the docs name no top-level function"
    assert promised <= set(eventwire.__all__), f"the docs promise these: {sorted(promised - set(eventwire.__all__))}"


def test_importing_eventwire_loads_no_heavy_module() -> None:
    """The coding functions load spaCy when called; importing the package or its records does not."""
    code = ("import sys, eventwire, eventwire.models, eventwire.settings; "
            "print(sorted(m for m in ('spacy', 'fastapi', 'pandas', 'duckdb') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_version_is_the_projects() -> None:
    with (ROOT / "pyproject.toml").open("rb") as file:
        assert eventwire.__version__ == tomllib.load(file)["project"]["version"]
