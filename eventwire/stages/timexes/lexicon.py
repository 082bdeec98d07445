"""The words of time expressions, loaded once from ``eventwire/data/time_words.tsv``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ...errors import DictionaryError
from ...settings import data_path

KINDS = ("month", "weekday", "number", "ordinal", "unit", "part", "season", "set", "future", "holiday")


@dataclass(frozen=True)
class Lexicon:
    """Word → value tables, one per kind (all keys lower case, without a trailing dot)."""

    tables: dict[str, dict[str, str]]

    def value(self, kind: str, word: str) -> str | None:
        """The value of ``word`` as a ``kind`` word, ignoring case, a trailing dot and a plural s."""
        key = word.lower().rstrip(".").replace("\u2019", "'")
        table = self.tables[kind]
        if key in table:
            return table[key]
        if key.endswith("ies") and key[:-3] + "y" in table:
            return table[key[:-3] + "y"]
        return table.get(key[:-1]) if key.endswith("s") else None

    def pattern(self, kind: str, *, plural: bool = False) -> str:
        """A regex alternation of the ``kind`` words, longest first (spaces flexible)."""
        body = alternation(self.tables[kind])
        return rf"(?:{body})(?:s|ies)?" if plural else rf"(?:{body})"


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (a space matches any run of whitespace), trying the
    longest first where one word begins another, as ``longest|…|shortest`` would.

    It is written as a tree of shared beginnings (``t(?:hirt(?:een|y)|wo)``): at a position where
    no word starts, the regex engine rejects after a character or two instead of trying every
    word. Two different words can only both match at one position when one begins the other, so
    the two forms find the same matches.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for token in _tokens(word):
            node = node.setdefault(token, {})
        node[""] = {}
    return _branches(tree)


def _tokens(word: str) -> list[str]:
    return [r"\s+" if char == " " else re.escape(char) for char in word]


def _branches(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [token + _branches(child) for token, child in node.items() if token]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Read the time word table shipped with the package."""
    path = data_path("time_words.tsv")
    tables: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in tables:
            raise DictionaryError(
                f"{path}:{number}: expected 'word<TAB>kind<TAB>value' with kind one of {KINDS}, got {line!r}"
            )
        tables[fields[1]][fields[0]] = fields[2]
    return Lexicon(tables)
