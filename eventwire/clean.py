"""Repair extraction artefacts in text/Markdown articles and lift their metadata out of the text.

Articles saved from the web as Markdown (like the project's seed article) carry a title heading,
a byline, a date line, image captions, link debris, "Related article" teasers, an
"Original url:" footer and paragraphs that a page break split mid-sentence. :func:`clean_article`
turns such a page into plain paragraphs separated by one blank line and returns the metadata it
found; :func:`find_metadata` finds the same metadata but leaves the text verbatim (``--no-clean``).

The text is cut into blocks (paragraphs); each block gets a role, and only ``body`` blocks are
kept. Body blocks then go through small ``str -> str`` repairs, each usable on its own::

    repair_mojibake ─► normalise_unicode ─► blocks ─► roles: title, byline, date, url, caption, related, rule,
                                          image, heading, body
        body ─► strip_dateline ─► unlink ─► strip_emphasis ─► unescape ─► tidy_spaces
             ─► rejoin_page_breaks ─► paragraphs joined by one blank line

Mojibake (UTF-8 read as Windows-1252 or Latin-1: "â€œ" for “, "Ã©" for é) is repaired first, with ftfy's
encoding fix only: quotes, dashes, ligatures, widths and every other character of well-encoded text are
left as they are (:func:`repair_mojibake`). ``--no-clean`` keeps the text verbatim, mojibake included.

Intermediate section headings ("#### **Nuclear Deal**") are dropped, not kept as paragraphs:
they are headline fragments without a verb, which the parser mis-tags and which, once the
Markdown is gone, read as the start of the next sentence; the facts they name are in the body.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ftfy import TextFixerConfig, fix_text

from .lexicons import TableError, rows
from .settings import data_path

HEADER_BLOCKS = 8  # bylines and date lines are only looked for in the first blocks of an article

_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\v\f]")
# zero-width characters, the soft hyphen, and bidirectional controls (marks, embeddings, overrides,
# isolates), which reorder how text displays without changing what it says
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c"
                         "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


@dataclass(frozen=True)
class Cleaned:
    """An article's text (cleaned, or verbatim for ``find_metadata``) and the metadata found in it."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    wire: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None  # the place of the dateline taken off the text: "OSLO" of "OSLO (Reuters) -"


# --- the outlet and wire table -------------------------------------------------------------------


OUTLETS = "outlets.tsv"
OUTLET_COLUMNS = ("kind", "key", "name")
OUTLET_KINDS = frozenset({"domain", "wire"})


@lru_cache(maxsize=1)
def _outlet_rows() -> tuple[tuple[str, str, str], ...]:
    """The rows of ``outlets.tsv`` as (kind, key, name); a bad row raises with its line."""
    path = data_path(OUTLETS)
    found = []
    for row in rows(path, OUTLET_COLUMNS):
        if row["kind"] not in OUTLET_KINDS or not row["key"] or not row["name"]:
            raise TableError(path, row.line, "each row needs a kind (domain or wire), a key and a name")
        found.append((row["kind"], row["key"], row["name"]))
    return tuple(found)


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """Known web domains (without ``www.``) mapped to outlet names."""
    return {key.lower(): name for kind, key, name in _outlet_rows() if kind == "domain"}


@lru_cache(maxsize=1)
def wires() -> dict[str, str]:
    """Known news agencies as they appear in bylines (lower case) mapped to their names."""
    return {key.lower(): name for kind, key, name in _outlet_rows() if kind == "wire"}


@lru_cache(maxsize=1)
def _wire_pattern() -> str:
    keys = sorted(wires(), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


def find_wire(text: str) -> str | None:
    """The first known news agency named in ``text`` (a byline or dateline), or None."""
    match = re.search(rf"(?<![\w-])(?:{_wire_pattern()})(?![\w-])", text, re.IGNORECASE)
    if match is None:
        return None
    return wires()[" ".join(match.group(0).lower().split())]


def source_from_url(url: str | None) -> str | None:
    """The outlet behind ``url``: a known outlet's name, else the bare domain."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:  # not a URL at all ("[" reads as a broken IPv6 address)
        return None
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = outlets().get(".".join(parts[i:]))
        if name:
            return name
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)


# --- dates -----------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"),
)


def _iso(year: str, month: str | int, day: str | int) -> str | None:
    if isinstance(month, str) and not month.isdigit():
        month = _MONTHS[month[:3].lower()]
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _numeric_date(match: re.Match[str]) -> str | None:
    a, b = int(match["a"]), int(match["b"])
    if match["sep"] == "." or a > 12:  # 12.07.2018 and 25/07/2018 are day-first
        return _iso(match["year"], b, a)
    if b > 12 or a == b:  # 07/25/2018 is month-first
        return _iso(match["year"], a, b)
    return None  # 03/04/2018 is ambiguous


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first calendar date written in ``text`` as (ISO date, start, end), or None.

    Understands ``2018-07-12`` (also with a time), ``July 12, 2018``, ``Jul. 12 2018``,
    ``12 July 2018``, ``12.07.2018`` and unambiguous ``25/07/2018`` or ``07/25/2018``.
    """
    found: list[tuple[int, int, str]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _numeric_date(match) if "a" in match.groupdict() else _iso(
                match["year"], match["month"], match["day"]
            )
            if iso:
                found.append((match.start(), match.end(), iso))
                break
    if not found:
        return None
    start, end, iso = min(found)
    return iso, start, end


def normalise_date(value: str) -> str | None:
    """``value`` as an ISO date ``YYYY-MM-DD``, or None when it holds no recognisable date."""
    value = value.strip()
    if re.fullmatch(r"(?:19|20)\d{6}", value):  # 20180712
        return _iso(value[:4], value[4:6], value[6:])
    found = find_date(value)
    return found[0] if found else None


_DATE_LINE_RESIDUE = re.compile(
    r"T?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?\s?m\.?)?(?![\w])"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|[+-]\d{2}:?\d{2}\b|\bZ\b"
    r"|\b(?:GMT|UTC|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|CET|CEST|EET|EEST|BST|MSK|IST|JST|KST|AEST|AEDT)\b"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b\.?"
    r"|\b(?:first\s+|last\s+)?(?:published|updated|posted|modified|date|dated|on|at)\b",
    re.IGNORECASE,
)


def date_line(block: str) -> str | None:
    """The ISO date of a line that holds only a date (with time, weekday, "Updated" ...), else None."""
    if len(block) > 120 or "\n" in block.strip():
        return None
    plain = strip_emphasis(unlink(block))
    found = find_date(plain)
    if found is None:
        return None
    iso, start, end = found
    rest = _DATE_LINE_RESIDUE.sub(" ", plain[:start] + " " + plain[end:])
    return None if re.search(r"[^\W_]", rest) else iso


def url_date(url: str | None) -> str | None:
    """A date written in a URL path such as ``/2018/07/12/``, else None."""
    match = re.search(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)", url or "")
    return _iso(*match.groups()) if match else None


# --- small str -> str repairs ---------------------------------------------------------------------

_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")  # no brackets inside: a failed match stops at the next one
# link text holds no bracket, not even an escaped one: a failed match then stops at the next bracket,
# where allowing escapes let every "[" scan to the end of the text (quadratic on hostile input)
_LINK_TEXT = r"\[((?:[^\[\]\\]|\\[^\[\]]){%s,})\]"
_LINK = re.compile(_LINK_TEXT % 0 + r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(_LINK_TEXT % 1 + r"\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|[\w.+-]+@[\w-]+\.[\w.-]+)>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")  # stops at the next marker: linear
_EM = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w\\])_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_BLOCK_MARKER = re.compile(r"^[ ]{0,3}(?:>[ ]?)+|^[ ]{0,3}(?:[-*+•]|\d{1,3}[.)])[ ]+", re.MULTILINE)


# ftfy's encoding fixes alone: what it would change in well-encoded text (curly quotes, ligatures, full-width
# letters, HTML entities, control characters, line breaks, normal form) is left alone.
_MOJIBAKE_FIX = TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
    normalization=None, explain=False,
)
# A lead character of a two- to four-byte UTF-8 sequence read as Windows-1252 or Latin-1, followed by one of
# its continuation bytes read the same way: text without such a pair has no mojibake of that kind to repair,
# and skips ftfy (a few milliseconds per article).
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was decoded as Windows-1252 or Latin-1 decoded again ("â€œ" → “, "Ã©" → é); other text,
    curly quotes, dashes and accents included, is returned unchanged."""
    return fix_text(text, _MOJIBAKE_FIX) if _MOJIBAKE_PAIR.search(text) else text


def normalise_unicode(text: str) -> str:
    """Mojibake repaired, NFC, one kind of line break, non-breaking and odd spaces as spaces, zero-width chars
    gone."""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", repair_mojibake(text)))
    return _ZERO_WIDTH.sub("", _SPACES.sub(" ", text))  # a regex scan: str.translate is slow on non-ASCII text


def unlink(text: str) -> str:
    """Markdown links ``[text](#)``, ``[text](http...)``, ``[text][1]`` and ``<http...>`` → their text."""
    if "[" in text:  # each regex needs its bracket: most paragraphs have none
        text = _IMAGE.sub("", text)
        text = _LINK.sub(lambda m: m.group(1), text)
        text = _REF_LINK.sub(lambda m: m.group(1), text)
    return _AUTOLINK.sub(lambda m: m.group(1), text) if "<" in text else text


def strip_emphasis(text: str) -> str:
    """Bold and italic markers (``**x**``, ``__x__``, ``*x*``, ``_x_``) removed, words kept."""
    if "*" not in text and "_" not in text:
        return text
    text = _STRONG.sub(lambda m: m.group(2), text)
    return _EM.sub(lambda m: m.group(1) or m.group(2), text)


def unescape(text: str) -> str:
    r"""Markdown backslash escapes (``\(``, ``\*``, ``\_`` ...) → the character itself."""
    return _ESCAPE.sub(lambda m: m.group(1), text) if "\\" in text else text


def strip_block_markers(text: str) -> str:
    """Blockquote (``>``) and list (``-``, ``*``, ``1.``) markers at line starts removed."""
    return _BLOCK_MARKER.sub("", text)


def tidy_spaces(text: str) -> str:
    """Runs of spaces and soft line breaks inside a paragraph → one space; ends stripped."""
    return " ".join(text.split())


def inline_text(text: str) -> str:
    """A Markdown fragment as plain text: links, emphasis, escapes and extra spaces removed."""
    return tidy_spaces(unescape(strip_emphasis(unlink(text))))


_CLOSED_END = tuple(".!?…:;\"”’'»)]")


def rejoin_page_breaks(paragraphs: list[str]) -> list[str]:
    """Join a paragraph that ends mid-sentence to the next one when that starts in lower case."""
    runs: list[list[str]] = []  # joined at the end: growing one string piece by piece is quadratic
    for paragraph in paragraphs:
        if runs and not runs[-1][-1].endswith(_CLOSED_END) and paragraph[:1].islower():
            runs[-1].append(paragraph)
        else:
            runs.append([paragraph])
    return [" ".join(run) for run in runs]


# --- block roles -----------------------------------------------------------------------------------

_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]+(.*))?$")  # closing hashes are cut in _heading_text
_HEADING_LINE = re.compile(r"^([ ]{0,3}#{1,6}(?:[ \t][^\n]*)?)$", re.MULTILINE)
_SETEXT = re.compile(r"^([^\n]+)\n[ ]{0,3}(?:=+|-{2,})[ \t]*$")
_RULE = re.compile(r"^[ ]{0,3}(?:([-*_=])[ \t]*)(?:\1[ \t]*){2,}$")
_RELATED = re.compile(
    r"^[\s#>*_]*(?:related(?:\s+(?:articles?|stories|story|coverage|content|reading|news))?|read\s+more"
    r"|see\s+also|also\s+read|read\s+also|more\s+on\s+this|recommended|watch)\s*[:\-–—|]",
    re.IGNORECASE,
)
_URL_LABEL = re.compile(
    r"^[\s*_]*(?:original|source|article|canonical)\s+(?:url|link)[\s*_]*:[\s*_]*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LONE_URL = re.compile(r"^<?(https?://[^\s<>]+?)>?$")
_CAPTION_LINK = re.compile(r"(?:^|[.!?\"”’)])\s*\[([^\[\]]{1,60})\]\([^()]*\)\s*$")
_CREDIT = re.compile(r"^[\s*_(]*(?:photo|image|picture|photograph|credit|file photo)s?\s*(?:credit)?\s*:",
                     re.IGNORECASE)
_BYLINE = re.compile(r"^[\s*_]*by\s+(?P<who>\S.*)$", re.IGNORECASE)
_BYLINE_SMALL_WORDS = {"and", "&", "|", "in", "for", "of", "the", "de", "del", "da", "al", "el", "van", "von", "bin"}


def _heading_text(block: str) -> str | None:
    """The text of an ATX (``## Title ##``) or setext heading, else None."""
    match = _SETEXT.match(block)
    if match is not None:
        return match.group(1)
    match = _HEADING.match(block)
    if match is None:
        return None
    text = (match.group(1) or "").rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):  # a closing run of hashes after a space
        text = bare
    return text.strip(" \t")


def _is_caption(block: str) -> bool:
    """An image caption: a short line ending in a lone credit link, a bare image, or "Photo: ..."."""
    words = len(block.split())
    if _IMAGE.fullmatch(block.strip()) or (_CREDIT.match(block) and words <= 25):
        return True
    match = _CAPTION_LINK.search(block) if words <= 25 else None
    return match is not None and len(match.group(1).split()) <= 4


def _byline(block: str) -> tuple[bool, str | None]:
    """Whether ``block`` is a byline ("By [Reuters](#)", "By Jane Roe, AP", "Reuters"), and its wire."""
    plain = inline_text(block)
    if "\n" in block.strip() or len(plain) > 120:
        return False, None
    if plain.lower() in wires():
        return True, wires()[plain.lower()]
    match = _BYLINE.match(plain)
    if match is None:
        return False, None
    words = re.split(r"[\s,;/|]+", match["who"].strip(" .,"))
    if not all(w[:1].isupper() or w.lower() in _BYLINE_SMALL_WORDS or not w for w in words):
        return False, None
    return True, find_wire(match["who"])


def _footer_url(block: str, following: str | None) -> tuple[str | None, bool]:
    """The URL of an "Original url:" footer, and whether it sits in the following block."""
    match = _URL_LABEL.match(block)
    if match is None:
        return None, False
    rest = unlink(match["rest"]).strip()
    if rest:
        url = _LONE_URL.match(rest)
        return (url.group(1) if url else rest), False
    url = _LONE_URL.match(following.strip()) if following else None
    return (url.group(1), True) if url else (None, False)


def split_blocks(text: str) -> list[str]:
    """Paragraphs: stretches between blank lines (every line, when the text has no blank line).

    A Markdown heading line is always a block of its own, even without blank lines around it.
    """
    text = text.strip("\n")
    blocks = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text) else text.split("\n")
    return [part.strip("\n") for block in blocks for part in _HEADING_LINE.split(block) if part.strip()]


def _roles(blocks: list[str]) -> tuple[list[str], Cleaned]:
    """A role for every block, and the metadata those roles carry (text left empty)."""
    roles = ["body"] * len(blocks)
    meta: dict[str, str | None] = {"title": None, "published": None, "wire": None, "url": None}
    for i, block in enumerate(blocks):
        if roles[i] != "body":
            continue
        roles[i] = _role(block, blocks[i + 1] if i + 1 < len(blocks) else None, i, meta)
        if roles[i] == "url+next":
            roles[i] = roles[i + 1] = "url"
    last = _LONE_URL.match(blocks[-1].strip()) if blocks else None
    if meta["url"] is None and last is not None and roles[-1] == "body":
        roles[-1], meta["url"] = "url", last.group(1)
    return roles, Cleaned(text="", **meta)


def _role(block: str, following: str | None, index: int, meta: dict[str, str | None]) -> str:
    """The role of one block; metadata it carries goes into ``meta``."""
    if _RULE.match(block):
        return "rule"
    heading = _heading_text(block)
    if heading is not None:
        if _RELATED.match(heading):
            return "related"
        if meta["title"] is None and index < HEADER_BLOCKS:
            meta["title"] = inline_text(heading) or None
            return "title"
        return "heading"
    url, uses_next = _footer_url(block, following)
    if url:
        meta["url"] = meta["url"] or url
        return "url+next" if uses_next else "url"
    if _RELATED.match(block):
        return "related"
    if index < HEADER_BLOCKS:
        is_byline, wire = _byline(block)
        if is_byline:
            meta["wire"] = meta["wire"] or wire
            return "byline"
        published = date_line(block)
        if published:
            meta["published"] = meta["published"] or published
            return "date"
    return "caption" if _is_caption(block) else "body"


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    place = r"(?P<place>[A-Z][\w.'’/ -]{0,40}?)(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*"
    return re.compile(rf"^(?:{place})?\((?i:(?P<wire>{_wire_pattern()}))\)\s*[-–—]+\s*")


def strip_dateline(paragraph: str) -> tuple[str, str | None]:
    """A lead paragraph without its "MOSCOW (Reuters) -" dateline, and the wire it named."""
    match = _dateline().match(paragraph)
    if match is None:
        return paragraph, None
    return paragraph[match.end():], wires()[" ".join(match["wire"].lower().split())]


def dateline_place(paragraph: str) -> str | None:
    """The place of the lead paragraph's dateline that :func:`strip_dateline` takes off ("MOSCOW"), if any."""
    match = _dateline().match(paragraph)
    place = match["place"].strip(" -") if match is not None and match["place"] else ""
    return place or None


# --- the two entry points --------------------------------------------------------------------------


def _analyse(raw: str) -> tuple[list[str], Cleaned]:
    """The body paragraphs (repaired) and the metadata of a raw article."""
    blocks = split_blocks(normalise_unicode(raw))
    roles, meta = _roles(blocks)
    paragraphs = [inline_text(strip_block_markers(b)) for b, role in zip(blocks, roles, strict=True) if role == "body"]
    wire, dateline = meta.wire, None
    if paragraphs:
        dateline = dateline_place(paragraphs[0])
        paragraphs[0], lead_wire = strip_dateline(paragraphs[0])
        wire = wire or lead_wire
    paragraphs = [p for p in paragraphs if p]
    published = meta.published or url_date(meta.url)
    return rejoin_page_breaks(paragraphs), Cleaned(
        text="", title=meta.title, published=published, wire=wire, source=source_from_url(meta.url), url=meta.url,
        dateline=dateline,
    )


def clean_article(raw: str) -> Cleaned:
    """The article's body as plain paragraphs separated by one blank line, with its metadata."""
    paragraphs, meta = _analyse(raw)
    return Cleaned(
        text="\n\n".join(paragraphs),
        title=meta.title,
        published=meta.published,
        wire=meta.wire,
        source=meta.source,
        url=meta.url,
        dateline=meta.dateline,
    )


def find_metadata(raw: str) -> Cleaned:
    """The same metadata as :func:`clean_article`, with the text left exactly as given."""
    _, meta = _analyse(raw)
    return Cleaned(
        text=raw, title=meta.title, published=meta.published, wire=meta.wire, source=meta.source, url=meta.url
    )
