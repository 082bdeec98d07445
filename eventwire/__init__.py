"""eventwire: political event data from news articles — who did what to whom, when and where.

The coding functions load spaCy lazily: importing ``eventwire`` (or any record module) stays cheap.
"""

from __future__ import annotations

from typing import Any

from .errors import EventwireError, InputError, ModelError, StoreError
from .models import Actor, Article, Event, Place, Quote, Result, Skipped, Timex
from .settings import Settings

__all__ = [
    "Actor",
    "Article",
    "Event",
    "EventwireError",
    "InputError",
    "ModelError",
    "Pipeline",
    "Place",
    "Quote",
    "Result",
    "Settings",
    "Skipped",
    "StoreError",
    "Timex",
    "extract",
    "extract_paths",
]

__version__ = "0.1.0"

_LAZY = {"extract": "api", "extract_paths": "api", "Pipeline": "pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
