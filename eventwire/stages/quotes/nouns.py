"""Attribution cues that are nouns: "the mayor's claim that …", "a statement from the union saying …",
"her promise to …", and the viewpoint phrases "in the mayor's view, …", "to her mind, …".

* a cue noun (the list ``cue_nouns`` of ``eventwire/data/words/quotes.tsv``) reports the clause it
  governs: a "that"/"whether" clause or an infinitive ("her plan to close the port"); its speaker is
  the possessor ("her"), the object of "from", "by" or "among" ("the statement from the union", "the sense
  among voters that …"), a person
  after "of", or the subject of the verb the noun is the object of ("Ruiz made the claim that …");
* a viewpoint noun (the list ``view_nouns``) after "in" or "to" with a possessor or an "of" phrase
  gives that holder as the speaker and the rest of its clause as the content, like "according to";
* a finding noun (the list ``finding_nouns``) after "in" reports the rest of its clause itself ("In a poll
  last month, Ruiz led by ten points": the poll speaks).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Token

from ...lexicons import words
from ..tokens import word_positions
from .cues import Cue, clause_side, lead_piece, mention, names_someone, token_range

CLAUSE_MARKS = {"that", "whether", "if"}
CLAUSES = {"acl", "ccomp"}
HOLDER_PREPOSITIONS = {"from", "by", "among"}
PEOPLE = {"PERSON", "ORG", "NORP"}
VIEW_PREPOSITIONS = {"in", "to"}


def noun_cues(doc: Doc) -> Iterator[Cue]:
    """Every noun cue and viewpoint phrase of ``doc`` that has a content, in text order."""
    nouns = words("cue_nouns")
    views = words("view_nouns")
    findings = words("finding_nouns")
    for token in (doc[i] for i in word_positions(doc, LEMMA, nouns | views | findings, NOUN)):
        cue = None
        if token.lemma_ in views and token.dep_ == "pobj" and token.head.lower_ in VIEW_PREPOSITIONS:
            cue = _view_cue(token)
        elif token.lemma_ in findings and token.dep_ == "pobj" and token.head.lower_ == "in":
            cue = _finding_cue(token)
        elif token.lemma_ in nouns:
            cue = _noun_cue(token)
        if cue is not None:
            yield cue


def _reported_clause(noun: Token) -> Token | None:
    """The clause a cue noun governs: "that …", "whether …" or "to …"."""
    for child in noun.rights:
        if child.dep_ not in CLAUSES:
            continue
        marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS]
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" and c.i < child.i for c in child.children)
        if marks or infinitive:
            return child
    return None


def _holder(noun: Token) -> Token | None:
    """Who holds what a cue noun reports: its possessor, "from"/"by"/"among" X, "of" X naming someone, the subject of
    the verb it is the object of (directly or through a preposition), or a name before it ("the Ruiz plan to
    …"; "Ruiz estimates that …" read as a noun)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and (child.lower_ in HOLDER_PREPOSITIONS or child.lower_ == "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and (child.lower_ in HOLDER_PREPOSITIONS or names_someone(objects[0])):
                return objects[0]
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    if verb is not None and verb.pos_ == "VERB":
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    named = [c for c in noun.lefts if c.dep_ == "compound" and c.ent_type_ in PEOPLE]
    return named[-1] if named else None


def _noun_cue(noun: Token) -> Cue | None:
    clause = _reported_clause(noun)
    if clause is None:
        return None
    doc = noun.doc
    content = token_range(doc, clause.left_edge.i, clause.right_edge.i)
    if content is None:
        return None
    holder = _holder(noun)
    speaker = mention(holder) if holder is not None else None
    return Cue(noun.idx, noun.idx + len(noun), noun.i, speaker, content)


def _view_cue(noun: Token) -> Cue | None:
    """ "In the mayor's view, the bridge is safe": the mayor holds that the bridge is safe."""
    holder = _holder(noun)
    preposition = noun.head
    clause = preposition.head
    if holder is None or holder.dep_ not in {"poss", "pobj"} or clause.i == preposition.i:
        return None
    content = token_range(noun.doc, *clause_side(clause, preposition))
    if content is None:
        return None
    lead = lead_piece(clause, preposition)
    last = max(preposition.right_edge.i, noun.i)
    end = noun.doc[last].idx + len(noun.doc[last])
    return Cue(preposition.idx, end, noun.i, mention(holder), content, lead)



def _finding_cue(noun: Token) -> Cue | None:
    """ "In a poll last month, Ruiz led by ten points": the poll reports the rest of the clause."""
    preposition = noun.head
    clause = preposition.head
    if clause.i == preposition.i or clause.pos_ not in {"VERB", "AUX"}:
        return None
    content = token_range(noun.doc, *clause_side(clause, preposition))
    if content is None:
        return None
    end = noun.doc[preposition.right_edge.i].idx + len(noun.doc[preposition.right_edge.i])
    return Cue(preposition.idx, end, noun.i, mention(noun), content, lead_piece(clause, preposition))
