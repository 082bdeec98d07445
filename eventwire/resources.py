"""Everything the coding stages read from data files, loaded and checked once per process.

:meth:`Resources.load` reads every shipped table (dictionaries, gazetteer, trigger lexicon, word lists,
time words, speech verbs, outlets, the CAMEO and PLOVER ontology) and the user's dictionaries, so a bad
row fails at start-up with its file and line, not in the middle of a batch. The pipeline is handed one
:class:`Resources`; the stages take what they need from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from . import casing
from .clean import outlets
from .errors import DictionaryError
from .learn.check import EventCheck
from .learn.model import EventModel
from .lexicons import check_words
from .lexicons.actors import ActorDictionary
from .lexicons.triggers import Lexicon
from .lexicons.verb_import import MODES, with_verb_dictionary
from .ontology import cameo, plover
from .settings import Settings
from .stages.actors.locate import Locate, locator
from .stages.places.gazetteer import Gazetteer
from .stages.places.location import place_words
from .stages.quotes.cues import speech_verbs
from .stages.time.words import load as time_words


@dataclass(frozen=True)
class Resources:
    """The loaded data of one process: actor dictionary, gazetteer, trigger lexicon, and the learned event
    model with the coder's thresholds (None: the rules alone), and the event check that rates the rules' events
    (None: each event with the rules' own confidence); events under ``min_confidence`` are left out when it is
    set (else under the check's or the model's own threshold)."""

    dictionary: ActorDictionary
    gazetteer: Gazetteer
    lexicon: Lexicon
    event_model: EventModel | None = None
    event_check: EventCheck | None = None
    min_confidence: float | None = None
    locate: Locate = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "locate", locator(self.gazetteer))

    @cached_property
    def truecaser(self) -> casing.Truecaser:
        """The case recovery of this process's dictionary and gazetteer, built when first needed."""
        return casing.Truecaser.build(self.dictionary, self.gazetteer)

    def recover_case(self, text: str) -> str:
        """``text`` with its capitals written back where it lost them (lower-cased or ALL-CAPS text, ALL-CAPS
        lines; the same length), else ``text`` itself: normally cased text is never changed."""
        return self.truecaser.recover(text) if casing.needs_recovery(text) else text

    @classmethod
    def load(cls, settings: Settings | None = None) -> Resources:
        """Load and check every data file; a bad file raises with its path and line number."""
        settings = settings or Settings()
        check_tables()
        return cls(
            dictionary=ActorDictionary.load(settings.dictionaries),
            gazetteer=Gazetteer.load(),
            lexicon=trigger_lexicon(settings.verb_dictionary),
            event_model=event_model(settings) if settings.event_model else None,
            event_check=EventCheck.load() if settings.event_check and not settings.event_model else None,
            min_confidence=settings.min_confidence,
        )


def trigger_lexicon(verb_dictionary: str = "all") -> Lexicon:
    """The shipped trigger lexicon with what the ``verb_dictionary`` setting takes of the CAMEO verb dictionary."""
    if verb_dictionary not in MODES:
        raise DictionaryError(f"the verb_dictionary setting is {verb_dictionary!r}; set it (EVENTWIRE_VERB_DICTIONARY) "
                              f"to one of {', '.join(MODES)}")
    return with_verb_dictionary(Lexicon.load(), verb_dictionary)


def event_model(settings: Settings) -> EventModel:
    """The shipped event model, with the settings' ``min_confidence`` when one is set (else the model's own,
    chosen by cross-validation on the training articles)."""
    model = EventModel.load()
    if settings.min_confidence is None:
        return model
    return model.with_thresholds(settings.min_confidence, model.propose)


def check_tables() -> None:
    """Read every shipped table the stages read on demand (word lists, time words, speech verbs, outlets, the
    CAMEO and PLOVER tables, place words), so that a bad row fails here, when the process starts."""
    check_words()
    time_words()
    speech_verbs()
    outlets()
    cameo.codes()
    cameo.behaviours()
    plover.crosswalk()
    place_words()
