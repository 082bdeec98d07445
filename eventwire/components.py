"""Faster equivalents of two rule-based spaCy components, for parsing in eventwire's own processes.

The English models end with an attribute ruler (a few hundred one- and two-token patterns that set
POS, morphology and some lemmas from the tags) and a rule lemmatizer. In spaCy both walk the Doc
token by token in Python: together about a sixth of ``en_core_web_sm``'s parse time.
:func:`eventwire.nlp.parse` runs them through this module instead, with the same result:

* :class:`RuleMatches` finds the attribute ruler's matches with array tests on the Doc's
  attributes instead of spaCy's Matcher, then sets what the ruler sets in one array write (in the
  ruler's own order; rules that set other attributes go through the ruler's ``set_annotations``);
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
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Warnings
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Token

Step = Callable[[Iterable[Doc], int], Iterator[Doc]]

# Token attributes whose value the Matcher and Doc.to_array read alike.
TOKEN_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT",
                         "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_STOP", "SHAPE"})


# Token attributes spaCy's ``set_token_attrs`` (the ruler's setter) and Doc.from_array set alike: on the
# token only, with nothing else changed.
SETTABLE = frozenset({LEMMA, POS, TAG, DEP, MORPH})


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

    def where(self, columns: Columns) -> np.ndarray:
        """The positions (ascending) of the tokens where the test holds."""
        if self.regex is None and not self.negated and len(self.values) == 1:
            return columns.positions(self.column, int(self.values[0]))
        return np.flatnonzero(self.mask(columns.arrays))

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
class _ColumnIds:
    """The attribute ids the compiled tests read, in column order."""

    ids: list[int]

    def column(self, attr: int) -> int:
        if attr not in self.ids:
            self.ids.append(attr)
        return self.ids.index(attr)


def _test(columns: _ColumnIds, name: str, value: Any, strings: StringStore) -> Test:
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


def _spec(columns: _ColumnIds, spec: object, strings: StringStore) -> tuple[Test, ...]:
    if not isinstance(spec, dict) or not spec:
        raise Unsupported(f"token spec {spec!r}")
    return tuple(_test(columns, name, value, strings) for name, value in spec.items())


class Columns:
    """A Doc's values of the compiled tests' attributes, with the positions of each value found on
    demand: most rules test one value, and most values are on no token of a Doc."""

    def __init__(self, table: np.ndarray) -> None:
        self.arrays = [table[:, i] for i in range(table.shape[1])]
        self._order: dict[int, np.ndarray] = {}
        self._values: dict[int, dict[int, tuple[int, int]]] = {}

    def positions(self, column: int, value: int) -> np.ndarray:
        """The ascending positions where ``column`` holds ``value``."""
        if column not in self._values:
            order = np.argsort(self.arrays[column], kind="stable")
            values, firsts, counts = np.unique(self.arrays[column][order], return_index=True, return_counts=True)
            self._order[column] = order
            self._values[column] = {v: (f, f + c) for v, f, c in zip(values.tolist(), firsts.tolist(),
                                                                      counts.tolist(), strict=True)}
        first, last = self._values[column].get(value, (0, 0))
        return self._order[column][first:last]


def _starts(pattern: tuple[tuple[Test, ...], ...], columns: Columns, owner: np.ndarray) -> np.ndarray:
    """Where ``pattern`` matches in the joined tokens of one or more Docs (``owner``: the Doc of each
    token): the positions where its first test holds and the whole pattern fits in that token's Doc,
    each further test only where all before it held."""
    size, n = len(pattern), len(owner)
    if size > n:
        return np.zeros(0, dtype=np.int64)
    starts: np.ndarray | None = None
    for offset, tests in enumerate(pattern):
        for test in tests:
            if starts is None:
                starts = test.where(columns) - offset
                starts = starts[(starts >= 0) & (starts <= n - size)]
                starts = starts[owner[starts] == owner[starts + size - 1]]
            elif len(starts):
                starts = starts[test.mask(columns.arrays, starts + offset)]
    return starts if starts is not None else np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class RuleMatches:
    """The attribute ruler's patterns compiled to array tests; call it like the ruler's matcher."""

    ruler: AttributeRuler
    attrs: tuple[int, ...]
    rules: tuple[Rule, ...]
    settable: tuple[int, ...] | None = None  # the attributes the rules set, when all are SETTABLE

    @classmethod
    def compile(cls, ruler: AttributeRuler) -> RuleMatches:
        """Compile every pattern of ``ruler``, or raise :class:`Unsupported`."""
        columns = _ColumnIds([])
        rules = []
        for index, entry in enumerate(ruler.patterns):
            patterns = entry["patterns"]
            if not isinstance(patterns, list) or not patterns or not all(isinstance(p, list) and p for p in patterns):
                raise Unsupported(f"patterns {patterns!r}")
            compiled = tuple(tuple(_spec(columns, spec, ruler.vocab.strings) for spec in p) for p in patterns)
            rules.append(Rule(ruler.vocab.strings.add(str(index)), compiled))
        if not rules:
            raise Unsupported("no patterns")
        settable = {attr for attrs in ruler.attrs for attr in attrs}
        return cls(ruler, tuple(columns.ids), tuple(rules),
                   tuple(sorted(settable)) if settable <= SETTABLE else None)

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (rule, key, start, end), sorted."""
        columns = Columns(self._table(doc))
        owner = np.zeros(len(doc), dtype=np.int64)
        found: list[tuple[int, int, int, int]] = []
        for index, rule in enumerate(self.rules):
            spans = {(start, start + len(pattern)) for pattern in rule.patterns
                     for start in _starts(pattern, columns, owner).tolist()}
            found.extend((index, rule.key, start, end) for start, end in spans)
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        """The ruler's annotations: where every rule sets only :data:`SETTABLE` attributes, written in
        one array (rule by rule, later rules over earlier ones, as the ruler sets its sorted matches);
        else by the ruler's own ``set_annotations``."""
        if self.settable is None:
            self.ruler.set_annotations(doc, self.matches(doc))  # type: ignore[no-untyped-call]  # unannotated in spaCy
            return doc
        return self.annotate([doc])[0]

    def annotate(self, docs: list[Doc]) -> list[Doc]:
        """:meth:`__call__` over several Docs at once, for rules that set only :data:`SETTABLE` attributes:
        their tokens are joined into one table, so each test runs once for all of them; no match spans two Docs."""
        if self.settable is None:
            raise ValueError("a rule sets an attribute only the attribute ruler can set: annotate one Doc at a time")
        sized = [doc for doc in docs if len(doc)]
        if not sized:
            return docs
        attrs: list[int | str] = [*self.settable]
        lengths = [len(doc) for doc in sized]
        read: list[int | str] = [*attrs, *self.attrs]  # one read of the set and the tested attributes
        both = np.vstack([doc.to_array(read).reshape(len(doc), len(read)) for doc in sized])
        table = both[:, :len(attrs)].copy()  # set here; the tests read the values before
        columns = Columns(both[:, len(attrs):])
        owner = np.repeat(np.arange(len(sized)), lengths)
        for index, rule in enumerate(self.rules):
            tokens = self._targets(index, rule, columns, owner)
            if len(tokens):
                for attr, value in self.ruler.attrs[index].items():
                    table[tokens, attrs.index(attr)] = value
        bounds = np.cumsum([0, *lengths]).tolist()
        for doc, first, last in zip(sized, bounds, bounds[1:], strict=False):
            # spaCy's stubs call to_array's result float64 and want Ints2d here: both are its uint64 arrays
            doc.from_array(attrs, table[first:last])  # type: ignore[arg-type]
        return docs

    def _table(self, doc: Doc) -> np.ndarray:
        return doc.to_array(list(self.attrs)).reshape(len(doc), len(self.attrs))

    def _targets(self, index: int, rule: Rule, columns: Columns, owner: np.ndarray) -> np.ndarray:
        """The tokens rule ``index`` sets: the ruler's index within each match."""
        offset = self.ruler.indices[index]
        found = []
        for pattern in rule.patterns:
            starts = _starts(pattern, columns, owner)
            if len(starts) and not -len(pattern) <= offset < len(pattern):
                raise ValueError(f"the attribute ruler's rule {index} sets token {offset} of a match of "
                                 f"{len(pattern)} tokens: fix the index of the rule")
            found.append(starts + (offset if offset >= 0 else len(pattern) + offset))
        return np.concatenate(found)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        """The Docs annotated ``batch_size`` at a time (:meth:`annotate`), or one by one when a rule sets
        an attribute only the ruler can set."""
        if self.settable is None:
            yield from (self(doc) for doc in docs)
            return
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= max(1, batch_size):
                yield from self.annotate(batch)
                batch = []
        yield from self.annotate(batch)


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
