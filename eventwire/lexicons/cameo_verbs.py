"""The CAMEO verb dictionary of TABARI/PETRARCH (``CAMEO.verbpatterns.150430.txt``) and the synonym sets of its
PETRARCH2 successor (``CAMEO.2.0.txt``), read into plain records; :mod:`.verb_frames` turns them into trigger
frames.

The format is PETRARCH's (its ``read_verb_dictionary``), read strictly (comments as in :mod:`.petrarch`):

* synonym sets: a ``&NAME`` line, then ``+WORD`` lines (``_`` joins the words of a phrase; a trailing ``_``
  only says "this form exactly" to TABARI), over comments and blank lines up to the next ``&`` or ``---``
  line;
* verb blocks: ``--- NAME [code] ---`` (``[---]`` or no code: no default code; ``[175:145]``: the codes of a compound
  source and target, of which the first is kept), then the block's verbs, one a line:
  ``VERB [code] {IRREGULAR FORMS}`` (a verb's own code replaces the block's) or ``+VERB_PARTICLE {...}`` for a
  verb of several words, then its patterns;
* patterns: ``- WORDS [code]``, where ``*`` stands for any verb of the block, ``$`` for the source, ``+`` for the
  target, ``%`` for a compound actor, ``^`` for words skipped, ``&NAME`` for a synonym set; a word written
  without a trailing ``_`` matches any word it begins in TABARI.

A line that cannot be read so raises :class:`~eventwire.errors.DictionaryError` with ``file:line:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..errors import DictionaryError
from .petrarch import petrarch_lines, where

FOLDER = Path(__file__).resolve().parent.parent / "data" / "thirdparty" / "cameo"
VERB_FILE = "CAMEO.verbpatterns.150430.txt"
SYNSET_FILE = "CAMEO.2.0.txt"
BLOCK = re.compile(r"^---\s*(?P<name>[^\[\]\s-][^\[\]]*?)\s*(?:\[(?P<code>[^\]]*)\])?\s*(?:---)?\s*$")
CODE = re.compile(r"\[(?P<code>[^\]]*)\]")
FORMS = re.compile(r"\{[^}]*\}")
CAMEO_CODE = re.compile(r"\d{2,4}")


@dataclass(frozen=True)
class Verb:
    """One verb of a block: its words (lower case; "wage war" is two), its own code if it has one."""

    words: tuple[str, ...]
    code: str | None
    line: int


@dataclass(frozen=True)
class Pattern:
    """One pattern of a block: its items as written (``*``, ``+``, ``$``, ``&NAME``, words), its code (None for
    ``[---]``: the pattern codes no event)."""

    items: tuple[str, ...]
    code: str | None
    line: int
    written: bool = True  # False: the line gives no code at all (two lines upstream)


@dataclass(frozen=True)
class VerbBlock:
    """A verb block: its name, default code (None for ``[---]``), verbs and patterns."""

    name: str
    code: str | None
    verbs: tuple[Verb, ...]
    patterns: tuple[Pattern, ...]
    line: int


@dataclass(frozen=True)
class VerbDictionary:
    """The blocks of a verb dictionary and its synonym sets (name without ``&`` and trailing ``_`` → phrases,
    each a tuple of lower-case words)."""

    blocks: tuple[VerbBlock, ...]
    synsets: Mapping[str, tuple[tuple[str, ...], ...]]


def cameo_code(raw: str, label: str) -> str | None:
    """The first code of a ``[...]`` block: ``"040:040"`` -> ``"040"``, ``"---"`` -> None."""
    first = raw.split(":", 1)[0].strip().rstrip("!")  # three codes upstream carry a stray "!"
    if not first or set(first) <= set("-"):
        return None
    if not CAMEO_CODE.fullmatch(first):
        raise DictionaryError(f"{label}: the code [{raw}] is not a CAMEO code of digits ([190]) or [---]")
    return first


def phrase(text: str) -> tuple[str, ...]:
    """``"+WAGE_WAR_"`` -> ``("wage", "war")``."""
    return tuple(w for w in text.lstrip("+").lower().split("_") if w)


def read_synsets(path: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The synonym sets of a verb dictionary file (``&NAME`` and its ``+`` lines)."""
    sets: dict[str, list[tuple[str, ...]]] = {}
    current: str | None = None
    for _, line in petrarch_lines(path):
        text = line.strip()
        if text.startswith("---"):
            break
        if text.startswith("&"):
            current = text[1:].split()[0].rstrip("_").upper()
            sets.setdefault(current, [])
        elif text.startswith("+") and current is not None:
            words = phrase(FORMS.sub("", text).split()[0])
            if words:
                sets[current].append(words)
    return {name: tuple(dict.fromkeys(members)) for name, members in sets.items()}


def read_blocks(path: Path) -> Iterator[VerbBlock]:
    """The verb blocks of a verb dictionary file, in file order."""
    lines = iter(petrarch_lines(path))
    block: tuple[str, str | None, int] | None = None
    verbs: list[Verb] = []
    patterns: list[Pattern] = []
    for number, line in lines:
        text = line.strip()
        label = where(path, number)
        if text.startswith("---"):
            found = BLOCK.match(text)
            if found is None:
                raise DictionaryError(f"{label}: a block line is '--- NAME [code] ---', not {text!r}")
            if block is not None:
                yield VerbBlock(block[0], block[1], tuple(verbs), tuple(patterns), block[2])
            block = (found["name"].strip(), cameo_code(found["code"] or "---", label), number)
            verbs, patterns = [], []
        elif block is None:
            continue  # the synonym sets before the first block
        elif text.startswith("-"):
            patterns.append(_pattern(text, label, number))
        else:
            verbs.append(_verb(text, label, number))
    if block is not None:
        yield VerbBlock(block[0], block[1], tuple(verbs), tuple(patterns), block[2])


def _pattern(text: str, label: str, number: int) -> Pattern:
    codes = CODE.findall(text)
    if len(codes) > 1:
        raise DictionaryError(f"{label}: a pattern line is '- WORDS * WORDS [code]' with one code, not {text!r}")
    items = tuple(CODE.sub(" ", text)[1:].split())
    return Pattern(items, cameo_code(codes[0], label) if codes else None, number, written=bool(codes))


def _verb(text: str, label: str, number: int) -> Verb:
    codes = CODE.findall(text)
    words = phrase(FORMS.sub(" ", CODE.sub(" ", text)).split()[0]) if CODE.sub(" ", FORMS.sub(" ", text)).split() \
        else ()
    if not words or len(codes) > 1:
        raise DictionaryError(f"{label}: a verb line is 'VERB [code] {{FORMS}}' or '+VERB_PARTICLE', not {text!r}")
    return Verb(words, cameo_code(codes[0], label) if codes else None, number)


def read_dictionary(folder: Path | None = None) -> VerbDictionary:
    """The verb dictionary of ``folder`` (by default the shipped one): its blocks, and its synonym sets with the
    members the PETRARCH2 file adds to sets of the same name (when that file is there)."""
    folder = folder or FOLDER
    synsets = read_synsets(folder / VERB_FILE)
    later = folder / SYNSET_FILE
    if later.exists():
        for name, members in read_synsets(later).items():
            synsets[name] = tuple(dict.fromkeys((*synsets.get(name, ()), *members)))
    return VerbDictionary(tuple(read_blocks(folder / VERB_FILE)), MappingProxyType(synsets))
