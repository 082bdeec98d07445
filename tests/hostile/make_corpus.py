"""Generate the hostile corpus: inputs that must end in a recorded skip or in sensible output.

    python tests/hostile/make_corpus.py DIR      # writes the files, prints name, expected outcome

Every case is written by :func:`make_corpus` into a folder (a pytest tmp dir in the tests), so
no large or binary file is kept in the repository. Each :class:`Case` says how reading it must
end: ``"skip"`` with a fragment of the reason, or ``"article"`` (read, then coded). The texts are
sentences written for this corpus about invented countries (Ardovia, Belmark).
"""

from __future__ import annotations

import codecs
import json
import sys
from dataclasses import dataclass
from pathlib import Path

SENTENCE = "The foreign minister of Ardovia met the envoy of Belmark in the capital on Tuesday. "
LEAD = (
    "Ardovia accused Belmark of moving troops to the border on Monday, and the Belmark government "
    "denied it. Officials of both countries said talks would resume in Geneva next week."
)
BIG_BYTES = 50 * 2**20


@dataclass(frozen=True)
class Case:
    """One hostile input: its file name, how reading it must end, and a fragment of the skip reason."""

    name: str
    expect: str  # "skip" or "article" (one article; JSONL cases list one outcome per line)
    reason: str = ""  # a fragment of the skip reason (lower case)
    lines: tuple[str, ...] = ()  # for JSONL: the outcome of each line, "article" or a reason fragment


def _lol_html() -> str:
    """A page with an XML 'billion laughs' entity bomb in front of a real article."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return (f'<?xml version="1.0"?><!DOCTYPE html [{"".join(entities)}]><html><body><p>&lol9;</p>'
            f"<article><p>{LEAD}</p><p>{SENTENCE * 4}</p></article></body></html>")


def _script_html() -> str:
    script = "<script>document.body.innerHTML='<img src=x onerror=alert(1)>'</script>"
    return (f"<html><head><title>Border row</title>{script}</head><body>"
            f"<iframe src='https://example.invalid/ad'></iframe><article><h1>Border row</h1>"
            f"<p>{LEAD}</p>{script}<p>{SENTENCE * 3}<script>alert('x')</script></p></article></body></html>")


def _deep_html(depth: int = 50_000) -> str:
    return f"<html><body>{'<div>' * depth}<p>{LEAD}</p>{'</div>' * depth}</body></html>"


def _jsonl() -> tuple[bytes, tuple[str, ...]]:
    rows: list[tuple[bytes, str]] = [
        (json.dumps({"id": "ok-1", "text": LEAD, "published": "2021-03-02"}).encode(), "article"),
        (b'{"id": "broken", "text": "unterminated', "malformed json"),
        (b"[1, 2, 3]", "expected a json object"),
        (json.dumps({"id": "no-text", "title": "Only a title"}).encode(), "no 'text'"),
        (json.dumps({"id": {"nested": 1}, "text": LEAD}).encode(), "'id' must be"),
        (b'{"id": "latin1", "text": "caf\xe9"}', "not valid utf-8"),
        (json.dumps({"id": "impossible", "text": LEAD, "published": "2021-02-30"}).encode(), "cannot read the date"),
        (json.dumps({"id": "future", "text": LEAD + " Again.", "published": "2999-01-01"}).encode(), "in the future"),
        (json.dumps({"id": "no-date", "text": LEAD + " Once more."}).encode(), "article"),
        (json.dumps({"id": "blank", "text": "   "}).encode(), "no 'text'"),
    ]
    return b"\n".join(row for row, _ in rows) + b"\n", tuple(outcome for _, outcome in rows)


def _cases() -> list[tuple[Case, bytes]]:
    jsonl, outcomes = _jsonl()
    utf16 = LEAD + "\n\n" + SENTENCE
    return [
        (Case("empty.txt", "skip", "empty"), b""),
        (Case("whitespace.txt", "skip", "empty"), b" \n\t\r\n   \n"),
        (Case("binary.txt", "skip", "binary"), bytes(range(256)) * 64),
        (Case("binary_no_nul.txt", "skip", "not utf-8"), bytes(range(1, 256)) * 64),
        (Case("big_50mb.txt", "skip", "too large"), (SENTENCE * (BIG_BYTES // len(SENTENCE) + 1)).encode()[:BIG_BYTES]),
        (Case("sentences_10k.txt", "article"), (SENTENCE * 10_000).encode()),
        (Case("invalid_utf8.txt", "skip", "not utf-8"), LEAD.encode() + b" \xff\xfe\xc3\x28 " + SENTENCE.encode()),
        (Case("utf16_le_bom.txt", "article"), codecs.BOM_UTF16_LE + utf16.encode("utf-16-le")),
        (Case("utf16_be_bom.txt", "article"), codecs.BOM_UTF16_BE + utf16.encode("utf-16-be")),
        (Case("scripts.html", "article"), _script_html().encode()),
        (Case("deep_nesting.html", "skip", "no article text"), _deep_html().encode()),
        (Case("entity_bomb.html", "article"), _lol_html().encode()),
        (Case("malformed.jsonl", "jsonl", lines=outcomes), jsonl),
        (Case("no_date.txt", "article"), (LEAD + "\n").encode()),
        (Case("impossible_date.txt", "article"), f"# Border row\n\n2021-02-30\n\n{LEAD}\n".encode()),
        (Case("future_date.txt", "article"), f"# Border row\n\n1 January 2999\n\n{LEAD}\n".encode()),
        (Case("french.txt", "article"), "Le ministre des affaires étrangères a rencontré son homologue à "
                                        "Genève mardi. Les deux pays ont signé un accord.".encode()),
        (Case("chinese.txt", "article"), "外交部长周二在日内瓦会见了邻国特使。两国签署了一项协议。".encode()),
        (Case("arabic_rtl.txt", "article"), "التقى وزير الخارجية بالمبعوث في جنيف يوم الثلاثاء. ووقع البلدان اتفاقا.".encode()),
        (Case("bidi_controls.txt", "article"),
         "\u202eThe president of Ardovia\u202c met \u200fthe envoy of Belmark\u200f in Geneva. ״שלום״ he said.".encode()),
        (Case("only_quotes.txt", "article"), b'"We will not accept this." "Never again." "The border stays open."'),
        (Case("unbalanced_quotes.txt", "article"),
         ('The minister said "we will answer any attack. Ardovia condemned Belmark on Monday. '
          '\u201cAnd the talks\u201d are over\u201d, he said. \u201cNothing more.').encode()),
        (Case("markdown_bomb.md", "article"), (LEAD + "\n\n" + "**a " * 5000 + "[a\\" * 5000 + "![" * 5000).encode()),
    ]


def make_corpus(root: Path) -> tuple[Case, ...]:
    """Write every hostile case into ``root`` (created if needed) and return the cases in order."""
    root.mkdir(parents=True, exist_ok=True)
    cases = []
    for case, data in _cases():
        (root / case.name).write_bytes(data)
        cases.append(case)
    return tuple(cases)


if __name__ == "__main__":
    for made in make_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")):
        print(made.name, made.expect, made.reason or "", sep="\t")
