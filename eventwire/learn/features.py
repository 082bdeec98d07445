"""The candidates of the event model and their features, read off a parsed spaCy Doc.

A *candidate* is a word that may state an event: a verb, a noun, or an adjective used as a predicate
("is responsible for", "called it unacceptable"). Each candidate gets a bag of string features:

- the word: lemma, lemma with part of speech, tag, dependency, its head's lemma and part of speech;
- the trigger lexicon: the CAMEO roots of the lexicon entries for the word (``x=19``), or ``x=-``, and
  the roots of the entries of its governing verb and of its object;
- the rules: the root of the lexicon frame the events stage's matcher fits to the word, when it is a
  trigger of its sentence (``rm=19``; :func:`eventwire.stages.events.frames.sentence_matches`);
- its arguments: subject, object, agent, dative and each preposition with its object, by lemma and by
  the named-entity type of the phrase (``nsubj:GPE``, ``against:NORP``; a pronoun is ``PRON``), the
  lemma joined with its object, particle and prepositions (``carry|dobj|strike``, ``pull|out``);
- cues: negation, auxiliaries (will, would, could), a passive, a complement clause and its verb,
  adverbs and marks;
- the words around it (two each side, in the sentence), whether it sits inside a quotation, the
  nearest named entity each side by type, the sentence's entity types, and the sentence's place in
  the article.

Everything is a pure function of the Doc and the lexicon, so training and the run time see the same
features. :class:`ArticleFeatures` reads an article once into integer columns (``Doc.to_array``: no spaCy
Token objects, whose making is the cost) and turns the string ids it needs into text on demand, so scoring
a few words of a long article costs little.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from ..lexicons.triggers import Entry, Lexicon
from ..nlp import text_of

VERBAL = frozenset({"VERB", "NOUN"})
PREDICATIVE = frozenset({"acomp", "ROOT", "ccomp", "xcomp", "conj", "advcl", "oprd", "attr"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "agent", "csubj"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
CUE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "mark", "prt", "acomp"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"})
ACTOR_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
NEAREST_WINDOW = 12
UINT64 = 1 << 64
ATTRS = (LEMMA, LOWER, POS, TAG, DEP, HEAD, ENT_TYPE, SENT_START, IDX)
_LEMMA, _LOWER, _POS, _TAG, _DEP, _HEAD, _ENT, _START, _IDX = range(len(ATTRS))


def candidate(pos: str, dep: str, lemma: str) -> bool:
    """A verb or noun (a word of letters), or an adjective used as a predicate."""
    if pos not in VERBAL and not (pos == "ADJ" and dep in PREDICATIVE):
        return False
    return len(lemma) > 1 and lemma.replace("-", "").isalpha()


def is_candidate(token: Token) -> bool:
    """:func:`candidate` of a spaCy Token."""
    return candidate(token.pos_, token.dep_, token.lemma_)


def lemma_key(token: Token) -> str:
    """The word as the model's screen knows it: lower-case lemma and part of speech (``attack|VERB``)."""
    return f"{token.lemma_.lower()}|{token.pos_}"


def quoted(text: str, start: int) -> bool:
    """Whether the character offset ``start`` lies inside a quotation of its paragraph: the last curly
    quote before it opens one, or an odd number of straight quotes precede it."""
    paragraph = text.rfind("\n", 0, start) + 1
    opened, closed = text.rfind("“", paragraph, start), text.rfind("”", paragraph, start)
    return opened > closed or text.count('"', paragraph, start) % 2 == 1


def rule_matches(doc: Doc, lexicon: Lexicon) -> dict[int, Entry]:
    """The trigger words the events stage's frame matcher finds, with the entry of their frame (the events
    stage hands its own to the model; this is for a Doc scored on its own)."""
    from ..stages.events.frames import sentence_matches  # the events stage imports the model: import on use

    return {m.trigger: m.entry for sentence in doc.sents for m in sentence_matches(sentence, lexicon)}


def _position(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "11+"


class ArticleFeatures:
    """One article read for the features: its token columns, sentences, the actor-like entities of each
    sentence, the lexicon and the rules' trigger words. :meth:`of` gives a word's features."""

    def __init__(self, doc: Doc, lexicon: Lexicon, matches: Mapping[int, Entry] | None = None) -> None:
        n = len(doc)
        table = doc.to_array(list(ATTRS)).astype(np.int64) if n else np.zeros((0, len(ATTRS)), np.int64)
        table[:, _HEAD] += np.arange(n)  # relative heads to absolute
        self.doc, self.text, self.lexicon = doc, text_of(doc), lexicon
        self.matches = matches if matches is not None else rule_matches(doc, lexicon)
        self.rows: list[list[int]] = table.tolist()
        self.strings = doc.vocab.strings
        self.names: dict[int, str] = {}
        # the children of word i are by_head[first[i]:first[i + 1]] (a root is its own head: left out)
        self.by_head: list[int] = np.argsort(table[:, _HEAD], kind="stable").tolist()
        self.first: list[int] = np.searchsorted(table[:, _HEAD], np.arange(n + 1), sorter=self.by_head).tolist()
        starts = sorted({0, *np.flatnonzero(table[:, _START] == 1).tolist()}) if n else []
        self.starts: tuple[int, ...] = tuple(starts)
        self.ends: tuple[int, ...] = (*starts[1:], n)
        types: list[set[str]] = [set() for _ in starts]
        entities = []
        for ent in doc.ents:
            types[bisect_right(starts, ent.start) - 1].add(ent.label_)
            if ent.label_ in ACTOR_TYPES:
                entities += [(i, str(ent.label_)) for i in range(ent.start, ent.end)]
        self.entity_types = tuple(tuple(sorted(t)) for t in types)
        self.entities = tuple(entities)  # (token, type) of every token of an actor-like entity, in order

    @classmethod
    def read(cls, doc: Doc, lexicon: Lexicon, matches: Mapping[int, Entry] | None = None) -> ArticleFeatures:
        return cls(doc, lexicon, matches)

    def name(self, key: int) -> str:
        """The text of a string id (the empty string for 0)."""
        found = self.names.get(key)
        if found is None:
            found = self.names[key] = self.strings[key % UINT64] if key else ""  # ids were read as int64
        return found

    def lemma(self, i: int) -> str:
        return self.name(self.rows[i][_LEMMA]).lower()

    def attribute(self, i: int, column: int) -> str:
        return self.name(self.rows[i][column])

    def is_candidate(self, i: int) -> bool:
        row = self.rows[i]
        return candidate(self.name(row[_POS]), self.name(row[_DEP]), self.name(row[_LEMMA]))

    def candidates(self) -> list[int]:
        """The candidate words, in text order."""
        return [i for i in range(len(self.rows)) if self.is_candidate(i)]

    def children(self, i: int) -> list[int]:
        """The words whose head is word ``i``, in text order."""
        return [c for c in self.by_head[self.first[i]:self.first[i + 1]] if c != i]

    def sentence_of(self, i: int) -> int:
        return bisect_right(self.starts, i) - 1

    def phrase_type(self, i: int) -> str:
        """The named-entity type of the phrase headed by word ``i``: its own, a modifier's ("Turkish forces":
        NORP), an ``of`` phrase's ("the government of Iran": GPE), ``PRON`` for a pronoun, else ``-``."""
        own = self.attribute(i, _ENT)
        if own:
            return own
        if self.attribute(i, _POS) == "PRON":
            return "PRON"
        for c in self.children(i):
            dep, kind = self.attribute(c, _DEP), self.attribute(c, _ENT)
            if dep in MODIFIER_DEPS and kind in ACTOR_TYPES:
                return kind
            if dep == "prep" and self.attribute(c, _LOWER) == "of":
                for o in self.children(c):
                    if self.attribute(o, _DEP) == "pobj" and self.attribute(o, _ENT) in ACTOR_TYPES:
                        return self.attribute(o, _ENT)
        return "-"

    def lexicon_roots(self, i: int) -> list[str]:
        """The CAMEO roots of the lexicon entries for a verb or noun, sorted."""
        pos = self.attribute(i, _POS)
        if pos not in VERBAL:
            return []
        entries = self.lexicon.entries_for("verb" if pos == "VERB" else "noun", self.attribute(i, _LOWER),
                                           self.lemma(i))
        return sorted({e.root for e in entries})

    def of(self, i: int) -> list[str]:
        """The feature strings of word ``i``."""
        lem, pos, dep = self.lemma(i), self.attribute(i, _POS), self.attribute(i, _DEP)
        head = self.rows[i][_HEAD]
        out = [f"l={lem}", f"lp={lem}|{pos}", f"t={self.attribute(i, _TAG)}", f"d={dep}",
               f"hd={dep}|{self.lemma(head)}", f"hp={dep}|{self.attribute(head, _POS)}"]
        out += [f"x={r}" for r in self.lexicon_roots(i)] or ["x=-"]
        if head != i:
            out += [f"hx={dep}|{r}" for r in self.lexicon_roots(head)]
            if any(self.attribute(c, _DEP) == "neg" for c in self.children(head)):
                out.append("hneg")
        entry = self.matches.get(i)
        if entry is not None:
            out.append(f"rm={entry.root}")
        out += list(self._arguments(i, lem))
        out += list(self._context(i))
        return out

    def _arguments(self, i: int, lem: str) -> Iterator[str]:
        for c in self.children(i):
            dep = self.attribute(c, _DEP)
            if dep in ARGUMENT_DEPS:
                kind, child_lemma = self.phrase_type(c), self.lemma(c)
                yield from (f"a={dep}", f"a={dep}|{child_lemma}", f"ae={dep}|{kind}", f"la={lem}|{dep}|{kind}")
                if dep == "dobj":
                    yield f"lo={lem}|{child_lemma}"
                    yield from (f"ox={r}" for r in self.lexicon_roots(c))
            elif dep == "prep":
                prep = self.attribute(c, _LOWER)
                yield from (f"p={prep}", f"lpr={lem}|{prep}")
                for o in self.children(c):
                    if self.attribute(o, _DEP) in {"pobj", "pcomp"}:
                        yield from (f"po={prep}|{self.lemma(o)}", f"pe={prep}|{self.phrase_type(o)}")
            elif dep in CUE_DEPS:
                yield f"cue={dep}|{self.lemma(c)}"
                if dep == "prt":
                    yield f"lprt={lem}|{self.attribute(c, _LOWER)}"
            elif dep in CLAUSE_DEPS:
                child_lemma = self.lemma(c)
                yield from (f"cl={dep}|{child_lemma}", f"lcl={lem}|{child_lemma}")
            elif dep in MODIFIER_DEPS:
                yield f"m={dep}|{self.lemma(c)}"
                kind = self.attribute(c, _ENT)
                if kind:
                    yield f"me={dep}|{kind}"

    def _context(self, i: int) -> Iterator[str]:
        n = self.sentence_of(i)
        start, end = self.starts[n], self.ends[n]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            yield f"w{offset}={self.attribute(j, _LOWER) if start <= j < end else '<>'}"
        if quoted(self.text, self.rows[i][_IDX]):
            yield "q"
        yield f"si={_position(n)}"
        yield from (f"se={e}" for e in self.entity_types[n])
        yield from self._nearest(i, max(start, i - NEAREST_WINDOW), min(end - 1, i + NEAREST_WINDOW))

    def _nearest(self, i: int, low: int, high: int) -> Iterator[str]:
        """The nearest actor-like entity word on each side of ``i`` within ``low..high``, by type and distance."""
        before, after = bisect_left(self.entities, (i, "")), bisect_right(self.entities, (i, "~"))
        left = self.entities[before - 1] if before > 0 and self.entities[before - 1][0] >= low else None
        right = self.entities[after] if after < len(self.entities) and self.entities[after][0] <= high else None
        for side, found in (("L", left), ("R", right)):
            if found is not None:
                yield f"ne={side}|{found[1]}"
                yield f"nd={side}|{found[1]}|{min(abs(found[0] - i) // 3, 3)}"
