"""PLOVER event types, modes and contexts for CAMEO codes.

The crosswalk is package data (``cameo_plover.tsv`` beside this module), read once and cached::

    >>> for_cameo("051").type
    'SUPPORT'
    >>> for_cameo("013").type is None      # CAMEO statements have no PLOVER type
    True
    >>> cameo_for("ASSAULT")
    '190'

A code missing from the crosswalk falls back to its 3-digit parent, then to its root. Users add
or override rows with their own table: ``read_crosswalk(DEFAULT_TABLE, "mine.tsv")``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..errors import DictionaryError
from ..lexicons.tables import Row
from ..models import Plover
from .cameo import CODE_PATTERN, lookup, read_table

DEFAULT_TABLE = Path(__file__).with_name("cameo_plover.tsv")
COLUMNS = ("cameo", "type", "mode", "context")
PLOVER_TYPES: tuple[str, ...] = (
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
)  # fmt: skip


def parse_row(path: Path, line: int, row: Row) -> tuple[str, Plover, bool]:
    """One crosswalk row as (CAMEO code, PLOVER record, is typical), or a :class:`DictionaryError`."""
    where = f"{path}:{line}"
    code = row.get("cameo") or ""
    if not CODE_PATTERN.fullmatch(code):
        raise DictionaryError(f"{where}: {code!r} is not a CAMEO code (2-4 digits, root 01-20, zero-padded)")
    plover_type = row.get("type") or None
    if plover_type is not None and plover_type not in PLOVER_TYPES:
        raise DictionaryError(f"{where}: {plover_type!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
    context = tuple(part.strip() for part in (row.get("context") or "").split(";") if part.strip())
    plover = Plover(type=plover_type, mode=row.get("mode") or None, context=context)
    return code, plover, row.get("typical") == "*"


def _read(paths: tuple[Path | str, ...]) -> tuple[dict[str, Plover], dict[str, str]]:
    """The crosswalk and the typical CAMEO code of each PLOVER type, from tables in order."""
    crosswalk: dict[str, Plover] = {}
    typical: dict[str, str] = {}
    for path in paths:
        for row in read_table(path, COLUMNS):
            code, plover, is_typical = parse_row(Path(path), row.line, row)
            crosswalk[code] = plover
            if is_typical and plover.type:
                typical[plover.type] = code
    return crosswalk, typical


@lru_cache(maxsize=1)
def _default() -> tuple[Mapping[str, Plover], Mapping[str, str]]:
    crosswalk, typical = _read((DEFAULT_TABLE,))
    return MappingProxyType(crosswalk), MappingProxyType(typical)


def read_crosswalk(*paths: Path | str) -> dict[str, Plover]:
    """The CAMEO→PLOVER crosswalk from one or more tables; a later table's row replaces an earlier one's."""
    return _read(paths or (DEFAULT_TABLE,))[0]


def crosswalk() -> Mapping[str, Plover]:
    """The crosswalk shipped with eventwire, by CAMEO code (read once, read-only)."""
    return _default()[0]


def for_cameo(code: str) -> Plover:
    """The PLOVER type, mode and contexts of a CAMEO code, falling back to its parent and root.

    Unknown CAMEO codes raise ``KeyError``; codes with no PLOVER type give ``Plover(None, None)``.
    """
    lookup(code)
    table = crosswalk()
    for prefix in (code, code[:3], code[:2]):
        if prefix in table:
            return table[prefix]
    return Plover(type=None, mode=None)


def cameo_for(plover_type: str) -> str:
    """The CAMEO code that stands for a PLOVER type ("SUPPORT" -> "050"), for reverse mapping."""
    typical = _default()[1]
    try:
        return typical[plover_type.upper()]
    except KeyError:
        raise KeyError(
            f"no CAMEO code for PLOVER type {plover_type!r}: use one of {', '.join(PLOVER_TYPES)} "
            "(eventwire.ontology.PLOVER_TYPES)"
        ) from None
