"""Shared fixtures: the one place tests get models, hand-built Docs and the public gold data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real spaCy model (model-dependent tests carry the ``model`` mark)."""
    from eventwire import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    from eventwire import nlp as nlp_module

    return nlp_module.blank()


@pytest.fixture
def make_doc(blank_nlp: Language):
    """Build a parsed Doc by hand: ``make_doc(words, heads=..., deps=..., pos=..., ents=...)``.

    ``heads`` are absolute token indices (a root points to itself); ``ents`` are BILUO or IOB
    tags, as spaCy's ``Doc`` constructor takes them.
    """

    def build(words: list[str], **annotations) -> Doc:
        spaces = annotations.pop("spaces", None)
        if spaces is None:
            spaces = [not (i + 1 < len(words) and words[i + 1] in {".", ",", "'s", ":", ";", "?", "!"})
                      for i in range(len(words))]
        return Doc(blank_nlp.vocab, words=words, spaces=spaces, **annotations)

    return build


def shared_path(*parts: str) -> Path:
    """A path under ../shared; missing data skips locally but fails under CI=true."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: the public gold data must sit in ../shared beside the checkout"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def seed_path() -> Path:
    return shared_path("seed", "000_d0042f3ec4aaeb2c.txt")


@pytest.fixture
def spec_doc(make_doc):
    """Build a parsed Doc from a compact spec: ``word|POS|dep|head[|ENT]`` tokens separated by spaces.

    Heads are absolute token indices; ENT is a BILUO or IOB tag (``O`` when left out).
    """

    def build(spec: str) -> Doc:
        rows = [item.split("|") for item in spec.split()]
        return make_doc(
            [r[0] for r in rows],
            pos=[r[1] for r in rows],
            deps=[r[2] for r in rows],
            heads=[int(r[3]) for r in rows],
            ents=[r[4] if len(r) > 4 else "O" for r in rows],
        )

    return build
