"""The events of an article: trigger matches, their sources and targets, one event per pair.

:func:`find_events` goes sentence by sentence; :func:`code_match` turns one trigger match into events:
it needs a source actor tied to text in its own clause (directly or through a coreference mention),
finds the targets (:mod:`.targets`), the modality (:mod:`.modality`) and the code, and pairs every
source with every target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...context import ArticleContext, Earlier
from ...learn.model import CONFIDENCE_DIGITS
from ...lexicons.triggers import Entry
from ...lexicons.words import words
from ...models import Actor, Event, Offsets
from ...ontology.cameo import root_has
from ..actors.generic import dateline_country
from ..actors.index import ActorIndex
from ..tokens import clause_verb, is_infinitive
from . import learned
from .arguments import Argument, ArgumentIndex, between_parties, describes_support
from .arguments import sources as find_sources
from .build import act_of, build_event, clause_offsets, clause_weight, main_purpose
from .frames import Match, is_stative, needs_target, said_by_an_event, sentence_matches
from .implied import implied_sources, main_country, owner_sources, undergone_sources
from .inputs import Inputs, Scene
from .modality import modality_of
from .targets import (
    addressed_to_all,
    context_target,
    find_targets,
    home_target,
    internal_target,
    own_forces,
    place_actors,
    unattributed_sources,
)

if TYPE_CHECKING:
    from ...learn.model import EventModel
    from ...resources import Resources

OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF"})  # troops, rebels and militias
VISIT_CODES = frozenset({"042", "043"})  # make a visit, host a visit
ON_THE_MOVE = frozenset({"CVL", "REF", "RAD", "UAF"})  # civilians, refugees, radicals, unidentified fighters
TOGETHER = words("together_words")
STANDING = words("standing_verbs")
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
EventKey = tuple[str | None, str, str | None, Offsets]  # source, code, target, clause
Pair = tuple[Argument, Argument | None]


def find_events(context: ArticleContext, earlier: Earlier, resources: Resources) -> list[Event]:
    """Every event in the article, sentence by sentence, in text order: one per (source, code, target,
    clause), the most confident when two triggers of a clause say the same ("visiting", "visit")."""
    index = ArgumentIndex(context.index.actors, place_actors(earlier.places, context.index))
    inputs = Inputs(context.with_actors(index), earlier, resources.lexicon, article_scene(context, resources))
    best: dict[EventKey, Event] = {}
    matched: dict[int, Entry] = {}
    for sentence in inputs.doc.sents:
        _keep_best(inputs, sentence, best, matched)
    events = sorted(without_repeats(list(best.values())), key=lambda e: e.trigger.start)
    return main_first(inputs.doc, rated(inputs, resources, reported(events), matched))


def reported(events: list[Event]) -> list[Event]:
    """The events the text reports: not those it only supposes ("might attack", "if Peru withdraws", "is
    likely to meet"), unless it reports none else (a headline or a sentence coded alone says what it is
    about even when that is only possible)."""
    factual = [e for e in events if e.modality != "hypothetical"]
    return factual or events


def rated(inputs: Inputs, resources: Resources, events: list[Event], matched: Mapping[int, Entry]) -> list[Event]:
    """The events with the confidence of the learned event model, or of the event check, or of the rules,
    those under its threshold (or the user's floor) left out."""
    model = resources.event_model
    if model is not None:
        return with_model(inputs, model, events, matched)
    floor = resources.min_confidence
    if resources.event_check is not None:
        return resources.event_check.rated(events, floor)
    return events if floor is None else [e for e in events if e.confidence >= floor]


def main_first(doc: Doc, events: Sequence[Event]) -> list[Event]:
    """The events, each one below another event in the parse of its sentence ranked under that one: its
    confidence at most the other's less one step. An event is below another when its trigger hangs below the
    other's trigger (an act the other reports, plans or agrees to) or its clause below the other's clause (an
    act that sets the scene: "announced a suspension of flights after a jet shot down a helicopter"). The act
    of the main clause, the sentence's news, comes first. Applied to the events kept, it leaves out none."""
    heads = {e.id: trigger_head(doc, e) for e in events}
    clauses = {i: clause_verb(h) for i, h in heads.items() if h is not None}
    step = 10.0 ** -CONFIDENCE_DIGITS
    ceiling: dict[int, float] = {}  # trigger word or clause verb -> the most the events below it may have
    ranked: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: (depth(clauses.get(e.id)), depth(heads[e.id]))):
        head = heads[event.id]
        if head is None:
            ranked[event.id] = event
            continue
        over = [ceiling[a.i] for a in head.ancestors if a.i in ceiling]
        over += [ceiling[-1 - a.i] for a in clauses[event.id].ancestors if -1 - a.i in ceiling]
        if over and event.confidence > min(over) - step:
            event = replace(event, confidence=round(max(min(over) - step, 0.0), CONFIDENCE_DIGITS))
        for key in (head.i, -1 - clauses[event.id].i):  # a clause verb's key is negative, apart from words'
            ceiling[key] = max(ceiling.get(key, 0.0), event.confidence)
        ranked[event.id] = event
    return [ranked[e.id] for e in events]


def trigger_head(doc: Doc, event: Event) -> Token | None:
    """The word of the parse that heads the event's trigger."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def depth(token: Token | None) -> int:
    """How many words a word hangs below its sentence's root."""
    return sum(1 for _ in token.ancestors) if token is not None else 0


def with_model(inputs: Inputs, model: EventModel, events: Sequence[Event], matched: Mapping[int, Entry]
               ) -> list[Event]:
    """The rule events with the confidence the model and the rule give together, those under the model's
    threshold left out, and the events the model proposes at words no frame matched (:mod:`.learned`)."""
    scored = learned.score(inputs, model, events, matched)
    kept = learned.rated(model, scored, events, matched)
    known = {learned.where(e) for e in kept}
    for match, p in learned.proposals(model, scored, inputs.doc):
        kept += learned.proposed(code_match(inputs, match), p, known)
    return sorted(kept, key=lambda e: e.trigger.start)


def _keep_best(inputs: Inputs, sentence: SpacySpan, best: dict[EventKey, Event], matched: dict[int, Entry]) -> None:
    """Add the events of one sentence to ``best``, keeping the most confident of each key, and its trigger
    words with their entries to ``matched``."""
    for match in sentence_matches(sentence, inputs.lexicon):
        matched[match.trigger] = match.entry
        clause = clause_offsets(inputs.doc[match.trigger])
        for event in code_match(inputs, match):
            key = (event.source.actor if event.source else None, event.cameo.code,
                   event.target.actor if event.target else None, clause)
            if key not in best or event.confidence > best[key].confidence:
                best[key] = event


def without_repeats(events: Sequence[Event]) -> list[Event]:
    """The events without a targetless one (or one whose target only its context gives) whose source did
    the same kind of act to a target its slots name in the same sentence ("arrived on a visit to Amman":
    the visit has the target, the arrival none)."""
    def act(e: Event) -> tuple[Offsets, str | None, str | None]:
        return e.sentence, e.source.actor if e.source else None, e.plover.type

    def slotted(e: Event) -> bool:
        return e.target is not None and e.target.basis != "context"

    targeted = {act(e) for e in events if slotted(e)}
    return [e for e in events if slotted(e) or act(e) not in targeted]


def code_match(inputs: Inputs, match: Match) -> list[Event]:
    """The events one trigger match gives: one per (source, target) pair it has evidence for."""
    trigger = inputs.doc[match.trigger]
    entry = match.entry
    if (root_has(entry.code, "speech") and said_by_an_event(trigger, inputs.lexicon)) or describes_support(trigger):
        return []  # "an air raid threatened the convoy"; "the rebels, backed by Chile, fought"
    if describes_party(trigger):
        return []  # "Peru, which has fought the rebels for years": what a party is, not what it did
    if background_purpose(trigger, inputs.lexicon.light_verbs):
        return []  # "a militia Chile raised to fight the rebels": what a background act was for
    light = inputs.lexicon.light_verbs
    if not entry.curated and clause_weight(trigger, light) < 1 and not main_purpose(trigger, light):
        return []  # an imported frame codes the news of a main clause (or the speech it reports, or what its
        # doer set out to do: "dispatched inspectors to monitor the plant"), not a relative, a noun's purpose or
        # a background clause ("refugees fleeing the war", "troops to oversee the vote")
    sources = match_sources(inputs, match)
    if stated_aim(trigger, inputs.index):
        return []  # "the rebels' aim is to take the port": a goal the text states, not an act it reports
    if entry.code[:3] in VISIT_CODES:  # "Britons who travelled to Syria": people on the move make no visit
        sources = [s for s in sources if not ON_THE_MOVE & set(s.actor.sectors)]
    if not sources:
        return []
    if entry.state_code and all(is_official(s.actor) for s in sources):  # "a Chilean strike killed ten"
        entry = replace(entry, code=entry.state_code)
    if entry.person_code and all(s.actor.kind == "person" for s in sources):  # "the envoy clashed with Trump"
        entry = replace(entry, code=entry.person_code)
    parties = entry.reciprocal and len({s.actor.id for s in sources}) > 1  # "X and Y met": each other's target
    alone = frozenset(s.actor.id for s in sources) if len(sources) == 1 else frozenset()  # several: each other's
    if len(sources) == 1:  # "ordered US troops to leave": a state's own forces are its means, not its target
        alone |= {a.id for a in inputs.index.actors if own_forces(sources[0].actor, a)}
    targets = find_targets(inputs, match, only_slots=parties, exclude=alone)
    if entry.armed_code and targets and all(ARMED_SECTORS & set(t.actor.sectors) for t in targets):
        entry = replace(entry, code=entry.armed_code)  # "Chile backed the rebels": arms, not words
    joint = not targets and is_joint(entry, sources)  # "Chilean and Peruvian frigates began drills"
    if needs_target(entry) and not targets and not joint:  # "said relations should not depend on ...": an opinion,
        # no demand; an imported frame codes, as PETRARCH does, only a source and a target; the word's next frame
        # may still fit
        return code_match(inputs, match.fallback) if match.fallback is not None else []
    code, modality = inputs.lexicon.code_for(entry, modality_of(trigger, inputs.lexicon.modality))
    pairs = argument_pairs(sources, targets, joint or (entry.reciprocal and not side_by_side(trigger)))
    if root_has(entry.code, "domestic"):
        pairs = [(source, target or home_target(source, trigger, match, inputs)) for source, target in pairs]
    elif root_has(entry.code, "internal"):
        pairs = [(source, target or internal_target(source, trigger, match, inputs)) for source, target in pairs]
    if (entry.target and not entry.reciprocal and len(sources) == 1 and not addressed_to_all(trigger, match, inputs)
            and not (complement_act(trigger) and modality != "intended")):
        # slots name nobody: its context may (not for an act addressed to everyone: "urged all sides to ...")
        pairs = [(source, target or context_target(source, trigger, match, inputs)) for source, target in pairs]
    act = act_of(inputs, match, code, modality)
    return [build_event(inputs, act, source, target) for source, target in pairs]


def describes_party(verb: Token) -> bool:
    """A verb of a standing campaign or alignment (``standing_verbs``) in a relative clause in the present
    tense ("which backs", "which has fought", "who are fighting") or in an "-ing" participle ("militias
    fighting Peru"): it says what the party it hangs on is or has long been doing, the background of the
    news. One in the past tells of an act ("the militia that fought Peru on Monday")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in STANDING:
        return False
    if verb.dep_ == "acl":
        return verb.tag_ == "VBG"
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    return verb.dep_ == "relcl" and (auxiliaries[0] if auxiliaries else verb).tag_ in PRESENT_TAGS


def background_purpose(verb: Token, light_verbs: frozenset[str]) -> bool:
    """A "to"-clause of purpose on a verb that is itself below the main clause ("a militia Chile raised to
    fight the rebels", "groups it used as proxies to fight Peru"): what a background act was for, not an act
    the text reports. The purpose of the main clause's act is ("Chile sent troops to fight the rebels")."""
    return verb.dep_ == "advcl" and is_infinitive(verb) and clause_weight(verb.head, light_verbs) < 1


def stated_aim(trigger: Token, index: ActorIndex) -> bool:
    """An act in a "to"-clause that a copula predicates of a noun naming no actor ("Peru's strategy is to
    isolate Chile", "the mission's role was to monitor the border"): what an aim, role or policy consists
    of, no act the text reports. "Peru's president is to meet Chile" (an actor the subject) is a plan."""
    verb = clause_verb(trigger)
    if verb.dep_ != "xcomp" or not is_infinitive(verb) or verb.head.lemma_.lower() != "be":
        return False
    subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and all(s.pos_ == "NOUN" and index.at(s.idx, s.idx + len(s.text)) is None
                                  for s in subjects)


def complement_act(trigger: Token) -> bool:
    """An act in the "to"-clause complement of another verb or adjective ("tried to calm the crowd", "continued
    to support the project"): its governor ties it to its sentence; unless it is an intention (which answers
    whoever the context names: "pledged to put them on trial", after a call to do so), no party its own slots
    do not name is its target."""
    verb = clause_verb(trigger)
    return verb.dep_ == "xcomp" and is_infinitive(verb)


def is_joint(entry: Entry, sources: Sequence[Argument]) -> bool:
    """Coordinated doers of different states acting together, each the other's party: an act of a root that
    says so (``joint``: cooperation) whose entry needs a target the text does not name."""
    countries = {s.actor.country or s.actor.id for s in sources}
    return entry.needs_target and root_has(entry.code, "joint") and len(countries) > 1


def article_scene(context: ArticleContext, resources: Resources) -> Scene:
    """The article's dateline country, the country it names most, and the adjectives of the countries."""
    dictionary = resources.dictionary
    dateline = dateline_country(context, dictionary, resources.locate)
    adjectives = {code: country.adjective for code, country in dictionary.countries.items()}
    return Scene(dateline, main_country(context.index.actors), adjectives)


def match_sources(inputs: Inputs, match: Match) -> list[Argument]:
    """Who did what the match names: the actors in its source slots, else the parties of a reciprocal
    noun's "between" phrase ("talks between Chile and Peru"), else unidentified attackers for an attack
    nobody claims, else the doer its entry implies for an agentless act ("were arrested"); only crowds for
    an entry that needs a group ("demonstrate")."""
    trigger, lexicon = inputs.doc[match.trigger], inputs.lexicon
    stative = is_stative(match, trigger)
    if "subject" in match.entry.target:  # "came under fire (from militants)": the subject underwent it
        sources = undergone_sources(trigger, inputs)
    else:
        sources = find_sources(trigger, inputs.index, lexicon.light_verbs, lexicon.frame_preps, stative=stative)
    if not sources and match.entry.reciprocal and trigger.pos_ in {"NOUN", "PROPN"}:
        sources = between_parties(trigger, inputs.index)  # "a phone call between Chile and Peru"
    if not sources and root_has(match.entry.code, "unattributed"):
        sources = unattributed_sources(trigger, inputs)
    if not sources:  # "five men were arrested in Karachi": the police of the place, when the entry says so
        sources = implied_sources(trigger, match, inputs)
    if not sources and match.entry.owner_source:  # "UN troops were pulled out of Gorazde": the UN withdrew them
        sources = owner_sources(trigger, inputs)
    if match.entry.group_source:  # "Trump demonstrates daily" shows; it is no protest
        sources = [s for s in sources if is_crowd(s, inputs.doc)]
    return sources


def is_crowd(source: Argument, doc: Doc) -> bool:
    """Whether a source can demonstrate or rally: a group or people, a party or movement; not one person,
    a state or a state body."""
    actor, word = source.actor, doc[source.token]
    if source.group or actor.kind == "group" or word.tag_ in {"NNS", "NNPS"} or word.pos_ == "NUM":
        return True
    return actor.kind == "organisation" and not OFFICIAL_SECTORS & set(actor.sectors)


def is_official(actor: Actor) -> bool:
    """A state, or its government or forces."""
    return actor.kind == "state" or bool({"GOV", "MIL"} & set(actor.sectors))


def argument_pairs(sources: Sequence[Argument], targets: Sequence[Argument], reciprocal: bool) -> list[Pair]:
    """Source × target pairs; reciprocal frames pair coordinated sources with each other and need two
    parties (a cabinet that "met" is no event between actors). An actor is not its own target, but a
    group named after a country acts on that country ("Chilean miners protested in Arica": CHL -> CHL)."""
    if not targets and reciprocal:
        return [(a, b) for a in sources for b in sources if a.actor.id != b.actor.id]
    pairs: list[Pair] = []
    for source in sources:
        others = [t for t in targets if distinct(source, t)]
        pairs += [(source, t) for t in others] if others else [(source, None)]
    return pairs


def side_by_side(trigger: Token) -> bool:
    """Coordinated subjects acting together, not on each other ("Chilean and Peruvian troops fought
    alongside the militia", "Chile and Peru worked together")."""
    return any(c.lower_ in TOGETHER for c in trigger.children if c.dep_ in {"prep", "advmod"})


def distinct(source: Argument, target: Argument) -> bool:
    """Two different parties: different actors, or a group and the country it is named after."""
    if source.actor.id != target.actor.id:
        return True
    return (source.group or target.group) and source.token != target.token
