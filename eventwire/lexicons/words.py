"""Open-class word lists: the words a rule tests (weapon nouns, object-control verbs, facility nouns...).

Each list lives in a table under ``eventwire/data/words/`` (one file per pipeline step) with the columns
``list`` (the list's name), ``word`` (lower case, as the rule compares it) and an optional ``value`` for lists
that map a word to something (an office to its synonyms, a word to a code). A list's name is unique across
all the files; :func:`check_words` reports a list defined in two files.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from .tables import TableError, rows

WORDS_DIR = Path(__file__).resolve().parent.parent / "data" / "words"
COLUMNS = ("list", "word")


@lru_cache(maxsize=1)
def _lists() -> Mapping[str, tuple[tuple[str, str], ...]]:
    """Every word list of every file: name → (word, value) pairs in file order."""
    found: dict[str, list[tuple[str, str]]] = {}
    owner: dict[str, Path] = {}
    for path in sorted(WORDS_DIR.glob("*.tsv")):
        for row in rows(path, COLUMNS):
            name, word = row["list"], row["word"]
            if not name or not word:
                raise TableError(path, row.line, "every row needs a list name and a word")
            if owner.setdefault(name, path) != path:
                raise TableError(path, row.line, f"the list {name!r} is already defined in {owner[name].name}; "
                                                 f"rename one of them")
            found.setdefault(name, []).append((word, row.get("value")))
    return {name: tuple(pairs) for name, pairs in found.items()}


def _pairs(name: str) -> tuple[tuple[str, str], ...]:
    try:
        return _lists()[name]
    except KeyError:
        raise KeyError(f"no word list {name!r} in {WORDS_DIR}; add its rows (list<TAB>word) to a file there") from None


@cache
def words(name: str) -> frozenset[str]:
    """The words of a list (made once per list: rules ask for their lists as they run)."""
    return frozenset(word for word, _ in _pairs(name))


@cache
def ordered_words(name: str) -> tuple[str, ...]:
    """The words of a list in file order (for lists whose order matters)."""
    return tuple(word for word, _ in _pairs(name))


@cache
def word_values(name: str) -> Mapping[str, str]:
    """A list that maps each word to a value (the ``value`` column); read-only, made once per list."""
    return MappingProxyType({word: value for word, value in _pairs(name)})


@cache
def word_groups(name: str, separator: str = "|") -> Mapping[str, tuple[str, ...]]:
    """A list that maps each word to several values, '|'-separated in the ``value`` column; read-only, made once."""
    return MappingProxyType({word: tuple(v.strip() for v in value.split(separator) if v.strip())
                             for word, value in _pairs(name)})


def check_words() -> int:
    """Read every word list (raising a :class:`TableError` on a bad row); the number of lists."""
    return len(_lists())
