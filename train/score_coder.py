"""Score the coder on the labelled Guardian train articles by the eventgold rule, with where its wrong
events go wrong.

    python train/score_coder.py [--limit N]

Each labelled train article (train/labels/, see train/corpus.py) is coded as ``eventwire extract
--no-clean`` codes it and scored exactly as ``eventwire evaluate eventgold`` scores its dev articles
(recall over required events, precision over all predicted events), with the share of events given a
target and, of the events whose root and a party are right, how many have the right target (a right event
counts as a right target, though its label may have none). Each predicted event matching no
label is put in one kind: ``root`` (no labelled event of its CAMEO root), ``source`` (none of its root
with its source's country on either side), ``no target`` or ``wrong target`` (its root and a party are
right). Train articles only: this is the set rules may be studied on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import as_articles, labelled_articles, part_of

from eventwire.evaluate.common import code_articles
from eventwire.evaluate.eventgold import GoldEvent, Predicted, Tally, gold_event, matches, score_article


def kind_of(predicted: Predicted, gold: list[GoldEvent]) -> str:
    """How a predicted event stands against an article's labels."""
    if any(matches(predicted, g) for g in gold):
        return "right"
    same_root = [g for g in gold if predicted.root in g.roots]
    if not same_root:
        return "root"
    if not any(predicted.source in (g.source, g.target) for g in same_root):
        return "source"
    return "no target" if predicted.target is None else "wrong target"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N labelled articles")
    limit = parser.parse_args().limit
    labelled = labelled_articles(limit)
    articles = as_articles(labelled)
    total, kinds, targeted = Tally(), Counter[str](), 0
    parts: dict[str, Tally] = {}
    for article, result in zip(labelled, code_articles(articles, None), strict=True):
        gold = [gold_event(e, article.id) for e in article.events]
        predicted = [Predicted.of(e) for e in result.events] if result else []
        tally = score_article(gold, predicted)
        total += tally
        parts[part_of(article)] = parts.get(part_of(article), Tally()) + tally
        kinds.update(kind_of(p, gold) for p in predicted)
        targeted += sum(p.target is not None for p in predicted)
    print(f"{len(labelled)} articles: {json.dumps({k: round(v, 3) for k, v in total.metrics().items()})}")
    print(json.dumps(total.counts()))
    for part, tally in sorted(parts.items()):
        rates = {k: round(v, 3) for k, v in tally.metrics().items()}
        print(f"  {part}: {json.dumps(rates)} {json.dumps(tally.counts())}")
    print("predicted events by kind:", dict(kinds.most_common()))
    parties_right = kinds["right"] + kinds["no target"] + kinds["wrong target"]
    print(f"events with a target: {targeted}/{total.predicted}; "
          f"of those with a right root and party, the target right: {kinds['right']}/{parties_right}")


if __name__ == "__main__":
    main()
