"""Who did it and to whom: the source and target of a trigger word, read off the dependency parse.

Sources:

- the verb's own subject (``nsubj``); in the passive the ``by`` agent (``were attacked by troops``);
- inherited through the grammar when the verb has none: a ``to``-clause takes its governor's subject
  (``is due to meet``, ``are expected to discuss``), or its object for object-control verbs
  (``urged Iran to stop``); a relative clause takes the noun it modifies (``Velayati, who is due to
  meet``); a coordinated verb or a participial clause (``..., saying ...``) takes its head's subject;
- for a nominal event (``Velayati's visit``): the possessor, a ``by`` phrase, a modifier naming an
  actor (``U.S. sanctions``), or the subject of the light verb or the clause it sits in (``held
  talks``, ``hailed ties during a visit``).

Targets sit in the slots the lexicon entry names: ``object`` (the direct object; the subject of a
passive), ``dative``, or a preposition (``at``, ``on``, ``with``, ``between`` ...).

A phrase names an actor when an actor mention covers its head word; failing that (for a relation,
``ties with Russia``, first its partner), a possessor, compound or adjective (``Iran's Supreme
Leader``, ``Iranian targets``), apposition, or an ``of``, ``by`` or ``from`` phrase (``the
government of Iran``, ``an offer from Kabul``). Coordinated phrases give one argument per conjunct. Pronouns
are resolved by the actors stage: a mention of ``he`` carries its actor. Nothing is guessed from
outside the clause: an unresolved phrase gives no argument.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ...lexicons.triggers import forms_of
from ...lexicons.words import words
from ...models import Actor, Basis
from ..actors.index import ActorIndex
from ..tokens import antecedent, counted, is_infinitive, joined_subject

# Open-class word lists: eventwire/data/words/events.tsv explains each.
OBJECT_CONTROL = words("object_control_verbs")
RELATIONAL = words("relational_nouns")
WEAPONS = words("weapon_nouns")
BASED = words("based_words")
FLEEING = words("fleeing_verbs")
ENGAGED = words("engaged_verbs")
OTHERS = words("other_party_nouns")
CONDITIONS = words("condition_marks")
SUPPORTING = words("supporting_verbs")
LEADING = words("leading_words")
RESIDUAL = words("residual_words")
CLAUSE_PREPS = words("clause_preps")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # a verb with tense, which has a subject of its own
UNREALISED = words("unrealised_preps")
ACT_NOUNS = words("act_nouns")  # acts a passive happened in, whose modifier names the doer ("police firing")
ACT_PREPS = frozenset({"in", "during", "by", "from", "amid"})
DATELINE_MARKS = frozenset({"—", "–", "-", "--", ":"})
DATELINE_WORDS = 6  # a dateline is this many words at most
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = ("poss", "compound", "amod", "nmod", "appos")
PREP_DEPS = frozenset({"prep", "dative", "agent"})
LOCATIVE = ("in", "throughout", "across", "inside")
DIRECTED = frozenset({"to", "with", "against", "for", "on", "toward", "towards", "from", "into", "over", "between",
                      "among"})
INHERITED = 0.85  # certainty of an argument reached through the grammar rather than a direct slot
MAX_DEPTH = 2  # phrases followed down from a head word ("the government of Iran")
NESTED = 0.9  # certainty of an actor found on a modifier rather than on the phrase's head word


@dataclass(frozen=True)
class Argument:
    """An actor filling a source or target slot, with the word that ties it to the text. ``group``:
    the phrase names a group the actor is only a modifier of ("Chilean miners", "rebels in Tacna"),
    not the actor itself, so it can act on its own country."""

    actor: Actor
    token: int
    certainty: float
    group: bool = False
    basis: Basis = "named"  # how the text gives the actor (see models.ActorRef)


def word_forms(token: Token) -> frozenset[str]:
    """The lemma, the lower-case form, and the form without a regular inflection ("staged" -> "stage"):
    lemmatisers miss some forms, and lexicon lists are looked up by all of them."""
    return forms_of(token.lower_, token.lemma_)


def is_passive(verb: Token) -> bool:
    """A passive verb, or a participle reduced from one ("the aid worker seized by the militia",
    "wants them deported"), or coordinated with one ("were tortured and murdered")."""
    return (any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or is_reduced_passive(verb)
            or is_small_clause_passive(verb) or is_coordinated_passive(verb))


def is_coordinated_passive(verb: Token) -> bool:
    """A bare participle coordinated with a passive verb, sharing its subject and auxiliary ("fighters
    have been tortured and murdered": the fighters were murdered)."""
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i
            and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "dobj"} for c in verb.children)
            and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.head.children))


def is_small_clause_passive(verb: Token) -> bool:
    """A bare participle with a subject under a verb of wanting or seeing: "wants them deported"
    (its subject is who undergoes it)."""
    return (verb.tag_ == "VBN" and verb.dep_ in {"ccomp", "xcomp", "oprd"}
            and any(c.dep_ == "nsubj" for c in verb.children) and not any(c.dep_ == "aux" for c in verb.children))


def is_reduced_passive(verb: Token) -> bool:
    """A participle modifying its patient; one with an object or a coordinated verb is more likely a
    mis-tagged active verb ("groups collected and shipped aid")."""
    return (verb.dep_ == "acl" and verb.tag_ == "VBN"
            and not any(c.dep_ in {"dobj", "conj"} for c in verb.children))


def grammatical_subject(verb: Token, depth: int = 0) -> tuple[Token | None, float]:
    """The subject of ``verb`` (active or passive), inherited through the grammar when it has none; never a
    dateline the parser read as a subject ("LAGOS, Nigeria — Police arrested ...")."""
    own = next((c for c in verb.children if c.dep_ in SUBJECTS and not is_dateline_word(c)), None)
    if own is not None and own.tag_ == "VBG":  # "The agency working in Chad said", parsed as a gerund subject
        doer = next((c for c in own.children if c.dep_ == "nsubj"), None)
        return (antecedent(doer), INHERITED) if doer is not None else (own, 1.0)
    if own is not None:
        return antecedent(own), 1.0
    if depth > 4 or verb.head.i == verb.i:
        joined = joined_subject(verb)  # "With the accord signed, the government and the rebels agreed"
        return (joined, INHERITED) if joined is not None else (None, 0.0)
    head, dep = verb.head, verb.dep_
    if dep == "relcl":
        return head, INHERITED
    if dep == "xcomp":
        control = next((c for c in head.children if c.dep_ in {"dobj", "dative"}), None)
        if control is not None and head.lemma_.lower() in OBJECT_CONTROL:
            return antecedent(control), INHERITED
    stranded = _stranded_subject(verb) if dep == "advcl" else None
    if stranded is not None:
        return antecedent(stranded), INHERITED
    if dep in {"xcomp", "conj", "advcl", "acomp"}:
        found, certainty = grammatical_subject(head, depth + 1)
        return found, min(certainty, INHERITED)
    if dep == "pcomp" and _controlled_gerund(verb):  # "resorted to throwing stones", "are guilty of violating"
        found, certainty = grammatical_subject(head.head, depth + 1)
        return found, min(certainty, INHERITED)
    if dep == "acl":
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        return (owner, INHERITED) if is_infinitive(verb) else (head, INHERITED)
    return None, 0.0


def _stranded_subject(clause: Token) -> Token | None:
    """The subject of an adverbial clause that the parser took for the object of its conjunction, read as
    a preposition on the main verb ("the row broke out as the adviser, John Bolton, visited Ankara"): that
    object, when nothing but punctuation stands between it and the clause's finite verb. A participle has
    no subject of its own ("spoke as the nominee, seeking to ...": the nominee's phrase is a preposition's)."""
    if clause.tag_ not in FINITE_TAGS:
        return None
    for prep in clause.head.children:
        if prep.dep_ != "prep" or prep.i > clause.i or prep.lower_ not in CLAUSE_PREPS:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.right_edge.i < clause.i and all(t.is_punct for t in clause.doc[pobj.right_edge.i + 1:clause.i]):
                return pobj
    return None


def _controlled_gerund(verb: Token) -> bool:
    """A gerund after a preposition on a verb or adjective with no object, done by that word's subject:
    "resorted to throwing stones", "succeeded in capturing", "are guilty of violating". Not one a
    preposition says did not happen ("refrained from attacking", "left without paying"), nor one after an
    object, whose doer the object may be ("blamed Peru for attacking")."""
    prep = verb.head
    if verb.tag_ != "VBG" or prep.dep_ != "prep" or prep.lower_ in UNREALISED:
        return False
    governor = prep.head
    if governor.pos_ not in {"VERB", "AUX", "ADJ"}:
        return False
    return not any(c.dep_ in {"dobj", "dative"} for c in governor.children)


def is_dateline_word(token: Token) -> bool:
    """A word in capitals opening the text before a dash or colon ("LAGOS, Nigeria —", "KABUL:")."""
    if token.i > DATELINE_WORDS or not token.text.isupper() or len(token.text) < 2:
        return False
    return any(t.text in DATELINE_MARKS for t in token.doc[token.i + 1:token.i + DATELINE_WORDS])


def verb_source(verb: Token, stative: bool = False) -> tuple[Token | None, float]:
    """The doer of a verb: the ``by`` agent of a passive, else the grammatical subject. A stative
    participle is no passive: in "Israel is opposed to the plan" Israel opposes, and in "Serb forces
    were engaged in looting" the forces act."""
    stative = stative or verb.lemma_.lower() in ENGAGED
    if is_passive(verb) and not stative:
        pobj = _by_object(verb)
        if pobj is not None:
            return pobj, 1.0
        displaced = displaced_agent(verb)
        return (displaced, INHERITED) if displaced is not None else (None, 0.0)
    return grammatical_subject(verb)


def _by_object(word: Token, after: int = -1) -> Token | None:
    """The object of a ``by`` phrase of ``word`` (after word ``after``)."""
    agent = next((c for c in word.children if c.i > after and _is_by_phrase(c)), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _is_by_phrase(token: Token) -> bool:
    """Whether ``token`` opens a ``by`` phrase: the parse's agent, or a "by" it left a plain preposition."""
    return token.dep_ == "agent" or (token.dep_ == "prep" and token.lower_ == "by")


def displaced_agent(verb: Token) -> Token | None:
    """The ``by`` agent of a passive that the parser hung on another word: on the active gerund of its
    complement ("was accused of taking bribes by lawmakers") or, after the whole passive clause, on the
    active verb that clause is the complement of ("was accused of misusing funds, much of it believed lost,
    by officials"). An active verb has no agent, so such a ``by`` phrase is the passive's."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for gerund in (g for g in prep.children if g.dep_ == "pcomp" and g.tag_ == "VBG"):
            found = _by_object(gerund)
            if found is not None:
                return found
    head = verb.head
    if verb.dep_ == "ccomp" and head.pos_ == "VERB" and not is_passive(head):
        return _by_object(head, after=verb.right_edge.i)
    return None


def noun_source_candidates(
    noun: Token, light_verbs: frozenset[str], frame_preps: frozenset[str]
) -> list[tuple[Token, float]]:
    """Where the doer of a nominal event may sit, best first."""
    found: list[tuple[Token | None, float]] = [(c, 1.0) for c in noun.children if c.dep_ == "poss"]
    for prep in (c for c in noun.children if c.dep_ in PREP_DEPS and c.lower_ == "by"):
        found += [(p, 1.0) for p in prep.children if p.dep_ == "pobj"]
    found += [(c, NESTED) for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
    found += [(a, NESTED) for c in noun.children if c.dep_ == "amod" and c.lower_ in LEADING  # "a Chilean-led raid"
              for a in c.children if a.dep_ in {"npadvmod", "compound", "nmod", "amod"}]
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and word_forms(head) & light_verbs:
        found.append(_inherit(verb_source(head)))
    elif noun.dep_ == "pobj" and head.lower_ in frame_preps and head.head.pos_ in {"VERB", "AUX"}:
        found.append(_inherit(verb_source(head.head)))
    return [(t, c) for t, c in found if t is not None]


def _inherit(found: tuple[Token | None, float]) -> tuple[Token | None, float]:
    token, certainty = found
    return token, min(certainty, INHERITED)


def target_slots(trigger: Token, slots: Sequence[str], anchors: Sequence[Token]) -> list[list[Token]]:
    """For each slot name, the words that fill it (possibly none), in the order given."""
    return [_fill(trigger, slot, anchors) for slot in slots]


def _fill(trigger: Token, slot: str, anchors: Sequence[Token]) -> list[Token]:
    if slot == "object":
        return _objects(trigger)
    if slot == "subject":  # "a patrol came under fire": the subject underwent the act
        return [antecedent(c) for c in trigger.children if c.dep_ in SUBJECTS]
    if slot == "dative":
        datives = [c for c in trigger.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        return datives
    filled = []
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ in PREP_DEPS and prep.lower_ == slot:
                objects = [antecedent(p) for p in prep.children if p.dep_ in {"pobj", "pcomp"}]
                filled += objects or _stranded_object(prep)
    return filled


def _stranded_object(prep: Token) -> list[Token]:
    """The object of a preposition the parser left without one because a participle after it read as a
    clause ("granted asylum to three students sheltering in the embassy": "students" parsed as the subject
    of "sheltering"): the subject that starts right after the preposition."""
    if prep.i + 1 >= len(prep.doc):
        return []
    for verb in prep.doc[prep.i + 1].ancestors:
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS and c.left_edge.i == prep.i + 1), None)
        if subject is not None:
            return [subject]
    return []


def _objects(verb: Token) -> list[Token]:
    if is_reduced_passive(verb):
        return [verb.head]
    if is_passive(verb):
        patients = {"nsubjpass", "nsubj"} if is_small_clause_passive(verb) else {"nsubjpass"}
        return [antecedent(c) for c in verb.children if c.dep_ in patients]
    direct = [antecedent(c) for c in verb.children if c.dep_ == "dobj"]
    if direct:
        return direct
    numbered = _up_to(verb)
    if numbered:  # "kidnapped up to 16 advisers", parsed as a particle and a "to" phrase
        return numbered
    shifted = [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
               for o in prep.children if o.dep_ == "pobj" for a in o.children if a.dep_ == "appos"]
    if shifted:  # "condemned as an outrage Peru's blockade": the object after the "as" phrase, parsed as its apposition
        return shifted
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "acl"}]
    return [s for clause in clauses for s in clause.children if s.dep_ == "nsubj"]


def _up_to(verb: Token) -> list[Token]:
    """The counted object of "up to N ..." when the parser reads "up" as the verb's particle."""
    ups = [c for c in verb.children if c.lower_ == "up" and c.dep_ in {"prt", "advmod", "prep"}]
    preps = [p for head in (verb, *ups) for p in head.children if p.dep_ == "prep" and p.lower_ == "to"]
    return [antecedent(o) for p in preps if p.i > 0 and p.doc[p.i - 1].lower_ == "up"
            for o in p.children if o.dep_ == "pobj" and any(c.dep_ == "nummod" for c in o.children)]


def nested_objects(phrases: Sequence[Token], depth: int = 2) -> list[Token]:
    """The objects of the directed prepositions inside phrases, up to ``depth`` phrases down: the
    party of an event named one level below its slot ("demanded a ceasefire *with* the rebels",
    "refused visas *to* Peruvians", "troops for a war *against* Chile"), nearest first. An
    ``of`` phrase is passed through ("5 million dollars of aid *for* Chile")."""
    found: list[Token] = []
    level = [p for p in phrases if p.pos_ in {"NOUN", "PROPN", "VERB", "NUM"}]
    for _ in range(depth):
        level = [*level, *(o for phrase in level for o in _prep_objects(phrase, {"of"}))]
        objects = [o for phrase in level for o in _prep_objects(phrase, DIRECTED)]
        found += [antecedent(o) for o in objects if o not in found]
        level = objects
    return found


def _prep_objects(phrase: Token, preps: Collection[str]) -> list[Token]:
    """The objects of the prepositions ``preps`` hanging on ``phrase``, in order."""
    return [o for prep in phrase.children if prep.dep_ == "prep" and prep.lower_ in preps
            for o in prep.children if o.dep_ == "pobj"]


def purpose_parties(verb: Token, depth: int = 2, purposes: bool = False) -> list[Token]:
    """Who an act is aimed at by the clause that gives its purpose or condition: the objects of "to
    show their anger at Peru", "calling for the release of the envoy", and the subject of "unless
    Peru withdraws" (also under the act's own ``to``-clause: "threatened to strike unless ..."),
    nearest first; with ``purposes``, only through a ``to``-clause of purpose ("opened the border to let
    aid reach Chile", also one of its complement: "claims to make arms to use against Chile"), not the
    complement itself ("plans to send aid to Chile")."""
    found: list[Token] = []
    for clause in (c for c in verb.children if c.dep_ in {"advcl", "xcomp"} and c.pos_ in {"VERB", "AUX"}):
        if purposes and clause.dep_ == "xcomp":
            found += purpose_parties(clause, depth - 1, purposes) if depth > 1 else []
            continue
        if purposes and not is_infinitive(clause):
            continue
        if any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in clause.children):
            found += [antecedent(c) for c in clause.children if c.dep_ in SUBJECTS]
        objects = [antecedent(c) for c in clause.children if c.dep_ == "dobj"]
        found += objects + nested_objects([clause, *objects])
        if clause.dep_ == "xcomp" and depth > 1:
            found += purpose_parties(clause, depth - 1)
    return found


def served_object(verb: Token) -> list[Token]:
    """Whom an act done for a purpose is addressed to: the object of the verb whose ``to``-clause it is
    ("summoned Peru's envoy to complain about the raids")."""
    if verb.dep_ not in {"advcl", "xcomp"} or not is_infinitive(verb):
        return []
    return [antecedent(c) for c in verb.head.children if c.dep_ == "dobj"]


class ArgumentIndex(ActorIndex):
    """The article's actors by span, and the countries of its places: a group named by where it is
    ("demonstrators in Baghdad") belongs to that place's country."""

    def __init__(self, actors: Sequence[Actor], places: Sequence[Actor] = ()) -> None:
        super().__init__(actors)
        self.places = ActorIndex(places)

    def place_at(self, start: int, end: int) -> Actor | None:
        """The state actor standing for the place at ``[start, end)``, if any."""
        return self.places.at(start, end)


def resolve(token: Token, index: ActorIndex, depth: int = 0) -> tuple[Actor, float] | None:
    """The actor a phrase names, by its head word, then its modifiers, then an ``of`` phrase, then
    the country it is in ("rebels in the Ivory Coast"). A quantity passes on to what it counts
    ("thousands of Kurds")."""
    actor = index.at(token.idx, token.idx + len(token.text))
    if actor is not None:
        return actor, 1.0
    inner = counted(token)
    if inner is not None:
        return resolve(inner, index, depth)
    if depth >= MAX_DEPTH:
        return None
    if token.lemma_.lower() in RELATIONAL:  # "ties with Russia", "its war with Chile": the other side
        partner = _prep_object(token, ("with", "between"), index, depth)
        if partner is not None:
            return partner
    for dep in MODIFIER_DEPS:
        if dep == "poss" and token.lemma_.lower() in OTHERS:  # "its partners" are not it
            continue
        for child in (c for c in token.children if c.dep_ == dep):
            found = resolve(child, index, depth + 1)
            if found is not None:
                return found[0], found[1] * NESTED
    return _prep_object(token, ("of", "by", "from"), index, depth) or _doer(token, index, depth) \
        or _located(token, index)


def _doer(token: Token, index: ActorIndex, depth: int) -> tuple[Actor, float] | None:
    """Who did what a phrase names, by the participle after it or the one leading it: "killings committed
    by Peruvian police", "the Chilean-led offensive". Who backs, arms or trains a group is not the group
    ("forces backed by Chile")."""
    for participle in token.children:
        if describes_support(participle):
            continue
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            agents = [o for a in participle.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        elif participle.dep_ == "amod" and participle.lower_ in LEADING:
            agents = [c for c in participle.children if c.dep_ in {"npadvmod", "compound", "nmod"}]
        else:
            continue
        for agent in agents:
            found = resolve(agent, index, depth + 1)
            if found is not None:
                return found[0], found[1] * NESTED
    return None


def names_group(token: Token, index: ActorIndex) -> bool:
    """Whether the phrase names others than the actor it resolves to: a group named after it ("Chilean
    miners", "rebels in Tacna", "raids by Peruvian militants"), not the actor itself or what its
    pronoun owns ("its own rebels", "his plan"). A quantity stands for what it counts."""
    for _ in range(4):
        if index.at(token.idx, token.idx + len(token.text)) is not None:
            return False
        inner = counted(token)
        if inner is None:
            break
        token = inner
    return not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


def _located(token: Token, index: ActorIndex) -> tuple[Actor, float] | None:
    """The country a phrase is located in or comes from ("Opposition groups in Zimbabwe", "students
    throughout Indonesia", "targets in Jericho", "guerrillas operating in Macedonia", "a missionary from
    Calgary"): a state named there, or a place of that country."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in {"GPE", "LOC", "FAC", "DATE", "TIME"}:
        return None
    if token.lemma_.lower() in WEAPONS:  # "a bombing in Baghdad" is not Iraq's
        return None
    based = [c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in BASED]  # "a group based in Tacna"
    fled = [h for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in FLEEING
            for h in (c, *(o for o in c.children if o.dep_ == "dobj"))]  # "refugees escaping the fighting in Peru"
    for pobj in (*(o for head in (token, *based, *fled) for o in _prep_objects(head, LOCATIVE)),
                 *(o for head in (token, *fled) for o in _prep_objects(head, ("from",)))):
        start, end = pobj.left_edge.idx, pobj.idx + len(pobj.text)
        actor = index.at(pobj.idx, end)
        if actor is not None and actor.kind == "state":
            return actor, NESTED * NESTED
        place = index.place_at(start, end) if isinstance(index, ArgumentIndex) else None
        if place is not None:
            return place, NESTED * NESTED
    return None


def _prep_object(token: Token, preps: tuple[str, ...], index: ActorIndex, depth: int) -> tuple[Actor, float] | None:
    """The actor named by the object of one of ``preps`` hanging on ``token``."""
    for pobj in _prep_objects(token, preps):
        found = resolve(pobj, index, depth + 1)
        if found is not None:
            return found[0], found[1] * NESTED
    return None


def resolve_all(tokens: Iterable[Token], index: ActorIndex, certainty: float = 1.0,
                exclude: frozenset[str] = frozenset()) -> list[Argument]:
    """One argument per distinct actor named by the phrases and their conjuncts, in text order, leaving
    out the actors ``exclude`` names (the act's sources: "reneged on his commitment to the voters")."""
    arguments: dict[str, Argument] = {}
    for token in tokens:
        for word in (token, *token.conjuncts, *coordinated_qualifiers(token)):
            if the_rest(word, token):
                continue
            found = resolve(word, index)
            if found is not None and found[0].id not in arguments and found[0].id not in exclude:
                group = names_group(word, index)
                arguments[found[0].id] = Argument(found[0], word.i, round(certainty * found[1], 4), group)
    return sorted(arguments.values(), key=lambda a: a.token)


def the_rest(word: Token, first: Token) -> bool:
    """A later conjunct that stands for the rest of a class whose members the list names ("Chile, Peru and
    other Andean states"): those named are the parties, not a body the rest would make up."""
    return word.i > first.i and any(c.dep_ in {"amod", "det"} and c.lower_ in RESIDUAL for c in word.children)


def coordinated_qualifiers(token: Token) -> list[Token]:
    """The coordinated words qualifying a noun ("Chilean and Peruvian officials"): each names a party."""
    return [c for q in token.children if q.dep_ in {"amod", "compound", "nmod"} and q.conjuncts
            for c in (q, *q.conjuncts) if c.i < token.i]


def first_resolved(candidates: Iterable[Sequence[Token]], index: ActorIndex, certainty: float = 1.0,
                   exclude: frozenset[str] = frozenset()) -> list[Argument]:
    """The arguments of the first group of phrases that names any actor but those ``exclude`` names."""
    for group in candidates:
        found = resolve_all(group, index, certainty, exclude)
        if found:
            return found
    return []


def sources(
    trigger: Token, index: ActorIndex, light_verbs: frozenset[str], frame_preps: frozenset[str], stative: bool = False
) -> list[Argument]:
    """The actors who did what ``trigger`` names (``stative``: the trigger is a participle used as an
    adjective, whose subject is its source)."""
    if trigger.pos_ in {"NOUN", "PROPN"}:
        return _noun_sources(trigger, index, light_verbs, frame_preps)
    doer, certainty = verb_source(trigger, stative)
    found = resolve_all([doer], index, certainty) if doer is not None else []
    if not found and trigger.dep_ == "acl" and trigger.tag_ == "VBG" and doer is not None and doer.i == trigger.head.i:
        return _issuer(trigger.head, index)
    if not found and doer is None and is_passive(trigger) and not stative:
        return act_doers(trigger, index)
    return found


def act_doers(verb: Token, index: ActorIndex) -> list[Argument]:
    """Who did an agentless passive through the act it happened in, when a modifier of that act names
    them: "were killed in police firing", "died in an Israeli air strike", "were wounded during an army
    raid". An act two sides fight ("clashes") names no one doer and is not listed in ``act_nouns``."""
    doers: list[Token] = []
    for prep in (c for c in verb.children if c.dep_ in PREP_DEPS and c.lower_ in ACT_PREPS):
        for pobj in (o for o in prep.children if o.dep_ == "pobj"):
            if _is_act(pobj):  # "in an army raid", "in a raid by police"
                doers += [c for c in pobj.children if c.dep_ in {"poss", "compound", "amod", "nmod"}]
                doers += [o for p in pobj.children if p.dep_ in PREP_DEPS and p.lower_ == "by"
                          for o in p.children if o.dep_ == "pobj"]
            elif any(_is_act(c) for c in pobj.children if c.dep_ in {"acl", "compound", "appos"} and c.i > pobj.i):
                doers.append(pobj)  # "in police firing", parsed as the police and a participle
    return resolve_all(doers, index, INHERITED * NESTED)


def _is_act(token: Token) -> bool:
    return bool(word_forms(token) & ACT_NOUNS)


def agentless(trigger: Token) -> bool:
    """Whether the text gives no doer of the act at all: a passive with no "by" agent ("five men were
    arrested"), or an event noun with no possessor, "by" phrase or light verb's subject ("the arrest of
    five men"). A doer written but not known ("arrested by unknown men") is a doer."""
    if trigger.pos_ in {"NOUN", "PROPN"}:  # an act, with whom it was done to ("in detention" is a state)
        if any(c.dep_ == "poss" or (c.dep_ in PREP_DEPS and c.lower_ == "by") for c in trigger.children):
            return False
        if not any(c.dep_ == "prep" and c.lower_ == "of" for c in trigger.children):
            return False
        return not (trigger.dep_ == "dobj" and any(c.dep_ in SUBJECTS for c in trigger.head.children))
    if not is_passive(trigger):
        return False
    verbs = [trigger, *(c for c in trigger.conjuncts if c.pos_ in {"VERB", "AUX"})]  # "detained and tortured by X"
    return not any(_is_by_phrase(c) for v in verbs for c in v.children) \
        and not any(displaced_agent(v) is not None for v in verbs)


def between_parties(noun: Token, index: ActorIndex) -> list[Argument]:
    """The parties of an event noun's "between" phrase when it names two or more ("a phone call between
    Chile and Peru", "the talks between Lima and La Paz"): each did the act with the others."""
    phrases = [o for p in noun.children if p.dep_ in PREP_DEPS and p.lower_ == "between"
               for o in p.children if o.dep_ == "pobj"]
    found = resolve_all(phrases, index, INHERITED)
    return found if len(found) > 1 else []


def _noun_sources(noun: Token, index: ActorIndex, light_verbs: frozenset[str], frame_preps: frozenset[str]
                  ) -> list[Argument]:
    """The actors who did what an event noun names: those of its first candidate slot naming any."""
    for token, certainty in noun_source_candidates(noun, light_verbs, frame_preps):
        found = resolve_all([token], index, certainty)
        if found:
            return found
    return []


def _issuer(message: Token, index: ActorIndex) -> list[Argument]:
    """Who issued a message that does the act ("the union issued a statement demanding ..."): the
    subject of the verb the message is the object of."""
    if message.dep_ != "dobj" or message.head.pos_ not in {"VERB", "AUX"}:
        return []
    doer, certainty = verb_source(message.head)
    return resolve_all([doer], index, certainty * INHERITED) if doer is not None else []


def describes_support(participle: Token) -> bool:
    """A participle of backing, arming or helping that describes a party ("the rebels, backed by Turkey, are
    fighting", "militias armed by Iran attacked", "the Turkish-backed rebels"): a standing tie told of the
    party, not an act of the story, and its agent is not the party."""
    return (participle.dep_ in {"acl", "amod"} and participle.tag_ == "VBN"
            and participle.lemma_.lower() in SUPPORTING)
