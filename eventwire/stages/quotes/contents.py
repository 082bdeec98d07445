"""What an attribution cue reports, and the cue lexicon: the clause, infinitive, object or prepositional phrase of a
speech verb ("said (that) …", "plans to …", "denied the claims", "talked about the economy"), or the rest of the
clause around a cue that stands beside it ("The plan, she said, is dead", "as Ruiz noted, …").

The speech verbs and their classes are ``eventwire/data/speech_verbs.tsv``; :mod:`.cues` finds the cues and their
speakers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...lexicons import TableError, rows, word_groups, words
from ...settings import data_path

TIMES = {"DATE", "TIME"}
ONE_WORD_OBJECTS = {"PROPN", "NOUN"}  # an object that is content on its own ("defended Cruz")
INFINITIVE_CLASSES = {"intention"}  # speech verb classes whose infinitive complement is the content
ASIDE_CLASSES = {"speech", "report"}  # cues that report a clause they stand beside ("as Ruiz noted, …")
ASIDE_RIGHTS = {"punct", "advmod", "npadvmod", "prep", "agent"}  # what may follow the verb of such an "as" clause
SPEECH_VERBS = "speech_verbs.tsv"
SPEECH_VERB_COLUMNS = ("lemma", "class", "object")


@dataclass(frozen=True)
class Verb:
    """One lexicon entry: the attribution class and whether the object can be the content."""

    lemma: str
    kind: str
    object_content: bool


@lru_cache(maxsize=1)
def speech_verbs() -> Mapping[str, Verb]:
    """The cue lexicon (``speech_verbs.tsv``), by lemma, read once."""
    path = data_path(SPEECH_VERBS)
    verbs: dict[str, Verb] = {}
    for row in rows(path, SPEECH_VERB_COLUMNS):
        if not row["lemma"] or not row["class"] or row["object"] not in {"yes", "no"}:
            raise TableError(path, row.line, "each row needs a lemma, a class and yes or no in the object column")
        verbs[row["lemma"]] = Verb(row["lemma"], row["class"], row["object"] == "yes")
    return verbs


@lru_cache(maxsize=1)
def aside_verbs() -> Mapping[str, Verb]:
    """Verbs that are cues only in an "as" clause beside what they report ("as Ruiz put it, …"): the list
    ``aside_cue_verbs``, besides the speech verbs."""
    return {lemma: Verb(lemma, "speech", False) for lemma in words("aside_cue_verbs") if lemma not in speech_verbs()}


def line_apart(a: Token, b: Token) -> bool:
    """Whether a line break separates tokens ``a`` and ``b`` (a parse that crossed paragraphs)."""
    low, high = sorted((a.i, b.i))
    return any("\n" in t.text_with_ws for t in a.doc[low:high])


def clause_side(clause: Token, aside: Token) -> tuple[int, int]:
    """Token range of ``clause``'s subtree on the side of ``aside``'s subtree that holds ``clause``."""
    left, right = clause.left_edge.i, clause.right_edge.i
    if aside.left_edge.i > clause.i:
        return left, aside.left_edge.i - 1
    if aside.right_edge.i < clause.i:
        return aside.right_edge.i + 1, right
    return left, right


def lead_piece(clause: Token, aside: Token) -> tuple[int, int] | None:
    """The part of ``clause`` before an ``aside`` that interrupts it ("The plan, she said, is dead":
    "The plan"), when the aside stands inside the clause after its first words."""
    if not clause.left_edge.i < aside.left_edge.i <= aside.right_edge.i < clause.i:
        return None
    if line_apart(clause.left_edge, aside):
        return None
    return token_range(clause.doc, clause.left_edge.i, aside.left_edge.i - 1)


def token_range(doc: Doc, first: int, last: int, *, words: int = 2) -> tuple[int, int] | None:
    """Character range of tokens ``first..last`` without punctuation or conjunctions at the edges, when at
    least ``words`` tokens remain."""
    while first <= last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "cc"):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last - first + 1 < words:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def quoting_verb(verb: Token) -> Token | None:
    """The verb "quoted" when ``verb`` is the "saying" of "X quoted Y as saying"."""
    if verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        return verb.head.head
    return None


def content_range(verb: Token, entry: Verb) -> tuple[int, int] | None:
    """Character range of what cue ``verb`` reports, or None when the parse shows none. What follows the cue comes
    before a clause the parse hung on it from before it ("Ruiz thanked the crew, then says she will stay",
    "…, then plans to stay", "…, then denied the claim": the parse took the clause before the cue for its report);
    such a clause is the content only when nothing after the cue is ("The plan is dead, she said")."""
    doc = verb.doc
    quoting = quoting_verb(verb)
    clauses = [c for c in (quoting or verb).children
               if c.dep_ == "ccomp" and not line_apart(c, verb) and not _introduces(c, verb)]
    after = [c for c in clauses if c.i > verb.i]
    if after:
        return token_range(doc, after[0].left_edge.i, after[0].right_edge.i)
    if entry.kind in INFINITIVE_CLASSES or entry.lemma in words("infinitive_cue_verbs"):
        for child in verb.children:
            if child.dep_ == "xcomp":
                return token_range(doc, child.left_edge.i, child.right_edge.i)
    named = _named_content(verb, entry)
    if named is not None:
        return named
    if clauses:
        return token_range(doc, clauses[0].left_edge.i, clauses[0].right_edge.i)
    if aside(verb):
        return token_range(doc, *clause_side(verb.head, verb))
    return _prepositional_content(verb)


def _introduces(clause: Token, verb: Token) -> bool:
    """Whether a clause before a cue ends on a colon that opens the cue's own sentence ("The union polled its
    members: most said they back Ruiz"): the parse took the sentence before the colon into the report."""
    return clause.i < verb.i and any(t.text == ":" for t in verb.doc[clause.right_edge.i + 1:verb.i])


def aside(verb: Token) -> bool:
    """Whether a cue stands beside the clause it reports: a parenthetical ("The plan, she said, is dead") or an
    "as" clause that says nothing of its own ("As Ruiz noted, the bridge is old", "the plan was, as Ruiz put it,
    dead"; not "as Ruiz campaigns in Iowa", "as costs continue to rise")."""
    if verb.head.pos_ not in {"VERB", "AUX"} or verb.head.i == verb.i:
        return False
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    entry = {**aside_verbs(), **speech_verbs()}.get(verb.lemma_)
    if entry is None or entry.kind not in ASIDE_CLASSES or verb.lemma_ in word_groups("content_prepositions"):
        return False
    return all(c.dep_ in ASIDE_RIGHTS or (c.dep_ == "dobj" and c.lower_ == "it") for c in verb.rights)


def interrupted(verb: Token) -> tuple[int, int] | None:
    """The lead piece of the clause a parenthetical cue interrupts, if it does."""
    has_content = any(c.dep_ in {"ccomp", "xcomp", "dobj"} and c.lower_ != "it" for c in verb.children)
    if has_content or not aside(verb):
        return None
    return lead_piece(verb.head, verb)


def _named_content(verb: Token, entry: Verb) -> tuple[int, int] | None:
    """What the cue's object names, with what is predicated of it ("called the plan a disgrace") and
    a phrase right after it that says why or as what ("accused the mayor of lying")."""
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    predicates = [c for c in verb.rights if c.dep_ == "oprd"]
    if not objects and not predicates:
        return None
    if not predicates and not entry.object_content:
        return None
    first = (objects or predicates)[0]
    last = (predicates or objects)[-1].right_edge.i
    for child in verb.rights:
        if child.i > last and child.left_edge.i == last + 1 and child.dep_ == "prep" \
                and child.lower_ in words("object_prepositions"):
            last = child.right_edge.i
    return token_range(verb.doc, first.left_edge.i, last, words=1 if first.pos_ in ONE_WORD_OBJECTS else 2)


def _prepositional_content(verb: Token) -> tuple[int, int] | None:
    """The object of the preposition that carries a cue's content ("talked about the economy")."""
    allowed = word_groups("content_prepositions").get(verb.lemma_, ())
    for child in verb.rights:
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if objects and objects[0].ent_type_ in TIMES:
            continue  # "spoke on Tuesday"
        if child.dep_ == "prep" and child.lower_ in allowed and child.i + 1 <= child.right_edge.i:
            one = bool(objects) and objects[0].pos_ in ONE_WORD_OBJECTS
            return token_range(verb.doc, child.i + 1, child.right_edge.i, words=1 if one else 2)
    return None
