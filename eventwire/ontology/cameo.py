"""CAMEO event codes with their names, Goldstein values and quad classes.

The table is package data (``cameo.tsv`` beside this module), read once and cached::

    >>> lookup("051").label
    'Praise or endorse'
    >>> quad_class("190")
    4

Codes are the canonical zero-padded strings of the CAMEO manual: a 2-digit root ("05"), a
3-digit code ("051") or a 4-digit code ("0311"). ``"51"`` is not "051". Users add or override
codes with their own table in the same format: ``read_codes(DEFAULT_TABLE, "mine.tsv")``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..errors import DictionaryError
from ..models import Cameo

DEFAULT_TABLE = Path(__file__).with_name("cameo.tsv")
CODE_PATTERN = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")
COLUMNS = ("code", "label", "goldstein", "quad_class")


def read_table(path: Path | str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated table with ``#`` comment lines, as (line number, row) pairs.

    The first non-comment line is the header; it must name at least ``columns``.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DictionaryError(f"{path}: cannot read the table ({error}); check the path") from error
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise DictionaryError(f"{path}: no header line; the first non-# line must name the columns {columns}")
    header_line, header = numbered[0]
    names = header.split("\t")
    missing = [c for c in columns if c not in names]
    if missing:
        raise DictionaryError(f"{path}:{header_line}: header lacks columns {missing}; expected {columns}")
    rows = csv.reader((line for _, line in numbered[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [(n, dict(zip(names, (v.strip() for v in values)))) for (n, _), values in zip(numbered[1:], rows)]


def root_quad_class(root: str) -> int:
    """The quad class every code under a CAMEO root shares (1-4)."""
    number = int(root[:2])
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def parse_row(path: Path, line: int, row: dict[str, str]) -> Cameo:
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


def read_codes(*paths: Path | str) -> dict[str, Cameo]:
    """CAMEO codes from one or more tables; a later table's row replaces an earlier one's."""
    table: dict[str, Cameo] = {}
    for path in paths or (DEFAULT_TABLE,):
        for line, row in read_table(path, COLUMNS):
            cameo = parse_row(Path(path), line, row)
            table[cameo.code] = cameo
    return table


@lru_cache(maxsize=1)
def codes() -> Mapping[str, Cameo]:
    """Every CAMEO code shipped with eventwire, by code (read once, read-only)."""
    return MappingProxyType(read_codes(DEFAULT_TABLE))


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
