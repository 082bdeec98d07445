"""Token helpers every stage shares: the :class:`Words` table of a Doc's token strings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..nlp import text_of


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
    spaced: tuple[bool, ...]  # whitespace follows the token
    alpha: tuple[bool, ...]
    stops: tuple[bool, ...]  # a space or punctuation other than "." and ")": a name cannot end here

    @classmethod
    def of(cls, doc: Doc) -> "Words":
        rows = [(t.idx, t.text, t.lower_, bool(t.whitespace_), t.is_alpha, t.is_space or t.is_punct)
                for t in doc]  # one pass: making spaCy Token objects is the cost
        return cls(
            text=text_of(doc),
            starts=tuple(r[0] for r in rows),
            ends=tuple(r[0] + len(r[1]) for r in rows),
            lower=tuple(r[2] for r in rows),
            capital=tuple(r[1][:1].isupper() for r in rows),
            spaced=tuple(r[3] for r in rows),
            alpha=tuple(r[4] for r in rows),
            stops=tuple(r[5] and r[1] not in {".", ")"} for r in rows),
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
