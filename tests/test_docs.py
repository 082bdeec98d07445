"""The docs against the code: every file, module, name, command and option they mention exists, and every
command and setting is documented.

A failure names the doc, the line and the stale reference. What is checked, in README.md and docs/*.md:

* paths under the checkout (``eventwire/...``, ``docs/...``, ``benchmarks/...``, ``scripts/...``, ``tests/...``,
  ``eval/...``, ``examples/...``; globs must match something), pytest node ids (``tests/x.py::test_y``) and the
  targets of relative Markdown links;
* bare names of code and table files in backticks (``cameo.tsv``, ``quotes/cues.py``): some file of the
  checkout ends so;
* dotted names: ``eventwire.x.y`` and ``eventwire.x:y`` anywhere, names imported by ``from eventwire.x import a, b``,
  and backticked ``Class.attr`` (a class defined in eventwire) or ``subpackage.module.attr``
  (``stages.timexes.rules.normalise``);
* command lines (``eventwire NAME --option``) in backticks and shell blocks, and ``--option`` table rows under a
  ``## `eventwire NAME` `` heading: the command and its options exist.
"""

from __future__ import annotations

import ast
import importlib
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import click
import pytest

from eventwire.cli import main
from eventwire.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SKIP_DIRS = {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build"}

# Bare backticked file names of these kinds are the checkout's own code and tables (`cameo.tsv`, `quotes/cues.py`);
# .json, .jsonl, .txt and .csv names are mostly the user's or the gold sets' files (`corpus.jsonl`, `inputs.jsonl`).
OWN_SUFFIXES = ("py", "tsv", "yaml", "yml", "sh", "toml", "lock")
# A dotted name ending so is a file name (eventwire.duckdb), not a module attribute.
FILE_SUFFIXES = {*OWN_SUFFIXES, "duckdb", "md", "json", "jsonl", "txt", "csv", "parquet", "png", "svg"}

PATH = re.compile(r"(?<![\w./~:-])((?:eventwire|docs|benchmarks|scripts|tests|eval|examples)/[\w./*-]*)")
NODE_ID = re.compile(r"(?<![\w./-])(tests/[\w/]+\.py)::(\w+)")
LINK = re.compile(r"\]\(([^)\s]+)\)")
DOTTED = re.compile(r"(?<![\w./-])(eventwire(?:\.\w+)+)(?::(\w+(?:\.\w+)*))?")
FROM_IMPORT = re.compile(r"^\s*(?:>>> )?from (eventwire(?:\.\w+)*) import ([\w, ]+)$")
SPAN = re.compile(r"`([^`\n]+)`")
SPAN_DOTTED = re.compile(r"^([A-Za-z_]\w*(?:\.\w+)+)")
BARE_FILE = re.compile(rf"^[\w-]+(?:/[\w-]+)*\.(?:{'|'.join(OWN_SUFFIXES)})$")
COMMAND = re.compile(r"(?<![\w./-])eventwire ([a-z][\w-]*)([^|>;&#`]*)")
OPTION = re.compile(r"(?<![\w-])(--[a-z][\w-]*)")
HEADING_COMMAND = re.compile(r"^#+ .*`eventwire ([a-z][\w-]*)")


@dataclass(frozen=True)
class Line:
    doc: Path
    number: int
    text: str
    fence: str | None  # the language of the code block the line is in ("" unlabelled), None outside one

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.number}"


def lines(doc: Path) -> Iterator[Line]:
    fence: str | None = None
    for number, text in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1):
        if text.lstrip().startswith("```"):
            fence = text.strip()[3:].strip() if fence is None else None
            continue
        yield Line(doc, number, text, fence)


@cache
def checkout_files() -> tuple[str, ...]:
    """Every file of the checkout, as a path relative to it."""
    found = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if path.is_file() and not SKIP_DIRS.intersection(parts):
            found.append("/".join(parts))
    return tuple(found)


def _exists(relative: str) -> bool:
    if "*" in relative:
        return any(ROOT.glob(relative))
    return (ROOT / relative).exists()


def _defines(path: Path, name: str) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name
               for node in ast.walk(tree))


def resolve(dotted: str, attribute: str | None = None) -> str | None:
    """None when ``dotted`` (a module, or a module then attributes) and ``attribute`` exist; else why not."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            value: Any = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and (module_name == exc.name or module_name.startswith(exc.name + ".")):
                continue
            return f"importing {module_name} fails: {exc}"
        rest = parts[cut:] + (attribute.split(".") if attribute else [])
        for i, name in enumerate(rest):
            if not hasattr(value, name):
                owner = ".".join([module_name, *rest[:i]])
                kind = "submodule or attribute" if isinstance(value, types.ModuleType) else "attribute"
                return f"{owner} has no {kind} {name!r}"
            value = getattr(value, name)
        return None
    return f"no module {parts[0]}"


@cache
def eventwire_classes() -> dict[str, tuple[str, ...]]:
    """Top-level class name -> the eventwire modules defining it."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "eventwire").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                found.setdefault(node.name, []).append(module)
    return {name: tuple(modules) for name, modules in found.items()}


def _span_name(dotted: str) -> str | None:
    """Why a backticked ``Class.attr`` or ``subpackage.module.attr`` does not resolve; None when it does or
    when it names no eventwire class or subpackage (``nlp.pipe``, ``events.id``, ``Doc.text``)."""
    first, _, rest = dotted.partition(".")
    if first in eventwire_classes():
        problems = [resolve(f"{module}.{first}", rest) for module in eventwire_classes()[first]]
        return None if None in problems else problems[0]
    if (ROOT / "eventwire" / first / "__init__.py").exists():
        return resolve(f"eventwire.{dotted}")
    return None


def _bare_file(name: str) -> str | None:
    if any(f == name or f.endswith("/" + name) for f in checkout_files()):
        return None
    return "no file of the checkout ends so"


def stale_files_and_names(line: Line) -> Iterator[tuple[str, str]]:
    """(reference, why it is stale) for every file, node id, link and dotted name on ``line``."""
    text = line.text
    for match in PATH.finditer(text):
        relative = match.group(1).rstrip(".,:;")
        if not _exists(relative):
            yield relative, "no such file or folder"
    for match in NODE_ID.finditer(text):
        path, name = ROOT / match.group(1), match.group(2)
        if path.exists() and not _defines(path, name):
            yield match.group(0), f"{match.group(1)} defines no {name}"
    for match in LINK.finditer(text):
        target = match.group(1).split("#")[0]
        if target and not re.match(r"^[a-z]+:", target) and not (line.doc.parent / target).exists():
            yield target, f"the link target is missing (relative to {line.doc.parent.relative_to(ROOT) or '.'}/)"
    for match in DOTTED.finditer(text):
        dotted, attribute = match.group(1), match.group(2)
        if dotted.rsplit(".", 1)[1] in FILE_SUFFIXES:
            continue  # a file name such as eventwire.duckdb
        problem = resolve(dotted, attribute)
        if problem:
            yield match.group(0), problem
    imported = FROM_IMPORT.match(text)
    if imported and resolve(imported.group(1)) is None:  # a missing module is reported above
        for name in (n.strip() for n in imported.group(2).split(",")):
            problem = resolve(imported.group(1), name)
            if name and problem:
                yield f"from {imported.group(1)} import {name}", problem
    for span in SPAN.findall(text):
        span = span.strip()
        dotted_span = SPAN_DOTTED.match(span)
        if dotted_span and not span.startswith("eventwire"):
            problem = _span_name(dotted_span.group(1))
            if problem:
                yield span, problem
        if BARE_FILE.match(span) and not PATH.match(span):
            problem = _bare_file(span)
            if problem:
                yield span, problem


@cache
def commands() -> dict[str, click.Command]:
    """Every command of ``eventwire``, the lazily loaded ones (evaluate, serve, analysis) imported here."""
    ctx = click.Context(main)
    found = {}
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None, f"eventwire {name} is listed but does not load"
        found[name] = command
    return found


def _options(command: click.Command) -> set[str]:
    return {"--help", *(o for p in command.params for o in (*p.opts, *p.secondary_opts) if o.startswith("--"))}


def _command_line(name: str, rest: str) -> Iterator[tuple[str, str]]:
    command = commands().get(name)
    if command is None:
        yield f"eventwire {name}", "no such command"
        return
    for option in OPTION.findall(rest):
        if option not in _options(command):
            yield f"eventwire {name} {option}", f"eventwire {name} has no option {option}"


def stale_commands(doc: Path) -> Iterator[tuple[Line, str, str]]:
    """Command lines naming a missing command or option; option rows under a command's heading likewise."""
    section: str | None = None
    for line in lines(doc):
        if line.fence is None and line.text.startswith("#"):
            heading = HEADING_COMMAND.match(line.text)
            section = heading.group(1) if heading else None
        candidates: list[str] = []
        if line.fence == "sh":
            candidates.append(re.sub(r"(^|\s)#.*", "", line.text))  # a shell line, without its comment
        elif line.fence == "" and line.text.lstrip("$ ").startswith("eventwire "):
            candidates.append(line.text)
        elif line.fence is None:
            candidates += [s for s in SPAN.findall(line.text) if s.startswith("eventwire ")]
        for candidate in candidates:
            for match in COMMAND.finditer(candidate):
                for reference, why in _command_line(match.group(1), match.group(2)):
                    yield line, reference, why
        if section and line.fence is None and line.text.startswith("|"):
            first_cell = line.text.split("|")[1]
            for span in SPAN.findall(first_cell):
                if span.startswith("--"):
                    for reference, why in _command_line(section, span):
                        yield line, reference, why


def _report(found: list[tuple[str, str, str]]) -> str:
    return "stale references:\n" + "\n".join(f"  {where}: {ref!r}: {why}" for where, ref, why in found)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_files_and_names_in_the_docs_exist(doc: Path) -> None:
    found = [(line.where, ref, why) for line in lines(doc) for ref, why in stale_files_and_names(line)]
    assert not found, _report(found)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_commands_and_options_in_the_docs_exist(doc: Path) -> None:
    found = [(line.where, ref, why) for line, ref, why in stale_commands(doc)]
    assert not found, _report(found)


def test_every_setting_and_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [s.variable for s in SETTINGS if s.variable not in text]
    missing += [f"eventwire {name}" for name in commands() if f"eventwire {name}" not in text]
    assert not missing, f"document these in docs/cli.md: {missing}"


def test_the_command_list_includes_the_lazy_commands() -> None:
    """The docs test above sees every command whether or not an earlier test ran one."""
    from eventwire.cli import LAZY_COMMANDS

    assert set(LAZY_COMMANDS) <= set(commands())
    assert {"extract", "ingest", "events", "quotes", "summary", "errors"} <= set(commands())


def test_the_checker_finds_stale_references(tmp_path: Path) -> None:
    """Each kind of reference, stale, is reported; the same references, current, are not."""
    stale = [
        "See `eventwire/no_such_module.py` and docs/nowhere.md, [a link](missing.md).",
        "`eventwire.no_such_module.thing`, eventwire.cli:no_such_function, `eventwire.settings.Settings.nothing`",
        "from eventwire.settings import Settings, NoSuchName",
        "`Settings.no_such_method`, `stages.no_such_module.f`, `no_such_table.tsv`",
        "`tests/test_docs.py::test_that_does_not_exist`",
    ]
    current = [
        "See `eventwire/cli.py` and docs/cli.md, [a link](cli.md), `eventwire/web/*.py`.",
        "`eventwire.cli.main`, eventwire.cli:main, `eventwire.settings.Settings.from_env`, eventwire.duckdb",
        "from eventwire.settings import Settings, SETTINGS",
        "`Settings.replace`, `nlp.pipe`, `events.id`, `web/rest.py`, `requirements.lock`",
        "`tests/test_docs.py::test_the_checker_finds_stale_references`",
    ]
    doc = ROOT / "docs" / "cli.md"  # links resolve against docs/
    expected = [3, 3, 1, 3, 1]
    for text, count in zip(stale, expected, strict=True):
        found = list(stale_files_and_names(Line(doc, 1, text, None)))
        assert len(found) == count, (text, found)
    for text in current:
        assert list(stale_files_and_names(Line(doc, 1, text, None))) == [], text

    sample = tmp_path / "sample.md"
    sample.write_text("## `eventwire events` — query\n\n| `--actor CODE` | ok |\n| `--no-such` | stale |\n\n"
                      "```sh\neventwire events --root 19 --nope  # --not-an-option-in-a-comment\ncat x | eventwire no-such-command\n```\n", encoding="utf-8")
    found = [(line.number, ref) for line, ref, _ in stale_commands(sample)]
    assert found == [(4, "eventwire events --no-such"), (7, "eventwire events --nope"),
                     (8, "eventwire no-such-command")]
