"""The records of the actor dictionary and how a written name is compared with a listed one.

:class:`Entry` is what a name refers to, :class:`Country` a state with its names, :class:`Role` a role or
sector noun, :class:`Alias` one way of writing a name and :class:`Listing` a row as a file gives it.
:mod:`.actors` builds the dictionary from them; :mod:`.petrarch` reads them from PETRARCH files.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeGuard, get_args

import jellyfish

Kind = Literal["state", "person", "organisation", "group", "igo"]
KINDS: frozenset[str] = frozenset(get_args(Kind))
WORD = re.compile(r"\w+|[^\w\s]")  # the words and signs a name is counted in


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name refers to: one actor (for office holders: one tenure, dated)."""

    key: str
    name: str
    code: str
    country: str | None
    sectors: tuple[str, ...]
    kind: Kind
    role: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Country:
    """A state (or CAMEO region) with the words that name it, its people and its government."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    leader: str = "President"

    @property
    def adjective(self) -> str:
        """The word used in actor names: "Iranian government", "European business"."""
        return self.demonyms[0] if self.demonyms else self.name


@dataclass(frozen=True, slots=True)
class Role:
    """A role or sector noun: a title ("minister"), a body ("parliament") or a group ("troops")."""

    phrase: str
    sectors: tuple[str, ...]
    type: str  # "person", "body", "group" or "honorific"
    label: str


@dataclass(frozen=True, slots=True)
class Alias:
    """One way of writing a name: the entry key it points to and the form it takes."""

    text: str
    key: str
    form: str  # "name", "demonym", "capital" or (for a longer place name around a state's) "place"
    exact: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    """A dictionary row as read from a file: the entry and the names that refer to it."""

    entry: Entry
    aliases: tuple[str, ...]


def is_kind(text: str) -> TypeGuard[Kind]:
    """Whether ``text`` is one of the kinds of actor (:data:`KINDS`)."""
    return text in KINDS


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The lookup key of a name: lower case, straight apostrophes, single spaces (kept for the names
    the stages fold again and again)."""
    return " ".join(text.replace("\u2019", "'").lower().split())


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one inserted, deleted, replaced or swapped letter."""
    return bool(jellyfish.damerau_levenshtein_distance(a, b) == 1)


def is_acronym(alias: str) -> bool:
    """Short all-capital names ("US", "WHO", "ISNA") only match as written."""
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def case_matches(alias: Alias, text: str) -> bool:
    """Whether ``text`` is written as ``alias`` requires: exact for acronyms, else capitals kept, but for
    the generic last word of a name of three words or more, which house styles lower ("the Free Syrian
    army", "the Kurdistan Workers' party")."""
    if alias.exact:
        return text == alias.text
    wanted, written = alias.text.split(), text.split()
    free = len(wanted) - 1 if len(wanted) >= 3 else None
    for n, (want, got) in enumerate(zip(wanted, written, strict=False)):
        if want[:1].isupper() and not got[:1].isupper() and n != free:
            return False
    return True


def split_code(code: str, countries: Collection[str]) -> tuple[str | None, tuple[str, ...]]:
    """("IRNGOV", known) -> ("IRN", ("GOV",)); IGO and unknown prefixes give no country."""
    head, rest = code[:3], code[3:]
    if head in countries:
        return head, tuple(rest[i:i + 3] for i in range(0, len(rest), 3))
    return None, tuple(code[i:i + 3] for i in range(0, len(code), 3))
