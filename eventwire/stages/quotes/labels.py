"""Speaker labels that open a paragraph: transcript turns ("RUIZ: Well, look, …") and headlines
that put the speaker first ("Ruiz: Bridge will reopen in May").

No parse is needed. A label counts only when the name in it is written elsewhere in the article
inside a sentence ("… Mayor Ana Ruiz said") or opens more than one paragraph (the turns of a
transcript), which keeps out paragraph headings such as "CORRECTION:" or "UPDATE:". Labels in
capitals may open any paragraph; a label in title case the first one (the headline), where
"Name: claim" is the usual way to attribute, or later ones when the same name opens several of them
(the turns of a transcript: "Ana Ruiz: Well, …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .marks import CLOSING, DOUBLED, STRAIGHT, opens_with_mark, paragraphs

CAPS_WORD = r"[A-Z][A-Z'’.-]*[A-Z]"
TITLE_WORD = r"[A-Z][A-Za-z'’.-]*[A-Za-z.]"  # 'Ruiz', 'McCain', 'Dr.', 'NY'
CAPS_LABEL = re.compile(rf"({CAPS_WORD}(?: {CAPS_WORD}){{0,2}}):[ \t\xa0]+(?=\S)")
TITLE_LABEL = re.compile(rf"({TITLE_WORD}(?: {TITLE_WORD}){{0,4}}):[ \t\xa0]+(?=\S)")
ARTICLES = {"The", "A", "An", "THE"}
INSIDE_SENTENCE = r"(?<=[A-Za-z,][ \xa0])"


@dataclass(frozen=True)
class Label:
    """A paragraph-opening speaker label: the name ``[start, end)`` and the words it introduces."""

    start: int
    end: int
    content_start: int
    content_end: int


def find_labels(text: str) -> list[Label]:
    """Every speaker label opening a paragraph of ``text``, in text order."""
    paras = paragraphs(text)
    candidates = [c for c in (_candidate(text, n, p) for n, p in enumerate(paras)) if c is not None]
    names = [text[c.start:c.end] for c in candidates]
    turns = [c for c in (_title_turn(text, p) for p in paras[1:]) if c is not None]
    turn_names = [text[c.start:c.end] for c in turns]
    found = [
        c for c, name in zip(candidates, names, strict=True)
        if names.count(name) > 1 or _named_elsewhere(text, name, c)
    ]
    found += [c for c, name in zip(turns, turn_names, strict=True) if turn_names.count(name) > 1 and c not in found]
    return sorted(found, key=lambda c: c.start)


def _title_turn(text: str, paragraph: tuple[int, int]) -> Label | None:
    """A label in title case opening a later paragraph ("Ana Ruiz: Well, …"): a transcript turn when
    the same name opens more than one paragraph."""
    start, end = paragraph
    opening = start + opens_with_mark(text, start)
    match = TITLE_LABEL.match(text, opening, end)
    if match is None or match.group(1).split()[0] in ARTICLES:
        return None
    content_end = end - len(DOUBLED) if text.endswith(DOUBLED, 0, end) else end - (text[end - 1] in STRAIGHT + CLOSING)
    return Label(match.start(1), match.end(1), match.end(), content_end)


def _candidate(text: str, number: int, paragraph: tuple[int, int]) -> Label | None:
    """The label opening one paragraph, if its form fits (capitals anywhere, title case first)."""
    start, end = paragraph
    opening = start + opens_with_mark(text, start)
    pattern = CAPS_LABEL if number > 0 else TITLE_LABEL
    match = pattern.match(text, opening, end) or CAPS_LABEL.match(text, opening, end)
    if match is None:
        return None
    content_end = end - len(DOUBLED) if text.endswith(DOUBLED, 0, end) else end - (text[end - 1] in STRAIGHT + CLOSING)
    return Label(match.start(1), match.end(1), match.end(), content_end)


def _named_elsewhere(text: str, label: str, at: Label) -> bool:
    """Whether the label's last word, written in mixed case, stands inside a sentence elsewhere."""
    if label.split()[0] in ARTICLES:
        return False
    name = label.split()[-1].rstrip(".")
    pattern = re.compile(rf"{INSIDE_SENTENCE}{re.escape(name)}\b", re.IGNORECASE)
    return any(not at.start <= m.start() < at.end and m.group()[0].isupper() and not m.group().isupper()
               for m in pattern.finditer(text))
