"""Settings: each default is written once, on its :class:`Settings` field, and everything else reads it."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main, setting_help
from eventwire.settings import ENV_PREFIX, SETTINGS, Setting, Settings

ROOT = Path(__file__).resolve().parent.parent


def test_the_settings_table_is_read_off_the_fields() -> None:
    fields = dataclasses.fields(Settings)
    assert [s.name for s in SETTINGS] == [f.name for f in fields]
    defaults = Settings()
    for setting in SETTINGS:
        assert setting.default == getattr(defaults, setting.name)
        assert setting.help and setting.help.endswith("."), setting
        assert setting.variable == ENV_PREFIX + setting.name.upper()


def test_every_field_carries_a_default_and_help() -> None:
    for field in dataclasses.fields(Settings):
        assert field.default is not dataclasses.MISSING, f"{field.name} has no default"
        assert field.default_factory is dataclasses.MISSING, f"{field.name}: give a plain, immutable default"
        assert isinstance(field.metadata.get("help"), str), f"{field.name} has no help"


def test_defaults_are_immutable() -> None:
    """A default shared by every Settings() value must not be changeable through one of them."""
    for setting in SETTINGS:
        assert setting.default is None or isinstance(setting.default, (str, int, bool, tuple)), setting


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("model", "my_model", "my_model"),
        ("db", "/tmp/x.duckdb", "/tmp/x.duckdb"),
        ("workers", "3", 3),
        ("batch_size", "8", 8),
        ("clean", "false", False),
        ("clean", "YES", True),
        ("dictionaries", f"a.yaml{os.pathsep}{os.pathsep}b.csv", ("a.yaml", "b.csv")),
        ("min_confidence", "0.45", 0.45),
        ("min_confidence", "", None),
    ],
)
def test_from_env_reads_each_kind_of_setting(monkeypatch: pytest.MonkeyPatch, name: str, raw: str,
                                             expected: object) -> None:
    for setting in SETTINGS:
        monkeypatch.delenv(setting.variable, raising=False)
    monkeypatch.setenv(ENV_PREFIX + name.upper(), raw)
    settings = Settings.from_env()
    assert getattr(settings, name) == expected
    assert dataclasses.replace(settings, **{name: getattr(Settings(), name)}) == Settings()


def test_from_env_without_variables_gives_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for setting in SETTINGS:
        monkeypatch.delenv(setting.variable, raising=False)
    assert Settings.from_env() == Settings()


def test_replace_ignores_none() -> None:
    changed = Settings().replace(workers=4, model=None)
    assert changed.workers == 4 and changed.model == Settings().model


def test_option_help_shows_the_fields_default() -> None:
    for setting in SETTINGS:
        text = setting_help(setting.name)
        assert text.startswith(setting.help) and f"${setting.variable} or {setting.default!r}" in text
    assert setting_help("db", "The database.").startswith("The database. [default: $EVENTWIRE_DB or ")
    output = CliRunner().invoke(main, ["ingest", "--help"]).output
    assert f"{Settings().batch_size}" in output and "EVENTWIRE_BATCH_SIZE" in output


def _shown(setting: Setting) -> str:
    """A default as docs/cli.md writes it."""
    if isinstance(setting.default, bool):
        return f"`{str(setting.default).lower()}`"
    if setting.default == () or setting.default is None:
        return "none"
    return f"`{setting.default}`"


def test_the_docs_table_agrees_with_the_fields() -> None:
    """docs/cli.md repeats the defaults for readers: each row's variable and default match the field."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    rows = {cells[0]: cells for cells in (
        [c.strip() for c in line.strip().strip("|").split("|")] for line in text.splitlines()
        if re.match(r"^\| \w+ \| `EVENTWIRE_", line)
    )}
    assert sorted(rows) == sorted(s.name for s in SETTINGS), "one row per setting in docs/cli.md"
    for setting in SETTINGS:
        name, variable, _option, default, _help = rows[setting.name]
        assert variable == f"`{setting.variable}`", name
        assert default == _shown(setting), f"docs/cli.md shows {default} for {name}; the field says {_shown(setting)}"
