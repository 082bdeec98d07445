"""Quoted stretches found from the quote marks alone, before any parse.

Straight (``"``), doubled (``''``, as some papers print them) and curly (``“ ”``, ``„``, ``« »``)
double marks are paired paragraph by
paragraph (a paragraph is a line of text: blank lines and single line breaks both end one);
marks nested inside an open quote (the other family, or single marks) stay part of
its content. A paragraph that ends inside a quote either

* hands the quote on to the next paragraph when that one opens with a mark (a multi-paragraph
  quote: one chunk per paragraph, linked by ``continued``/``continues``),
* runs on into the next paragraph when the text breaks mid-sentence (a page-break join: the
  paragraph ends without closing punctuation and the next one starts in lower case, or after a
  single line break, without a quote mark), or
* is closed at the paragraph end (an unclosed mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
DOUBLED = "''"  # two apostrophes standing for a straight double mark
OPEN_BEFORE = "([{—–-/“‘'\""
SENTENCE_END = ".?!:;…"
LINE_BREAK = re.compile(r"\n\s*")
MARK = re.compile(DOUBLED + "|[" + re.escape(OPENING + CLOSING + STRAIGHT) + "]")


@dataclass(frozen=True)
class Marked:
    """One quoted chunk: content ``[start, end)`` between the opening mark starting at ``opened`` and
    the closing mark ending at ``closed`` (its last character).

    ``closed`` is None when the paragraph ended before a closing mark.
    """

    start: int
    end: int
    opened: int
    closed: int | None
    continued: bool = False
    continues: bool = False

    @property
    def outer_end(self) -> int:
        """End of the chunk including its closing mark."""
        return self.closed + 1 if self.closed is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty paragraphs (lines) as ``(start, end)`` without outer whitespace."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in LINE_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[0] < s[1]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _family(mark: str) -> str:
    return "straight" if mark in (STRAIGHT, DOUBLED) else "curly"


def opens_with_mark(text: str, offset: int) -> int:
    """The length of the quote mark opening ``text`` at ``offset`` (0 when none does)."""
    if text.startswith(DOUBLED, offset):
        return len(DOUBLED)
    return 1 if offset < len(text) and text[offset] in OPENING + STRAIGHT else 0


def _opens(text: str, i: int, para_start: int) -> bool:
    """Whether the straight mark at ``i`` opens a quote, judged by what stands on its left."""
    return i == para_start or text[i - 1].isspace() or text[i - 1] in OPEN_BEFORE


def _closes(text: str, i: int, para_start: int, stack: list[str]) -> bool:
    """Whether the mark at ``i`` closes the innermost open quote (a straight mark that does not
    look like an opener closes a curly one too: ``“mixed marks,"``)."""
    if not stack or text[i] in OPENING:
        return False
    return text[i] in CLOSING or stack[-1] == "straight" or not _opens(text, i, para_start)


def _joins(text: str, end: int, next_start: int) -> bool:
    """A line or page break inside a sentence: the paragraph stops mid-sentence and the next one
    goes on in lower case (after a blank line) or without a mark (after a single line break)."""
    if text[end - 1] in SENTENCE_END + CLOSING + STRAIGHT or text.endswith(DOUBLED, 0, end):
        return False
    blank = text.count("\n", end, next_start) > 1
    return text[next_start].islower() if blank else not opens_with_mark(text, next_start)


def _chunk(
    text: str, opening: tuple[int, int], closing: tuple[int, int | None], links: tuple[bool, bool]
) -> Marked | None:
    """The chunk between the opening mark ``opening`` (its start and end) and the closing one
    ``closing`` (its start, or the paragraph's end, and its last character, or None when unclosed);
    ``links`` says whether it continues the quote of the paragraph before and whether the next
    paragraph continues it. None when only spaces lie between the marks."""
    start, stop = _strip(text, opening[1], closing[0])
    if start >= stop:
        return None
    continued, continues = links
    return Marked(start, stop, opening[0], closing[1], continued, continues)


def find_marked(text: str) -> list[Marked]:
    """Every quoted chunk in ``text``, in text order."""
    found: list[Marked | None] = []  # None: a pair of marks around nothing but spaces
    paras = paragraphs(text)
    stack: list[str] = []
    opening = (-1, -1)
    continued = False
    for k, (start, end) in enumerate(paras):
        for mark in MARK.finditer(text, start, end):
            i, char = mark.start(), mark.group()
            if _closes(text, i, start, stack):
                stack.pop()
                if not stack:
                    found.append(_chunk(text, opening, (i, mark.end() - 1), (continued, False)))
                    continued = False
            elif char in OPENING or (_family(char) == "straight" and _opens(text, i, start)):
                if not stack:
                    opening = mark.span()
                stack.append(_family(char))
        if not stack:
            continue
        following = paras[k + 1][0] if k + 1 < len(paras) else None
        if following is not None and _joins(text, end, following):
            continue
        hands_on = following is not None and opens_with_mark(text, following) > 0
        found.append(_chunk(text, opening, (end, None), (continued, hands_on)))
        stack = []
        continued = hands_on
    return [m for m in found if m is not None]
