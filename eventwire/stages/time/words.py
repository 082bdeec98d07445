"""The words of time expressions (months, weekdays, numbers, units...), read once from
``eventwire/data/time_words.tsv`` through :mod:`eventwire.lexicons.tables`, and the regex
alternations the rules are written with."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ...lexicons import TableError, rows
from ...settings import data_path

TIME_WORDS = "time_words.tsv"
COLUMNS = ("word", "kind", "value")
KINDS = ("month", "weekday", "number", "ordinal", "unit", "part", "season", "set", "future", "holiday")

# A tree of regex pieces: each key is one escaped character (or r"\s+"); "" marks a word's end.
Tree = dict[str, "Tree"]


@dataclass(frozen=True)
class Lexicon:
    """Word → value tables, one per kind (all keys lower case, without a trailing dot)."""

    tables: Mapping[str, Mapping[str, str]]

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
    tree: Tree = {}
    for word in words:
        node = tree
        for token in _tokens(word):
            node = node.setdefault(token, {})
        node[""] = {}
    return _branches(tree)


def _tokens(word: str) -> list[str]:
    return [r"\s+" if char == " " else re.escape(char) for char in word]


def _branches(node: Tree) -> str:
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
    """Read the time word table shipped with the package; a bad row raises with its line."""
    path = data_path(TIME_WORDS)
    tables: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for row in rows(path, COLUMNS):
        if row["kind"] not in tables or not row["word"] or not row["value"]:
            raise TableError(path, row.line, f"expected word<TAB>kind<TAB>value with kind one of "
                                             f"{', '.join(KINDS)}; fix or remove the row")
        tables[row["kind"]][row["word"]] = row["value"]
    return Lexicon(tables)
