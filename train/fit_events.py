"""Train the event model from the labelled train articles and write it to eventwire/data/model/.

    .venv/bin/python train/fit_events.py [--limit N] [--folds 5] [--inner 3] [--out DIR] [--report FILE]

Steps (``make train`` runs them all with the defaults):

1. read the first-pass labels and the texts of their articles (train/corpus.py), parse and rule-code them as
   the pipeline does (train/parse.py, cached in build/train-cache/);
2. label every candidate word and sentence (eventwire/learn/dataset.py) and turn each candidate into its
   features (eventwire/learn/features.py);
3. cross-validate grouped by article (article k of the list is in fold k mod ``--folds``): for each fold,
   an inner cross-validation on the other folds gives the scores the calibration of that fold's model is
   fitted on, so every figure of the report is measured on articles neither the weights nor the
   calibration saw;
4. fit the final weights on all articles and their calibration on the outer cross-validated scores;
5. write the weights (events.npz), the vocabulary and the screen of lemmas worth scoring at run time
   (events.vocab.json), the metadata with the figures (events.json) and the model's README.md, and the
   full report (train/report.md).

Deterministic: no sampling; the folds, the vocabulary and the rows are in a fixed order, the Newton-CG
solver starts from zero, and the files are written with fixed timestamps and key order. The same labels, texts, code and
libraries give the same bytes.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

import combine
import corpus
import metrics
import parse
import report

from eventwire.learn import dataset, features
from eventwire.learn.model import METADATA, ROOTS, VOCABULARY, WEIGHTS, model_dir
from eventwire.lexicons.triggers import Lexicon
from eventwire.resources import trigger_lexicon
from eventwire.settings import Settings

SEED = 0  # nothing is sampled; recorded so the metadata says so
C_EVENT = 0.3
C_ROOT = 1.0
MIN_COUNT = 2  # a feature must occur in this many training words to get a weight
SCREEN_RATE = 0.02  # a lemma is scored at run time when more than this share of its words were event words
MISSING_ROOT = -50.0  # the score of a root no training word of a fold had
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Data:
    """The candidate words of all articles (rows) and their sentences."""

    articles: list[str]
    rows: list[list[str]] = field(default_factory=list)
    group: list[int] = field(default_factory=list)  # article number of each row
    sentence: list[int] = field(default_factory=list)  # global sentence number of each row
    roots: list[tuple[str, ...]] = field(default_factory=list)
    rule: list[dict[str, float]] = field(default_factory=list)  # the rules' roots at the word, by confidence
    rule_specific: list[bool] = field(default_factory=list)  # the rules' frame at the word sets conditions
    sentence_group: list[int] = field(default_factory=list)
    sentence_gold: list[tuple[str, ...]] = field(default_factory=list)
    sentence_all: list[frozenset[str]] = field(default_factory=list)
    sentence_rules: list[frozenset[str]] = field(default_factory=list)
    events: int = 0
    unplaced: int = 0

    @property
    def is_event(self) -> np.ndarray:
        return np.array([bool(r) for r in self.roots])


def build(parsed: Sequence[parse.Parsed], lexicon: Lexicon) -> Data:
    data = Data([p.article.id for p in parsed])
    for n, item in enumerate(parsed):
        doc, article = item.doc, item.article
        article_features = features.ArticleFeatures.read(doc, lexicon)
        labelled = dataset.label_article(doc, article.events, article.complete)
        rule_at, rule_sentences = _rules(doc, article_features, item.rules)
        base = len(data.sentence_gold)
        data.events += len(article.events)
        data.unplaced += labelled.unplaced
        for example in labelled.examples:
            data.rows.append(article_features.of(example.token))
            data.group.append(n)
            data.sentence.append(base + example.sentence)
            data.roots.append(example.roots)
            data.rule.append(rule_at.get(example.token, {}))
            entry = article_features.matches.get(example.token)
            data.rule_specific.append(entry is not None and entry.specificity > 0)
        for k, (gold, every) in enumerate(zip(labelled.sentence_roots, labelled.sentence_all_roots, strict=True)):
            data.sentence_group.append(n)
            data.sentence_gold.append(tuple(dict.fromkeys(gold)))
            data.sentence_all.append(every)
            data.sentence_rules.append(frozenset(rule_sentences.get(k, ())))
    return data


def _rules(doc: Any, article: features.ArticleFeatures, rules: Sequence[dict[str, Any]]
           ) -> tuple[dict[int, dict[str, float]], dict[int, set[str]]]:
    """The rule events by their word (root -> highest confidence) and the rule roots of each sentence."""
    at: dict[int, dict[str, float]] = {}
    sentences: dict[int, set[str]] = {}
    for event in rules:
        span = doc.char_span(*event["trigger"], alignment_mode="expand")
        if span is None:
            continue
        root = str(event["code"])[:2]
        sentences.setdefault(article.sentence_of(span.start), set()).add(root)
        word = dataset.event_word(doc, list(range(span.start, span.end)))
        if word is not None:
            known = at.setdefault(word, {})
            known[root] = max(known.get(root, 0.0), float(event["confidence"]))
    return at, sentences


# --- features to a matrix ----------------------------------------------------------------------------


def vocabulary(rows: Sequence[Sequence[str]], min_count: int = MIN_COUNT) -> list[str]:
    """The features in at least ``min_count`` rows, sorted."""
    counts = Counter(f for row in rows for f in set(row))
    return sorted(f for f, c in counts.items() if c >= min_count)


def matrix(rows: Sequence[Sequence[str]], vocab: Sequence[str]) -> sp.csr_matrix:
    index = {f: i for i, f in enumerate(vocab)}
    indices: list[int] = []
    indptr = [0]
    for row in rows:
        indices += sorted({index[f] for f in row if f in index})
        indptr.append(len(indices))
    return sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))


def in_rows(x: sp.csr_matrix, rows: np.ndarray, min_count: int = MIN_COUNT) -> np.ndarray:
    """The columns that occur in at least ``min_count`` of the given rows (a fold's own vocabulary)."""
    counts = np.asarray((x[rows] > 0).sum(axis=0)).ravel()
    return np.flatnonzero(counts >= min_count)


# --- the two models and their calibration ------------------------------------------------------------


@dataclass
class Fitted:
    columns: np.ndarray  # the columns of the full matrix the weights are for
    event_w: np.ndarray
    event_b: float
    root_w: np.ndarray  # (columns, 20)
    root_b: np.ndarray

    def scores(self, x: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        sub = x[:, self.columns]
        return sub @ self.event_w + self.event_b, sub @ self.root_w + self.root_b


def fit(x: sp.csr_matrix, roots: Sequence[tuple[str, ...]], rows: np.ndarray, c_event: float, c_root: float) -> Fitted:
    columns = in_rows(x, rows)
    sub = x[rows][:, columns]
    y = np.array([bool(roots[i]) for i in rows])
    event = LogisticRegression(C=c_event, solver="newton-cg", max_iter=1000).fit(sub, y)
    positive = np.flatnonzero(y)
    labels = [roots[rows[i]][0] for i in positive]
    # a feature no event word has keeps a zero root weight under L2: fit only the features event words have
    seen = np.flatnonzero(np.asarray((sub[positive] > 0).sum(axis=0)).ravel())
    root = LogisticRegression(C=c_root, solver="newton-cg", max_iter=1000).fit(sub[positive][:, seen], labels)
    root_w = np.zeros((len(columns), len(ROOTS)))
    root_b = np.full(len(ROOTS), MISSING_ROOT)
    learned = list(root.classes_)
    coef = root.coef_ if len(learned) > 2 else np.vstack([-root.coef_[0], root.coef_[0]]) / 2
    intercept = root.intercept_ if len(learned) > 2 else np.array([-root.intercept_[0], root.intercept_[0]]) / 2
    for k, label in enumerate(learned):
        j = ROOTS.index(label)
        root_w[seen, j] = coef[k]
        root_b[j] = intercept[k]
    return Fitted(columns, event.coef_[0].copy(), float(event.intercept_[0]), root_w, root_b)


@dataclass(frozen=True)
class Calibrators:
    event_a: float
    event_b: float
    temperature: float
    sentence_a: float
    sentence_b: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 6) for k, v in self.__dict__.items()}


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    model = LogisticRegression(C=1e6, max_iter=1000, tol=1e-8).fit(z.reshape(-1, 1), y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def temperature(z: np.ndarray, labels: np.ndarray) -> float:
    """The temperature that minimises the negative log-likelihood of the true roots."""
    def nll(log_t: float) -> float:
        s = z / np.exp(log_t)
        s = s - s.max(axis=1, keepdims=True)
        return float(-(s[np.arange(len(labels)), labels] - np.log(np.exp(s).sum(axis=1))).mean())
    result = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded", options={"xatol": 1e-6})
    return float(np.exp(result.x))


def sentence_max(z: np.ndarray, sentence: np.ndarray, n_sentences: int) -> np.ndarray:
    best = np.full(n_sentences, -np.inf)
    np.maximum.at(best, sentence, z)
    return best


def calibrate(data: Data, rows: np.ndarray, event_z: np.ndarray, root_z: np.ndarray) -> Calibrators:
    """Calibrators fitted on cross-validated scores of ``rows`` (event_z, root_z indexed like all rows)."""
    y = data.is_event[rows]
    a, b = platt(event_z[rows], y)
    positive = rows[y]
    labels = np.array([ROOTS.index(data.roots[i][0]) for i in positive])
    t = temperature(root_z[positive], labels)
    sentence = np.array(data.sentence)
    best = sentence_max(event_z[rows], sentence[rows], len(data.sentence_gold))
    used = np.unique(sentence[rows])
    gold = np.array([bool(data.sentence_gold[s]) for s in used])
    sa, sb = platt(best[used], gold)
    return Calibrators(a, b, t, sa, sb)


def apply(cal: Calibrators, event_z: np.ndarray, root_z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p_event = 1 / (1 + np.exp(-(cal.event_a * event_z + cal.event_b)))
    s = root_z / cal.temperature
    s = s - s.max(axis=1, keepdims=True)
    q = np.exp(s)
    return p_event, q / q.sum(axis=1, keepdims=True)


# --- cross-validation ---------------------------------------------------------------------------------


@dataclass
class Fold:
    """One outer fold's model, fitted without its articles, with the calibration and combiner the inner
    cross-validation gave."""

    held_out: list[str]
    screen: list[str]
    model: Fitted
    calibration: Calibrators
    combiner: combine.Combiner


@dataclass
class CrossValidated:
    event_z: np.ndarray  # raw outer-fold scores
    root_z: np.ndarray
    p_event: np.ndarray  # calibrated by each fold's inner calibrators
    p_root: np.ndarray
    p_sentence: np.ndarray
    majority: list[str]  # each row's majority root of its training folds
    folds: list[Fold]
    rule_right: np.ndarray  # the rule events (word, root) of every fold: whether the root is right
    rule_opinions: dict[str, np.ndarray]  # and each opinion of it


def cross_validate(data: Data, x: sp.csr_matrix, folds: int, inner: int, c_event: float, c_root: float,
                   log: Any) -> CrossValidated:
    group = np.array(data.group)
    n = len(data.rows)
    event_z, root_z = np.zeros(n), np.zeros((n, len(ROOTS)))
    p_event, p_root = np.zeros(n), np.zeros((n, len(ROOTS)))
    p_sentence = np.zeros(len(data.sentence_gold))
    majority = [""] * n
    sentence = np.array(data.sentence)
    fold_list: list[Fold] = []
    opinions: dict[str, np.ndarray] = {}
    rule_right = np.zeros(0, dtype=bool)
    for k in range(folds):
        test, train = np.flatnonzero(group % folds == k), np.flatnonzero(group % folds != k)
        inner_event, inner_root = np.zeros(n), np.zeros((n, len(ROOTS)))
        train_articles = sorted(set(group[train]))
        inner_fold = {a: i % inner for i, a in enumerate(train_articles)}
        for j in range(inner):
            held = np.array([inner_fold[g] == j for g in group[train]])
            model = fit(x, data.roots, train[~held], c_event, c_root)
            inner_event[train[held]], inner_root[train[held]] = model.scores(x[train[held]])
        cal = calibrate(data, train, inner_event, inner_root)
        inner_p_event, inner_p_root = apply(cal, inner_event, inner_root)
        combiner = combine.fit(data, train, inner_p_event, inner_p_root, ROOTS)
        model = fit(x, data.roots, train, c_event, c_root)
        event_z[test], root_z[test] = model.scores(x[test])
        p_event[test], p_root[test] = apply(cal, event_z[test], root_z[test])
        best = sentence_max(event_z[test], sentence[test], len(data.sentence_gold))
        for s in np.unique(sentence[test]):
            p_sentence[s] = 1 / (1 + np.exp(-(cal.sentence_a * best[s] + cal.sentence_b)))
        common = metrics.majority(data.roots[i][0] for i in train if data.roots[i])
        for i in test:
            majority[i] = common
        found = combine.pairs(data, test)
        p = combine.model_p(p_event, p_root, found.index, found.roots, ROOTS)
        q = combine.root_p(p_root, found.index, found.roots, ROOTS)
        for name, values in (("rule confidence", found.conf), ("rule, calibrated", combiner.rule_alone(found.conf)),
                             ("model", p), ("combined", combiner.combined(p, q, found.conf, found.specific))):
            opinions[name] = np.concatenate([opinions.get(name, np.zeros(0)), values])
        rule_right = np.concatenate([rule_right, found.right])
        held_out = [data.articles[a] for a in sorted(set(group[test]))]
        fold_list.append(Fold(held_out, screen(data, train), model, cal, combiner))
        log(f"fold {k + 1}/{folds}: {len(set(group[test]))} articles, {len(test)} words, calibration {cal.as_dict()}, "
            f"combiner {combiner.as_dict()}")
    return CrossValidated(event_z, root_z, p_event, p_root, p_sentence, majority, fold_list, rule_right, opinions)


# --- writing the model ----------------------------------------------------------------------------------


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz numpy reads, written with fixed timestamps so the same arrays give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue())
    path.write_bytes(buffer.getvalue())


def screen(data: Data, rows: np.ndarray | None = None, rate: float = SCREEN_RATE) -> list[str]:
    """The lemma keys (``lemma|POS``) more than ``rate`` of whose candidate words (of ``rows``) were event words."""
    chosen = range(len(data.rows)) if rows is None else rows
    keys = [next(f[3:] for f in data.rows[i] if f.startswith("lp=")) for i in chosen]
    roots = [data.roots[i] for i in chosen]
    words, events = Counter(keys), Counter(k for k, r in zip(keys, roots, strict=True) if r)
    return sorted(k for k in events if events[k] / words[k] > rate)


def write_model(out: Path, vocab: Sequence[str], model: Fitted, cal: Calibrators, combiner: combine.Combiner,
                meta: dict[str, Any], screened: Sequence[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_npz(out / WEIGHTS, {
        "event_w": model.event_w.astype(np.float32), "event_b": np.array([model.event_b], np.float32),
        "root_w": model.root_w.astype(np.float32), "root_b": model.root_b.astype(np.float32),
    })
    text = json.dumps({"features": list(vocab), "screen": list(screened)}, ensure_ascii=False, indent=0)
    (out / VOCABULARY).write_text(text + "\n", encoding="utf-8")
    meta = {**meta, "calibration": cal.as_dict(), "combiner": combiner.as_dict(), "roots": list(ROOTS)}
    (out / METADATA).write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N labelled articles (for tests)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--inner", type=int, default=3)
    parser.add_argument("--c-event", type=float, default=C_EVENT)
    parser.add_argument("--c-root", type=float, default=C_ROOT)
    parser.add_argument("--out", type=Path, default=model_dir())
    parser.add_argument("--report", type=Path, help="write the full cross-validation report here (markdown)")
    parser.add_argument("--fold-models", type=Path,
                        help="also write each outer fold's model (without its articles) to DIR/fold-K")
    parser.add_argument("--cache", type=Path, default=parse.CACHE)
    parser.add_argument("--refresh", action="store_true", help="parse and rule-code the articles again")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    started = time.time()

    def log(message: str) -> None:
        if not args.quiet:
            print(f"[{time.time() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    articles = corpus.labelled_articles(args.limit)
    parsed = parse.parse_all(articles, args.cache, args.refresh)
    lexicon = trigger_lexicon(Settings().verb_dictionary)  # the lexicon the coder reads the features with
    data = build(parsed, lexicon)
    log(f"{len(articles)} articles, {data.events} events, {len(data.rows)} candidate words, "
        f"{int(data.is_event.sum())} event words, {len(data.sentence_gold)} sentences")
    full_vocab = vocabulary(data.rows, 1)
    x = matrix(data.rows, full_vocab)
    cv = cross_validate(data, x, args.folds, args.inner, args.c_event, args.c_root, log)
    everything = np.arange(len(data.rows))
    final_cal = calibrate(data, everything, cv.event_z, cv.root_z)
    final = fit(x, data.roots, everything, args.c_event, args.c_root)
    vocab = [full_vocab[i] for i in final.columns]
    figures = report.figures(data, cv, ROOTS)
    final_combiner = combine.fit(data, everything, *apply(final_cal, cv.event_z, cv.root_z), ROOTS)
    figures["rule_events"] = combine.figures(cv.rule_right, cv.rule_opinions)
    screened = screen(data)
    meta = report.metadata(data, figures, args, vocab, SEED, MIN_COUNT) | {
        "screen": {"rate": SCREEN_RATE, "lemmas": len(screened)}}
    write_model(args.out, vocab, final, final_cal, final_combiner, meta, screened)
    if args.fold_models:
        for k, fold in enumerate(cv.folds):
            fold_vocab = [full_vocab[i] for i in fold.model.columns]
            write_model(args.fold_models / f"fold-{k}", fold_vocab, fold.model, fold.calibration, fold.combiner,
                        {"held_out": fold.held_out}, fold.screen)
    (args.out / "README.md").write_text(report.readme(meta, figures), encoding="utf-8")
    if args.report:
        args.report.write_text(report.full(meta, figures), encoding="utf-8")
    log(f"wrote {args.out} ({len(vocab)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
