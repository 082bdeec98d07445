"""Rows as CSV text for download, safe to open in a spreadsheet.

    "".join(lines([["code", "goldstein"], ["=cmd()", -2.0]]))   # 'code,goldstein\r\n\'=cmd(),-2.0\r\n'

A text cell a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-`` or ``@`` and is not a
number) gets a leading ``'``; the page's table downloads (``static/app.js``) follow the same rule.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

FORMULA = re.compile(r"^[=+\-@]")
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def cell(value: Any) -> str:
    """A value as CSV cell text: empty for None, lists joined with ``;``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(cell(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = str(value)
    return "'" + text if FORMULA.match(text) and not NUMBER.match(text) else text


def lines(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """One CSV line (with its CRLF) per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([cell(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
