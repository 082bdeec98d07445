"""CAMEO event codes with their names, Goldstein values and quad classes, and what each root does.

The table is package data (``cameo.tsv`` beside this module), read once and cached::

    >>> lookup("051").label
    'Praise or endorse'
    >>> quad_class("190")
    4
    >>> root_has("19", "unattributed")
    True

Codes are the canonical zero-padded strings of the CAMEO manual: a 2-digit root ("05"), a
3-digit code ("051") or a 4-digit code ("0311"). ``"51"`` is not "051". Users add or override
codes with their own table in the same format: ``read_codes(DEFAULT_TABLE, "mine.tsv")``.

The root rows also say, in yes/no columns, how the event coder treats the acts of the root (see
:data:`BEHAVIOURS` and the table's comment header): where it looks for a target, whether an act
nobody claims is still an event, what of its clause is its content.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal, get_args

from ..errors import DictionaryError
from ..lexicons.tables import Row, TableError, rows
from ..models import Cameo

DEFAULT_TABLE = Path(__file__).with_name("cameo.tsv")
CODE_PATTERN = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")
COLUMNS = ("code", "label", "goldstein", "quad_class")
Behaviour = Literal["located", "addressed", "purpose", "unattributed", "speech", "content", "refusal", "spoken",
                    "protest", "demand", "asked", "domestic", "internal", "joint"]
BEHAVIOURS: tuple[Behaviour, ...] = get_args(Behaviour)  # the yes/no columns of the root rows
YES_NO = {"yes": True, "no": False, "": False}


def read_table(path: Path | str, columns: tuple[str, ...] = ()) -> tuple[Row, ...]:
    """The rows of an ontology table (read by :func:`eventwire.lexicons.tables.rows`); a table that
    cannot be read, or whose header lacks ``columns``, raises a :class:`DictionaryError` naming it."""
    try:
        return tuple(rows(path, columns))
    except OSError as error:
        raise DictionaryError(f"{path}: cannot read the table ({error}); check the path") from error
    except TableError as error:
        raise DictionaryError(str(error)) from error


def root_quad_class(root: str) -> int:
    """The quad class every code under a CAMEO root shares (1-4)."""
    number = int(root[:2])
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def parse_row(path: Path, line: int, row: Row) -> Cameo:
    """One table row as a :class:`Cameo`, or a :class:`DictionaryError` naming file and line."""
    where = f"{path}:{line}"
    code = row.get("code") or ""
    if not CODE_PATTERN.fullmatch(code):
        raise DictionaryError(f"{where}: {code!r} is not a CAMEO code (2-4 digits, root 01-20, zero-padded)")
    if not row.get("label"):
        raise DictionaryError(f"{where}: code {code} has no label")
    try:
        goldstein = float(row.get("goldstein") or "")
        quad = int(row.get("quad_class") or "")
    except ValueError as error:
        raise DictionaryError(f"{where}: goldstein must be a number and quad_class an integer ({error})") from error
    if not -10.0 <= goldstein <= 10.0:
        raise DictionaryError(f"{where}: goldstein {goldstein} of {code} is outside -10..10")
    if quad != root_quad_class(code):
        raise DictionaryError(f"{where}: quad_class {quad} of {code} should be {root_quad_class(code)} for its root")
    return Cameo(code=code, root=code[:2], label=row["label"], goldstein=goldstein, quad_class=quad)


def parse_behaviours(path: Path, row: Row) -> frozenset[Behaviour]:
    """The behaviours a root row says yes to; a non-root row must leave those columns empty."""
    where, code = f"{path}:{row.line}", row.get("code")
    said = {name: row.get(name).lower() for name in BEHAVIOURS if row.get(name)}
    wrong = sorted(name for name, value in said.items() if value not in YES_NO)
    if wrong:
        raise DictionaryError(f"{where}: the column(s) {', '.join(wrong)} of {code} must say yes or no")
    if said and len(code) != 2:
        raise DictionaryError(f"{where}: {', '.join(sorted(said))} of {code}: say yes or no on its root row "
                              f"({code[:2]}) and leave the cells of longer codes empty")
    return frozenset(name for name in BEHAVIOURS if YES_NO[said.get(name, "")])


def read_codes(*paths: Path | str) -> dict[str, Cameo]:
    """CAMEO codes from one or more tables; a later table's row replaces an earlier one's."""
    table: dict[str, Cameo] = {}
    for path in paths or (DEFAULT_TABLE,):
        for row in read_table(path, COLUMNS):
            cameo = parse_row(Path(path), row.line, row)
            table[cameo.code] = cameo
    return table


def read_behaviours(*paths: Path | str) -> dict[str, frozenset[Behaviour]]:
    """The behaviours of each CAMEO root from one or more tables; a later table's root row replaces an
    earlier one's when that table has behaviour columns (an empty cell says no)."""
    table: dict[str, frozenset[Behaviour]] = {}
    for path in paths or (DEFAULT_TABLE,):
        for row in read_table(path, COLUMNS):
            said = parse_behaviours(Path(path), row)
            if len(row.get("code")) == 2 and any(name in row.cells for name in BEHAVIOURS):
                table[row.get("code")] = said
    return table


@lru_cache(maxsize=1)
def codes() -> Mapping[str, Cameo]:
    """Every CAMEO code shipped with eventwire, by code (read once, read-only)."""
    return MappingProxyType(read_codes(DEFAULT_TABLE))


@lru_cache(maxsize=1)
def behaviours() -> Mapping[str, frozenset[Behaviour]]:
    """The behaviours of every CAMEO root shipped with eventwire, by root (read once, read-only)."""
    return MappingProxyType(read_behaviours(DEFAULT_TABLE))


def root_has(code: str, behaviour: Behaviour) -> bool:
    """Whether the root of ``code`` says yes to ``behaviour`` in the CAMEO table ("19", "unattributed")."""
    return behaviour in behaviours().get(code[:2], frozenset())


def lookup(code: str) -> Cameo:
    """The CAMEO record of a canonical code ("051"); unknown codes raise ``KeyError``."""
    try:
        return codes()[code]
    except KeyError:
        raise KeyError(
            f"unknown CAMEO code {code!r}: codes are zero-padded 2-4 digit strings such as '05', '051', "
            "'0311'; list them with eventwire.ontology.codes() or read eventwire/ontology/cameo.tsv"
        ) from None


def root_label(root: str) -> str:
    """The name of a CAMEO root ("05" -> "Engage in diplomatic cooperation"); longer codes use their root."""
    return lookup(root[:2]).label


def quad_class(code: str) -> int:
    """The quad class of a code: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict."""
    return lookup(code).quad_class
