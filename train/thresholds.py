"""Choose the coder's thresholds for the event model by cross-validation on the labelled train articles.

    .venv/bin/python train/thresholds.py --fold-models DIR [--limit N] [--out FILE] [--model DIR] [--report FILE]

Each outer fold's model (``train/fit_events.py --fold-models DIR``: fitted, calibrated and combined without
the fold's articles) codes the fold's articles through the whole pipeline, keeping every rule event and
proposing every word whose best root reaches the lowest threshold tried. The events are then scored as
eventgold scores them (``eventwire.evaluate.eventgold``: a predicted event matches a labelled one when its
CAMEO root is among the labelled roots and its source and target countries agree, either way round for a
symmetric event; recall over the required events, precision over all predicted events) for every pair of
thresholds: ``min_confidence`` (rule events below it are dropped) and ``propose`` (model events below it
are not made; 2 makes none). The rules alone (the pipeline without the model) are scored on the same
articles. Every article is coded twice, as given and lower-cased (the pipeline recovers its case), as
eventgold measures both. The default is the pair with the best F1 of recall and precision (the two variants
counted together) among the pairs that keep at least the recall of the rules alone in each variant (the
model ranks and filters, it must not cost the events the rules find: the rule the project's evaluation
floors keep); among equals, the lower ``min_confidence`` and the
higher ``propose`` (fewer events the rules did not find). The pair of the best F1 with no such condition is
reported beside it.

The model proposes only at words no trigger frame matched, so every pair of thresholds is scored exactly
as the coder would code it. ``--model DIR`` writes the chosen pair into that model's ``events.json``
(``coder``), which the coder reads, and a section on it into the model's README.md; ``--report FILE``
appends the same section with the whole grid to the training report.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import parse

from eventwire.evaluate.eventgold import GoldEvent, Predicted, Tally, score_article
from eventwire.learn.model import METADATA, EventModel
from eventwire.models import Article, Event

KEEP = tuple(round(0.05 * k, 2) for k in range(13))  # 0.0 .. 0.6
PROPOSE = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 2.0)  # 2.0: no proposals
SECTION = "## The coder's thresholds"


@dataclass(frozen=True)
class Coded:
    """One article's labelled events and the events coded for it: (origin, confidence, what is scored), from its
    text as given (``cased``) or lower-cased (``lower``)."""

    gold: tuple[GoldEvent, ...]
    events: tuple[tuple[str, float, Predicted], ...]
    variant: str = "cased"


def gold_events(article: corpus.LabelledArticle) -> tuple[GoldEvent, ...]:
    return tuple(GoldEvent(source=str(e["source"]), target=e["target"], roots=frozenset(e["roots"]),
                           required=bool(e["required"]), either_direction=bool(e.get("either_direction")))
                 for e in article.events)


def code_folds(fold_models: Path, limit: int | None, log: Callable[[str], None]) -> tuple[list[Coded], list[Coded]]:
    """Every labelled article coded by the model of the fold that held it out (lowest thresholds), and by
    the rules alone; as given and lower-cased (parsed afresh, its case recovered as the pipeline does)."""
    from eventwire.pipeline import Pipeline

    articles = {a.id: a for a in corpus.labelled_articles(limit)}
    rules = parse.rules_pipeline(Pipeline)
    with_model, alone = [], []
    for fold in sorted(fold_models.glob("fold-*")):
        model = EventModel.load(fold).with_thresholds(KEEP[0], PROPOSE[0])
        pipeline = Pipeline(rules.nlp, replace(rules.resources, event_model=model))
        held = [articles[i] for i in model.metadata["held_out"] if i in articles]
        for item in parse.parse_all(held, code=False):
            gold = gold_events(item.article)
            article = Article(id=item.article.id, text=item.article.text, published=item.article.published)
            with_model.append(Coded(gold, _events(pipeline.code(article, item.doc).events)))
            alone.append(Coded(gold, _events(rules.code(article, item.doc).events)))
            lower = replace(article, text=article.text.lower())
            doc = rules.parser(lower.text)
            with_model.append(Coded(gold, _events(pipeline.code(lower, doc).events), "lower"))
            alone.append(Coded(gold, _events(rules.code(lower, doc).events), "lower"))
        log(f"{fold.name}: {len(held)} articles coded")
    return with_model, alone


def _events(events: Sequence[Event]) -> tuple[tuple[str, float, Predicted], ...]:
    return tuple((e.origin, e.confidence, Predicted.of(e)) for e in events)


def tally(coded: Sequence[Coded], keep: float = 0.0, propose: float = 0.0) -> Tally:
    """The counts of the articles with the events the thresholds keep: a rule event of at least ``keep``, a
    model event of at least ``propose`` and ``keep`` (the coder's bar for a proposal)."""
    total = Tally()
    for item in coded:
        chosen = [p for origin, confidence, p in item.events
                  if confidence >= (keep if origin == "rules" else max(keep, propose))]
        total += score_article(item.gold, chosen)
    return total


def f1(t: Tally) -> dict[str, float]:
    m = t.metrics()
    r, p = m["recall"], m["precision"]
    return {"recall": round(r, 4), "precision": round(p, 4), "f1": round(2 * r * p / (r + p) if r + p else 0.0, 4),
            "predicted": t.predicted}


def select(coded: Sequence[Coded], alone: Sequence[Coded], keep_rules: bool = False) -> dict[str, Any]:
    """The thresholds with the best F1 (over every variant of the articles together) that keep the recall of
    the rules alone in each variant (and, with ``keep_rules``, every rule event: ``min_confidence`` 0), the best
    F1 that keeps that recall with any ``min_confidence`` (``filter``), the best F1 with no condition, the grid,
    and the rules alone."""
    grid = {(k, p): f1(tally(coded, k, p)) for k in KEEP for p in PROPOSE}
    rules = f1(tally(alone))
    variants = sorted({c.variant for c in coded})
    floors = {v: f1(tally([c for c in alone if c.variant == v]))["recall"] for v in variants}

    def keeps(kp: tuple[float, float]) -> bool:
        return all(f1(tally([c for c in coded if c.variant == v], *kp))["recall"] >= floors[v] for v in variants)

    def order(kp: tuple[float, float]) -> tuple[float, float, float]:
        return grid[kp]["f1"], -kp[0], kp[1]

    keeping = [kp for kp in grid if keeps(kp)] or [(KEEP[0], PROPOSE[-1])]
    filtering, unbound = max(keeping, key=order), max(grid, key=order)
    best = max([kp for kp in keeping if kp[0] == KEEP[0]] or keeping, key=order) if keep_rules else filtering
    rescored = max(KEEP, key=lambda k: (grid[(k, PROPOSE[-1])]["f1"], -k))
    return {
        "min_confidence": best[0], "propose": best[1], "cv": grid[best],
        "rules_alone": rules,
        "best_f1": {"min_confidence": unbound[0], "propose": unbound[1], **grid[unbound]},
        "filter": {"min_confidence": filtering[0], "propose": filtering[1], **grid[filtering]},
        "rules_rescored": {"min_confidence": rescored, **grid[(rescored, PROPOSE[-1])]},
        "articles": len(coded) // len(variants), "variants": variants, "keep_rules": keep_rules,
        "rules_recall": floors,
        "grid": [{"min_confidence": k, "propose": p, **v} for (k, p), v in sorted(grid.items())],
    }


def _row(name: str, v: dict[str, Any]) -> str:
    return f"| {name} | {v['recall']:.3f} | {v['precision']:.3f} | {v['f1']:.3f} | {v['predicted']} |"


def _propose(value: float) -> str:
    return "none" if value > 1 else f"{value:.2f}"


def section(chosen: dict[str, Any], grid: bool = False) -> str:
    """The markdown section on the chosen thresholds (with the whole grid when asked)."""
    propose = _propose(chosen["propose"])
    lines = [
        SECTION, "",
        f"Chosen by `train/thresholds.py` on the {chosen['articles']} training articles, each coded through the "
        "whole pipeline by the model of the cross-validation fold that held it out, scored as eventgold scores "
        "(root among the labelled roots, source and target countries), as given and lower-cased, counted "
        "together: the best F1 of recall and precision among the thresholds that keep the recall of the rules "
        "alone in both"
        + (", keeping every rule event (`--keep-rules`: the confidence ranks them and `--min-confidence` filters "
           "on request)" if chosen["keep_rules"] else "") + ": "
        f"`min_confidence` {chosen['min_confidence']:.2f} (rule events under it are left out), `propose` {propose} "
        "(the model's events at words no frame matched).", "",
        "| coding (cross-validated) | recall | precision | F1 | events |", "|---|---|---|---|---|",
        _row("rules alone", chosen["rules_alone"]),
        _row(f"rules, confidence >= {chosen['rules_rescored']['min_confidence']:.2f} (no proposals)",
             chosen["rules_rescored"]),
        _row(f"best F1 at any recall: confidence >= {chosen['best_f1']['min_confidence']:.2f}, proposals "
             f"{_propose(chosen['best_f1']['propose'])}", chosen["best_f1"]),
        _row(f"best F1 keeping the rules' recall: confidence >= {chosen['filter']['min_confidence']:.2f}, proposals "
             f"{_propose(chosen['filter']['propose'])}", chosen["filter"]),
        _row(f"chosen: confidence >= {chosen['min_confidence']:.2f}, proposals {propose}", chosen["cv"]),
    ]
    if grid:
        lines += ["", "| min_confidence | propose | recall | precision | F1 | events |", "|---|---|---|---|---|---|"]
        lines += [f"| {g['min_confidence']:.2f} | {'none' if g['propose'] > 1 else g['propose']} | {g['recall']:.3f} | "
                  f"{g['precision']:.3f} | {g['f1']:.3f} | {g['predicted']} |" for g in chosen["grid"]]
    return "\n".join(lines) + "\n"


def with_section(text: str, chosen: dict[str, Any], grid: bool) -> str:
    """``text`` with its thresholds section (replaced when there is one)."""
    head = text.split(SECTION)[0].rstrip("\n")
    return head + "\n\n" + section(chosen, grid)


def write_model(model_dir: Path, chosen: dict[str, Any]) -> None:
    """The chosen thresholds into the model's metadata (``coder``) and README.md."""
    path = model_dir / METADATA
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["coder"] = {k: chosen[k] for k in ("min_confidence", "propose", "cv", "rules_alone", "best_f1", "filter",
                                            "rules_rescored", "keep_rules")}
    path.write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    readme = model_dir / "README.md"
    readme.write_text(with_section(readme.read_text(encoding="utf-8"), chosen, grid=False), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--fold-models", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path, help="write the selection with its grid as JSON here")
    parser.add_argument("--model", type=Path, help="write the chosen thresholds into this model directory")
    parser.add_argument("--report", type=Path, help="add the section with the grid to this report (markdown)")
    parser.add_argument("--keep-rules", action="store_true",
                        help="the coder keeps every rule event (min_confidence 0): choose where the model proposes")
    args = parser.parse_args(argv)
    coded, alone = code_folds(args.fold_models, args.limit, lambda m: print(m, file=sys.stderr, flush=True))
    chosen = select(coded, alone, args.keep_rules)
    if args.out:
        args.out.write_text(json.dumps(chosen, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.model:
        write_model(args.model, chosen)
    if args.report:
        args.report.write_text(with_section(args.report.read_text(encoding="utf-8"), chosen, grid=True),
                               encoding="utf-8")
    print(json.dumps({k: v for k, v in chosen.items() if k != "grid"}, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
