"""The errors eventwire raises.

    EventwireError                 base of everything below; catch it at the edge (CLI, API)
    ├── InputError                 an input cannot be read as an article (the batch records it as a skip)
    ├── ModelError                 the spaCy model is missing or broken (install it, or name another)
    ├── DictionaryError            a user dictionary file is malformed (the message names file and line)
    ├── StoreError                 the database cannot be opened or written
    ├── FetchError                 a feed or page could not be fetched (the watcher records it per source)
    └── EvaluationError            a gold data set is missing or not in the expected format

Every message says what went wrong and what to do about it.
"""


class EventwireError(Exception):
    """Base class for every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input could not be read as an article."""


class ModelError(EventwireError):
    """The spaCy model could not be loaded."""


class DictionaryError(EventwireError):
    """A dictionary or ontology file is malformed."""


class StoreError(EventwireError):
    """The database could not be opened, read or written."""


class FetchError(EventwireError):
    """A URL could not be fetched: its HTTP status, a timeout, a refused host. ``transient`` says whether
    a later try may succeed (a timeout, HTTP 5xx) or not (HTTP 404, a host that is not allowed)."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class EvaluationError(EventwireError):
    """A gold data set is missing or malformed."""
