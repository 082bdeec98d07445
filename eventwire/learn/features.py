"""The candidates of the event model and their features, read off a parsed spaCy Doc.

A *candidate* is a word that may state an event: a verb, a noun, or an adjective used as a predicate
("is responsible for", "called it unacceptable"). Each candidate gets a bag of string features:

- the word: lemma, lemma with part of speech, tag, dependency, its head's lemma and part of speech;
- the trigger lexicon: the CAMEO roots of the lexicon entries for the word (``x=19``), or ``x=-``, and
  the roots of the entries of its governing verb and of its object;
- its arguments: subject, object, agent, dative and each preposition with its object, by lemma and by
  the named-entity type of the phrase (``nsubj:GPE``, ``against:NORP``; a pronoun is ``PRON``), the
  lemma joined with its object, particle and prepositions (``carry|dobj|strike``, ``pull|out``);
- cues: negation, auxiliaries (will, would, could), a passive, a complement clause and its verb,
  adverbs and marks;
- the words around it (two each side, in the sentence), whether it sits inside a quotation, the
  nearest named entity each side by type, the sentence's other verbs and entity types, and the
  sentence's place in the article.

Everything is a pure function of the Doc and the lexicon, so training and the run time see the same
features. The Doc is read once into plain columns (:class:`Columns`); making spaCy Token objects is the
cost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..lexicons.triggers import Lexicon

VERBAL = frozenset({"VERB", "NOUN"})
PREDICATIVE = frozenset({"acomp", "ROOT", "ccomp", "xcomp", "conj", "advcl", "oprd", "attr"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "agent", "csubj"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
CUE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "mark", "prt", "acomp"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"})
ACTOR_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
OPEN_QUOTES = frozenset({"“", "‘"})
CLOSE_QUOTES = frozenset({"”", "’"})
STRAIGHT_QUOTES = frozenset({'"'})
MAX_SENTENCE_VERBS = 12
NEAREST_WINDOW = 12


@dataclass(frozen=True)
class Columns:
    """The token attributes of a Doc the features read, one tuple per attribute."""

    lemma: tuple[str, ...]
    lower: tuple[str, ...]
    pos: tuple[str, ...]
    tag: tuple[str, ...]
    dep: tuple[str, ...]
    head: tuple[int, ...]
    ent: tuple[str, ...]
    children: tuple[tuple[int, ...], ...]
    sentence: tuple[int, ...]  # the sentence number of each token
    bounds: tuple[tuple[int, int], ...]  # each sentence's first token and the token after its last
    quoted: tuple[bool, ...]  # inside a quotation

    @classmethod
    def of(cls, doc: Doc) -> Columns:
        rows = [(t.lemma_.lower(), t.lower_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc]
        children: list[list[int]] = [[] for _ in rows]
        for i, row in enumerate(rows):
            if row[5] != i:
                children[row[5]].append(i)
        bounds = tuple((s.start, s.end) for s in doc.sents) if len(doc) else ()
        sentence = [0] * len(rows)
        for n, (start, end) in enumerate(bounds):
            sentence[start:end] = [n] * (end - start)
        return cls(
            lemma=tuple(r[0] for r in rows), lower=tuple(r[1] for r in rows), pos=tuple(r[2] for r in rows),
            tag=tuple(r[3] for r in rows), dep=tuple(r[4] for r in rows), head=tuple(r[5] for r in rows),
            ent=tuple(r[6] for r in rows), children=tuple(tuple(c) for c in children), sentence=tuple(sentence),
            bounds=bounds, quoted=_quoted([r[1] for r in rows], [t.text for t in doc]),
        )


def _quoted(lower: Sequence[str], texts: Sequence[str]) -> tuple[bool, ...]:
    """Whether each token is inside a quotation: curly quotes open and close, a straight one toggles,
    and a new paragraph closes any quotation left open."""
    inside, out = False, []
    for word, text in zip(lower, texts, strict=True):
        if "\n" in text:
            inside = False
        if word in OPEN_QUOTES or (word in STRAIGHT_QUOTES and not inside):
            out.append(False)
            inside = True
            continue
        if word in CLOSE_QUOTES or word in STRAIGHT_QUOTES:
            out.append(False)
            inside = False
            continue
        out.append(inside)
    return tuple(out)


def is_candidate(columns: Columns, i: int) -> bool:
    """A verb or noun (a word of letters), or an adjective used as a predicate."""
    pos, lemma = columns.pos[i], columns.lemma[i]
    if len(lemma) < 2 or not lemma.replace("-", "").isalpha():
        return False
    return pos in VERBAL or (pos == "ADJ" and columns.dep[i] in PREDICATIVE)


def candidates(columns: Columns) -> list[int]:
    """The candidate tokens of a Doc, in text order."""
    return [i for i in range(len(columns.lemma)) if is_candidate(columns, i)]


def phrase_type(columns: Columns, i: int) -> str:
    """The named-entity type of the phrase headed by token ``i``: its own, a modifier's ("Turkish
    forces": NORP), an ``of`` phrase's ("the government of Iran": GPE), ``PRON`` for a pronoun, else ``-``."""
    if columns.ent[i]:
        return columns.ent[i]
    if columns.pos[i] == "PRON":
        return "PRON"
    for c in columns.children[i]:
        if columns.dep[c] in MODIFIER_DEPS and columns.ent[c] in ACTOR_TYPES:
            return columns.ent[c]
        if columns.dep[c] == "prep" and columns.lower[c] == "of":
            for o in columns.children[c]:
                if columns.dep[o] == "pobj" and columns.ent[o] in ACTOR_TYPES:
                    return columns.ent[o]
    return "-"


def _lexicon_roots(lexicon: Lexicon, columns: Columns, i: int) -> list[str]:
    pos = columns.pos[i]
    if pos not in VERBAL:
        return []
    entries = lexicon.entries_for("verb" if pos == "VERB" else "noun", columns.lower[i], columns.lemma[i])
    return sorted({e.root for e in entries})


def _position(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "11+"


@dataclass(frozen=True)
class Sentences:
    """What the features take from a candidate's sentence: its other verbs and its entity types."""

    verbs: tuple[tuple[str, ...], ...]
    entities: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, columns: Columns) -> Sentences:
        verbs, entities = [], []
        for start, end in columns.bounds:
            vs = dict.fromkeys(columns.lemma[j] for j in range(start, end) if columns.pos[j] == "VERB")
            verbs.append(tuple(list(vs)[:MAX_SENTENCE_VERBS]))
            entities.append(tuple(sorted({columns.ent[j] for j in range(start, end) if columns.ent[j]})))
        return cls(tuple(verbs), tuple(entities))


def features(columns: Columns, sentences: Sentences, lexicon: Lexicon, i: int) -> list[str]:
    """The feature strings of candidate ``i``."""
    c = columns
    lem, pos, dep = c.lemma[i], c.pos[i], c.dep[i]
    head = c.head[i]
    out = [f"l={lem}", f"lp={lem}|{pos}", f"t={c.tag[i]}", f"d={dep}", f"hd={dep}|{c.lemma[head]}",
           f"hp={dep}|{c.pos[head]}"]
    roots = _lexicon_roots(lexicon, c, i)
    out += [f"x={r}" for r in roots] or ["x=-"]
    if head != i:
        out += [f"hx={dep}|{r}" for r in _lexicon_roots(lexicon, c, head)]
        if "neg" in (c.dep[k] for k in c.children[head]):
            out.append("hneg")
    out += list(_argument_features(c, lexicon, i, lem))
    out += list(_context_features(c, sentences, i))
    return out


def _argument_features(c: Columns, lexicon: Lexicon, i: int, lem: str) -> Iterator[str]:
    for k in c.children[i]:
        dep = c.dep[k]
        if dep in ARGUMENT_DEPS:
            kind = phrase_type(c, k)
            yield f"a={dep}"
            yield f"a={dep}|{c.lemma[k]}"
            yield f"ae={dep}|{kind}"
            yield f"la={lem}|{dep}|{kind}"
            if dep == "dobj":
                yield f"lo={lem}|{c.lemma[k]}"
                yield from (f"ox={r}" for r in _lexicon_roots(lexicon, c, k))
        elif dep == "prep":
            prep = c.lower[k]
            yield f"p={prep}"
            yield f"lpr={lem}|{prep}"
            for o in c.children[k]:
                if c.dep[o] in {"pobj", "pcomp"}:
                    yield f"po={prep}|{c.lemma[o]}"
                    yield f"pe={prep}|{phrase_type(c, o)}"
        elif dep in CUE_DEPS:
            yield f"cue={dep}|{c.lemma[k]}"
            if dep == "prt":
                yield f"lprt={lem}|{c.lower[k]}"
        elif dep in CLAUSE_DEPS:
            yield f"cl={dep}|{c.lemma[k]}"
            yield f"lcl={lem}|{c.lemma[k]}"
        elif dep in MODIFIER_DEPS:
            yield f"m={dep}|{c.lemma[k]}"
            if c.ent[k]:
                yield f"me={dep}|{c.ent[k]}"


def _context_features(c: Columns, sentences: Sentences, i: int) -> Iterator[str]:
    n = c.sentence[i]
    start, end = c.bounds[n]
    for offset in (-2, -1, 1, 2):
        j = i + offset
        yield f"w{offset}={c.lower[j] if start <= j < end else '<>'}"
    if c.quoted[i]:
        yield "q"
    yield f"si={_position(n)}"
    yield from (f"sv={v}" for v in sentences.verbs[n] if v != c.lemma[i])
    yield from (f"se={e}" for e in sentences.entities[n])
    for step, side in ((-1, "L"), (1, "R")):
        j = i + step
        while start <= j < end and abs(j - i) <= NEAREST_WINDOW:
            if c.ent[j] in ACTOR_TYPES:
                yield f"ne={side}|{c.ent[j]}"
                yield f"nd={side}|{c.ent[j]}|{min(abs(j - i) // 3, 3)}"
                break
            j += step
