"""The words of time expressions, loaded once from ``eventwire/data/time_words.tsv``."""

from __future__ import annotations

import re
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
        """A regex alternation of the ``kind`` words, longest first (dots and spaces flexible)."""
        words = sorted(self.tables[kind], key=len, reverse=True)
        parts = [re.escape(w).replace(r"\ ", r"\s+") for w in words]
        body = "|".join(parts)
        return rf"(?:{body})(?:s|ies)?" if plural else rf"(?:{body})"


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
