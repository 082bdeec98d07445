"""Frame matching: which trigger-lexicon entry a word of a sentence is, and which words its frame takes.

For every word, :func:`match` picks the entry whose frame fits best (``impose`` + ``sanctions`` + ``on``:
163; ``threaten`` + a ``to``-clause of ``attack``: 138). :func:`sentence_matches` keeps the matches of a
sentence that are events of their own: not the words another frame absorbed, and not the acts that are
only the content of another (what is demanded, urged, refused or threatened).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.attrs import POS
from spacy.symbols import ADJ, NOUN, PROPN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...lexicons.triggers import Entry, Lexicon, WordFrames
from ...ontology.cameo import root_has
from ..tokens import is_infinitive
from . import arguments as args

PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dative"})
JUDGING_DEPS = frozenset({"ccomp", "xcomp", "oprd", "acomp"})  # what a speech verb says of its object or clause
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd", "advmod"})  # "was alarming", "is a lie", "acted shamefully"
AS_DEPS = frozenset({"pobj", "pcomp", "acomp", "amod"})  # "described it as alarming", "as a betrayal"
FEW = 8  # more candidate entries than this: test first that the words their frames need are near
FRAMED_POS = frozenset({NOUN, PROPN, VERB, ADJ})  # the parts of speech :func:`word_frames` can give frames
NEAR = 4  # links below the trigger that a frame's words can be (verb, object, "of" phrase, its noun, compound)


@dataclass(frozen=True)
class Match:
    """A word that matched an entry, with the words its frame took (indices into the Doc)."""

    entry: Entry
    trigger: int
    particle: int | None = None
    object: int | None = None
    complement: int | None = None
    fallback: Match | None = None  # the best other fit that needs no target, for when this one finds none


def needs_target(entry: Entry) -> bool:
    """An entry that codes an event only where its sentence names a target: a modal clause's demand ("said
    Peru must leave"; without a target, an opinion) or an imported frame (PETRARCH codes a source and a target)."""
    return bool(entry.clause_modal) or entry.needs_target


def candidates(lexicon: Lexicon, token: Token) -> list[Entry]:
    """The entries whose lemma and part of speech fit ``token``."""
    frames = word_frames(lexicon, token)
    return list(frames.entries) if frames is not None else []


def word_frames(lexicon: Lexicon, token: Token) -> WordFrames | None:
    """The lexicon's frames for ``token``'s lemma and part of speech (None: a part of speech that has none)."""
    predicative = token.pos_ == "ADJ" and token.dep_ == "acomp" and _participle(token)  # "is opposed", not "are free"
    pos = "noun" if token.pos_ in {"NOUN", "PROPN"} else "verb" if token.pos_ == "VERB" or predicative else None
    if pos is None or (pos == "noun" and token.dep_ == "compound"):  # "aid worker", "protest movement"
        return None
    return lexicon.frames_for(pos, token.lower_, token.lemma_)


def match(lexicon: Lexicon, token: Token) -> Match | None:
    """The entry whose frame fits ``token`` in its sentence, if any: one of eventwire's own lexicon before
    one imported from the CAMEO verb dictionary, then the most specific, then the strongest, then one
    written for the word's own form ("opposed" before "oppose")."""
    frames = word_frames(lexicon, token)
    if frames is None:
        return None
    entries: Sequence[Entry] = frames.possible(nearby_words(token)) if len(frames.items) > FEW else frames.entries
    found = [m for m in (_fit(e, token) for e in entries) if m is not None]
    if not found:
        return None
    ranked = sorted(found, key=lambda m: (m.entry.curated, m.entry.specificity, m.entry.strength,
                                          m.entry.lemma == token.lower_), reverse=True)
    best = ranked[0]
    if not needs_target(best.entry):
        return best
    fallback = next((m for m in ranked[1:] if m.entry.curated and not needs_target(m.entry)), None)
    return replace(best, fallback=fallback)  # "warned it would not stand by": a warning, with or without a target


def nearby_words(token: Token, depth: int = NEAR) -> frozenset[str]:
    """The forms and lemmas of the words up to ``depth`` links below ``token``: every word a frame's
    particle, object or preposition can be."""
    found: set[str] = set()
    level = list(token.children)
    for _ in range(depth):
        found.update(w for t in level for w in (t.lower_, t.lemma_.lower()))
        level = [c for t in level for c in t.children]
    return frozenset(found)


def _participle(token: Token) -> bool:
    return token.tag_ == "VBN" or bool(token.lower_.endswith("ed"))


def _fit(entry: Entry, token: Token) -> Match | None:
    """A match when every condition of the entry's frame holds around ``token``."""
    particle = _particle(token, entry.particle) if entry.particle else None
    if entry.particle and particle is None:
        return None
    if entry.unless_object and _ruled_out(token, entry.unless_object):
        return None
    obj = _frame_object(entry, token, particle) if entry.object else None
    if entry.object and obj is None:
        return None
    if entry.modifier and not _modified(entry, token, obj):
        return None
    if entry.prep and _prep_phrase(entry, (token, obj, particle, _verb_of_object(token))) is None:
        return None
    comp = particle.head if particle is not None and particle.dep_ == "mark" else None  # the for-to clause
    if entry.clause_modal:
        comp = _modal_clause(token, entry.clause_modal)
        if comp is None:
            return None
    if entry.verdict:
        comp = _verdict_clause(token, entry.verdict)
        if comp is None:
            return None
    if entry.complement:
        comp = _complement(entry, token)
        if comp is None:
            return None
    return Match(entry, token.i, _i(particle), _i(obj), _i(comp))


def _frame_object(entry: Entry, token: Token, particle: Token | None = None) -> Token | None:
    """The event noun the frame needs as the verb's direct object (a passive's subject), or as the object of
    its particle when that is a preposition ("came under fire")."""
    deps = {"nsubjpass"} if args.is_passive(token) else {"dobj"}
    found = _event_noun(_child(token, deps, lambda c: True), entry.object)
    if found is None and particle is not None and particle.dep_ == "prep":
        found = _event_noun(_child(particle, {"pobj"}, lambda c: True), entry.object)
    return found


def _modified(entry: Entry, token: Token, obj: Token | None) -> bool:
    """Whether one of the entry's modifiers qualifies the word, or its object for a verb ("impose martial
    law": the law is martial)."""
    modified = token if obj is None or entry.pos == "noun" else obj
    return _child(modified, {"compound", "amod", "nmod"}, lambda c: c.lemma_.lower() in entry.modifier) is not None


def _verb_of_object(token: Token) -> Token | None:
    """The verb a noun is the direct object of, on which the parser may hang the noun's own phrase ("opened a
    hearing Wednesday into the killings": "into" on "opened")."""
    return token.head if token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "dobj" else None


def _prep_phrase(entry: Entry, heads: tuple[Token | None, ...]) -> Token | None:
    """The preposition the entry asks for, on the verb, its frame object or its particle ("called for support
    for a truce", "hit back at"), with one of the entry's nouns as its object when it names some."""
    for head in (h for h in heads if h is not None):
        for prep in (c for c in head.children if c.dep_ in {"prep", "dative", "agent"} and c.lower_ == entry.prep):
            if not entry.prep_object or _event_noun(_child(prep, {"pobj"}, lambda c: True), entry.prep_object):
                return prep
    return None


def _modal_clause(token: Token, modals: frozenset[str]) -> Token | None:
    """The that-clause of the verb with one of the modal auxiliaries ``modals`` ("said Iran must leave")."""
    return _child(token, {"ccomp"}, lambda c: any(a.dep_ == "aux" and a.lower_ in modals for a in c.children))


def _verdict_clause(token: Token, verdicts: frozenset[str]) -> Token | None:
    """The word by which a speech verb passes one of the judgements ``verdicts`` on what it speaks of: in
    a that-clause or quote it reports ("said the move was unacceptable", "said he behaved shamefully"), an
    object's complement ("called the plan dangerous") or an "as" phrase ("described the move as alarming").
    The word, not the clause's verb, is what the frame takes: an act the clause reports stays an event."""
    for child in token.children:
        if child.dep_ in JUDGING_DEPS:
            found = _judging_word(child, verdicts)
        elif child.dep_ == "prep" and child.lower_ == "as":
            found = next((w for o in child.children if o.dep_ in AS_DEPS
                          for w in [_judging_word(o, verdicts)] if w is not None), None)
        else:
            continue
        if found is not None:
            return found
    return None


def _judging_word(head: Token, verdicts: frozenset[str]) -> Token | None:
    """The word of a clause or phrase that passes one of the judgements: its head, its predicate or
    manner ("was unacceptable", "is a lie", "behaved shamefully"), or a word modifying or joined to them
    ("a grave mistake", "significant and disturbing")."""
    words = [head, *(c for c in head.children if c.dep_ in PREDICATE_DEPS)]
    words += [c for w in list(words) for c in w.children if c.dep_ in {"amod", "conj"}]
    return next((w for w in words if w.lemma_.lower() in verdicts or w.lower_ in verdicts), None)


def _complement(entry: Entry, token: Token) -> Token | None:
    """The clause the entry's ``complement`` asks for, if the word governs it (with a wanted verb)."""
    deps = {"acl", "ccomp"} if entry.pos == "noun" else {"xcomp", "ccomp"}
    if entry.pos == "verb" and isinstance(entry.complement, frozenset):
        deps = {*deps, "advcl"}  # "have sworn to fight" is often parsed as a purpose clause
    any_clause = entry.pos == "noun" or entry.complement is True
    comp = _child(token, deps, lambda c: c.pos_ in {"VERB", "AUX"} and (any_clause or _is_to_clause(c)))
    if comp is None and entry.pos == "noun":
        comp = _shifted_clause(token)
    elif comp is None:
        comp = _stranded_to_clause(token)
    wanted = entry.complement
    if comp is None or (isinstance(wanted, frozenset) and "*" not in wanted and comp.lemma_.lower() not in wanted):
        return None
    return comp


def _stranded_to_clause(verb: Token) -> Token | None:
    """The "to"-clause of an object-control verb that the parser hung inside a relative clause of the verb's
    object, ending it ("will allow refugees who fled the war to return": "to return" parsed as a clause of
    "fled" or of "war")."""
    if verb.lemma_.lower() not in args.OBJECT_CONTROL:
        return None
    obj = _child(verb, {"dobj"}, lambda c: True)
    relative = _child(obj, {"relcl"}, lambda c: True) if obj is not None else None
    if relative is None:
        return None
    return next((c for c in relative.subtree if c.dep_ in {"advcl", "relcl", "acl"} and c.i != relative.i
                 and c.pos_ == "VERB" and is_infinitive(c) and c.right_edge.i == relative.right_edge.i), None)


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
    if "*" in lemmas or _named(obj, lemmas):
        return obj
    conjunct = next((c for c in obj.conjuncts if c.i > obj.i and _named(c, lemmas)), None)
    if conjunct is not None:
        return conjunct
    if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in lemmas for c in obj.children):
        return obj
    for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
        inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if inner is not None and _named(inner, lemmas):
            return inner
    return None


def _named(token: Token, lemmas: frozenset[str]) -> bool:
    """Whether the word's lemma or form is one of ``lemmas``."""
    return bool(token.lemma_.lower() in lemmas or token.lower_ in lemmas)


def _is_to_clause(verb: Token) -> bool:
    return verb.dep_ == "xcomp" or is_infinitive(verb)


def _particle(token: Token, particle: str) -> Token | None:
    """The particle or adverbial preposition ``particle`` on the verb, or the "for" that opens a for-to clause
    the parser hangs on the verb as an adverbial clause ("pushed for the US to back the plan": "for" marks
    "back")."""
    found = _child(token, PARTICLE_DEPS, lambda c: c.lower_ == particle)
    if found is not None or particle != "for":
        return found
    clauses = (c for c in token.children if c.dep_ == "advcl" and c.i > token.i and is_infinitive(c))
    return next((m for c in clauses for m in c.children if m.dep_ == "mark" and m.lower_ == particle), None)


def _child(token: Token, deps: Collection[str], test: Callable[[Token], bool]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps and test(c)), None)


def _i(token: Token | None) -> int | None:
    return token.i if token is not None else None


def sentence_matches(sentence: SpacySpan, lexicon: Lexicon) -> list[Match]:
    """The trigger matches of one sentence, without the words another frame absorbed and without the
    acts that are only the content of another: what is demanded, urged, refused or threatened
    ("threatened to call a national strike unless ...") and the demands a protest is held for
    ("rallied to demand reforms": a protest, not a protest and a demand)."""
    matches = without_overrides([m for m in (match(lexicon, t) for t in framed_words(sentence)) if m is not None])
    absorbed, refused, demands = _contents(sentence, matches, lexicon)
    return [m for m in matches if m.trigger not in absorbed
            and not (m.trigger in demands and root_has(m.entry.code, "demand"))
            and not (m.trigger in refused and not root_has(m.entry.code, "spoken"))]


def framed_words(sentence: SpacySpan) -> list[Token]:
    """The words of ``sentence`` whose part of speech can have frames (the others cannot match)."""
    doc = sentence.doc
    framed = _framed_indices(doc)
    first, last = bisect_left(framed, sentence.start), bisect_left(framed, sentence.end)
    return [doc[i] for i in framed[first:last]]


@lru_cache(maxsize=8)
def _framed_indices(doc: Doc) -> tuple[int, ...]:
    """The indices of ``doc``'s words of a :data:`FRAMED_POS` part of speech, read in one pass over the Doc's
    arrays (making a spaCy Token for every word of every sentence was most of the matching time)."""
    return tuple(i for i, pos in enumerate(doc.to_array(POS).tolist()) if pos in FRAMED_POS)


def without_overrides(matches: Sequence[Match]) -> list[Match]:
    """The matches without an imported frame that would take a word of the lexicon's own entries as its
    object or clause ("began a hunger strike" keeps the lexicon's strike): the lexicon's entries win."""
    own = {m.trigger for m in matches if m.entry.curated}
    return [m for m in matches if m.entry.curated or not {m.object, m.complement} & own]


def _contents(sentence: SpacySpan, matches: Sequence[Match], lexicon: Lexicon
              ) -> tuple[set[int], set[int], set[int]]:
    """The words the matches absorbed (frame words and content), the acts refusals name, and the
    demands of protests' purpose clauses."""
    absorbed = {i for m in matches for i in (m.object, m.complement) if i is not None}
    demands: set[int] = set()
    refused: set[int] = set()
    doc = sentence.doc
    own = {m.trigger for m in matches if m.entry.curated}
    for m in matches:
        trigger = doc[m.trigger]
        kept = set() if m.entry.curated else own  # an imported frame's content never hides the lexicon's acts
        if m.complement is not None and root_has(m.entry.code, "content"):
            absorbed |= content_words(doc[m.complement]) - kept
        light = bool(args.word_forms(trigger) & lexicon.light_verbs)  # "ordered a strike" asks for no strike
        if root_has(m.entry.code, "content") and not light:
            (refused if root_has(m.entry.code, "refusal") else absorbed).update(
                t.i for t in asked_for(trigger) if t.i not in kept)
        if root_has(m.entry.code, "protest"):
            demands |= {t.i for t in purpose_clauses(trigger, lexicon.light_verbs)}
    return absorbed, refused, demands


def asked_for(trigger: Token) -> list[Token]:
    """The acts an appeal, demand, refusal or threat names as its object ("demanded talks with the
    Council", "opposed to Bolivian arbitration"): the object nouns, not what they say in turn."""
    heads = [c for c in trigger.children if c.dep_ == "dobj"] or [  # "called for talks", "opposed to ..."
        o for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"to", "for"}
        for o in p.children if o.dep_ == "pobj"]
    return [w for h in heads for w in (h, *h.conjuncts)]


def content_words(complement: Token) -> set[int]:
    """The words of a complement clause, without the relative clauses in it (which say what happened,
    not what is asked: "demanded the release of the activists who were arrested in Tacna")."""
    words: set[int] = set()
    stack = [complement]
    while stack:
        token = stack.pop()
        words.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in {"relcl", "acl"})
    return words


def purpose_clauses(trigger: Token, light_verbs: frozenset[str]) -> list[Token]:
    """The verbs of the purpose clauses of an act ("staged rallies to demand ...", "rioted, demanding
    ..."), found on the trigger or on the light verb whose object it is."""
    heads = [trigger]
    if light_verb_object(trigger, light_verbs):
        heads.append(trigger.head)
    return [c for h in heads for c in h.children
            if c.dep_ in {"advcl", "xcomp"} and (is_infinitive(c) or c.tag_ == "VBG")]


def light_verb_object(token: Token, light_verbs: frozenset[str]) -> bool:
    """Whether the word is the object of a light verb ("held talks", "paid a visit")."""
    return token.dep_ in {"dobj", "nsubjpass"} and bool(args.word_forms(token.head) & light_verbs)


def said_by_an_event(trigger: Token, lexicon: Lexicon) -> bool:
    """A verb of saying whose subject is an act ("an air raid threatened the convoy"): the
    act endangers, nobody threatens."""
    if trigger.pos_ not in {"VERB", "AUX"}:
        return False
    subject, _ = args.verb_source(trigger)
    return subject is not None and subject.pos_ == "NOUN" and match(lexicon, subject) is not None


def is_stative(match: Match, trigger: Token) -> bool:
    """A participle matched by an entry written for the participle itself ("opposed"): an adjective,
    not a passive ("Israel is opposed to the plan")."""
    return bool(match.entry.lemma == trigger.lower_ != trigger.lemma_.lower())

