"""A digest of eventwire's coded output over a corpus, to check that a change leaves the output unchanged.

    python scripts/output_digest.py [--corpus PATH] [--limit N] [--out FILE.jsonl] [--against FILE.jsonl]

Codes every article of the corpus (default: the 249 Guardian articles of
../shared/data/ngec/Guardian_SDF_sample.csv.zip, read as benchmarks/throughput.py reads them) with the
pipeline, writes one contract JSON line per article to ``--out`` (when given) and prints the SHA-256 of
all lines. ``--against`` compares with an earlier ``--out`` file and lists the articles that differ;
the exit status is 1 when any does.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from throughput import DEFAULT_CORPUS, load_articles, prepare_corpus

from eventwire.output import to_jsonl_line
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings


def coded_lines(corpus: Path, limit: int | None) -> list[str]:
    """One contract JSON line per article of the corpus, in order."""
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        path = prepare_corpus(corpus, Path(tmp) / "corpus.jsonl", settings, limit)
        articles = load_articles(path, settings, limit)
    pipeline = Pipeline.load(settings)
    return [to_jsonl_line(result) for result in pipeline.process_many(articles)]


def differing(lines: list[str], earlier: list[str]) -> list[int]:
    """Positions whose lines differ, and those only one side has."""
    changed = [i for i, (a, b) in enumerate(zip(lines, earlier, strict=False)) if a != b]
    return changed + list(range(min(len(lines), len(earlier)), max(len(lines), len(earlier))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--against", type=Path, default=None)
    options = parser.parse_args(argv)
    lines = coded_lines(options.corpus, options.limit)
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    print(f"{len(lines)} articles  sha256 {digest}")
    if options.out:
        options.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    if options.against:
        changed = differing(lines, options.against.read_text(encoding="utf-8").splitlines())
        print(f"{len(changed)} articles differ" + (f": {changed[:20]}" if changed else ""))
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
