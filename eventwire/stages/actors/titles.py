"""Titles and appositions: the words around a person's name that give role, country and sectors.

:func:`title_before` reads the title written before a name ("Russian Energy Minister Alexander Novak",
"Iran's Supreme Leader Ali Khamenei"); :func:`apposition` the description after it ("X, a special
adviser ... to the speaker of Iran's parliament").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ..tokens import after_stance
from .mentions import SKIP_ENTITIES, longest_at

POSSESSIVE = frozenset({"'s", "\u2019s", "'"})
NAME_JOINERS = frozenset({"of", "-", "for"})
APPOSITION_WORDS = 16  # the words of an apposition read for its role and country
EMPLOYER_PREPS = frozenset({"of", "at", "for", "with", "to"})  # "an adviser to the UN", "a director at Amnesty"


@dataclass(frozen=True)
class Title:
    """The words before a name: "Russian Energy Minister" -> RUS, Energy Minister, (GOV,)."""

    first: int
    country: str | None
    role: str | None
    sectors: tuple[str, ...]
    code: str | None


@dataclass(frozen=True)
class Apposed:
    """What an apposition after a name says: the role written, its country and sectors."""

    role: str
    country: str | None
    sectors: tuple[str, ...]
    code: str | None = None  # the named group or institution the person belongs to ("a Hamas spokesman")


def role_type(dictionary: ActorDictionary, phrase: str) -> str | None:
    """The type of the role ``phrase`` names ("person", "body", "group", "honorific"...), None for no role."""
    role = dictionary.role(phrase)
    return role.type if role else None


def _title_words(context: ArticleContext, first: int, dictionary: ActorDictionary) -> list[int]:
    """Indices of the capitalised or role words right before a name, in the same sentence."""
    doc = context.doc
    start = doc[first].sent.start if doc.has_annotation("SENT_START") else 0
    if start == first and _abbreviation_stop(doc, first - 1, 0):  # "Sgt. X": the parser may end a sentence there
        start = doc[first - 1].sent.start
    found: list[int] = []
    i = first - 1
    while i >= start:
        token = doc[i]
        capital = token.text[:1].isupper() and (token.is_alpha or "." in token.text or "-" in token.text)
        joiner = token.lower_ in NAME_JOINERS and i - 1 >= start and doc[i - 1].text[:1].isupper()
        if not (capital or joiner or token.lower_ in dictionary.title_words or _abbreviation_stop(doc, i, start)) \
                or token.ent_type_ in SKIP_ENTITIES \
                or after_stance(context.words, i):
            break
        found.insert(0, i)
        i -= 1
    while found and doc[found[0]].lower_ in NAME_JOINERS:
        found.pop(0)
    return found


def _abbreviation_stop(doc: Doc, i: int, start: int) -> bool:
    """Whether token ``i`` is the full stop of an abbreviated title the tokenizer split off ("Sgt", "."):
    written right after a capitalised word of at most four letters."""
    if doc[i].text != "." or i - 1 < start:
        return False
    before = doc[i - 1]
    return not before.whitespace_ and before.is_alpha and before.text[:1].isupper() and len(before.text) <= 4


def title_before(context: ArticleContext, first: int, dictionary: ActorDictionary) -> Title | None:
    """The title and country written right before a person's name, or None."""
    doc, table = context.doc, context.words
    found = _title_words(context, first, dictionary)
    country, code, rest = _title_owner(context, found, dictionary)
    if country is None and code is None:
        country = _possessive_country(context, (found[0] if found else first) - 1, dictionary)
    role_span = _rightmost_role(context, rest, dictionary)
    if role_span is None:
        if (rest and all(role_type(dictionary, doc[i].lower_) == "honorific" for i in rest)) or (found and not rest):
            return Title(found[0], country, None, (), code)
        return None
    role_first, role_last = role_span
    role = dictionary.role(table.span(role_first, role_last))
    sectors = role.sectors if role else ()
    text_first = role_first
    while text_first - 1 in rest and doc[text_first - 1].pos_ in {"PROPN", "NOUN", "ADJ", ""}:
        text_first -= 1
    role_text = table.span(text_first, role_last)
    if code is not None and country and not code[3:]:
        code = code + "".join(sectors)
    mention_first = found[0] if (country or code) and found[0] < rest[0] else text_first
    return Title(mention_first, country, role_text, sectors, code)


def _title_owner(context: ArticleContext, found: list[int],
                 dictionary: ActorDictionary) -> tuple[str | None, str | None, list[int]]:
    """A country or institution at the start of the title words, and the words after it."""
    for size in range(len(found), 0, -1):
        text = context.words.span(found[0], found[0] + size)
        for alias in dictionary.candidates(text):
            entry = dictionary.entry(alias.key)
            if entry is None or entry.kind == "person":
                continue
            code = None if entry.kind == "state" else entry.code
            return entry.country, code, found[size:]
    return None, None, found


def _possessive_country(context: ArticleContext, i: int, dictionary: ActorDictionary) -> str | None:
    """"Iran's Supreme Leader X": the country before the possessive at ``i``."""
    if i < 1 or context.doc[i].text not in POSSESSIVE:
        return None
    for size in range(1, 4):
        if i - size < 0:
            break
        for alias in dictionary.candidates(context.words.span(i - size, i)):
            entry = dictionary.entry(alias.key)
            if entry is not None and entry.kind != "person":
                return entry.country
    return None


def _rightmost_role(context: ArticleContext, found: list[int], dictionary: ActorDictionary) -> tuple[int, int] | None:
    """The longest role phrase (type person) among ``found``, preferring the rightmost."""
    best: tuple[int, int] | None = None
    for end in range(len(found), 0, -1):
        for begin in range(0, end):
            phrase = context.words.span(found[begin], found[end - 1] + 1)
            if role_type(dictionary, phrase) == "person":
                span = (found[begin], found[end - 1] + 1)
                if best is None or span[1] - span[0] > best[1] - best[0]:
                    best = span
        if best is not None:
            return best
    return None


def apposition(context: ArticleContext, head: Token, dictionary: ActorDictionary) -> Apposed | None:
    """"X, a special adviser ... to the speaker of Iran's parliament": role, country, sectors."""
    appos = next((c for c in head.children if c.dep_ == "appos"), None)
    if appos is None:
        return None
    tokens = [t for t in appos.subtree if t.dep_ != "det" or t.i != appos.left_edge.i][:APPOSITION_WORDS]
    possessive = next((n for n, t in enumerate(tokens[:4]) if t.text in POSSESSIVE
                       and all(x.pos_ in {"PROPN", "DET"} for x in tokens[:n])), None)
    role_tokens = tokens[possessive + 1:] if possessive is not None else tokens
    if not tokens:
        return None
    country, sectors, code = _apposed_owner(context, tokens, dictionary)
    if country is None and code is None:
        code, sectors = _international_body(context, tokens, dictionary) or (code, sectors)
    if country is None and code is None and sectors:
        code = _employer(context, tokens, dictionary)
    if not sectors or not role_tokens:
        return None
    return Apposed(context.words.span(role_tokens[0].i, role_tokens[-1].i + 1), country, sectors, code)


def _international_body(context: ArticleContext, tokens: list[Token],
                        dictionary: ActorDictionary) -> tuple[str, tuple[str, ...]] | None:
    """The code and sectors of an international body whose name opens an apposition and qualifies its head
    noun ("Ana Ruiz, the United Nations refugee envoy": IGOUNO); none for one named
    further on ("a critic of the United Nations")."""
    match = longest_at(context, tokens[0].i, dictionary)
    if match is None or not match.aliases or match.last >= len(context.doc):
        return None
    head = context.doc[match.first:match.last].root.head
    if head.dep_ != "appos" or head.i < match.last:
        return None
    entry = dictionary.entry(match.aliases[0].key)
    if entry is None or entry.kind not in {"igo", "organisation"} or entry.country:
        return None
    return entry.code, entry.sectors


def _employer(context: ArticleContext, tokens: list[Token], dictionary: ActorDictionary) -> str | None:
    """The code of an international body or organisation of no one country that the role of an apposition
    is held at, of, for, with or to ("a humanitarian adviser to the UN", "a legal director at Amnesty"): the object of
    a preposition on a role word."""
    for token in tokens:
        prep = token.head
        if token.dep_ != "pobj" or prep.lower_ not in EMPLOYER_PREPS or role_type(dictionary, prep.head.lower_) \
                != "person":
            continue
        match = longest_at(context, token.left_edge.i, dictionary) or longest_at(context, token.i, dictionary)
        entry = dictionary.entry(match.aliases[0].key) if match is not None and match.aliases else None
        if entry is not None and entry.kind in {"igo", "organisation"} and not entry.country:
            return entry.code
    return None


def _apposed_owner(context: ArticleContext, tokens: list[Token],
                   dictionary: ActorDictionary) -> tuple[str | None, tuple[str, ...], str | None]:
    """The country, sectors and (for a named group or institution) code the words of an apposition give:
    the last role word with sectors, the first name of a country's actor."""
    country: str | None = None
    sectors: tuple[str, ...] = ()
    code: str | None = None
    for token in tokens:
        role = dictionary.role(token.lower_)
        if role is not None and role.type in {"person", "body"} and role.sectors:
            sectors = role.sectors
        match = longest_at(context, token.i, dictionary) if country is None else None
        if match is not None and match.aliases:
            entry = dictionary.entry(match.aliases[0].key)
            if entry is not None and entry.kind != "person" and entry.country:
                country = entry.country
                code = entry.code if entry.kind in {"group", "organisation"} and entry.sectors else None
    return country, sectors, code
