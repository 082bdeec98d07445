"""eventwire: political event data from news articles — who did what to whom, when and where."""

from .api import extract, extract_paths
from .errors import EventwireError, InputError, ModelError, StoreError
from .models import Actor, Article, Event, Place, Quote, Result, Skipped, Timex
from .pipeline import Pipeline
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
