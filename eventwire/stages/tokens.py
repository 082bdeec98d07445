"""Token helpers every stage shares: the :class:`Words` table of a Doc's token strings, and the stance and
place-name checks the actors and the places stages both make on it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE, LENGTH, POS, SPACY
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Token

from ..lexicons.triggers import forms_of
from ..lexicons.words import words
from ..nlp import text_of

# The token attributes a Words table reads, in the order Words.of unpacks them.
TABLE_ATTRS = [IDX, LENGTH, SPACY, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE]


@dataclass(frozen=True)
class Words:
    """The token strings of a Doc, read once: the text, token offsets and the flags name lookups test.

    Finders ask for the text of many short token ranges; slicing this text is much cheaper than
    making a spaCy ``Span`` for each. Tokenisation is fixed once a Doc is made, so one view serves
    every stage call on the same Doc.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lower: tuple[str, ...]
    capital: tuple[bool, ...]  # the token starts with a capital letter
    titled: tuple[bool, ...]  # the token is written in title case ("Hamm", not "HAMM" or "hamm"): ``is_title``
    spaced: tuple[bool, ...]  # whitespace follows the token
    alpha: tuple[bool, ...]
    stops: tuple[bool, ...]  # a space or punctuation other than "." and ")": a name cannot end here

    @classmethod
    def of(cls, doc: Doc) -> Words:
        """Read from the Doc's arrays and its text: no spaCy Token is made (making them was the cost)."""
        text = text_of(doc)
        columns = doc.to_array(TABLE_ATTRS).T.tolist() if len(doc) else [[]] * len(TABLE_ATTRS)
        starts, lengths, spaced, alpha, punct, space, titled = columns
        ends = [start + length for start, length in zip(starts, lengths, strict=True)]
        strings = [text[start:end] for start, end in zip(starts, ends, strict=True)]
        return cls(
            text=text,
            starts=tuple(starts),
            ends=tuple(ends),
            lower=tuple(s.lower() for s in strings),
            capital=tuple(s[:1].isupper() for s in strings),
            titled=tuple(map(bool, titled)),
            spaced=tuple(map(bool, spaced)),
            alpha=tuple(map(bool, alpha)),
            stops=tuple(bool(p or s) and w not in {".", ")"} for p, s, w in zip(punct, space, strings, strict=True)),
        )

    def span(self, first: int, last: int) -> str:
        """``doc[first:last].text`` for ``0 <= first``, without making a Span."""
        last = min(last, len(self.starts))
        return self.text[self.starts[first]:self.ends[last - 1]] if last > first else ""

    def token(self, i: int) -> str:
        return self.text[self.starts[i]:self.ends[i]]


@lru_cache(maxsize=8)
def token_table(doc: Doc) -> Words:
    """The :class:`Words` of ``doc``, made once per Doc (Docs hash by identity)."""
    return Words.of(doc)


STANCE_PREFIXES = frozenset({"anti", "pro", "non"})
DASHES = frozenset({"-", "\u2010", "\u2011"})
FACILITY_MODIFIERS = words("facility_modifiers")
PLACE_NAME_NOUNS = words("facility_nouns") | words("natural_features")


def after_stance(table: Words, i: int) -> bool:
    """Whether token ``i`` follows a stance prefix written onto it ("anti-Chile", "pro-Peruvian",
    "non-Bolivian"): the name says what a group is for or against, not whose it is."""
    return 2 <= i < len(table.lower) and table.lower[i - 2] in STANCE_PREFIXES and table.lower[i - 1] in DASHES \
        and not table.spaced[i - 2] and not table.spaced[i - 1]


def in_stance(table: Words, i: int) -> bool:
    """Whether token ``i`` is part of a stance word: "anti", "-" or "Chile" in "anti-Chile"."""
    return after_stance(table, i) or after_stance(table, i + 1) or after_stance(table, i + 2)


def place_name_end(table: Words, last: int) -> int | None:
    """Where the facility's or natural feature's name that a name ending before token ``last`` begins
    ends (after "Airport" in "Lima International Airport"), or None when no such name follows (the nouns
    and modifiers are word lists of ``data/words/actors.tsv``)."""
    size = len(table.lower)
    if last < size and table.capital[last] and table.lower[last] in FACILITY_MODIFIERS:
        last += 1
    return last + 1 if last < size and table.capital[last] and table.lower[last] in PLACE_NAME_NOUNS else None


def name_heads(doc: Doc, labels: Collection[str]) -> list[int]:
    """The proper nouns that head a name (not compounded onto another word) whose entity label is one of
    ``labels`` ("" for none), read from the Doc's arrays."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    table = doc.to_array([POS, DEP, ENT_TYPE])
    ids = [strings[label] if label else 0 for label in labels]
    keep = (table[:, 0] == PROPN) & (table[:, 1] != strings["compound"]) & np.isin(table[:, 2], ids)
    return np.flatnonzero(keep).tolist()


def word_positions(doc: Doc, attr: int, wanted: Collection[str], pos: int | None = None) -> list[int]:
    """The tokens whose ``attr`` (``LOWER`` or ``LEMMA``) is one of ``wanted`` and, with ``pos``, whose part of
    speech is ``pos`` (a ``spacy.parts_of_speech`` value), ascending; read from the Doc's arrays."""
    if not len(doc) or not wanted:
        return []
    strings = doc.vocab.strings
    columns = [attr, POS] if pos is not None else [attr]
    table = doc.to_array(columns).reshape(len(doc), len(columns))
    keep = np.isin(table[:, 0], np.array([strings[word] for word in wanted], dtype=np.uint64))
    if pos is not None:
        keep &= table[:, 1] == pos
    return np.flatnonzero(keep).tolist()


# Parse helpers of more than one stage (the actors and events stages).
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
VERBAL = frozenset({"VERB", "AUX"})


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for (``who`` in ``Velayati, who ...``), else the token."""
    if token.lower_ not in RELATIVE_PRONOUNS:
        return token
    for ancestor in token.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head
    return token


def is_infinitive(verb: Token) -> bool:
    """A verb with its "to" ("to launch")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def clause_verb(token: Token) -> Token:
    """The verb heading the clause a word sits in (the word itself when it is a verb)."""
    current = token
    for _ in range(4):
        if current.pos_ in VERBAL or current.dep_ == "ROOT" or current.head.i == current.i:
            return current
        current = current.head
    return current if current.pos_ in VERBAL else token


QUANTITY = words("quantity_words")


def counted(token: Token) -> Token | None:
    """What a quantity counts: "thousands" in "thousands of students", "students" in "tens of
    thousands of students", "leaders" in "a group of leaders" (numbers and group words pass on to their
    ``of`` phrase); None for a word that counts nothing."""
    if token.pos_ != "NUM" and not forms_of(token.lower_, token.lemma_) & QUANTITY:
        return None
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def joined_subject(verb: Token) -> Token | None:
    """The subject of a main verb that the parser joined to the sentence's opening phrase: the noun phrase
    between that phrase's last comma and the verb, read as a conjunct or apposition of a noun in the phrase
    ("With the signing of the accord, the government and the rebels agreed": the government and the rebels
    agreed). None when the verb has a subject, or no such phrase opens the sentence."""
    if verb.head.i != verb.i or any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children):
        return None
    first = min([verb.i, *(c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i)])
    opening = next((c for c in verb.children if c.dep_ == "prep" and c.left_edge.i == verb.sent.start), None)
    if opening is None or opening.right_edge.i != first - 1:
        return None
    doc = verb.doc
    comma = max((t.i for t in doc[opening.i:first] if t.text == ","), default=None)
    if comma is None:
        return None
    heads = [t for t in doc[comma + 1:first] if not comma < t.head.i < first]
    if len(heads) != 1 or heads[0].dep_ not in {"conj", "appos"} or heads[0].pos_ not in {"NOUN", "PROPN"}:
        return None
    return heads[0]
