"""The default model loads with the tokenizer spaCy's own load gives it, made once."""

from __future__ import annotations

import pytest
import spacy

from eventwire import nlp


@pytest.mark.model
def test_the_default_model_tokenizes_as_spacy_loads_it() -> None:
    ours, plain = nlp.load(), spacy.load(nlp.DEFAULT_MODEL)
    # the shared vocab grows with every text the process has parsed: compare the tokenizer's own settings
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    assert ours.tokenizer.rules
    text = "Peru's U.S.-backed army didn't attack Lima at 5 p.m.; see https://example.org/a-b (e-mail: a@b.cd)."
    assert [t.text for t in ours.make_doc(text)] == [t.text for t in plain.make_doc(text)]
    assert ours.pipe_names == plain.pipe_names
