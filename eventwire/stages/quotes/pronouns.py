"""A pronoun speaker of a relative clause inside a clause of its antecedent: "Berg condemned what
he called …", "The union is denouncing what it calls …", "posts in which he called her …".

The speaker of the inner cue is then the subject of the clause around it, when that subject comes
first in the same sentence and agrees with the pronoun (number, and person or thing). A named
speaker is easier to resolve to an actor than a pronoun, and it is the one readers expect. Cues
that report a clause of their own ("Ruiz said she believes …") keep their pronoun: the inner
belief is the pronoun's, reported by the outer speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

SINGULAR = {"he", "she"}
PLURAL = {"they"}
THING = {"it"}
PRONOUNS = SINGULAR | PLURAL | THING
SUBJECTS = {"nsubj", "nsubjpass"}
PLURAL_TAGS = {"NNS", "NNPS"}
GROUPS = {"ORG", "NORP", "GPE"}
RELATIVE_TAGS = {"WP", "WDT"}
REACH = 4


def outer_antecedent(pronoun: Token, verb: Token) -> Token | None:
    """The subject of a clause above ``verb`` that ``pronoun`` (``verb``'s subject) refers to."""
    if pronoun.lower_ not in PRONOUNS or not _relative(verb):
        return None
    current = verb
    for _ in range(REACH):
        if current.head.i == current.i or current.sent != current.head.sent:
            return None
        current = current.head
        subjects = [c for c in current.children if c.dep_ in SUBJECTS and c.i < pronoun.i]
        if subjects:
            subject = subjects[0]
            return subject if agrees(pronoun, subject) else None
    return None


def _relative(verb: Token) -> bool:
    """Whether ``verb`` heads a relative clause whose relative word it governs ("what he called",
    "in which he called"), not one it merely reports ("donations, which he said were …")."""
    return any(t.tag_ in RELATIVE_TAGS for c in verb.children if c.i < verb.i for t in c.subtree)


def agrees(pronoun: Token, subject: Token) -> bool:
    """Whether ``pronoun`` can stand for ``subject``: the same pronoun, or a noun of its kind ("he" and "she" a
    person's name)."""
    word = pronoun.lower_
    if subject.pos_ == "PRON":
        return subject.lower_ == word
    plural = subject.tag_ in PLURAL_TAGS or any(c.dep_ == "conj" for c in subject.children)
    if word in SINGULAR:  # a person's name, not a thing ("The ad includes a clip in which he says …": not the ad)
        named = subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN"
        return named and not plural and subject.ent_type_ not in GROUPS
    if word in PLURAL:
        return plural or subject.ent_type_ in GROUPS or subject.pos_ == "NOUN"
    return (not plural and subject.ent_type_ != "PERSON" and subject.pos_ != "PROPN") or subject.ent_type_ in GROUPS
