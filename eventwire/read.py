"""Read articles from files, folders, JSON, JSONL and stdin; bad input becomes a Skipped record.

    read_inputs(paths)
      ├── "-"      stdin: JSONL when every non-blank line is a JSON object, else one text article
      ├── folder   every file below it, recursively, in sorted order (hidden files left out)
      └── file     .txt .md (text) · .html .htm (trafilatura) · .json (object or list) · .jsonl (streamed)
            ─► article_from_text (clean or verbatim, metadata lifted) ─► Article | Skipped(origin, reason)
    article_from_html(html, origin=, url=)  one fetched page (the watcher's), read the same way as .html

Nothing raises out of :func:`read_inputs`: a missing, empty, binary, undecodable or too long file,
a malformed JSON line or an object without text comes back as :class:`~eventwire.models.Skipped`
with a reason that says what to fix, and the batch goes on. :func:`article_from_text` raises
:class:`~eventwire.errors.InputError` with the same reasons, for callers that hold one text.

An article's id is ``art-`` plus the start of the SHA-256 of its text (the cleaned text, or the
verbatim text with ``clean=False``), unless the input gives its own id.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

from .clean import clean_article, find_metadata, find_wire, normalise_date, source_from_url
from .errors import InputError
from .ids import content_hash
from .models import Article, Skipped

STDIN = "<stdin>"
KINDS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
MIN_HTML_WORDS = 20  # fewer words extracted from a page means it holds no article
FIELDS = ("title", "published", "url", "source", "wire")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class _Options:
    clean: bool
    max_chars: int

    def byte_limit(self, kind: str) -> int:
        """The largest file worth reading for ``kind`` (an HTML page or JSON list holds more than text)."""
        return {"html": 20, "json": 50}.get(kind, 4) * self.max_chars + 1024


def article_id(text: str) -> str:
    """The stable id of an article's text: ``art-`` and 16 hex digits of its SHA-256."""
    return "art-" + content_hash(text)[:16]


def article_from_text(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    wire: str | None = None,
    id: str | None = None,
    origin: str = "",
    clean: bool = True,
) -> Article:
    """One article from its text; metadata given here wins over what the text says.

    Raises :class:`InputError` when the text is blank, holds nothing but metadata, or
    ``published`` is not a date or lies in the future. A date found in the text (or a page's
    metadata) that lies in the future is a misreading and is left out.
    """
    if not text.strip():
        raise InputError("the article is empty (only whitespace); give it some text")
    found = clean_article(text) if clean else find_metadata(text)
    if not found.text.strip():
        raise InputError(
            "no article text is left after cleaning (only a title, byline, date, links or captions); "
            "check the input, or read it verbatim with clean=False (--no-clean)"
        )
    url = url or found.url
    return Article(
        id=id or article_id(found.text),
        text=found.text,
        title=title or found.title,
        published=_iso_date(published) if published else _found_date(found.published),
        source=source or source_from_url(url),
        wire=wire or found.wire,
        url=url,
        origin=origin,
        dateline=found.dateline,
    )


def _iso_date(value: str) -> str:
    iso = normalise_date(value)
    if iso is None:
        raise InputError(f"cannot read the date {value!r}; write it as YYYY-MM-DD")
    if _in_future(iso):
        raise InputError(f"the publication date {iso} is in the future; fix it or leave it out")
    return iso


def _in_future(iso: str) -> bool:
    """Whether an ISO date lies after tomorrow (a day of slack for time zones)."""
    return dt.date.fromisoformat(iso) > dt.date.today() + dt.timedelta(days=1)


def _found_date(iso: str | None) -> str | None:
    """A date found in the article's text, unless it lies in the future (then it is a misreading)."""
    return None if iso is None or _in_future(iso) else iso


def read_inputs(
    paths: Iterable[str], *, clean: bool = True, max_chars: int = 1_000_000
) -> Iterator[Article | Skipped]:
    """Every article in ``paths`` (files, folders, ``-`` for stdin), in order; bad input as Skipped."""
    options = _Options(clean=clean, max_chars=max_chars)
    for path in paths:
        if path == "-":
            yield from _read_stdin(options)
        elif os.path.isdir(path):
            yield from _read_folder(Path(path), options)
        else:
            yield from _read_file(Path(path), options, kind=KINDS.get(Path(path).suffix.lower(), "text"))


def _guard(origin: str, make: Callable[[], Article]) -> Article | Skipped:
    """``make()``, or a Skipped record with the reason it could not make an article."""
    try:
        return make()
    except InputError as exc:
        return Skipped(origin, str(exc))
    except OSError as exc:
        return Skipped(origin, _os_reason(exc))


def _os_reason(exc: OSError) -> str:
    return f"cannot read it: {exc.strerror or exc}; check the path and its permissions"


def _read_folder(root: Path, options: _Options) -> Iterator[Article | Skipped]:
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(n for n in names if not n.startswith(".")):
            path = Path(folder, name)
            kind = KINDS.get(path.suffix.lower())
            if kind is None:
                known = ", ".join(sorted(KINDS))
                reason = f"not an article file: its type is not one of {known}; convert it or move it out"
                yield Skipped(str(path), reason)
            else:
                yield from _read_file(path, options, kind)


def _read_file(path: Path, options: _Options, kind: str) -> Iterator[Article | Skipped]:
    origin = str(path)
    if not path.exists():
        yield Skipped(origin, "no such file or folder; check the path")
        return
    if kind == "jsonl":
        try:
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, origin, options)
        except OSError as exc:
            yield Skipped(origin, _os_reason(exc))
        return
    if kind == "json":
        yield from _read_json(path, options)
        return
    read = _html_article if kind == "html" else _text_article
    yield _guard(origin, lambda: read(_load_text(path, options.byte_limit(kind)), origin, options))


def _load_text(path: Path, byte_limit: int) -> str:
    size = path.stat().st_size
    if size > byte_limit:
        raise InputError(f"too large: {size} bytes; split it into several files or raise max_chars")
    return decode(path.read_bytes())


def decode(data: bytes) -> str:
    """Bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; else InputError saying why."""
    if not data.strip():
        raise InputError("empty: the input holds no text (or only whitespace)")
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"undecodable UTF-16 (bad bytes at offset {exc.start}); re-save it as UTF-8") from exc
    if b"\x00" in data:
        raise InputError("binary data (it holds NUL bytes), not text; give a text, Markdown, HTML or JSON file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"undecodable: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) and no UTF-16 BOM; "
            "re-save it as UTF-8"
        ) from exc
    if _mostly_control(text):
        raise InputError("binary data (mostly control characters), not text; give a text, Markdown, HTML or JSON file")
    return text


def _mostly_control(text: str) -> bool:
    sample = text[:8192]
    odd = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return odd > 0.05 * len(sample)


def _check_length(text: str, options: _Options) -> None:
    if len(text) > options.max_chars:
        raise InputError(
            f"too long: {len(text)} characters, more than max_chars={options.max_chars}; "
            "split the article or raise max_chars (--max-chars)"
        )


def _text_article(text: str, origin: str, options: _Options) -> Article:
    _check_length(text, options)
    return article_from_text(text, origin=origin, clean=options.clean)


# --- HTML ------------------------------------------------------------------------------------------


def article_from_html(html: str, *, origin: str, url: str | None = None, clean: bool = True,
                      max_chars: int = 1_000_000) -> Article:
    """The article in an HTML page fetched from ``url`` (trafilatura), with the page's title, date and
    site name; the page's own canonical URL, else ``url``, is the article's. Raises :class:`InputError`
    when the page holds no article text or is too long."""
    return _html_article(html, origin, _Options(clean=clean, max_chars=max_chars), url=url)


def _html_article(html: str, origin: str, options: _Options, url: str | None = None) -> Article:
    """The article in an HTML page (trafilatura), with the page's title, date, site name and URL."""
    import trafilatura

    try:
        page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken pages
        raise InputError(f"the HTML page could not be parsed ({type(exc).__name__}: {exc})") from exc
    text = getattr(page, "text", None) or ""
    # trafilatura falls back to menus on pages without an article
    if page is None or isinstance(page, dict) or len(text.split()) < MIN_HTML_WORDS:
        raise InputError(
            "no article text could be extracted from this HTML page (an index page, or built by JavaScript?); "
            "save the article's text as a .txt file instead"
        )
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if page.title and paragraphs and " ".join(paragraphs[0].split()) == " ".join(page.title.split()):
        paragraphs = paragraphs[1:]  # the headline repeated as the first line of the body
    text = "\n\n".join(paragraphs)
    _check_length(text, options)
    date = _found_date(normalise_date(page.date)) if page.date else None
    return article_from_text(
        text,
        published=date,
        title=page.title or None,
        url=page.url or url,
        source=page.sitename or None,
        wire=find_wire(page.author) if page.author else None,
        origin=origin,
        clean=options.clean,
    )


# --- JSON and JSONL -----------------------------------------------------------------------------------


def _article_from_record(record: Any, origin: str, options: _Options) -> Article:
    """An article from one JSON object with ``text`` and optional ``id``, ``title``, ``published``, ..."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object with a 'text' field, found a JSON {_json_type(record)}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("the JSON object has no 'text' (a non-empty string is required)")
    fields: dict[str, str | None] = {}
    for name in FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"'{name}' must be a string, found a JSON {_json_type(value)}")
        fields[name] = value or None
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise InputError(f"'id' must be a string or an integer, found a JSON {_json_type(ident)}")
    _check_length(text, options)
    ident = str(ident) if ident not in (None, "") else None
    return article_from_text(text, id=ident, origin=origin, clean=options.clean, **fields)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _read_json(path: Path, options: _Options) -> Iterator[Article | Skipped]:
    origin = str(path)
    try:
        data = json.loads(_load_text(path, options.byte_limit("json")))
    except InputError as exc:
        yield Skipped(origin, str(exc))
        return
    except OSError as exc:
        yield Skipped(origin, _os_reason(exc))
        return
    except json.JSONDecodeError as exc:
        yield Skipped(origin, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}); fix the file")
        return
    if isinstance(data, list):
        if not data:
            yield Skipped(origin, "the JSON array is empty; it should hold article objects")
        for i, record in enumerate(data):
            where = f"{origin}[{i}]"
            yield _guard(where, partial(_article_from_record, record, where, options))
    else:
        yield _guard(origin, partial(_article_from_record, data, origin, options))


def _read_jsonl(stream: IO[bytes], origin: str, options: _Options) -> Iterator[Article | Skipped]:
    """One article per line, read a line at a time; a bad line is skipped and the next one read."""
    cap = options.byte_limit("text")
    for number, line in enumerate(_utf8_lines(stream, cap), 1):
        where = f"{origin}:{number}"
        if isinstance(line, Skipped):
            yield Skipped(where, f"line {number}: {line.reason}")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"malformed JSON on line {number}: {exc.msg} (column {exc.colno}); fix or remove the line"
            yield Skipped(where, reason)
            continue
        yield _guard(where, partial(_article_from_record, record, where, options))


def _utf8_lines(stream: IO[bytes], cap: int) -> Iterator[str | Skipped]:
    """Decoded lines of a byte stream (UTF-8, or UTF-16 with a BOM); a line that cannot be had is a Skipped."""
    head = stream.read(4)
    stream.seek(0)
    if head.startswith(_UTF16_BOMS):
        yield from _utf16_lines(stream)
        return
    first = True
    for raw in _capped_lines(stream, cap):
        if raw is None:
            yield Skipped("", f"longer than {cap} bytes; split the article or raise max_chars")
            continue
        try:
            yield raw.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError as exc:
            yield Skipped("", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); re-save as UTF-8")
        first = False


def _utf16_lines(stream: IO[bytes]) -> Iterator[str | Skipped]:
    text = io.TextIOWrapper(stream, encoding="utf-16", newline=None)
    try:
        yield from text
    except UnicodeDecodeError:
        yield Skipped("", "undecodable UTF-16 from here on; re-save the file as UTF-8")
    finally:
        text.detach()


def _capped_lines(stream: IO[bytes], cap: int) -> Iterator[bytes | None]:
    """Lines of at most ``cap`` bytes; a longer line is read past and given as None."""
    while line := stream.readline(cap):
        if len(line) < cap or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(cap)) and not rest.endswith(b"\n"):
            pass
        yield None


# --- stdin -----------------------------------------------------------------------------------------


def _read_stdin(options: _Options) -> Iterator[Article | Skipped]:
    """Stdin, spooled (to disk when large): JSONL if every non-blank line is an object, else one text."""
    source = getattr(sys.stdin, "buffer", None)
    if source is None:  # a text stream stands in for stdin
        source = io.BytesIO(sys.stdin.read().encode("utf-8"))
    with tempfile.SpooledTemporaryFile(max_size=16 * 2**20) as spool:
        size, objects_only, any_line = 0, True, False
        for line in source:
            spool.write(line)
            size += len(line)
            stripped = line.strip().lstrip(codecs.BOM_UTF8)
            if stripped:
                any_line = True
                objects_only = objects_only and stripped.startswith(b"{") and stripped.endswith(b"}")
        spool.seek(0)
        if any_line and objects_only:
            yield from _read_jsonl(spool, STDIN, options)
        elif size > options.byte_limit("text"):
            yield Skipped(STDIN, f"too large: {size} bytes; split it into several inputs or raise max_chars")
        else:
            yield _guard(STDIN, lambda: _text_article(decode(spool.read()), STDIN, options))
