"""What shows that a capitalised word of an article is a person's, a title's or an organisation's, not a place's.

- a word of a title of ``roles.tsv``, with the words after it ("Vice-President", "Vice President"): "Vice"
  is no town in Peru there;
- a surname: the word right after an honorific or a person's title ("Mr Hamm", "Dr. Oshima", "Prime Minister
  Oshima said") or before an age in commas ("Hamm, 34, scored"); a single word the model tags as a person's
  name alone ("Oshima said") confirms that a full name beginning with a town's name is a person's;
- a name the actors stage found as an organisation's, a group's or a person's in this article ("Nato", "Hamas
  fighters"): the mentions of its actors that are not states; and a name the actor dictionary knows only as
  an organisation's ("Nato", "Unicef", "Hamas").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from ...lexicons.actors import ActorDictionary, read_roles
from ...nlp import entities
from ...settings import data_path
from ..actors.index import ActorIndex
from ..tokens import Words, token_table

ROLES = "roles.tsv"
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
MAX_TITLE_WORDS = 4
MAX_AGE = 110
NOT_PLACE_KINDS = frozenset({"organisation", "group", "igo", "person"})  # actor kinds whose names are no places
ORGANISATION_KINDS = frozenset({"organisation", "group", "igo"})


@lru_cache(maxsize=1)
def _roles() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The role phrases of several words (hyphens as spaces), the honorifics' words and the last words of
    the person titles."""
    roles = list(read_roles(data_path(ROLES)))
    phrases = frozenset(" ".join(r.phrase.replace("-", " ").split()) for r in roles)
    honorifics = frozenset(r.phrase.split()[-1].rstrip(".") for r in roles if r.type == "honorific")
    titles = frozenset(r.phrase.split()[-1].rstrip(".") for r in roles if r.type == "person")
    return frozenset(p for p in phrases if " " in p), honorifics, titles


def in_title(span: Span) -> bool:
    """Whether a one-word name begins a title of several words with the words after it, hyphened or not
    ("Vice President", "Vice-Prime Minister" when "vice prime minister" is a title), or is joined by a hyphen
    to a person's title ("Vice-Chancellor")."""
    doc, words = span.doc, [span[0].lower_]
    i = span.end
    if i + 1 < len(doc) and doc[i].text in HYPHENS and doc[i + 1].lower_ in _roles()[2] \
            and doc[i].idx == span.end_char and doc[i + 1].idx == doc[i].idx + len(doc[i]):
        return True  # a title's word joined to it: "Vice-Chancellor", "Vice-Admiral"
    while i < len(doc) and len(words) < MAX_TITLE_WORDS:
        if doc[i].text in HYPHENS:
            i += 1
            continue
        if not doc[i].is_alpha:
            break
        words.append(doc[i].lower_)
        if " ".join(words) in _roles()[0]:
            return True
        i += 1
    return False


def surnames(doc: Doc) -> frozenset[str]:
    """The lower-case words the article uses as a person's name alone: right after an honorific ("Mr Hamm",
    "Dr. Oshima"), or a person's title when no other name follows ("President Hamm said"; not "Mayor London
    Breed"), or before an age in commas ("Hamm, 34, scored")."""
    _, honorifics, titles = _roles()
    table = token_table(doc)
    lower, named = table.lower, [t and a for t, a in zip(table.titled, table.alpha, strict=True)]
    found = set()
    for i in range(1, len(lower)):
        if not (named[i] and table.capital[i - 1]):
            continue
        word = lower[i - 1].rstrip(".")
        alone = i + 1 >= len(lower) or not table.titled[i + 1]
        if word in honorifics or (word in titles and alone):
            found.add(lower[i])
    found.update(lower[i] for i in range(len(lower) - 3) if named[i] and _aged(table, i + 1))
    return frozenset(found)


def _aged(table: Words, i: int) -> bool:
    """Whether an age in commas follows a name at ``i``: "Hamm, 34, scored"."""
    age = table.token(i + 1)
    return table.token(i) == "," and table.token(i + 2) == "," and age.isdigit() and 0 < int(age) <= MAX_AGE


def lone_persons(doc: Doc) -> frozenset[str]:
    """The words the model tags as a person's whole name ("Oshima said")."""
    return frozenset(ent[0].lower_ for ent in entities(doc) if ent.label_ == "PERSON" and len(ent) == 1)


def actor_names(index: ActorIndex) -> dict[int, tuple[int, str | None]]:
    """Start -> (end, the actor's country) of the mentions of the article's actors that are not states ("Nato",
    "Hamas fighters", a person's name, a capital for its government)."""
    return {m.start: (m.end, a.country) for a in index.actors if a.kind in NOT_PLACE_KINDS for m in a.mentions}


def organisation_countries(dictionary: ActorDictionary, name: str) -> frozenset[str | None] | None:
    """The countries of the organisations the actor dictionary knows by ``name`` as written ("Nato": None;
    "Hamas": the Palestinian territories), or None when it knows the name as anything else or not at all."""
    entries = [dictionary.entry(alias.key) for alias in dictionary.candidates(name)]
    if not entries or any(e is None or e.kind not in ORGANISATION_KINDS for e in entries):
        return None
    return frozenset(e.country for e in entries if e is not None)
