"""The learned event model: features of hand-built parses, the shipped model's files, its predictions on
sentences written here, and deterministic training (``make train``)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, shared_path

from eventwire.learn import dataset
from eventwire.learn import model as model_module
from eventwire.learn.features import ArticleFeatures, quoted
from eventwire.learn.model import ROOTS, EventModel
from eventwire.lexicons.triggers import Entry, Lexicon

# --- features (hand-built parses, no model) -----------------------------------------------------------


def test_features_of_a_verb_read_its_arguments_the_lexicon_and_the_context(spec_doc) -> None:
    doc = spec_doc("Turkish|ADJ|amod|1|B-NORP troops|NOUN|nsubj|2 attacked|VERB|ROOT|2 Kurdish|ADJ|amod|4|B-NORP "
                   "fighters|NOUN|dobj|2 in|ADP|prep|2 Syria|PROPN|pobj|5|B-GPE .|PUNCT|punct|2")
    for token, lemma in zip(doc, ["turkish", "troop", "attack", "kurdish", "fighter", "in", "Syria", "."],
                            strict=True):
        token.lemma_ = lemma
    article = ArticleFeatures.read(doc, Lexicon.load(), matches={2: Entry("attack", "190")})
    assert article.candidates() == [1, 2, 4]
    found = set(article.of(2))
    assert {"l=attack", "lp=attack|VERB", "d=ROOT", "x=19", "rm=19", "ae=nsubj|NORP", "ae=dobj|NORP",
            "lo=attack|fighter", "pe=in|GPE", "w-1=troops", "w1=kurdish", "si=0", "se=GPE", "se=NORP",
            "ne=L|NORP", "ne=R|NORP"} <= found
    assert "q" not in found


def test_quotations_are_read_from_the_text() -> None:
    text = 'He said “we will fight” and left. “They came, they went. She said "no" to it.'
    assert quoted(text, text.index("fight"))
    assert not quoted(text, text.index("left"))
    assert quoted(text, text.index("went"))  # a quotation left open stays open to the paragraph's end
    assert quoted("a “b\nc", 3) and not quoted("a “b\nc", 5)
    assert quoted('x "y" z "w', 9) and not quoted('x "y" z', 6)


def test_an_event_belongs_to_the_word_highest_in_its_trigger(spec_doc) -> None:
    doc = spec_doc("Iran|PROPN|nsubj|1|B-GPE carried|VERB|ROOT|1 out|ADP|prt|1 air|NOUN|compound|4 "
                   "strikes|NOUN|dobj|1 .|PUNCT|punct|1")
    for token, lemma in zip(doc, ["Iran", "carry", "out", "air", "strike", "."], strict=True):
        token.lemma_ = lemma
    start = doc[1].idx
    events = [{"roots": ["19", "18"], "trigger": [start, doc[4].idx + 7], "sentence": [0, len(doc.text)]}]
    labelled = dataset.label_article(doc, events, complete=True)
    by_token = {e.token: e.roots for e in labelled.examples}
    assert by_token == {1: ("19", "18")}  # "air" and "strikes" lie inside the trigger: neither event nor none
    assert labelled.sentence_roots == (("19",),)
    assert labelled.unplaced == 0


# --- the shipped model ----------------------------------------------------------------------------------


def test_the_shipped_model_loads_quickly_and_is_well_formed() -> None:
    started = time.perf_counter()
    loaded = model_module._load.__wrapped__(str(model_module.model_dir()))
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0  # about 0.1 s measured; the budget is 0.3 s, with room for a busy machine
    assert loaded.root_w.shape == (len(loaded.index) + 1, len(ROOTS))
    assert loaded.event_w.shape == (len(loaded.index) + 1,)
    assert loaded.screen and all("|" in key for key in loaded.screen)
    assert loaded.calibration.temperature > 0 and loaded.calibration.event_a > 0
    meta = loaded.metadata
    assert meta["roots"] == list(ROOTS)
    assert meta["training_data"]["articles"] >= 200
    assert 0 < meta["cross_validation"]["words_model"]["average_precision"] < 1
    size = sum(p.stat().st_size for p in model_module.model_dir().iterdir())
    assert size < 20_000_000


@pytest.fixture(scope="module")
def parse(nlp):
    from eventwire.nlp import Parser

    return Parser.of(nlp)


@pytest.mark.model
def test_predictions_are_probabilities_and_a_screened_word_scores_as_in_the_whole(parse) -> None:
    event_model = EventModel.load()
    doc = parse("Russia condemned the strike and called for talks. The United Nations said it would send aid.")
    whole = event_model.predict_doc(doc)
    assert len(whole.words) >= 5 and len(whole.sentences) == 2
    for word in whole.words:
        assert 0.0 <= word.p_event <= 1.0
        assert abs(sum(word.roots) - 1.0) < 1e-6
        assert word.root_probability(word.best_root) == pytest.approx(word.p_event * max(word.roots))
    screened = event_model.screened(doc)
    assert screened
    part = event_model.predict_doc(doc, words=screened)
    for word in part.words:
        same = whole.at(word.token)
        assert same is not None and same.p_event == pytest.approx(word.p_event)
        assert np.allclose(same.roots, word.roots)
    p, roots = event_model.predict(doc, screened[0])
    assert p == pytest.approx(part.words[0].p_event) and set(roots) == set(ROOTS)
    assert event_model.predict(doc, 1 if doc[1].pos_ not in {"VERB", "NOUN"} else 2)[0] >= 0.0


EVENTS = [
    ("Turkish warplanes bombed Kurdish positions in northern Syria on Monday.", "bombed", {"19", "18", "20"}),
    ("France urged Turkey to halt its offensive against the Kurdish-led forces.", "urged", {"02", "10"}),
    ("The Syrian government accused the rebels of using chemical weapons.", "accused", {"11"}),
    ("Iraq rejected the American proposal to move the detainees.", "rejected", {"12"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "roots"), EVENTS)
def test_the_model_finds_the_event_of_a_plain_news_sentence(parse, sentence, trigger, roots) -> None:
    doc = parse(sentence)
    (word,) = [t.i for t in doc if t.text == trigger]
    predictions = EventModel.load().predict_doc(doc)
    found = predictions.at(word)
    assert found is not None
    assert max(predictions.words, key=lambda w: w.p_event).token == word  # the sentence's most likely event word
    assert found.p_event >= 0.4
    assert found.best_root in roots


@pytest.mark.model
def test_a_sentence_without_an_event_scores_low(parse) -> None:
    doc = parse("The weather in Damascus was mild and the markets were busy with shoppers.")
    predictions = EventModel.load().predict_doc(doc)
    assert max(w.p_event for w in predictions.words) < 0.2
    assert predictions.sentences[0] < 0.3


# --- training ---------------------------------------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.shared
@pytest.mark.slow
def test_training_twice_on_the_same_articles_writes_the_same_bytes(tmp_path: Path) -> None:
    """make train on a few articles, twice, in processes with different hash seeds: the first parses them
    into a fresh cache, the second reads them from it; both write the same model files."""
    shared_path("data", "ngec", "Guardian_SDF_sample.csv.zip")
    shared_path("data", "eventgold", "guardian-splits.json")
    cache = tmp_path / "cache"
    for name, seed in (("a", "1"), ("b", "2")):
        subprocess.run([sys.executable, str(ROOT / "train" / "fit_events.py"), "--limit", "6", "--folds", "2",
                        "--inner", "2", "--quiet", "--cache", str(cache), "--out", str(tmp_path / name)],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=900)
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert set(first) == {"README.md", "events.json", "events.npz", "events.vocab.json"}
    assert first == second
    small = EventModel.load(tmp_path / "a")
    assert small.metadata["training_data"]["articles"] == 6
