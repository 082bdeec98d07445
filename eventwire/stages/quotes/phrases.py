"""Attribution cues of more than one word whose first word alone is no cue: a stance adjective after "be" or
"make" ("Ruiz is confident that …", "Ruiz made it clear that …", "Ruiz was adamant that …"), a verb with
"back" ("Ruiz fired back that …"), and a verb that casts its object as something ("Voters see Ruiz as a
strong leader").

The words are the lists ``stance_adjectives`` (with the verbs they follow, ``stance_adjective_verbs``),
``back_verbs`` and ``casting_verbs`` of ``eventwire/data/words/quotes.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Token

from ...lexicons import words
from ..tokens import word_positions
from .cues import Cue, Verb, content_range, mention, speaker_token, token_range

ADJECTIVE_DEPS = {"acomp", "ccomp", "oprd", "xcomp", "ROOT", "conj", "advcl"}  # how a parse hangs "confident"
CLAUSES = {"ccomp", "advcl", "csubj"}
BACK = {"advmod", "prt"}


def phrase_cues(doc: Doc) -> Iterator[Cue]:
    """Every cue of ``doc`` made of a stance adjective, a verb with "back" or a casting verb, in text order."""
    adjectives = words("stance_adjectives")
    back = words("back_verbs")
    casting = words("casting_verbs")
    found = {*word_positions(doc, LOWER, adjectives), *word_positions(doc, LEMMA, back | casting, VERB)}
    for token in (doc[i] for i in sorted(found)):
        cue = None
        if token.lower_ in adjectives and token.dep_ in ADJECTIVE_DEPS:
            cue = _adjective_cue(token)
        elif token.pos_ == "VERB" and token.lemma_ in back:
            particle = [c for c in token.rights if c.lower_ == "back" and c.dep_ in BACK and c.i == token.i + 1]
            cue = _verb_cue(token, Verb(token.lemma_, "speech", False), particle[0]) if particle else None
        elif token.pos_ == "VERB" and token.lemma_ in casting and _casts(token):
            cue = _verb_cue(token, Verb(token.lemma_, "stance", True), token)
        if cue is not None:
            yield cue


def _adjective_cue(adjective: Token) -> Cue | None:
    """ "Ruiz is confident that the bridge will hold": Ruiz holds that the bridge will hold. The adjective
    follows a verb of the list ``stance_adjective_verbs`` (or is itself the participle: "Ruiz is convinced …"),
    or stands beside a clause whose subject holds it ("Ruiz toured the state, confident that …")."""
    holder = adjective if adjective.pos_ == "VERB" else adjective.head
    if holder.i != adjective.i and holder.lemma_ not in words("stance_adjective_verbs") and adjective.dep_ != "advcl":
        return None
    clause = _clause(adjective, holder)
    if clause is None:
        return None
    content = token_range(adjective.doc, clause.left_edge.i, clause.right_edge.i)
    speaker = speaker_token(holder)
    if content is None or speaker is None or speaker.lower_ == "it":
        return None  # "it is clear that …" says no one's view
    return Cue(adjective.idx, adjective.idx + len(adjective), adjective.i, mention(speaker), content)


def _clause(adjective: Token, holder: Token) -> Token | None:
    """The clause a stance adjective governs, or the one its verb governs right after it ("was adamant that …"
    in a parse that hung the clause on "was")."""
    for head in (adjective, holder):
        for child in head.rights:
            if child.dep_ in CLAUSES and child.i > adjective.i and child.pos_ in {"VERB", "AUX"}:
                return child
    return None


def _casts(verb: Token) -> bool:
    """Whether ``verb`` has an object and an "as" phrase after it ("see Ruiz as a strong leader")."""
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    return bool(objects) and any(c.dep_ == "prep" and c.lower_ == "as" and c.i > objects[0].i
                                 for c in (*verb.rights, *objects[0].rights))


def _verb_cue(verb: Token, entry: Verb, last: Token) -> Cue | None:
    content = content_range(verb, entry)
    subject = speaker_token(verb)
    if content is None or subject is None:
        return None
    return Cue(verb.idx, last.idx + len(last), verb.i, mention(subject), content)
