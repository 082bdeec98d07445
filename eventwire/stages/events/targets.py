"""Target policy: whom an act was done to, and who did an act nobody claims.

:func:`find_targets` looks in the entry's slots first, then (for the roots whose row in
``eventwire/ontology/cameo.tsv`` says so) one phrase deeper, in the clause a frame absorbed, in a purpose
or condition clause, and at the place the act happened in (a *place* target). Failing those, a group,
body or person of a country that names no other party acts on its own country (:func:`home_target`:
"Kenyan demonstrators rioted"), and so does a body whose act has an object naming nobody in a passage
naming no other country (:func:`internal_target`: "the Chilean court rejected the appeal"). An act whose
slots still name nobody takes the party its context names (:func:`context_target`, basis ``context``):
another actor of its sentence, the place of a forceful act, the party of the sentence before. An attack
a weapon did with nobody named is by unidentified attackers of the country it happened in
(:func:`unattributed_sources`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...ids import stable_id
from ...lexicons.words import words
from ...models import Actor, Offsets, Place, Span
from ...ontology.cameo import root_has
from ..actors.index import ActorIndex
from ..quotes.cues import speech_verbs
from ..tokens import is_infinitive
from . import arguments as args
from .arguments import Argument
from .build import MISSING_TARGET, clause_offsets, previous_sentence_start
from .frames import Match, light_verb_object
from .frames import match as match_word
from .inputs import Inputs

PLACE_TARGET = 0.85
CONTEXT_TARGET = 0.6  # a party named in the sentence or the one before, with no slot tying it to the act
NESTED_TARGET = 0.85  # a target one phrase deeper than its slot ("demanded a ceasefire with the rebels")
LOCATED_TARGET = MISSING_TARGET  # the country of the place an act happened in: as likely as no target
CLAUSE_SLOTS = ("object", "to", "with", "on", "against")  # targets of an absorbed clause with no entry
UNATTRIBUTED_PREPS = frozenset({"in", "at", "inside", "near", "outside", "across", "throughout"})
LOCATIVE_PREPS = frozenset({"in", "into", "at", "inside", "across", "throughout"})
SENT_TO = LOCATIVE_PREPS | {"to"}  # where those an act serves were sent ("dispatched monitors to Tacna to investigate")
SAME_TIME = words("same_time_marks")
FOREIGN_WORDS = words("foreign_words")
EVERYONE = words("everyone_words")
ANY_PARTY = words("any_party_words")


def find_targets(inputs: Inputs, match: Match, only_slots: bool = False,
                 exclude: frozenset[str] = frozenset()) -> list[Argument]:
    """The targets in the entry's slots: the first slot naming an actor, else a visited place's country,
    else (unless ``only_slots``) a party named deeper in the clause; never the actors in ``exclude``
    (the sources)."""
    doc = inputs.doc
    trigger = doc[match.trigger]
    anchors = target_anchors(trigger, match, inputs.lexicon.light_verbs)
    groups = args.target_slots(trigger, match.entry.target, anchors)
    if match.complement is not None and asks_clause(match, trigger) and root_has(match.entry.code, "asked"):
        groups.insert(0, [c for c in doc[match.complement].children if c.dep_ == "nsubj"])  # "a demand that Peru ..."
    found = args.first_resolved(groups, inputs.index, exclude=exclude)
    if not found and match.entry.place_target:
        found = place_targets([t for group in groups for t in group], inputs)
    if found or only_slots:
        return found
    return deeper_targets(inputs, match, anchors, groups, exclude)


def asks_clause(match: Match, trigger: Token) -> bool:
    """Whether the subject of the match's clause is the one asked: a noun's that-clause ("a demand that Peru
    pull back") or a verb's for-to clause ("pushed for Peru to pull back")."""
    return trigger.pos_ == "NOUN" or (match.particle is not None and trigger.doc[match.particle].dep_ == "mark")


def target_anchors(trigger: Token, match: Match, light_verbs: frozenset[str]) -> list[Token]:
    """The words whose prepositions hold targets: the trigger, its particle and event noun, its other
    objects, the verbs it shares an object with, and the light verb whose object it is."""
    doc = trigger.doc
    anchors = [doc[i] for i in (match.trigger, match.particle, match.object) if i is not None]
    anchors += [c for c in trigger.children if c.dep_ == "dobj" and c.i != match.object]
    anchors += shared_object_verbs(trigger)
    if trigger.pos_ in {"NOUN", "PROPN"} and light_verb_object(trigger, light_verbs):
        anchors.append(trigger.head)
    return anchors


def deeper_targets(inputs: Inputs, match: Match, anchors: Sequence[Token], groups: Sequence[Sequence[Token]],
                   exclude: frozenset[str]) -> list[Argument]:
    """A party named deeper than the slots: in the clause a frame absorbed, one phrase down, whom a
    purpose serves, the party of a purpose or condition clause, the country of the place of the act."""
    doc, index, entry = inputs.doc, inputs.index, match.entry
    trigger = doc[match.trigger]
    found: list[Argument] = []
    if match.complement is not None:
        found = clause_targets(doc[match.complement], inputs, exclude)
    if not found and entry.target:
        inner = [doc[match.complement]] if match.complement is not None else []
        objects = [c for i in inner for c in i.children if c.dep_ == "dobj"]
        phrases = [*anchors, *(t for g in groups for t in g), *inner, *objects]
        found = args.resolve_all(args.nested_objects(phrases), index, NESTED_TARGET, exclude)
    if not found and root_has(entry.code, "addressed"):
        found = args.resolve_all(args.served_object(trigger), index, NESTED_TARGET, exclude)
    if not found and root_has(entry.code, "purpose"):
        found = args.resolve_all(args.purpose_parties(trigger), index, NESTED_TARGET, exclude)
    elif not found and not entry.curated:  # an imported frame, coded only with a target: whom the "to"-clause
        # of its purpose aims at ("opened the bridge to let aid reach Kabul")
        found = args.resolve_all(args.purpose_parties(trigger, purposes=True), index, NESTED_TARGET, exclude)
    if not found and root_has(entry.code, "located"):
        found = place_targets(located_words(place_anchors(trigger, anchors[:3])), inputs, LOCATED_TARGET)
    if not found and root_has(entry.code, "located") and args.served_object(trigger):
        found = place_targets(located_words([trigger.head], SENT_TO), inputs, LOCATED_TARGET)
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


def located_words(anchors: Sequence[Token], preps: frozenset[str] = LOCATIVE_PREPS) -> list[Token]:
    """The words of the places where an act happened ("rioted in Dili", "blocked roads in the city of
    Lyon"): the objects of locative prepositions (or of ``preps``) on the trigger or its object."""
    found: list[Token] = []
    for anchor in anchors:
        for prep in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ in preps):
            found += [t for p in objects_of(prep) for t in p.subtree]
        if anchor.dep_ in {"dobj", "nsubjpass"} or anchor.pos_ == "VERB":
            found += [t for c in anchor.children if c.dep_ == "dobj" for p in c.children
                      if p.dep_ == "prep" and p.lower_ in preps for t in p.subtree]
    return found


def objects_of(prep: Token) -> list[Token]:
    """The objects of a preposition, also of a two-word one ("outside of the city")."""
    inner = [q for q in prep.children if q.dep_ == "prep"]
    return [p for head in (prep, *inner) for p in head.children if p.dep_ == "pobj"]


def clause_targets(verb: Token, inputs: Inputs, exclude: frozenset[str] = frozenset()) -> list[Argument]:
    """The targets of the clause a complement frame absorbed ("promised to send aid to Mozambique")."""
    inner = match_word(inputs.lexicon, verb)
    slots = inner.entry.target if inner else CLAUSE_SLOTS
    anchors = [verb, *([verb.doc[inner.object]] if inner and inner.object is not None else [])]
    groups = args.target_slots(verb, slots, anchors)
    found = args.first_resolved(groups, inputs.index, args.INHERITED, exclude)
    if not found:  # "refused to commit to any assistance to the Chilean-led war": one phrase deeper
        phrases = [*anchors, *(t for group in groups for t in group)]
        nested = [[o] for o in args.nested_objects(phrases)]
        found = args.first_resolved(nested, inputs.index, args.INHERITED * NESTED_TARGET, exclude)
    return found


def place_targets(tokens: Sequence[Token], inputs: Inputs, certainty: float = PLACE_TARGET) -> list[Argument]:
    """Countries of the places filling a target slot, as the state actor of that country."""
    found: dict[str, Argument] = {}
    for token in tokens:
        for word in (token, *token.conjuncts, *name_words(token)):
            place = next((p for p in inputs.places if p.start <= word.idx < p.end and p.country), None)
            if place is not None and place.country is not None and place.country not in found:
                actor = country_actor(place, inputs.index)
                found[place.country] = Argument(actor, word.i, certainty, basis="place")
    return list(found.values())


def name_words(token: Token) -> list[Token]:
    """The words a name is compounded of, outermost first ("Tacna" in "Tacna University Medical School")."""
    words: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "compound"]
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
    return bool(token.lemma_.lower() in args.WEAPONS or token.lower_ in args.WEAPONS)


def _weapon_of(trigger: Token) -> Token | None:
    """The weapon or blast that did an act: its doer ("a bomb killed"), or, with no doer, the object
    of "in", "by" or "from" on the verb ("were killed in a car bomb explosion")."""
    doer, _ = args.verb_source(trigger)
    if doer is not None:
        return doer if _is_weapon(doer) else None
    preps = [c for c in trigger.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"in", "by", "from"}]
    return next((t for prep in preps for t in objects_of(prep) if _is_weapon(t)), None)


def unattributed_sources(trigger: Token, inputs: Inputs) -> list[Argument]:
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
    countries = place_targets(words, inputs, LOCATED_TARGET)
    if not countries or countries[0].actor.country is None:
        return []
    country = countries[0].actor.country
    attackers = Actor(id=stable_id("ac", country, "UAF"), name="unidentified attackers", code=f"{country}UAF",
                      country=country, sectors=("UAF",), kind="group",
                      mentions=(Span(trigger.idx, trigger.idx + len(trigger.text), trigger.text),))
    return [Argument(attackers, trigger.i, LOCATED_TARGET, basis="unattributed")]


def abroad(passage: Offsets, country: str, places: Sequence[Place], aside: Sequence[Offsets] = ()) -> bool:
    """Whether the passage, outside the spans ``aside``, names a place of another country than ``country``."""
    return any(passage.start <= p.start < passage.end and p.country and p.country != country
               and not _within(p.start, aside) for p in places)


def foreigners(passage: Offsets, country: str, index: ActorIndex, aside: Sequence[Offsets] = ()) -> bool:
    """Whether the passage, outside the spans ``aside``, names an actor of another country than
    ``country`` ("shelled Bolivian posts, killing 50": the dead need not be the attackers' own people)."""
    return any(actor.country and actor.country != country and not _within(span.start, aside)
               for span, actor in index.mentions_within(passage.start, passage.end))


def elsewhere(passage: Offsets, country: str, inputs: Inputs, aside: Sequence[Offsets] = ()) -> bool:
    """Whether the passage names a place or an actor of another country than ``country``."""
    return abroad(passage, country, inputs.places, aside) or foreigners(passage, country, inputs.index, aside)


def _within(start: int, spans: Sequence[Offsets]) -> bool:
    return any(span.start <= start < span.end for span in spans)


def at_home(source: Argument) -> bool:
    """Whether the source is a group, person or body of a country, which can act on its own country
    (the state itself is not its own target)."""
    return bool(source.actor.country) and (source.group or source.actor.kind != "state")


def home_argument(source: Argument, trigger: Token, token: int, index: ActorIndex) -> Argument:
    """The source's own country as the target, given at ``token``, mentioned where the source is."""
    word = trigger.doc[source.token]
    home = state_actor(source.actor.country or "", index, Span(word.idx, word.idx + len(word.text), word.text))
    return Argument(home, token, LOCATED_TARGET, basis="home")


def described(patient: Token | None) -> list[Offsets]:
    """The purpose clauses inside what an act was done to ("broke up a rally held to protest the war in
    Peru"): what a rally was about does not take it abroad, though where it was ("a convoy heading to
    Tacna") does."""
    if patient is None:
        return []
    clauses = [c for c in patient.subtree if c.dep_ in {"advcl", "xcomp"} and is_infinitive(c)]
    return [Offsets(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in clauses]


def home_target(source: Argument, trigger: Token, match: Match, inputs: Inputs) -> Argument | None:
    """The country a group, person or body of it acts on at home when the clause names no other party:
    "Kenyan demonstrators rioted", "Peruvian guerrillas blew up pylons", "Chilean
    police jailed twelve members of a banned party". A protest needs no object; force and
    coercion need the object they were done to; a sentence that names a place or an actor abroad rules it out."""
    if not at_home(source):
        return None
    patient = next(iter(args.target_slots(trigger, ["object"], [trigger])[0]), None)
    if patient is None and not root_has(match.entry.code, "protest"):
        return None
    if patient is not None and patient.pos_ == "PROPN":  # a name we do not know ("attacked Zorba") may lie abroad
        return None
    sentence = Offsets(trigger.sent.start_char, trigger.sent.end_char)
    if elsewhere(sentence, source.actor.country or "", inputs, described(patient)):
        return None
    return home_argument(source, trigger, patient.i if patient is not None else trigger.i, inputs.index)


def internal_target(source: Argument, trigger: Token, match: Match, inputs: Inputs) -> Argument | None:
    """The country a body, group or person of it acts on when the act has an object that names nobody and
    neither its clause nor the sentence before names another country or a place abroad ("the Chilean
    government lifted the ban", "the Peruvian court rejected the appeal"): a domestic act."""
    if not at_home(source):
        return None
    patients = _patients(trigger, match)
    if not patients or any(p.pos_ == "PROPN" or _foreign(p) for p in patients):
        return None
    passage = Offsets(previous_sentence_start(trigger.sent), clause_offsets(trigger).end)
    if elsewhere(passage, source.actor.country or "", inputs):
        return None
    return home_argument(source, trigger, patients[0].i, inputs.index)


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



def context_target(source: Argument, trigger: Token, match: Match, inputs: Inputs) -> Argument | None:
    """The party an act with no target in its slots was most likely done to, read as a reader does
    when the grammar ties nobody to it: for a forceful act, whose place stands for its target, the country
    of a place its own clause names; else another actor named in its sentence (the first after the
    trigger, else the last before it), else (a forceful act) the country of a place the sentence names, else
    (not for a forceful act, done where it happens) the last actor the sentence before names ("Germany
    pledged on Monday to put its fighters on trial", after a sentence on Washington's call). For a source
    from outside the country the article is about (or of an article about several), a party of another
    country than the source's comes before one of its own, which its context names first only when it names
    no other ("a US withdrawal was announced by American officials", after a sentence on Syria: Syria); the
    article's own country keeps the parties at home.
    Never the source itself nor a party its own phrase names ("a Pentagon spokesman"); basis ``context``."""
    own = source.actor.country or source.actor.code[:3]
    if own != inputs.scene.main:
        abroad = context_party(source, trigger, match, inputs, lambda a: (a.country or a.code[:3]) != own)
        if abroad is not None:
            return abroad
    return context_party(source, trigger, match, inputs, lambda a: not own_forces(source.actor, a))


def own_forces(source: Actor, actor: Actor) -> bool:
    """Whether ``actor`` is the armed forces of the state ``source`` is or governs ("Peru ordered its troops
    home", "the president sent Peruvian forces to the border"): the means of the act, not whom it was done to."""
    governs = source.kind == "state" or "GOV" in source.sectors
    return (governs and actor.id != source.id and bool(source.country) and actor.country == source.country
            and "MIL" in actor.sectors)


def context_party(source: Argument, trigger: Token, match: Match, inputs: Inputs,
                  wanted: Callable[[Actor], bool]) -> Argument | None:
    """The party :func:`context_target` reads off the act's sentence, its places or the sentence before,
    among the ``wanted`` actors only."""
    doc = trigger.doc
    sentence = trigger.sent
    own = doc[source.token]
    phrase = own_phrase(own, trigger)
    reporters = reporter_spans(trigger, inputs)
    found = [(span, actor) for span, actor in inputs.index.mentions_within(sentence.start_char, sentence.end_char)
             if actor.id != source.actor.id and wanted(actor) and not span.start <= own.idx < span.end
             and not phrase.start <= span.start < phrase.end
             and not span.start <= trigger.idx < span.end and not _within(span.start, reporters)]
    located = root_has(match.entry.code, "located")
    clause = clause_offsets(trigger)
    here = [a for a in place_targets([t for t in sentence if t.i != own.i and clause.start <= t.idx < clause.end
                                      and not _within(t.idx, reporters)], inputs, CONTEXT_TARGET)
            if a.actor.id != source.actor.id and wanted(a.actor)] if located else []
    if here:  # a forceful act's place in its own clause stands for whom it was done to
        return replace(here[0], basis="context")
    after = [f for f in found if f[0].start > trigger.idx]
    before = [f for f in found if f[0].start < trigger.idx]
    choice = after[0] if after else (before[-1] if before else None)
    if choice is not None:
        return Argument(choice[1], _word_at(sentence, choice[0].start), CONTEXT_TARGET, basis="context")
    places = [a for a in place_targets([t for t in sentence if t.i != own.i], inputs, CONTEXT_TARGET)
              if a.actor.id != source.actor.id and wanted(a.actor)] if located else []
    if places:
        return replace(places[0], basis="context")
    if sentence.start == 0 or located:  # a forceful act is done where it happens, not to whom talk turned before
        return None
    before_sentence = doc[sentence.start - 1].sent
    earlier = [(span, actor) for span, actor in
               inputs.index.mentions_within(before_sentence.start_char, before_sentence.end_char)
               if actor.id != source.actor.id and wanted(actor)]
    if not earlier:
        return None
    span, actor = earlier[-1]
    return Argument(actor, _word_at(before_sentence, span.start), CONTEXT_TARGET, basis="context")


def addressed_to_all(trigger: Token, match: Match, inputs: Inputs) -> bool:
    """Whether the act's slots name everyone rather than a party ("urged all sides to show restraint", "called on
    every country to help", "appealed to the international community"): it has no target to look for."""
    anchors = target_anchors(trigger, match, inputs.lexicon.light_verbs)
    for word in (w for group in args.target_slots(trigger, match.entry.target, anchors) for w in group):
        marks = {c.lower_ for c in word.children if c.dep_ in {"det", "predet", "amod"}}
        party = word.lemma_.lower()
        if party in ANY_PARTY and (word.lower_ in EVERYONE or marks & EVERYONE or "international" in marks):
            return True
    return False


def own_phrase(source: Token, trigger: Token) -> Offsets:
    """The source's own noun phrase, when it does not hold the trigger: a party named in it says who the
    source is ("a Pentagon spokesman", "Iran's foreign minister"), not whom it acted on."""
    if source.left_edge.i <= trigger.i <= source.right_edge.i:
        return Offsets(source.idx, source.idx)
    return Offsets(source.left_edge.idx, source.right_edge.idx + len(source.right_edge.text))


def reporter_spans(trigger: Token, inputs: Inputs) -> list[Offsets]:
    """Where those who report the act are named: the speaker of a quote holding it, and the subject of a
    speech verb whose clause holds it or is set beside it ("..., Peru said"; "according to Peru"). Who
    tells of an act is not whom it was done to."""
    spans = [Offsets(q.speaker.start, q.speaker.end) for q in inputs.earlier.quotes
             if q.speaker is not None and q.start <= trigger.idx < q.end]
    verbs = speech_verbs()
    for verb in (t for t in trigger.sent if t.lemma_.lower() in verbs and t.i != trigger.i):
        if verb.left_edge.i <= trigger.i <= verb.right_edge.i or verb.dep_ == "parataxis":
            spans += [Offsets(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in verb.children
                      if c.dep_ in {"nsubj", "nsubjpass"} and not c.left_edge.i <= trigger.i <= c.right_edge.i]
    according = [p for t in trigger.sent if t.lower_ == "according" for p in t.children if p.lower_ == "to"]
    spans += [Offsets(o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text)) for p in according
              for o in p.children if o.dep_ == "pobj"]
    return spans


def _word_at(sentence: SpacySpan, start: int) -> int:
    """The index of the first word of ``sentence`` at or after character ``start``."""
    return next((t.i for t in sentence if t.idx >= start), sentence.start)
