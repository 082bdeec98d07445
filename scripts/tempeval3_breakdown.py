"""Where the time stage goes wrong on TempEval-3 (TimeBank + AQUAINT): a breakdown for developers.

    python scripts/tempeval3_breakdown.py [--data DIR] [--cache FILE] [--examples N]

Parses the TimeML documents once (the parses are kept in ``--cache`` and reused while the texts and the
model are the same), runs :func:`eventwire.stages.time.find_timexes` against each document's creation time
and prints:

1. recall and value accuracy by gold TIMEX3 type (DATE, TIME, DURATION, SET) and by what the gold value is
   anchored to (``absolute``; ``creation time``; ``narrative time``: another time expression of the text);
2. for the wrong values of relative expressions, what the reference time would have had to be: the same
   rule match resolved against the creation time in another tense, against the gold anchor's date (the
   narrative reference), or neither (the resolver itself is wrong);
3. the gold expressions missed and the wrong values, by kind (the text with its digits written 9 and its
   number words written N, the gold value's shape and the value given), most frequent first;
4. the predictions that match no gold expression, by the rule that made them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin

from eventwire import nlp as nlp_module
from eventwire.context import ArticleContext
from eventwire.evaluate.tempeval3 import (
    GoldDocument,
    Mark,
    Pair,
    align,
    anchoring,
    canonical,
    documents,
    eventwire_marks,
    read_document,
    right_value,
)
from eventwire.settings import Settings
from eventwire.stages.time import calendar as cal
from eventwire.stages.time import rules
from eventwire.stages.time.resolvers import Anchor
from eventwire.stages.time.tense import tense_at
from eventwire.stages.time.words import load as load_lexicon

SHARED = Path(__file__).resolve().parent.parent.parent / "shared/data"
DEFAULT_DATA = SHARED / "tempeval3"
DEFAULT_CACHE = Path("/tmp/eventwire-tempeval3-docs.spacy")
TYPES = ("DATE", "TIME", "DURATION", "SET")
ANCHORINGS = ("absolute", "creation time", "narrative time")


# --- parsing once -------------------------------------------------------------------------------

def parsed(golds: Sequence[GoldDocument], cache: Path, model: str) -> list[Doc]:
    """The parsed documents, from ``cache`` when it holds the same texts parsed by the same model."""
    nlp = nlp_module.load(model)
    key = hashlib.sha256("\x00".join([model, *(g.text for g in golds)]).encode()).hexdigest()
    stamp = cache.with_suffix(".key")
    if cache.exists() and stamp.exists() and stamp.read_text() == key:
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((g.text for g in golds), batch_size=16))
    DocBin(store_user_data=True, docs=docs).to_disk(cache)
    stamp.write_text(key)
    return docs


# --- kinds ---------------------------------------------------------------------------------------

def shape(text: str) -> str:
    """An expression's kind: lower case, digits as 9, number words as N, month names as M."""
    lex = load_lexicon()
    words = []
    for word in re.findall(r"[\w'.]+|[^\w\s]", text.lower()):
        bare = word.rstrip(".")
        if bare in lex.tables["month"] and len(bare) > 2:
            words.append("M")
        elif bare in lex.tables["weekday"]:
            words.append("WD")
        elif bare in lex.tables["number"] and bare not in {"a", "an"}:
            words.append("N")
        else:
            words.append(re.sub(r"\d", "9", word))
    return " ".join(words)


def value_shape(value: str | None) -> str:
    return re.sub(r"\d", "9", value) if value else "None"


# --- reference-time diagnosis --------------------------------------------------------------------

def reference_of(mark: Mark, values: dict[str, str], dct: str) -> dt.date | None:
    """The date a gold relative value is anchored to: its anchor's value when that is a day, else the DCT."""
    anchor = values.get(mark.anchor, dct) if mark.anchor else dct
    return cal.parse_reference(anchor) if re.match(r"\d{4}-\d\d-\d\d", anchor) else None


def diagnose(mark: Mark, got: Mark, context: ArticleContext, reference: dt.date | None) -> str:
    """Why a relative expression's value is wrong: which reference (and tense) would give the gold value."""
    dct = cal.parse_reference(context.published)
    candidate = next((c for c in rules.scan(context.text) if (c.start, c.end) == (got.start, got.end)), None)
    if candidate is None:
        return "no rule match"
    tense = tense_at(context.doc, got.start, got.end)

    def gives(when: dt.date | None, how: cal.Tense) -> bool:
        value = rules.resolve(candidate, Anchor(when, how))
        return value is not None and canonical(value[1]) == canonical(mark.value)

    if reference is not None and reference != dct:
        if gives(reference, tense):
            return "narrative reference, same tense"
        if any(gives(reference, t) for t in ("past", "present", "future")):
            return "narrative reference, other tense"
    if any(gives(dct, t) for t in ("past", "present", "future") if t != tense):
        return "creation time, other tense"
    if got.type != mark.type:
        return "other type"
    return "resolver (no reference or tense gives it)"


# --- the report ----------------------------------------------------------------------------------

def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    cells = [list(map(str, header)), *([str(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def counts_row(name: str, pairs: Sequence[Pair]) -> list[object]:
    found = [p for p in pairs if p[1] is not None]
    right = sum(right_value(p) for p in found)
    return [name, len(pairs), len(pairs) - len(found), len(found) - right, right,
            f"{len(found) / len(pairs):.3f}" if pairs else "-", f"{right / len(found):.3f}" if found else "-"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--examples", type=int, default=12, help="kinds listed per section")
    args = parser.parse_args()

    golds = [read_document(path) for path in documents(args.data)]
    docs = parsed(golds, args.cache, Settings.from_env().model)
    pairs: list[Pair] = []
    spurious: Counter[tuple[str, str]] = Counter()
    diagnoses: Counter[str] = Counter()
    diagnosed: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    for gold, doc in zip(golds, docs, strict=True):
        context = ArticleContext.of(doc, published=gold.dct)
        predicted = eventwire_marks(doc, gold.dct)
        matched, extra = align(gold.timexes, predicted)
        pairs.extend(matched)
        names = {(c.start, c.end): c.rule.name for c in rules.scan(gold.text)}
        for got in extra:
            spurious[(names.get((got.start, got.end), "?"), shape(got.text))] += 1
        values = {m.tid: m.value or "" for m in gold.timexes} | {"t0": gold.dct}
        for mark, got in matched:
            if got is None or right_value((mark, got)) or not mark.relative:
                continue
            why = diagnose(mark, got, context, reference_of(mark, values, gold.dct))
            diagnoses[f"{anchoring(mark)}: {why}"] += 1
            diagnosed[why][(shape(mark.text), value_shape(mark.value), value_shape(got.value))] += 1

    header = ["part", "gold", "missed", "wrong value", "right value", "recall", "value acc"]
    print("== 1. by type and anchoring ==")
    rows = [counts_row("all", pairs)]
    rows += [counts_row(t, [p for p in pairs if p[0].type == t]) for t in TYPES]
    rows += [counts_row(a, [p for p in pairs if anchoring(p[0]) == a]) for a in ANCHORINGS]
    rows += [counts_row(f"{t} / {a}", [p for p in pairs if p[0].type == t and anchoring(p[0]) == a])
             for t in TYPES for a in ANCHORINGS]
    print(table(header, rows))

    print("\n== 2. wrong values of relative expressions: what would have given the gold value ==")
    print(table(["anchoring: diagnosis", "count"], diagnoses.most_common()))
    for why, kinds in sorted(diagnosed.items()):
        print(f"\n-- {why} --")
        print(table(["kind", "gold", "given", "count"], [[*k, n] for k, n in kinds.most_common(args.examples)]))

    print("\n== 3. missed gold expressions and wrong values by kind ==")
    for kind in TYPES:
        missed = Counter(shape(m.text) for m, got in pairs if got is None and m.type == kind)
        wrong = Counter((shape(m.text), value_shape(m.value), value_shape(got.value)) for m, got in pairs
                        if got is not None and m.type == kind and not right_value((m, got)))
        print(f"\n-- {kind}: missed {sum(missed.values())} --")
        print(table(["kind", "count"], missed.most_common(args.examples)))
        print(f"-- {kind}: wrong value {sum(wrong.values())} --")
        print(table(["kind", "gold", "given", "count"], [[*k, n] for k, n in wrong.most_common(args.examples)]))

    print(f"\n== 4. predictions matching no gold expression: {sum(spurious.values())} ==")
    by_rule = Counter[str]()
    for (name, _), count in spurious.items():
        by_rule[name] += count
    print(table(["rule", "count"], by_rule.most_common()))
    print(table(["rule", "kind", "count"], [[*k, n] for k, n in spurious.most_common(args.examples * 2)]))


if __name__ == "__main__":
    main()
