"""Faster equivalents of two rule-based spaCy components, for parsing in eventwire's own processes.

The English models end with an attribute ruler (a few hundred one- and two-token patterns that set
POS, morphology and some lemmas from the tags) and a rule lemmatizer. In spaCy both walk the Doc
token by token in Python: together about a sixth of ``en_core_web_sm``'s parse time.
:func:`eventwire.nlp.parse` runs them through this module instead, with the same result:

* :class:`RuleMatches` finds the attribute ruler's matches with array tests on the Doc's
  attributes instead of spaCy's Matcher, then lets the ruler set them (its own
  ``set_annotations``, in its own order);
* :class:`LemmaMemo` keeps the lemmatizer's answer for each (word, POS, morphology) it has met, as
  spaCy's own cache does for part of them, and writes a Doc's lemmas in one array.

Only the pattern forms spaCy's Matcher reads the same way are compiled (one token spec after
another, each attribute equal to a value, IN / NOT_IN a list or matching a REGEX, on the attributes in
:data:`TOKEN_ATTRS`); :func:`fast_step` keeps spaCy's component for anything else.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.errors import Warnings
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Token

Step = Callable[[Iterable[Doc], int], Iterator[Doc]]

# Token attributes whose value the Matcher and Doc.to_array read alike.
TOKEN_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT",
                         "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_STOP", "SHAPE"})


class Unsupported(ValueError):
    """A pattern form :class:`RuleMatches` does not compile (spaCy's Matcher then runs it)."""


@dataclass(frozen=True)
class Test:
    """One condition on a token attribute: equal to one value, (not) among several, or a regex
    the value's string contains."""

    column: int
    values: np.ndarray
    negated: bool = False
    regex: re.Pattern[str] | None = None
    strings: StringStore | None = None
    seen: dict[int, bool] = field(default_factory=dict)

    def mask(self, columns: Sequence[np.ndarray], positions: np.ndarray | None = None) -> np.ndarray:
        """Whether the test holds at every token, or at each of ``positions``."""
        column = columns[self.column] if positions is None else columns[self.column][positions]
        if self.regex is not None:
            distinct, where = np.unique(column, return_inverse=True)
            return np.array([self._searched(int(v)) for v in distinct], dtype=bool)[where]
        found = column == self.values[0] if len(self.values) == 1 else np.isin(column, self.values)
        return ~found if self.negated else found

    def _searched(self, value: int) -> bool:
        found = self.seen.get(value)
        if found is None:
            assert self.regex is not None and self.strings is not None
            found = self.seen[value] = self.regex.search(self.strings[value]) is not None
        return found


@dataclass(frozen=True)
class Rule:
    """One attribute-ruler rule: its match key and its patterns, each a list of token tests."""

    key: int
    patterns: tuple[tuple[tuple[Test, ...], ...], ...]


def _attr_id(name: str) -> int:
    name = name.upper()
    name = "ORTH" if name == "TEXT" else name
    if name not in TOKEN_ATTRS:
        raise Unsupported(f"attribute {name}")
    attr: int = IDS[name]  # spacy.attrs is compiled without stubs
    return attr


def _value_id(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (str, int)):
        return get_string_id(value)
    raise Unsupported(f"value {value!r}")


@dataclass
class _Columns:
    """The attribute ids the compiled tests read, in column order."""

    ids: list[int]

    def column(self, attr: int) -> int:
        if attr not in self.ids:
            self.ids.append(attr)
        return self.ids.index(attr)


def _test(columns: _Columns, name: str, value: Any, strings: StringStore) -> Test:
    column = columns.column(_attr_id(name))
    if not isinstance(value, dict):
        return Test(column, np.array([_value_id(value)], dtype=np.uint64))
    if len(value) != 1 or next(iter(value)) not in {"IN", "NOT_IN", "REGEX"}:
        raise Unsupported(f"predicate {value!r}")
    (predicate, listed), = value.items()
    if predicate == "REGEX":
        if not isinstance(listed, str):
            raise Unsupported(f"predicate {value!r}")
        return Test(column, np.zeros(0, dtype=np.uint64), regex=re.compile(listed), strings=strings)
    if not isinstance(listed, list):
        raise Unsupported(f"predicate {value!r}")
    ids = np.array(sorted({_value_id(v) for v in listed}), dtype=np.uint64)
    return Test(column, ids, negated=predicate == "NOT_IN")


def _spec(columns: _Columns, spec: object, strings: StringStore) -> tuple[Test, ...]:
    if not isinstance(spec, dict) or not spec:
        raise Unsupported(f"token spec {spec!r}")
    return tuple(_test(columns, name, value, strings) for name, value in spec.items())


def _starts(pattern: tuple[tuple[Test, ...], ...], columns: Sequence[np.ndarray], n: int) -> list[int]:
    """Where ``pattern`` matches in a Doc of ``n`` tokens: its first test over the whole Doc, each
    further test only where all before it held."""
    size = len(pattern)
    if size > n:
        return []
    starts: np.ndarray | None = None
    for offset, tests in enumerate(pattern):
        for test in tests:
            if starts is None:
                starts = np.flatnonzero(test.mask(columns)[offset:n - size + 1 + offset])
            elif len(starts):
                starts = starts[test.mask(columns, starts + offset)]
    return starts.tolist() if starts is not None else []


@dataclass(frozen=True)
class RuleMatches:
    """The attribute ruler's patterns compiled to array tests; call it like the ruler's matcher."""

    ruler: AttributeRuler
    attrs: tuple[int, ...]
    rules: tuple[Rule, ...]

    @classmethod
    def compile(cls, ruler: AttributeRuler) -> RuleMatches:
        """Compile every pattern of ``ruler``, or raise :class:`Unsupported`."""
        columns = _Columns([])
        rules = []
        for index, entry in enumerate(ruler.patterns):
            patterns = entry["patterns"]
            if not isinstance(patterns, list) or not patterns or not all(isinstance(p, list) and p for p in patterns):
                raise Unsupported(f"patterns {patterns!r}")
            compiled = tuple(tuple(_spec(columns, spec, ruler.vocab.strings) for spec in p) for p in patterns)
            rules.append(Rule(ruler.vocab.strings.add(str(index)), compiled))
        if not rules:
            raise Unsupported("no patterns")
        return cls(ruler, tuple(columns.ids), tuple(rules))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (rule, key, start, end), sorted."""
        n = len(doc)
        table = doc.to_array(list(self.attrs)).reshape(n, len(self.attrs))
        columns = [table[:, i] for i in range(len(self.attrs))]
        found: list[tuple[int, int, int, int]] = []
        for index, rule in enumerate(self.rules):
            spans = {(start, start + len(pattern)) for pattern in rule.patterns
                     for start in _starts(pattern, columns, n)}
            found.extend((index, rule.key, start, end) for start, end in spans)
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.matches(doc))  # type: ignore[no-untyped-call]  # unannotated in spaCy
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        return (self(doc) for doc in docs)


@dataclass(frozen=True)
class LemmaMemo:
    """A rule lemmatizer whose answers are kept per (word, POS, morphology).

    spaCy's rule lemmatizer computes a lemma from exactly these three (and its fixed tables), so
    the kept answer is the one it would give; it only sets tokens without a lemma yet, unless
    told to overwrite. A new answer is worked out as spaCy's ``rule_lemmatize`` does, but with
    each part of speech's word index as a set: spaCy keeps it as a list, and looking a word up
    in it took nine tenths of the lemmatizer's time.
    """

    lemmatizer: Lemmatizer
    known: dict[tuple[int, int, int], int]
    tables: dict[str, tuple[frozenset[str], Any, Any] | None]

    @classmethod
    def wrap(cls, lemmatizer: Lemmatizer) -> LemmaMemo:
        if getattr(lemmatizer.lemmatize, "__func__", None) is not Lemmatizer.rule_lemmatize:
            raise Unsupported(f"lemmatizer mode {lemmatizer.mode}")  # another mode, or its own rules
        lemmatizer(Doc(lemmatizer.vocab, words=[]))  # checks its tables, as its first call does
        return cls(lemmatizer, {}, {})

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        strings = doc.vocab.strings
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = self.known.get(key)
            if value is None:
                value = self.known[key] = strings.add(self.lemma(doc[i]))
            lemmas[i] = value
        # spaCy's stubs call to_array's result float64 and want Ints2d here: both are its uint64 arrays
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc

    def lemma(self, token: Token) -> str:
        """``rule_lemmatize(token)[0]``, step by step as spaCy 3.8 writes it."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108, stacklevel=2)
            return string.lower()
        if self.lemmatizer.is_base_form(token):
            return string.lower()
        tables = self._tables(univ_pos)
        if tables is None:
            return string if univ_pos == "propn" else string.lower()
        index, exceptions, rules = tables
        lowered = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if lowered.endswith(old):
                form = lowered[: len(lowered) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(lowered, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or oov_forms or [string])[0]

    def _tables(self, univ_pos: str) -> tuple[frozenset[str], Any, Any] | None:
        """The word index (as a set), exceptions and rules for a part of speech; None when no
        table has it."""
        if univ_pos not in self.tables:
            lookups = self.lemmatizer.lookups
            index = lookups.get_table("lemma_index", {}).get(univ_pos)
            exceptions = lookups.get_table("lemma_exc", {}).get(univ_pos)
            rules = lookups.get_table("lemma_rules", {}).get(univ_pos)
            found = any((index, exceptions, rules))
            self.tables[univ_pos] = (frozenset(index or {}), exceptions or {}, rules or {}) if found else None
        return self.tables[univ_pos]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        return (self(doc) for doc in docs)


def fast_step(component: object) -> Step | None:
    """A faster step with the same result for ``component``, or None to run spaCy's."""
    try:
        if type(component) is AttributeRuler:
            fast: RuleMatches | LemmaMemo = RuleMatches.compile(component)
        elif isinstance(component, Lemmatizer):
            fast = LemmaMemo.wrap(component)
        else:
            return None
    except Unsupported:
        return None
    return lambda docs, batch_size: fast.pipe(docs, batch_size)


def steps(pipeline: Sequence[tuple[str, object]]) -> list[Step]:
    """Every component of ``pipeline`` as a step over Docs, the faster equivalent where there is one."""
    return [fast_step(component) or _spacy_step(component) for _, component in pipeline]


def _spacy_step(component: Any) -> Step:
    if hasattr(component, "pipe"):
        return lambda docs, batch_size: component.pipe(docs, batch_size=batch_size)
    return lambda docs, batch_size: (component(doc) for doc in docs)
