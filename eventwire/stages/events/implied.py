"""Implied doers: who did an act the text reports without its doer, when the act's lexicon entry says whom
its agentless use implies (``implied_source`` in ``triggers.yaml``).

"Five men were arrested in Karachi" names no doer, but arrests are made by the police of the place: the
source is the Pakistani police (``PAKCOP``), with basis ``implied``. The sector is the entry's; the country,
nearest evidence first, that of the place a locative phrase of the act's own clause names, of the article's
dateline, then of the article's dominant country (named at least as often as all others together), when
the sentence names no place or actor of another country. The
places of other clauses of the sentence are not the act's ("he went to Syria, came home, and was arrested
here"). An attack whose doer the text never gives ("a patrol came under fire near Kandahar", entry sector
``UAF``) is by the unidentified armed force of the place it happened in, with basis ``unattributed``, and
only when its clause places it. Only an act reported as done implies a doer: not a denied, planned,
possible or conditional one, nor a state ("is detained in a camp"). A doer the text writes ("arrested by unknown men",
"came under fire from a tank") is never replaced by an implied one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Token

from ...ids import stable_id
from ...lexicons.entries import Kind
from ...models import Actor, CountryBasis, Offsets, Span
from ..actors.generic import clause_head, clause_words
from ..countries import most_named
from .arguments import Argument, agentless, resolve_all
from .frames import Match
from .inputs import Inputs
from .modality import modality_of
from .targets import elsewhere

UNATTRIBUTED = "UAF"
SECTOR_NAMES: Mapping[str, str] = {"COP": "police", "MIL": "military", "JUD": "judiciary", "GOV": "government",
                                   "SPY": "intelligence services", UNATTRIBUTED: "unidentified attackers"}
CERTAINTY: Mapping[CountryBasis, float] = {"clause": 0.85, "sentence": 0.8, "dateline": 0.75, "article": 0.7}
WRITTEN: frozenset[CountryBasis] = frozenset({"named", "adjective"})  # bases that count for the article's country
FROM_PREPS = frozenset({"from", "by"})
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within"})


def main_country(actors: Sequence[Actor]) -> str | None:
    """The article's dominant country: the one the mentions of its actors whose country the words give
    (named or written on them, not read off a place or the article) name most, when it has at least half
    of them (in a story of several countries an arrest may be any of theirs); the first named on a tie."""
    written = sorted((m.start, a.country) for a in actors if a.country and a.country_basis in WRITTEN
                     for m in a.mentions)
    return most_named((country for _, country in written), dominant=True)


def undergone_sources(trigger: Token, inputs: Inputs) -> list[Argument]:
    """Who did an act its subject underwent, by the phrase that says it: "came under fire from militants"."""
    return resolve_all(_doer_phrases(trigger), inputs.index)


def _doer_phrases(trigger: Token) -> list[Token]:
    """The objects of the "from" and "by" phrases of an act its subject underwent ("from a tank")."""
    return [o for p in trigger.children if p.dep_ in {"prep", "agent"} and p.lower_ in FROM_PREPS
            for o in p.children if o.dep_ == "pobj"]


def implied_sources(trigger: Token, match: Match, inputs: Inputs) -> list[Argument]:
    """The doer the entry implies for an act with none written, as the actor of its sector in the country
    of the act; none when the entry implies none, a doer is written, nothing places the act, or the act
    is not reported as done (a denied, planned or possible arrest implies nobody)."""
    sector = match.entry.implied_source
    undergone = "subject" in match.entry.target  # "came under fire": no doer unless "from" or "by" says one
    doerless = not _doer_phrases(trigger) if undergone else agentless(trigger)
    if sector is None or not doerless:
        return []
    if modality_of(trigger, inputs.lexicon.modality) != "asserted" or passive_state(trigger) \
            or conditional(trigger, inputs.lexicon.modality.conditional_marks):
        return []
    found = implied_country(trigger, inputs, local=sector == UNATTRIBUTED)
    if found is None:
        return []
    country, basis = found
    actor = sector_actor(country, sector, basis, inputs, trigger)
    return [Argument(actor, trigger.i, CERTAINTY[basis], basis="unattributed" if sector == UNATTRIBUTED else "implied")]


def owner_sources(trigger: Token, inputs: Inputs) -> list[Argument]:
    """The owner of the force an agentless passive moved, as the doer, for an entry that says so
    (``owner_source``): "UN peacekeepers were pulled out of Gorazde" -> the UN withdrew them. None for an
    active verb, a written doer, or a subject no actor owns."""
    if not agentless(trigger):
        return []
    subjects = [c for c in trigger.children if c.dep_ == "nsubjpass"]
    return [replace(a, basis="implied") for a in resolve_all(subjects, inputs.index)]


def implied_country(trigger: Token, inputs: Inputs, local: bool = False) -> tuple[str, CountryBasis] | None:
    """The country of an act with no doer written: the place its clause puts it in, and unless ``local``
    the dateline's and that of the article's dominant country. Another clause's place is not the act's
    ("he went to Syria, came home, and was arrested here")."""
    nearest = clause_place(trigger, inputs)
    if nearest is not None:
        return nearest, "clause"
    if local:
        return None
    scene = inputs.scene
    if scene.dateline:
        return scene.dateline, "dateline"
    sentence = Offsets(trigger.sent.start_char, trigger.sent.end_char)
    if scene.main is None or elsewhere(sentence, scene.main, inputs):  # "US citizens convicted (in Egypt) ..."
        return None
    return scene.main, "article"


def clause_place(trigger: Token, inputs: Inputs) -> str | None:
    """The country of the place nearest the trigger that a locative phrase of its own clause names ("were
    arrested in Karachi"); not one of a clause inside it or a verb beside it ("arrested and extradited to
    Macedonia")."""
    doc, sentence = inputs.doc, trigger.sent
    words = {t.i for t in clause_words(clause_head(trigger))}
    found: list[tuple[int, str]] = []
    for place in (p for p in inputs.places if p.country and sentence.start_char <= p.start < sentence.end_char):
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and root.i in words and _locative(root):
            found.append((abs(root.i - trigger.i), place.country or ""))
    return min(found)[1] if found else None


def _locative(word: Token) -> bool:
    """A place word a locative preposition introduces ("in Karachi", "near the town of Lahore")."""
    for _ in range(3):
        if word.dep_ == "pobj" and word.head.lower_ in LOCATIVE:
            return True
        word = word.head
    return False


def conditional(trigger: Token, marks: frozenset[str]) -> bool:
    """Whether the act is inside a condition, also through coordinated verbs with auxiliaries of their own
    ("if she made it back and was charged and convicted")."""
    return any(c.dep_ == "mark" and c.lower_ in marks for t in (trigger, *trigger.ancestors) for c in t.children)


def passive_state(trigger: Token) -> bool:
    """A passive in the present or the progressive that reports a state, not an act ("their father is
    detained in a camp", "women who were being detained in a camp")."""
    return any(c.dep_ == "auxpass" and (c.tag_ in {"VBZ", "VBP", "VBG"} or c.lower_ == "being")
               for c in trigger.children)


def sector_actor(country: str, sector: str, basis: CountryBasis, inputs: Inputs, trigger: Token) -> Actor:
    """The article's actor of ``sector`` in ``country`` ("Pakistani police" named elsewhere in it), or one
    standing for it, mentioned at the trigger."""
    code = country + sector
    for actor in inputs.index.actors:
        if actor.code == code and actor.kind != "person":
            return actor
    adjective = inputs.scene.adjectives.get(country, country)
    name = SECTOR_NAMES.get(sector, sector)
    kind: Kind = "group" if sector == UNATTRIBUTED else "organisation"
    name = name if sector == UNATTRIBUTED else f"{adjective} {name}"
    return Actor(id=stable_id("ac", country, sector), name=name, code=code, country=country, sectors=(sector,),
                 kind=kind, mentions=(Span(trigger.idx, trigger.idx + len(trigger.text), trigger.text),),
                 country_basis=basis)
