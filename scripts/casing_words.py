"""Learn how cased news writes its words, for case recovery: writes eventwire/data/words/news_case.tsv.

    python scripts/casing_words.py [--corpus PATH] [--splits PATH] [--out FILE]

Reads the ``train`` articles of the Guardian sample (``guardian-<row>`` ids listed in guardian-splits.json;
never the ``dev`` or ``test`` ones) and counts, for every word away from a sentence start (tokens and
sentence starts as eventwire.casing finds them), the forms it is written in:

* ``news_cased``: words written with a capital at least once, with every form's count ("us" → "US=974 us=145");
* ``news_lower``: words only ever written in lower case, seen at least twice, with their count;
* ``news_context``: for words written both ways (at least ``AMBIGUOUS_COUNT`` times, the rarer way at least
  ``AMBIGUOUS_SHARE`` of them), how often each previous ("us <the") and next ("us >officials") token went with
  a capitalised and with a lower-case form, where seen at least twice, and ("us <*", "us >*") how often the
  word went with each beside the tokens not listed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from eventwire.casing import WORD, Token, lower_keeping_length, sentence_starts
from eventwire.lexicons.words import WORDS_DIR, words

SHARED = Path(__file__).resolve().parent.parent.parent / "shared/data"
DEFAULT_CORPUS = SHARED / "ngec/Guardian_SDF_sample.csv.zip"
DEFAULT_SPLITS = SHARED / "eventgold/guardian-splits.json"
OUT = WORDS_DIR / "news_case.tsv"
AMBIGUOUS_COUNT = 10
AMBIGUOUS_SHARE = 0.05
LOWER_COUNT = 2
CONTEXT_COUNT = 2

HEADER = """\
# How cased news writes words away from a sentence start, for case recovery (eventwire/casing.py).
# Written by scripts/casing_words.py from the train articles of the Guardian sample: do not edit by hand,
# run the script again. Columns (tab-separated): list, word, value.
#   news_cased    a word written with a capital at least once: value = each form=count
#   news_lower    a word only ever written in lower case (seen twice or more): value = count
#   news_context  "word <previous" or "word >next" token, for words written both ways: value = how often the
#                 word was capitalised and in lower case beside that token ("word <*", "word >*": beside any
#                 token not listed)
list\tword\tvalue
"""


def train_texts(corpus: Path, splits: Path) -> list[str]:
    """The texts of the train articles (``guardian-<row>``, row = the CSV's first column)."""
    train = set(json.loads(splits.read_text(encoding="utf-8"))["train"])
    with zipfile.ZipFile(corpus) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        rows = csv.DictReader(io.TextIOWrapper(archive.open(name), "utf-8"))
        return [row["text"] for row in rows if f"guardian-{row['']}" in train]


def count(texts: Iterable[str]) -> tuple[dict[str, Counter[str]], dict[str, Counter[tuple[str, bool]]]]:
    """Every word's forms away from a sentence start, and the tokens beside each occurrence."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    beside: dict[str, Counter[tuple[str, bool]]] = defaultdict(Counter)
    abbreviations = words("abbreviations")
    for text in texts:
        low = lower_keeping_length(text)
        toks = [Token(m.start(), m.end(), m.group().replace("\u2019", "'")) for m in WORD.finditer(low)]
        for i, (tok, start) in enumerate(zip(toks, sentence_starts(low, toks, abbreviations), strict=True)):
            if start or not tok.word:
                continue
            written = text[tok.start:tok.end].replace("\u2019", "'")
            forms[tok.text][written] += 1
            capital = written != tok.text
            beside[tok.text][("<" + (toks[i - 1].text if i else ""), capital)] += 1
            beside[tok.text][(">" + (toks[i + 1].text if i + 1 < len(toks) else ""), capital)] += 1
    return forms, beside


def rows(forms: dict[str, Counter[str]], beside: dict[str, Counter[tuple[str, bool]]]) -> list[str]:
    lines = []
    for word in sorted(forms):
        seen = forms[word]
        if any(f != word for f in seen):
            lines.append(f"news_cased\t{word}\t" + " ".join(f"{f}={n}" for f, n in seen.most_common()))
        elif seen[word] >= LOWER_COUNT:
            lines.append(f"news_lower\t{word}\t{seen[word]}")
    for word in sorted(forms):
        total, lower = sum(forms[word].values()), forms[word][word]
        if total < AMBIGUOUS_COUNT or min(lower, total - lower) < AMBIGUOUS_SHARE * total:
            continue
        rest = {"<": [total - lower, lower], ">": [total - lower, lower]}  # beside tokens not listed
        for near in sorted({n for n, _ in beside[word]}):
            cased, low = beside[word][(near, True)], beside[word][(near, False)]
            if cased + low >= CONTEXT_COUNT and near[1:]:
                lines.append(f"news_context\t{word} {near}\t{cased} {low}")
                rest[near[0]][0] -= cased
                rest[near[0]][1] -= low
        lines += [f"news_context\t{word} {side}*\t{cased} {low}" for side, (cased, low) in rest.items()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--splits", type=Path, default=DEFAULT_SPLITS)
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args(argv)
    texts = train_texts(options.corpus, options.splits)
    lines = rows(*count(texts))
    options.out.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(texts)} train articles: {len(lines)} rows written to {options.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
