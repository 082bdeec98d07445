"""The event coder: CAMEO and PLOVER events from trigger words and the dependency parse.

For every word of a sentence, :meth:`Lexicon.match` picks the trigger-lexicon entry whose frame fits
best (``impose`` + ``sanctions`` + ``on``: 163; ``threaten`` + a ``to``-clause of ``attack``: 138).
:mod:`.arguments` reads its sources and targets off the parse, :mod:`.modality` its modality, and
:func:`find_events` emits one :class:`~eventwire.models.Event` per (source, code, target, clause).

No event without evidence: an event needs a source actor tied to text in its own clause (directly
or through a coreference mention). A target that cannot be tied to the clause is ``None``; a group
of a country that protests, coerces or fights nobody named acts on its own country (:func:`home_target`),
and so does a body of a country whose act has an object naming nobody in a passage naming no other
country (:func:`internal_target`: "the Chilean court rejected the appeal"). The source is never its
own target ("reneged on its promise to Peru" targets Peru).

Confidence is ``entry strength × source certainty × target certainty``: an argument found in its
own slot on a word an actor mention covers has certainty 1; reached through the grammar (a
``to``-clause, a relative clause, a light verb) 0.85; named by a modifier of the phrase (``Iranian
targets``) 0.9; a visited place standing for its country 0.85; a missing target 0.9.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..errors import DictionaryError
from ..ids import stable_id
from ..models import Actor, Event, EventDate, Offsets, Place, Quote, Span, Timex
from ..ontology.cameo import lookup
from ..ontology.plover import for_cameo
from ..settings import data_path
from . import arguments as args
from .index import ActorIndex, ref
from .modality import ModalityCues, clause_verb, modality_of
from .places.location import event_location
from .time.dates import event_date

ENTRY_FIELDS = frozenset(
    {"lemma", "pos", "code", "intended", "particle", "object", "unless_object", "modifier", "complement",
     "clause_modal", "target", "place_target", "reciprocal", "strength", "group_source", "state_code"}
)
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dative"})
MISSING_TARGET = 0.9
PLACE_TARGET = 0.85
NESTED_TARGET = 0.85  # a target one phrase deeper than its slot ("demanded a ceasefire with the rebels")
LOCATED_TARGET = MISSING_TARGET  # the country of the place an act happened in: as likely as no target
SUBORDINATE = 0.85  # per subordinate link between the trigger and the sentence's main clause
SUBORDINATE_DEPS = frozenset({"advcl", "acl", "relcl", "prep", "pobj", "pcomp", "npadvmod", "amod", "nsubj",
                              "nsubjpass", "dobj", "attr", "appos", "compound", "poss"})
MODALITY_WEIGHT = {"hypothetical": 0.7}
NEWS_WINDOW_DAYS = 7  # a carried date must lie this close to publication
CLAUSE_SLOTS = ("object", "to", "with", "on", "against")  # targets of an absorbed clause with no entry
LOCATED_ROOTS = frozenset({"09", "14", "15", "16", "17", "18", "19", "20"})  # acts on a place: inquiry, protest, cuts, force
ADDRESSED_ROOTS = frozenset({"02", "04", "10", "11", "12"})  # said to someone: "summoned X to complain"
PURPOSE_ROOTS = frozenset({"13", "14"})  # a threat or protest aimed by its purpose or condition clause
UNATTRIBUTED_ROOTS = frozenset({"18", "19", "20"})  # an attack is an event even when nobody claims it
UNATTRIBUTED_PREPS = frozenset({"in", "at", "inside", "near", "outside", "across", "throughout"})
SPEECH_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})  # said or offered by someone
CONTENT_ROOTS = frozenset({"02", "10", "12", "13"})  # appeals, demands, refusals, threats: their clause is content
REFUSAL_ROOTS = frozenset({"12"})  # a refused demand or offer was still made: only refused acts are content
SPOKEN_ROOTS = frozenset({"01", "02", "03", "10", "11", "13"})  # statements, appeals, offers, demands, accusations, threats
PROTEST_ROOTS = frozenset({"14"})
DEMAND_ROOTS = frozenset({"10"})
ASKED_ROOTS = frozenset({"02", "10"})  # an appeal or demand is made to whom its content asks to act
DOMESTIC_ROOTS = frozenset({"14", "17", "18", "19", "20"})  # acts a group may turn on its own country
INTERNAL_ROOTS = frozenset({"08", "10", "11", "12", "15", "16"})  # acts a state body may do at home
BACKGROUND_MARKS = frozenset({"after", "before", "since", "when", "as", "while", "until"})
TOGETHER = frozenset({"alongside", "together", "jointly"})
LOCATIVE_PREPS = frozenset({"in", "into", "at", "inside", "across", "throughout"})
SENT_TO = LOCATIVE_PREPS | {"to"}  # where those an act serves were sent ("dispatched monitors to Tacna to investigate")
SAME_TIME = frozenset({"when", "as"})
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
FOREIGN_WORDS = frozenset({"foreign", "international", "outside", "overseas", "western", "external"})


@dataclass(frozen=True)
class Entry:
    """One trigger frame of the lexicon (see ``eventwire/data/triggers.yaml`` for the fields)."""

    lemma: str
    code: str
    pos: str = "verb"
    intended: str | None = None
    particle: str | None = None
    object: frozenset[str] = frozenset()
    unless_object: frozenset[str] = frozenset()  # objects that rule the frame out; "*": any object
    modifier: frozenset[str] = frozenset()
    complement: bool | frozenset[str] = False
    clause_modal: frozenset[str] = frozenset()
    target: tuple[str, ...] = ("object",)
    place_target: bool = False
    reciprocal: bool = False
    strength: float = 0.8
    group_source: bool = False  # only a crowd, a group or a movement does it ("demonstrate", "rally")
    state_code: str | None = None  # the code when a state or its government or forces does it ("a Chilean strike")

    @property
    def specificity(self) -> int:
        """How many conditions the frame sets: the most specific matching entry wins."""
        complement = 2 if isinstance(self.complement, frozenset) else int(bool(self.complement))
        conditions = (self.particle is not None, bool(self.object), bool(self.modifier), bool(self.clause_modal))
        return sum(conditions) + complement


@dataclass(frozen=True)
class Match:
    """A word that matched an entry, with the words its frame took (indices into the Doc)."""

    entry: Entry
    trigger: int
    particle: int | None = None
    object: int | None = None
    complement: int | None = None


@dataclass(frozen=True)
class Lexicon:
    """The trigger lexicon: entries by lemma, light verbs, frame prepositions, modality cues."""

    entries: tuple[Entry, ...]
    light_verbs: frozenset[str]
    frame_preps: frozenset[str]
    modality: ModalityCues
    intent_codes: Mapping[str, str] = field(default_factory=dict, compare=False)
    refusal_codes: Mapping[str, str] = field(default_factory=dict, compare=False)
    table: Mapping[tuple[str, str], tuple[Entry, ...]] = field(default_factory=dict, compare=False, repr=False)
    _seen: dict[tuple[str, str, str], tuple[Entry, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Lexicon":
        """The package lexicon, or a user's file in the same format; loaded once per path."""
        return _load(str(path) if path is not None else str(data_path("triggers.yaml")))

    def candidates(self, token: Token) -> list[Entry]:
        """The entries whose lemma and part of speech fit ``token``."""
        predicative = token.pos_ == "ADJ" and token.dep_ == "acomp" and _participle(token)  # "is opposed", not "are free"
        pos = "noun" if token.pos_ in {"NOUN", "PROPN"} else "verb" if token.pos_ == "VERB" or predicative else None
        if pos is None or (pos == "noun" and token.dep_ == "compound"):  # "aid worker", "protest movement"
            return []
        key = (pos, token.lower_, token.lemma_)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) > 200_000:  # a long-running server meets many words
                self._seen.clear()
            forms = sorted(args.word_forms(token))
            found = self._seen[key] = tuple(dict.fromkeys(e for f in forms for e in self.table.get((pos, f), ())))
        return list(found)

    def code_for(self, entry: Entry, modality: str) -> tuple[str, str]:
        """The code and modality an event takes: intended events take their intent code, and a negated
        cooperative event becomes the refusal it reports, asserted (``did not accept`` -> reject)."""
        if modality == "intended":
            return entry.intended or _by_prefix(self.intent_codes, entry.code) or entry.code, modality
        if modality == "negated":
            refusal = _by_prefix(self.refusal_codes, entry.code)
            return (refusal, "asserted") if refusal else (entry.code, modality)
        return entry.code, modality

    def match(self, token: Token) -> Match | None:
        """The most specific entry whose frame fits ``token`` in its sentence, if any (then the strongest,
        then one written for the word's own form: "opposed" before "oppose")."""
        found = [m for m in (_fit(e, token) for e in self.candidates(token)) if m is not None]
        if not found:
            return None
        return max(found, key=lambda m: (m.entry.specificity, m.entry.strength, m.entry.lemma == token.lower_))


def _participle(token: Token) -> bool:
    return token.tag_ == "VBN" or token.lower_.endswith("ed")


def _by_prefix(table: Mapping[str, str], code: str) -> str | None:
    """The value for ``code``, else for its 3-digit parent, else for its root."""
    return next((table[key] for key in (code, code[:3], code[:2]) if key in table), None)


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it


@lru_cache(maxsize=8)
def _load(path: str) -> Lexicon:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DictionaryError(f"cannot read the trigger lexicon {path}: {exc}") from exc
    return parse_lexicon(data, path)


def _by_lemma(entries: Sequence[Entry]) -> Mapping[tuple[str, str], tuple[Entry, ...]]:
    table: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        table.setdefault((entry.pos, entry.lemma), []).append(entry)
    return MappingProxyType({key: tuple(value) for key, value in table.items()})


def parse_lexicon(data: Any, where: str = "lexicon") -> Lexicon:
    """Validate a loaded lexicon mapping and build a :class:`Lexicon`; errors name the entry."""
    if not isinstance(data, Mapping) or not isinstance(data.get("triggers"), list):
        raise DictionaryError(f"{where}: expected a mapping with a 'triggers' list (see docs/events.md)")
    entries = tuple(parse_entry(raw, f"{where}: triggers[{n}]") for n, raw in enumerate(data["triggers"]))
    try:
        cues = ModalityCues.from_mapping(data.get("modality") or {}, f"{where}: modality")
    except ValueError as exc:
        raise DictionaryError(str(exc)) from exc
    return Lexicon(
        entries=entries,
        light_verbs=_words(data.get("light_verbs", []), f"{where}: light_verbs"),
        frame_preps=_words(data.get("frame_preps", []), f"{where}: frame_preps"),
        modality=cues,
        intent_codes=_intent_codes(data.get("intent_codes", {}), f"{where}: intent_codes"),
        refusal_codes=_intent_codes(data.get("refusal_codes", {}), f"{where}: refusal_codes"),
        table=_by_lemma(entries),
    )


def _intent_codes(value: Any, where: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise DictionaryError(f"{where}: expected a mapping of quoted CAMEO codes or roots to codes (\"04\": \"036\")")
    return MappingProxyType(dict(value))


def _words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(f"{where}: expected a list of words (quote \"on\", \"off\", \"no\", \"yes\")")
    return frozenset(v.lower() for v in value)


def _check_entry(raw: Any, where: str) -> str:
    """Raise a DictionaryError naming the entry if a field is malformed; return the entry's label."""
    if not isinstance(raw, Mapping):
        raise DictionaryError(f"{where}: expected a mapping like {{lemma: attack, code: \"190\"}}")
    label = f"{where} ({raw.get('lemma', '?')})"
    unknown = sorted(set(raw) - ENTRY_FIELDS)
    if unknown:
        raise DictionaryError(f"{label}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(ENTRY_FIELDS))}")
    for name in ("lemma", "code"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise DictionaryError(f"{label}: '{name}' must be a non-empty string (quote codes: code: \"051\")")
    for name in ("code", "intended", "state_code"):
        value = raw.get(name)
        if value is not None and (not isinstance(value, str) or not value.isdigit() or not 3 <= len(value) <= 4):
            raise DictionaryError(f"{label}: '{name}' must be a CAMEO code of 3 or 4 digits in quotes, not {value!r}")
    if raw.get("pos", "verb") not in {"verb", "noun"}:
        raise DictionaryError(f"{label}: 'pos' must be verb or noun, not {raw.get('pos')!r}")
    if "particle" in raw and not isinstance(raw["particle"], str):
        raise DictionaryError(f"{label}: 'particle' must be a word, not {raw['particle']!r} (quote \"on\", \"off\")")
    strength = raw.get("strength", 0.8)
    if isinstance(strength, bool) or not isinstance(strength, (int, float)) or not 0 < strength <= 1:
        raise DictionaryError(f"{label}: 'strength' must be a number in (0, 1], not {strength!r}")
    return label


def parse_entry(raw: Any, where: str) -> Entry:
    """One entry, checked field by field."""
    label = _check_entry(raw, where)
    strength = raw.get("strength", 0.8)
    return Entry(
        lemma=raw["lemma"].lower(),
        code=raw["code"],
        pos=raw.get("pos", "verb"),
        intended=raw.get("intended"),
        particle=raw.get("particle"),
        object=_words(raw.get("object", []), f"{label}: object"),
        unless_object=_words(raw.get("unless_object", []), f"{label}: unless_object"),
        modifier=_words(raw.get("modifier", []), f"{label}: modifier"),
        complement=_complement(raw.get("complement", False), label),
        clause_modal=_words(raw.get("clause_modal", []), f"{label}: clause_modal"),
        target=tuple(_words_list(raw.get("target", ["object"]), f"{label}: target")),
        place_target=bool(raw.get("place_target", False)),
        reciprocal=bool(raw.get("reciprocal", False)),
        strength=float(strength),
        group_source=bool(raw.get("group_source", False)),
        state_code=raw.get("state_code"),
    )


def _words_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(
            f"{where}: expected a list of slot names (object, dative or a preposition; quote \"on\" and \"off\")"
        )
    return [v.lower() for v in value]


def _complement(value: Any, label: str) -> bool | frozenset[str]:
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return frozenset(v.lower() for v in value)
    raise DictionaryError(f"{label}: 'complement' must be true, false or a non-empty list of verb lemmas")


def _fit(entry: Entry, token: Token) -> Match | None:
    """A match when every condition of the entry's frame holds around ``token``."""
    particle = _child(token, PARTICLE_DEPS, lambda c: c.lower_ == entry.particle) if entry.particle else None
    if entry.particle and particle is None:
        return None
    obj = None
    if entry.unless_object and _ruled_out(token, entry.unless_object):
        return None
    if entry.object:
        deps = {"nsubjpass"} if args.is_passive(token) else {"dobj"}
        obj = _event_noun(_child(token, deps, lambda c: True), entry.object)
        if obj is None:
            return None
    modified = token if obj is None or entry.pos == "noun" else obj  # "impose martial law": the law is martial
    if entry.modifier and _child(modified, {"compound", "amod", "nmod"}, lambda c: c.lemma_.lower() in entry.modifier) is None:
        return None
    comp = None
    if entry.clause_modal:
        comp = _child(token, {"ccomp"}, lambda c: any(a.dep_ == "aux" and a.lower_ in entry.clause_modal for a in c.children))
        if comp is None:
            return None
    if entry.complement:
        deps = {"acl", "ccomp"} if entry.pos == "noun" else {"xcomp", "ccomp"}
        if entry.pos == "verb" and isinstance(entry.complement, frozenset):
            deps = {*deps, "advcl"}  # "have sworn to fight" is often parsed as a purpose clause
        any_clause = entry.pos == "noun" or entry.complement is True
        comp = _child(token, deps, lambda c: c.pos_ in {"VERB", "AUX"} and (any_clause or _is_to_clause(c)))
        if comp is None and entry.pos == "noun":
            comp = _shifted_clause(token)
        wanted = entry.complement
        if comp is None or (isinstance(wanted, frozenset) and "*" not in wanted and comp.lemma_.lower() not in wanted):
            return None
    return Match(entry, token.i, _i(particle), _i(obj), _i(comp))


def _shifted_clause(noun: Token) -> Token | None:
    """The that-clause of an object noun, parsed as its verb's ("restated its demand on Monday that Peru
    pull back")."""
    if noun.dep_ != "dobj":
        return None
    return _child(noun.head, {"ccomp"}, lambda c: c.i > noun.i and c.pos_ in {"VERB", "AUX"}
                  and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))


def _ruled_out(token: Token, objects: frozenset[str]) -> bool:
    """Whether the verb's direct object (a passive's subject) is one that gives the word another
    sense ("released a statement", "figures were released", "demonstrated its power"); for any
    object (``*``), a clause counts too ("demonstrated that it can ...")."""
    passive = args.is_passive(token)
    if "*" in objects and any(c.dep_ == "ccomp" for c in token.children):  # "demonstrated that it can ..."
        return True
    direct = [c for c in token.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if passive and token.dep_ == "acl":  # "the summary released by the OPCW"
        direct.append(token.head)
    return any("*" in objects or c.lemma_.lower() in objects or c.lower_ in objects for c in direct)


def _event_noun(obj: Token | None, lemmas: frozenset[str]) -> Token | None:
    """The object if it or its modifier is one of ``lemmas`` ("peacekeeping force"), the noun of a
    measure ("tons of aid", "part of the aid"), or a conjunct ("launched mortar and rocket fire")."""
    if obj is None:
        return None
    if "*" in lemmas or obj.lemma_.lower() in lemmas or obj.lower_ in lemmas:
        return obj
    conjunct = next((c for c in obj.conjuncts if c.i > obj.i and (c.lemma_.lower() in lemmas or c.lower_ in lemmas)), None)
    if conjunct is not None:
        return conjunct
    if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in lemmas for c in obj.children):
        return obj
    for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
        inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if inner is not None and (inner.lemma_.lower() in lemmas or inner.lower_ in lemmas):
            return inner
    return None


def _is_to_clause(verb: Token) -> bool:
    return verb.dep_ == "xcomp" or args.is_infinitive(verb)


def _child(token: Token, deps: set[str] | frozenset[str], test: Any) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps and test(c)), None)


def _i(token: Token | None) -> int | None:
    return token.i if token is not None else None


def find_events(
    doc: Doc,
    index: ActorIndex,
    lexicon: Lexicon,
    *,
    quotes: Sequence[Quote],
    timexes: Sequence[Timex],
    places: Sequence[Place],
    published: str | None,
    article_id: str,
) -> list[Event]:
    """Every event in the article, sentence by sentence, in text order: one per (source, code, target,
    clause), the most confident when two triggers of a clause say the same ("visiting", "visit")."""
    best: dict[tuple, Event] = {}
    index = args.ArgumentIndex(index.actors, place_actors(places, index))
    for sentence in doc.sents:
        for match in sentence_matches(sentence, lexicon):
            clause = clause_offsets(doc[match.trigger])
            for event in code_match(doc, match, index, lexicon, quotes, timexes, places, published, article_id):
                key = (event.source.actor if event.source else None, event.cameo.code,
                       event.target.actor if event.target else None, clause)
                if key not in best or event.confidence > best[key].confidence:
                    best[key] = event
    return sorted(without_repeats(list(best.values())), key=lambda e: e.trigger.start)


def without_repeats(events: Sequence[Event]) -> list[Event]:
    """The events without a targetless one whose source did the same kind of act to a named target in
    the same sentence ("arrived on a visit to Amman": the visit has the target, the arrival none)."""
    def act(e: Event) -> tuple:
        return e.sentence, e.source.actor if e.source else None, e.plover.type

    targeted = {act(e) for e in events if e.target}
    return [e for e in events if e.target or act(e) not in targeted]


def sentence_matches(sentence: SpacySpan, lexicon: Lexicon) -> list[Match]:
    """The trigger matches of one sentence, without the words another frame absorbed and without the
    acts that are only the content of another: what is demanded, urged, refused or threatened
    ("threatened to call a national strike unless ...") and the demands a protest is held for
    ("rallied to demand reforms": a protest, not a protest and a demand)."""
    matches = [m for m in (lexicon.match(t) for t in sentence) if m is not None]
    absorbed = {i for m in matches for i in (m.object, m.complement) if i is not None}
    demands: set[int] = set()
    refused: set[int] = set()
    doc = sentence.doc
    for m in matches:
        root = entry_root(m.entry)
        if m.complement is not None and root in CONTENT_ROOTS:
            absorbed |= content_words(doc[m.complement])
        if root in CONTENT_ROOTS and not args.word_forms(doc[m.trigger]) & lexicon.light_verbs:  # "ordered a strike"
            (refused if root in REFUSAL_ROOTS else absorbed).update(t.i for t in asked_for(doc[m.trigger]))
        if root in PROTEST_ROOTS:
            demands |= {t.i for t in purpose_clauses(doc[m.trigger], lexicon.light_verbs)}
    return [m for m in matches if m.trigger not in absorbed
            and not (m.trigger in demands and entry_root(m.entry) in DEMAND_ROOTS)
            and not (m.trigger in refused and entry_root(m.entry) not in SPOKEN_ROOTS)]


def asked_for(trigger: Token) -> list[Token]:
    """The acts an appeal, demand, refusal or threat names as its object ("demanded talks with the
    Council", "opposed to Bolivian arbitration"): the object nouns, not what they say in turn."""
    heads = [c for c in trigger.children if c.dep_ == "dobj"] or [  # "called for talks", "opposed to ..."
        o for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"to", "for"} for o in p.children if o.dep_ == "pobj"]
    return [w for h in heads for w in (h, *h.conjuncts)]


def content_words(complement: Token) -> set[int]:
    """The words of a complement clause, without the relative clauses in it (which say what happened,
    not what is asked: "demanded the release of the activists who were arrested in Tacna")."""
    words, stack = set(), [complement]
    while stack:
        token = stack.pop()
        words.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in {"relcl", "acl"})
    return words


def purpose_clauses(trigger: Token, light_verbs: frozenset[str]) -> list[Token]:
    """The verbs of the purpose clauses of an act ("staged rallies to demand ...", "rioted, demanding
    ..."), found on the trigger or on the light verb whose object it is."""
    heads = [trigger]
    if _light_verb_object(trigger, light_verbs):
        heads.append(trigger.head)
    return [c for h in heads for c in h.children
            if c.dep_ in {"advcl", "xcomp"} and (args.is_infinitive(c) or c.tag_ == "VBG")]


def code_match(
    doc: Doc,
    match: Match,
    index: ActorIndex,
    lexicon: Lexicon,
    quotes: Sequence[Quote],
    timexes: Sequence[Timex],
    places: Sequence[Place],
    published: str | None,
    article_id: str,
) -> list[Event]:
    """The events one trigger match gives: one per (source, target) pair it has evidence for."""
    trigger = doc[match.trigger]
    entry = match.entry
    if entry_root(entry) in SPEECH_ROOTS and said_by_an_event(trigger, lexicon):
        return []
    sources = args.sources(trigger, index, lexicon.light_verbs, lexicon.frame_preps, stative=is_stative(match, trigger))
    if not sources and entry_root(entry) in UNATTRIBUTED_ROOTS:
        sources = unattributed_sources(trigger, index, places)
    if entry.group_source:  # "Trump demonstrates daily" shows; it is no protest
        sources = [s for s in sources if is_crowd(s, doc)]
    if not sources:
        return []
    if entry.state_code and all(is_official(s.actor) for s in sources):  # "a Chilean strike killed ten"
        entry = replace(entry, code=entry.state_code)
    parties = entry.reciprocal and len({s.actor.id for s in sources}) > 1  # "X and Y met": each other's target
    alone = frozenset(s.actor.id for s in sources) if len(sources) == 1 else frozenset()  # several: each other's
    targets = find_targets(doc, match, index, places, lexicon, only_slots=parties, exclude=alone)
    if entry.clause_modal and not targets:  # "said relations should not depend on ...": an opinion, no demand
        return []
    code, modality = lexicon.code_for(entry, modality_of(trigger, lexicon.modality))
    pairs = argument_pairs(sources, targets, entry.reciprocal and not side_by_side(trigger))
    if entry_root(entry) in DOMESTIC_ROOTS:
        pairs = [(source, target or home_target(source, trigger, match, index, places)) for source, target in pairs]
    elif entry_root(entry) in INTERNAL_ROOTS:
        pairs = [(source, target or internal_target(source, trigger, match, index, places)) for source, target in pairs]
    clause = clause_offsets(trigger)
    sentence = Offsets(trigger.sent.start_char, trigger.sent.end_char)
    carries = modality == "asserted" and clause_verb(trigger).tag_ == "VBD"
    previous = Offsets(previous_sentence_start(trigger.sent) if carries else sentence.start, sentence.end)
    span = trigger_span(doc, match)
    weight = entry.strength * clause_weight(trigger, lexicon.light_verbs) * MODALITY_WEIGHT.get(modality, 1.0)
    context = _Context(code, modality, clause, sentence, span, weight, previous)
    return [
        build_event(context, source, target, article_id, quotes, timexes, places, published, doc)
        for source, target in pairs
    ]


@dataclass(frozen=True)
class _Context:
    code: str
    modality: str
    clause: Offsets
    sentence: Offsets
    trigger: Span
    strength: float
    previous: Offsets  # from the previous sentence's start (for a simple past event) to this one's end


def is_crowd(source: args.Argument, doc: Doc) -> bool:
    """Whether a source can demonstrate or rally: a group or people, a party or movement; not one person,
    a state or a state body."""
    actor, word = source.actor, doc[source.token]
    if source.group or actor.kind == "group" or word.tag_ in {"NNS", "NNPS"} or word.pos_ == "NUM":
        return True
    return actor.kind == "organisation" and not OFFICIAL_SECTORS & set(actor.sectors)


def is_official(actor: Actor) -> bool:
    """A state, or its government or forces."""
    return actor.kind == "state" or bool({"GOV", "MIL"} & set(actor.sectors))


def said_by_an_event(trigger: Token, lexicon: Lexicon) -> bool:
    """A verb of saying whose subject is an act ("an air raid threatened the convoy"): the
    act endangers, nobody threatens."""
    if trigger.pos_ not in {"VERB", "AUX"}:
        return False
    subject, _ = args.verb_source(trigger)
    return subject is not None and subject.pos_ == "NOUN" and bool(lexicon.candidates(subject))


def is_stative(match: Match, trigger: Token) -> bool:
    """A participle matched by an entry written for the participle itself ("opposed"): an adjective,
    not a passive ("Israel is opposed to the plan")."""
    return match.entry.lemma == trigger.lower_ != trigger.lemma_.lower()


def find_targets(
    doc: Doc, match: Match, index: ActorIndex, places: Sequence[Place], lexicon: Lexicon, only_slots: bool = False,
    exclude: frozenset[str] = frozenset(),
) -> list[args.Argument]:
    """The targets in the entry's slots: the first slot naming an actor, else a visited place's country,
    else (unless ``only_slots``) a party named deeper in the clause; never the actors in ``exclude``
    (the sources)."""
    trigger = doc[match.trigger]
    anchors = [doc[i] for i in (match.trigger, match.particle, match.object) if i is not None]
    anchors += [c for c in trigger.children if c.dep_ == "dobj" and c.i != match.object]
    anchors += shared_object_verbs(trigger)
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "nsubjpass"}:
        if args.word_forms(trigger.head) & lexicon.light_verbs:
            anchors.append(trigger.head)
    groups = args.target_slots(trigger, match.entry.target, anchors)
    if match.complement is not None and trigger.pos_ == "NOUN" and entry_root(match.entry) in ASKED_ROOTS:
        groups.insert(0, [c for c in doc[match.complement].children if c.dep_ == "nsubj"])  # "a demand that Peru ..."
    found = args.first_resolved(groups, index, exclude=exclude)
    if not found and match.entry.place_target:
        found = place_targets([t for group in groups for t in group], index, places)
    if found or only_slots:
        return found
    if match.complement is not None:
        found = clause_targets(doc[match.complement], index, lexicon, exclude)
    if not found and match.entry.target:
        inner = [doc[match.complement]] if match.complement is not None else []
        phrases = [*anchors, *(t for g in groups for t in g), *inner, *(c for i in inner for c in i.children if c.dep_ == "dobj")]
        found = args.resolve_all(args.nested_objects(phrases), index, NESTED_TARGET, exclude)
    if not found and entry_root(match.entry) in ADDRESSED_ROOTS:
        found = args.resolve_all(args.served_object(trigger), index, NESTED_TARGET, exclude)
    if not found and entry_root(match.entry) in PURPOSE_ROOTS:
        found = args.resolve_all(args.purpose_parties(trigger), index, NESTED_TARGET, exclude)
    if not found and entry_root(match.entry) in LOCATED_ROOTS:
        found = place_targets(located_words(place_anchors(trigger, anchors[:3])), index, places, LOCATED_TARGET)
    if not found and entry_root(match.entry) in LOCATED_ROOTS and args.served_object(trigger):
        found = place_targets(located_words([trigger.head], SENT_TO), index, places, LOCATED_TARGET)
    return found


def place_anchors(trigger: Token, anchors: Sequence[Token]) -> list[Token]:
    """The words whose locative phrases place an act: the trigger and its object, the verb an act noun
    hangs on ("engaged in looting in Tacna", "stayed on alert in Arica") and a clause that says when
    it happened ("killed twelve when they bombed a market in Lima")."""
    words = list(anchors)
    head = trigger.head
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and head.head.pos_ in {"VERB", "AUX"}:
        words.append(head.head)
    elif trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        words.append(head)
    words += [c for c in trigger.children if c.dep_ == "advcl"
              and any(m.dep_ in {"advmod", "mark"} and m.lower_ in SAME_TIME and m.i < c.i for m in c.children)]
    return words


def shared_object_verbs(trigger: Token) -> list[Token]:
    """A later coordinated verb, and its object, when the trigger has no object of its own: they share
    it ("donated and shipped medicine to Tacna")."""
    if trigger.pos_ != "VERB" or any(c.dep_ in {"dobj", "prep", "dative"} for c in trigger.children):
        return []
    verbs = [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return [*verbs, *(o for v in verbs for o in v.children if o.dep_ == "dobj")]


def entry_root(entry: Entry) -> str:
    return entry.code[:2]


def located_words(anchors: Sequence[Token], preps: frozenset[str] = LOCATIVE_PREPS) -> list[Token]:
    """The words of the places where an act happened ("rioted in Dili", "blocked roads in the city of
    Lyon"): the objects of locative prepositions (or of ``preps``) on the trigger or its object."""
    found = []
    for anchor in anchors:
        for prep in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ in preps):
            found += [t for p in _objects_of(prep) for t in p.subtree]
        if anchor.dep_ in {"dobj", "nsubjpass"} or anchor.pos_ == "VERB":
            found += [t for c in anchor.children if c.dep_ == "dobj" for p in c.children
                      if p.dep_ == "prep" and p.lower_ in preps for t in p.subtree]
    return found


def _objects_of(prep: Token) -> list[Token]:
    """The objects of a preposition, also of a two-word one ("outside of the city")."""
    inner = [q for q in prep.children if q.dep_ == "prep"]
    return [p for head in (prep, *inner) for p in head.children if p.dep_ == "pobj"]


def clause_targets(verb: Token, index: ActorIndex, lexicon: Lexicon, exclude: frozenset[str] = frozenset()
                   ) -> list[args.Argument]:
    """The targets of the clause a complement frame absorbed ("promised to send aid to Mozambique")."""
    inner = lexicon.match(verb)
    slots = inner.entry.target if inner else CLAUSE_SLOTS
    anchors = [verb, *([verb.doc[inner.object]] if inner and inner.object is not None else [])]
    groups = args.target_slots(verb, slots, anchors)
    found = args.first_resolved(groups, index, args.INHERITED, exclude)
    if not found:  # "refused to commit to any assistance to the Chilean-led war": one phrase deeper
        phrases = [*anchors, *(t for group in groups for t in group)]
        nested = [[o] for o in args.nested_objects(phrases)]
        found = args.first_resolved(nested, index, args.INHERITED * NESTED_TARGET, exclude)
    return found


def place_targets(
    tokens: Sequence[Token], index: ActorIndex, places: Sequence[Place], certainty: float = PLACE_TARGET
) -> list[args.Argument]:
    """Countries of the places filling a target slot, as the state actor of that country."""
    found: dict[str, args.Argument] = {}
    for token in tokens:
        for word in (token, *token.conjuncts, *name_words(token)):
            place = next((p for p in places if p.start <= word.idx < p.end and p.country), None)
            if place is not None and place.country not in found:
                found[place.country] = args.Argument(country_actor(place, index), word.i, certainty, basis="place")
    return list(found.values())


def name_words(token: Token) -> list[Token]:
    """The words a name is compounded of, outermost first ("Tacna" in "Tacna University Medical School")."""
    words, stack = [], [c for c in token.children if c.dep_ == "compound"]
    while stack:
        word = stack.pop(0)
        words.append(word)
        stack += [c for c in word.children if c.dep_ == "compound"]
    return words


def place_actors(places: Sequence[Place], index: ActorIndex) -> list[Actor]:
    """One record per place with a country: the country's state actor, mentioned at the place."""
    return [replace(country_actor(p, index), mentions=(Span(p.start, p.end, p.text),)) for p in places if p.country]


def country_actor(place: Place, index: ActorIndex) -> Actor:
    """The article's state actor for the place's country, or a state actor standing for it."""
    return state_actor(place.country or "", index, Span(place.start, place.end, place.text))


def state_actor(country: str, index: ActorIndex, mention: Span) -> Actor:
    """The article's state actor of ``country``, or a state actor standing for it, mentioned at ``mention``."""
    for actor in index.actors:
        if actor.kind == "state" and actor.country == country:
            return actor
    return Actor(id=stable_id("ac", country), name=country, code=country, country=country, sectors=(), kind="state",
                 mentions=(mention,))


def _is_weapon(token: Token) -> bool:
    return token.lemma_.lower() in args.WEAPONS or token.lower_ in args.WEAPONS


def _weapon_of(trigger: Token) -> Token | None:
    """The weapon or blast that did an act: its doer ("a bomb killed"), or, with no doer, the object
    of "in", "by" or "from" on the verb ("were killed in a car bomb explosion")."""
    doer, _ = args.verb_source(trigger)
    if doer is not None:
        return doer if _is_weapon(doer) else None
    preps = [c for c in trigger.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"in", "by", "from"}]
    return next((t for prep in preps for t in _objects_of(prep) if _is_weapon(t)), None)


def unattributed_sources(trigger: Token, index: ActorIndex, places: Sequence[Place]) -> list[args.Argument]:
    """Unidentified attackers in the country an attack happened in, when a weapon or blast did it
    and nobody is named ("a car bombing in central Baghdad killed three", "were killed by a roadside
    bomb outside Kandahar"): the group ``<country>UAF``, certainty as for a located target. Without a
    weapon ("thousands have died in the war") it is no event: that is a toll, not an attack."""
    if trigger.pos_ not in {"VERB", "AUX"}:  # a noun ("the attack in Paris") often recalls an older event
        return []
    weapon = _weapon_of(trigger)
    if weapon is None:
        return []
    words = located_words([trigger, weapon], UNATTRIBUTED_PREPS) + list(weapon.subtree)
    countries = place_targets(words, index, places, LOCATED_TARGET)
    if not countries or countries[0].actor.country is None:
        return []
    country = countries[0].actor.country
    attackers = Actor(id=stable_id("ac", country, "UAF"), name="unidentified attackers", code=f"{country}UAF",
                      country=country, sectors=("UAF",), kind="group",
                      mentions=(Span(trigger.idx, trigger.idx + len(trigger.text), trigger.text),))
    return [args.Argument(attackers, trigger.i, LOCATED_TARGET, basis="unattributed")]


def abroad(passage: Offsets, country: str, places: Sequence[Place], aside: Sequence[Offsets] = ()) -> bool:
    """Whether the passage, outside the spans ``aside``, names a place of another country than ``country``."""
    return any(passage.start <= p.start < passage.end and p.country and p.country != country
               and not _within(p.start, aside) for p in places)


def foreigners(passage: Offsets, country: str, index: ActorIndex, aside: Sequence[Offsets] = ()) -> bool:
    """Whether the passage, outside the spans ``aside``, names an actor of another country than
    ``country`` ("shelled Bolivian posts, killing 50": the dead need not be the attackers' own people)."""
    return any(actor.country and actor.country != country and not _within(span.start, aside)
               for span, actor in index.mentions_within(passage.start, passage.end))


def elsewhere(passage: Offsets, country: str, index: ActorIndex, places: Sequence[Place],
              aside: Sequence[Offsets] = ()) -> bool:
    """Whether the passage names a place or an actor of another country than ``country``."""
    return abroad(passage, country, places, aside) or foreigners(passage, country, index, aside)


def at_home(source: args.Argument) -> bool:
    """Whether the source is a group, person or body of a country, which can act on its own country
    (the state itself is not its own target)."""
    return bool(source.actor.country) and (source.group or source.actor.kind != "state")


def home_argument(source: args.Argument, trigger: Token, token: int, index: ActorIndex) -> args.Argument:
    """The source's own country as the target, given at ``token``, mentioned where the source is."""
    word = trigger.doc[source.token]
    home = state_actor(source.actor.country or "", index, Span(word.idx, word.idx + len(word.text), word.text))
    return args.Argument(home, token, LOCATED_TARGET, basis="home")


def _within(start: int, spans: Sequence[Offsets]) -> bool:
    return any(span.start <= start < span.end for span in spans)


def described(patient: Token | None) -> list[Offsets]:
    """The purpose clauses inside what an act was done to ("broke up a rally held to protest the war in
    Peru"): what a rally was about does not take it abroad, though where it was ("a convoy heading to
    Tacna") does."""
    if patient is None:
        return []
    clauses = [c for c in patient.subtree if c.dep_ in {"advcl", "xcomp"} and args.is_infinitive(c)]
    return [Offsets(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in clauses]


def home_target(source: args.Argument, trigger: Token, match: Match, index: ActorIndex,
                places: Sequence[Place]) -> args.Argument | None:
    """The country a group, person or body of it acts on at home when the clause names no other party:
    "Kenyan demonstrators rioted", "Peruvian guerrillas blew up pylons", "Chilean
    police jailed twelve members of a banned party". A protest needs no object; force and
    coercion need the object they were done to; a sentence that names a place or an actor abroad rules it out."""
    if not at_home(source):
        return None
    patient = next(iter(args.target_slots(trigger, ["object"], [trigger])[0]), None)
    if patient is None and entry_root(match.entry) != "14":
        return None
    if patient is not None and patient.pos_ == "PROPN":  # a name we do not know ("attacked Zorba") may lie abroad
        return None
    sentence = Offsets(trigger.sent.start_char, trigger.sent.end_char)
    if elsewhere(sentence, source.actor.country or "", index, places, described(patient)):
        return None
    return home_argument(source, trigger, patient.i if patient is not None else trigger.i, index)


def internal_target(source: args.Argument, trigger: Token, match: Match, index: ActorIndex,
                    places: Sequence[Place]) -> args.Argument | None:
    """The country a body, group or person of it acts on when the act has an object that names nobody and
    neither its clause nor the sentence before names another country or a place abroad ("the Chilean
    government lifted the ban", "the Peruvian court rejected the appeal"): a domestic act."""
    if not at_home(source):
        return None
    patients = _patients(trigger, match)
    if not patients or any(p.pos_ == "PROPN" or _foreign(p) for p in patients):
        return None
    passage = Offsets(previous_sentence_start(trigger.sent), clause_offsets(trigger).end)
    if elsewhere(passage, source.actor.country or "", index, places):
        return None
    return home_argument(source, trigger, patients[0].i, index)


def _patients(trigger: Token, match: Match) -> list[Token]:
    """What an act was done to: its object (not the subject of a clause it reports: "warned that
    the talks could fail"), or the object of the act it refuses ("its refusal to recognise the vote")."""
    reported = {s.i for c in trigger.children if c.dep_ in {"ccomp", "xcomp", "acl"} for s in c.children}
    patients = [p for p in args.target_slots(trigger, ["object"], [trigger])[0] if p.i not in reported]
    if match.object is not None:
        patients.append(trigger.doc[match.object])
    if match.complement is not None and not patients:
        patients = args.target_slots(trigger.doc[match.complement], ["object"], [])[0]
    return patients


def _foreign(patient: Token) -> bool:
    """An object said to come from abroad ("blamed a foreign conspiracy")."""
    return any(c.dep_ == "amod" and c.lower_ in FOREIGN_WORDS for c in patient.children)


def argument_pairs(
    sources: Sequence[args.Argument], targets: Sequence[args.Argument], reciprocal: bool
) -> list[tuple[args.Argument, args.Argument | None]]:
    """Source × target pairs; reciprocal frames pair coordinated sources with each other and need two
    parties (a cabinet that "met" is no event between actors). An actor is not its own target, but a
    group named after a country acts on that country ("Chilean miners protested in Arica": CHL -> CHL)."""
    if not targets and reciprocal:
        return [(a, b) for a in sources for b in sources if a.actor.id != b.actor.id]
    pairs: list[tuple[args.Argument, args.Argument | None]] = []
    for source in sources:
        others = [t for t in targets if distinct(source, t)]
        pairs += [(source, t) for t in others] if others else [(source, None)]
    return pairs


def side_by_side(trigger: Token) -> bool:
    """Coordinated subjects acting together, not on each other ("Chilean and Peruvian troops fought
    alongside the militia", "Chile and Peru worked together")."""
    return any(c.lower_ in TOGETHER for c in trigger.children if c.dep_ in {"prep", "advmod"})


def distinct(source: args.Argument, target: args.Argument) -> bool:
    """Two different parties: different actors, or a group and the country it is named after."""
    if source.actor.id != target.actor.id:
        return True
    return (source.group or target.group) and source.token != target.token


def _light_verb_object(token: Token, light_verbs: frozenset[str]) -> bool:
    return token.dep_ in {"dobj", "nsubjpass"} and bool(args.word_forms(token.head) & light_verbs)


def clause_weight(trigger: Token, light_verbs: frozenset[str] = frozenset()) -> float:
    """How central the trigger's clause is: 1 in the main clause (or speech it reports), less when nested."""
    weight, token = 1.0, trigger
    for _ in range(12):
        if token.head.i == token.i:
            break
        if _subordinate(token) and not _light_verb_object(token, light_verbs):
            weight *= SUBORDINATE * (SUBORDINATE if _background(token) else 1.0)
        token = token.head
    return max(weight, 0.4)


def _background(clause: Token) -> bool:
    """A clause that sets the scene for the main one ("hours after rebels seized the airport")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in clause.children)


def _subordinate(token: Token) -> bool:
    """A link below the main clause; a clause reported by a verb is not, the content of a noun is
    ("its demand that Israel ease restrictions")."""
    return token.dep_ in SUBORDINATE_DEPS or (token.dep_ == "ccomp" and token.head.pos_ in {"NOUN", "PROPN"})


def clause_offsets(trigger: Token) -> Offsets:
    """The character span of the clause the trigger heads (its clause verb's subtree for a noun)."""
    head = clause_verb(trigger)
    left, right = head.left_edge, head.right_edge
    return Offsets(left.idx, right.idx + len(right.text))


def trigger_span(doc: Doc, match: Match) -> Span:
    """The trigger words as text: the verb with its particle and event noun when they are close."""
    indices = [i for i in (match.trigger, match.particle, match.object) if i is not None]
    lo, hi = min(indices), max(indices)
    if hi - lo > 5:
        lo = hi = match.trigger
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return Span(start, end, doc[lo:hi + 1].text)  # not doc.text, which spaCy rebuilds on every access


def build_event(
    context: _Context,
    source: args.Argument,
    target: args.Argument | None,
    article_id: str,
    quotes: Sequence[Quote],
    timexes: Sequence[Timex],
    places: Sequence[Place],
    published: str | None,
    doc: Doc,
) -> Event:
    """One event record with its codes, date, place, quote and confidence."""
    target_id = target.actor.id if target else None
    certainty = target.certainty if target else MISSING_TARGET
    return Event(
        id=stable_id("ev", article_id, context.trigger.start, context.code, source.actor.id, target_id),
        source=ref(source.actor, source.basis),
        target=ref(target.actor, target.basis) if target else None,
        cameo=lookup(context.code),
        plover=for_cameo(context.code),
        modality=context.modality,  # type: ignore[arg-type]
        date=date_of(context, timexes, published),
        location=event_location(places, context.clause, doc),
        trigger=context.trigger,
        sentence=context.sentence,
        quote=quote_at(quotes, context.trigger),
        confidence=round(context.strength * source.certainty * certainty, 3),
    )


def date_of(context: _Context, timexes: Sequence[Timex], published: str | None) -> EventDate | None:
    """The event's date from its clause or sentence. An asserted event in the simple past whose sentence
    has no date continues the news time of the sentence before it ("... hailed ties on Wednesday.
    Velayati also took a swipe ..."), but only a day within a week of publication: background dates
    ("in May") are not carried, nor to plans or perfects ("is due to meet", "has attacked")."""
    date = event_date(timexes, context.clause, context.sentence, published)
    if (date is None or date.basis == "publication") and context.previous.start < context.sentence.start:
        carried = event_date(timexes, context.clause, context.previous, published)
        if carried is not None and carried.basis == "text" and _news_time(carried, published):
            return carried
    return date


def _news_time(date: EventDate, published: str | None) -> bool:
    try:
        day, reference = dt.date.fromisoformat(date.value), dt.date.fromisoformat(published or "")
    except ValueError:
        return False
    return date.precision == "day" and abs((day - reference).days) <= NEWS_WINDOW_DAYS


def previous_sentence_start(sentence: SpacySpan) -> int:
    """Where the sentence before this one starts (this one's start when there is none or a heading
    line separates them)."""
    if sentence.start == 0:
        return sentence.start_char
    previous = sentence.doc[sentence.start - 1].sent
    between = sentence.doc[previous.end - 1].whitespace_  # the text between two adjacent sentences
    if "#" in between or previous.text.lstrip().startswith("#"):
        return sentence.start_char
    return previous.start_char


def quote_at(quotes: Sequence[Quote], trigger: Span) -> str | None:
    """The id of the quote whose text contains the trigger, if any."""
    return next((q.id for q in quotes if q.start <= trigger.start and trigger.end <= q.end), None)
