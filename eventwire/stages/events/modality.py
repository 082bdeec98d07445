"""Modality of an event: did it happen, is it planned, only possible, or denied?

:func:`modality_of` reads the trigger's own auxiliaries and negation, then climbs the chain of
verbs that govern it through ``to``-clauses (``is due to meet``, ``are expected to discuss``,
``was likely to ask``, ``refused to meet``, ``its refusal to accept``, ``plans to attack``) and
coordination, and looks for:

- **negated**: a negator on the trigger or a governing verb (``did not attack``, ``never met``), or
  a negating governor (``denied attacking``, ``failed to meet``);
- **hypothetical**: a modal auxiliary (``might``, ``could``, ``may``, ``would``), a hypothetical
  governor (``likely to``, ``consider``), or an ``if``/``unless`` clause around the trigger;
- **intended**: a future auxiliary (``will``), an intending governor (``due to``, ``plans to``,
  ``expected to``, ``scheduled to``, ``set to``), or ``would`` in speech reported in the past
  (``he said he would deliver`` reports a ``will``); a decision (``decided to withdraw``, ``the decision to
  close the border``: the ``decided_heads`` word list) reports the act decided on, not an intention;
- for an act noun, the words that mark it as not (yet) done count too: its adjectives ("a planned offensive":
  intended; "a potential withdrawal", ``prospective_words``: hypothetical) and the noun whose "of" or "for"
  phrase it is ("the threat of attack": intended; "the prospect of an invasion": hypothetical);
- **asserted** otherwise.

The first of negated, hypothetical, intended that applies wins. The cue words are data
(the ``modality`` section of ``eventwire/data/triggers.yaml``), held in
:class:`eventwire.lexicons.triggers.ModalityCues`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ...lexicons.triggers import ModalityCues
from ...lexicons.words import words
from ...models import Modality
from ..tokens import clause_verb, is_infinitive

AUX_DEPS = frozenset({"aux", "auxpass"})
CLIMB_DEPS = frozenset({"xcomp", "acomp", "conj", "pcomp", "acl"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
GIVEN_DEPS = frozenset({"nsubj", "nsubjpass", "pobj"})  # a subject, or the noun of a phrase ("in its bombing")
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
DECIDED = words("decided_heads")
PROSPECTIVE = words("prospective_words")


def modality_of(trigger: Token, cues: ModalityCues) -> Modality:
    """The modality of the event whose trigger word is ``trigger``."""
    chain = list(governing_chain(trigger))
    if any(_negated(tok, i, chain, cues) for i, tok in enumerate(chain)) or _denied(chain[-1], cues):
        return "negated"
    marks = noun_marks(trigger)
    if any(_hypothetical(tok, i, chain, cues) for i, tok in enumerate(chain)) or marks & _hypothetical_marks(cues):
        return "hypothetical"
    if any(_intended(tok, i, chain, cues) for i, tok in enumerate(chain)) or marks & cues.intended_heads - DECIDED:
        return "intended"
    return "asserted"


def noun_marks(noun: Token) -> set[str]:
    """The lemmas that may say an act noun has not happened: its adjectives and participles ("a planned
    offensive", "the expected assault", "a potential withdrawal") and the noun whose "of" or "for" phrase
    it is ("the threat of attack", "the prospect of an invasion", "plans for a strike")."""
    if noun.pos_ not in NOUN_POS:
        return set()
    marks = {c.lemma_.lower() for c in noun.children if c.dep_ in {"amod", "compound"}}
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in {"of", "for"} and prep.head.pos_ in NOUN_POS:
        marks.add(prep.head.lemma_.lower())
    return marks


def _hypothetical_marks(cues: ModalityCues) -> frozenset[str]:
    return cues.hypothetical_heads | PROSPECTIVE


def governing_chain(trigger: Token) -> Iterator[Token]:
    """The trigger, its clause verb (for a noun), then the verbs that govern it through to-clauses. A
    definite noun that is its clause's subject or a phrase's noun names an act the clause takes as given,
    whatever the clause says of it ("Turkey's offensive could undermine the talks", "in its bombing of
    Arica, Peru may have ..."): its chain is the noun alone."""
    if _given_subject(trigger):
        yield trigger
        return
    token = clause_verb(trigger)
    if token.i != trigger.i:
        yield trigger
    seen = {trigger.i}
    while True:
        yield token
        seen.add(token.i)
        if (token.dep_ not in CLIMB_DEPS and not _infinitive_clause(token)) or token.head.i in seen:
            return
        if token.dep_ == "conj" and (_has_subject(token) or _has_auxiliary(token)):
            return  # "does not acknowledge it but is believed to ...": the second verb has its own
        token = token.head


def _given_subject(noun: Token) -> bool:
    """A noun subject or phrase noun with a possessor or a definite determiner ("its offensive", "the
    strikes"); not an object, which may be what the clause does ("will hold the talks")."""
    if noun.pos_ not in NOUN_POS or noun.dep_ not in GIVEN_DEPS:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children)


def _infinitive_clause(token: Token) -> bool:
    """A "to"-clause parsed as an adverbial clause ("may feel ready to launch an offensive"): it
    shares its governor's modality like any to-clause."""
    return token.dep_ == "advcl" and is_infinitive(token) and not _has_subject(token)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)


def _has_auxiliary(token: Token) -> bool:
    return any(c.dep_ in AUX_DEPS for c in token.children)


def _governs_by(chain: list[Token], i: int, deps: frozenset[str]) -> bool:
    """Whether chain[i] governs chain[i - 1] through one of ``deps``."""
    return i > 0 and chain[i - 1].head.i == chain[i].i and chain[i - 1].dep_ in deps


def _negated(token: Token, i: int, chain: list[Token], cues: ModalityCues) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and (c.lower_ in cues.negators or _no_longer(c, cues)))
           for c in token.children):
        return True
    governs = _governs_by(chain, i, frozenset({"xcomp", "ccomp", "pcomp", "acl"}))
    return governs and token.lemma_.lower() in cues.negating_heads


def _denied(clause: Token, cues: ModalityCues) -> bool:
    """A clause that a denial reports ("denied that its troops attacked Peru")."""
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in cues.negating_heads


def _no_longer(adverb: Token, cues: ModalityCues) -> bool:
    """"no longer", "not any more": a negator on the adverb."""
    return adverb.lower_ in {"longer", "more"} and any(c.lower_ in cues.negators for c in adverb.children)


def _hypothetical(token: Token, i: int, chain: list[Token], cues: ModalityCues) -> bool:
    for child in token.children:
        if child.dep_ in AUX_DEPS and child.lower_ in cues.hypothetical_aux and not _backshifted(token, child, cues):
            return True
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in token.children):
        return True
    return i > 0 and token.lemma_.lower() in cues.hypothetical_heads and _governs_by(chain, i, CLIMB_DEPS)


def _intended(token: Token, i: int, chain: list[Token], cues: ModalityCues) -> bool:
    for child in token.children:
        if child.dep_ in AUX_DEPS and child.lower_ in cues.intended_aux:
            return True
        if child.dep_ in AUX_DEPS and child.lower_ == "would" and _backshifted(token, child, cues):
            return True
    head = token.lemma_.lower()
    return _governs_by(chain, i, frozenset({"xcomp", "acl"})) and head in cues.intended_heads and head not in DECIDED


def _backshifted(verb: Token, aux: Token, cues: ModalityCues) -> bool:
    """``would`` in a clause reported by a past-tense speech verb: the speaker's ``will``."""
    if aux.lower_ != "would":
        return False
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return False
    speech = clause.head
    past = speech.tag_ == "VBD" or "Past" in speech.morph.get("Tense", None)
    return speech.lemma_.lower() in cues.reporting_verbs and past
