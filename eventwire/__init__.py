"""eventwire: political event data from news articles — who did what to whom, when and where.

The public API is :data:`__all__`: the coding functions (:func:`extract`, :func:`extract_paths`) and the
:class:`Pipeline` behind them, the :class:`Settings` they take, the records they return and the errors
they raise. The coding functions load spaCy lazily: importing ``eventwire`` (or any record module) stays
cheap.
"""

from __future__ import annotations

from typing import Any

from .errors import DictionaryError, EvaluationError, EventwireError, FetchError, InputError, ModelError, StoreError
from .models import Actor, Article, Event, Place, Quote, Result, Skipped, Timex
from .settings import Settings

__all__ = [
    "Actor",
    "Article",
    "DictionaryError",
    "EvaluationError",
    "Event",
    "EventwireError",
    "FetchError",
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


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
