"""Imported by the server process local workers are forked from (:func:`eventwire.ingest.worker_context`):
it loads the default pipeline there once, so that every worker forked from it starts with the model, the
dictionaries, the gazetteer and the lexicon already loaded, each in the cache its loader keeps by its inputs.

Only the shipped data is loaded here: with user dictionary files set (``EVENTWIRE_DICTIONARIES``), which may
change while the process runs, nothing is, and each worker loads what its settings name, as it does whenever
its settings differ from the defaults. A failure here (say, a missing model) is left for the worker to meet
and report.
"""

from __future__ import annotations

import gc
from contextlib import suppress

from .pipeline import Pipeline
from .settings import Settings


def preload() -> None:
    """Load the default pipeline into its loaders' caches, unless user dictionary files are set."""
    with suppress(Exception):  # the worker's own load raises it again, with its message
        settings = Settings()
        if not settings.dictionaries:
            Pipeline.load(settings)
    gc.freeze()  # loaded for the life of the process: kept out of the collector's scans, in the workers too


preload()
