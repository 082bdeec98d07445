"""One reader for every tab-separated data file: '#' comments, one header line, rows with line numbers.

Every data table of eventwire (dictionaries, gazetteer additions, word lists, time words, speech verbs,
ontology columns) is read here, so they all share one syntax and one kind of error: a
:class:`TableError` names the file and the line, and says what to do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path


class TableError(ValueError):
    """A data table that cannot be read: the file, the line and what is wrong."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Row:
    """One row of a table: its cells by column name (missing cells are empty) and its line number."""

    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column, default) or default


def rows(path: Path | str, required: Sequence[str] = ()) -> Iterator[Row]:
    """The rows of a table, after its comments and its header line.

    Blank lines and lines starting with '#' are skipped; cells are stripped; a row shorter than the header
    has empty cells. ``required`` columns must be in the header, or a :class:`TableError` says which.
    """
    header: list[str] | None = None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise TableError(path, number, f"the header lacks the column(s) {', '.join(missing)}; "
                                               f"add them (tab-separated) to the first non-comment line")
            continue
        padded = cells + [""] * (len(header) - len(cells))
        yield Row(number, dict(zip(header, (c.strip() for c in padded), strict=False)))
    if header is None and required:
        raise TableError(path, 1, f"the table has no header line; its first non-comment line must name the "
                                  f"columns {', '.join(required)} (tab-separated)")


@cache
def table(path: str, required: tuple[str, ...] = ()) -> tuple[Row, ...]:
    """All rows of a shipped table, read once per process (shipped files do not change while it runs)."""
    return tuple(rows(path, required))


def split_cell(cell: str | Sequence[str] | None, separator: str = "|") -> tuple[str, ...]:
    """A '|'-separated cell (or a list from YAML) as its stripped, non-empty items."""
    if cell is None:
        return ()
    items = cell.split(separator) if isinstance(cell, str) else [str(c) for c in cell]
    return tuple(i.strip() for i in items if i and i.strip())
