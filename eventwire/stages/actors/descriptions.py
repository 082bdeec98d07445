"""Descriptions: "the Iranian official" is the latest Iranian person, "the Kremlin leader" whoever led Russia
on the publication date, "a U.S. State Department official" a new, unnamed person; "the government" with
no country written is the government of the country the article names most (:func:`main_country`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...lexicons.entries import Entry, Role, fold
from ...lexicons.words import words
from ..countries import most_named
from .bodies import a_peoples_state_body, body_entry, people_entry
from .generic import is_national_body, member_entry
from .mentions import STATE_SECTORS, Mention, refers_to_person

OFFICES = words("offices")
WINDOW_SENTENCES = 3  # how far back "the Iranian official" looks for the person it is
NEXT_SENTENCES = 2  # how far ahead "A top adviser to ..." looks for the person it introduces


@dataclass(frozen=True)
class Around:
    """What a description is read against: the mentions resolved before it, those after it, and the
    country the article names most."""

    before: Sequence[Mention]
    after: Sequence[Mention]
    main: str | None


def resolve_descriptions(context: ArticleContext, mentions: list[Mention],
                         dictionary: ActorDictionary) -> list[Mention]:
    """Descriptions to the office holder, the latest matching person, or a new unnamed person; national
    bodies with no country written ("the government") to the main country's, other bodies, groups and
    members ("police", "gunmen", "a soldier") to the dominant country's (named at least as often as all
    others together: in a story of several countries a bare "troops" may be any of them); ethnic peoples
    to the main other country."""
    ordered = sorted(mentions, key=lambda m: m.start)
    main, dominant = main_country(ordered), main_country(ordered, dominant=True)
    resolved: list[Mention] = []
    for n, mention in enumerate(ordered):
        home = main if is_national_body(mention.form, mention.sectors) else dominant
        if mention.form == "description" and mention.entry is None:
            apposed = _apposed_to(context.doc, mention, resolved) or _named_after(context.doc, mention, ordered)
            entry = apposed or describe(context, dictionary, mention, Around(resolved, ordered[n + 1:], main))
            mention = replace(mention, entry=entry)
        elif home is not None and _national(context, mention, dictionary, home):
            mention = replace(mention, entry=national_body(dictionary, mention, home), country=home, basis="article")
        elif mention.country and _national(context, mention, dictionary, mention.country):  # where it acts
            mention = replace(mention, entry=national_body(dictionary, mention, mention.country))
        elif mention.form == "ethnic" and mention.entry is None:
            mention = _ethnic(dictionary, mention, ordered)
        resolved.append(mention)
    return resolved


def _national(context: ArticleContext, mention: Mention, dictionary: ActorDictionary, main: str) -> bool:
    """Whether a body, group or member of one with no country written is the main country's (not a
    people's own)."""
    return mention.form in {"body", "group", "member"} and mention.entry is None and main in dictionary.countries \
        and not a_peoples_state_body(context, context.doc[mention.head], mention.first, mention.sectors or (),
                                     dictionary)


def _ethnic(dictionary: ActorDictionary, mention: Mention, mentions: list[Mention]) -> Mention:
    """"ethnic Albanians" with no place written: of the country the article names most, other than their own."""
    others = [m for m in mentions if _named_country(m) != mention.country]
    country = main_country(others) or mention.country
    if country is None:
        return mention
    return replace(mention, entry=people_entry(dictionary, country, mention.text), country=country, basis="article")


def _apposed_to(doc: Doc, mention: Mention, before: list[Mention]) -> Entry | None:
    """"Wanjiru Odhiambo, an Iranian adviser": the description is the person it is in apposition to."""
    token = doc[mention.head]
    if token.dep_ != "appos":
        return None
    return next((m.entry for m in before if m.entry is not None and m.first <= token.head.i < m.last), None)


def _named_after(doc: Doc, mention: Mention, mentions: list[Mention]) -> Entry | None:
    """"the prime minister, Theresa May,": the description is the known person named in apposition to it,
    not whoever holds that office in the country the article names most."""
    names = {c.i for c in doc[mention.head].children if c.dep_ == "appos"}
    return next((m.entry for m in mentions if refers_to_person(m) and m.form in {"name", "title"} and m.head in names
                 and m.referent.code and not m.referent.code.startswith("---")), None)


def national_body(dictionary: ActorDictionary, mention: Mention, country: str) -> Entry | None:
    """"the government", "state media", "police", "a soldier" with no country written: the article's
    main country's."""
    state = dictionary.entry(country)
    return owned_entry(dictionary, mention, state) if state is not None else None


def owned_entry(dictionary: ActorDictionary, mention: Mention, owner: Entry) -> Entry | None:
    """The entry of a body, group or member mention belonging to ``owner`` (a state, or the actor a
    possessive pronoun stands for: "its troops", "his generals")."""
    role = dictionary.role(mention.role or "")
    if role is None and mention.role and mention.sectors:  # a role a modifier changed: "rebel forces"
        role = Role(fold(mention.role), mention.sectors, "person" if mention.form == "member" else mention.form,
                    mention.role)
    if role is None:
        return None
    if mention.form == "member":
        return member_entry(dictionary, owner.country, role) if owner.country else None
    return body_entry(dictionary, owner, role)


def main_country(mentions: Sequence[Mention], dominant: bool = False) -> str | None:
    """The country named most often in the article (the country of a bare "the president"): states,
    bodies, people and places named in the text count, descriptions and pronouns do not; on a tie, the
    country named first. ``dominant``: only if it has at least half of the country names."""
    return most_named((_named_country(m) for m in sorted(mentions, key=lambda m: m.start)), dominant)


def _named_country(mention: Mention) -> str | None:
    """The country a mention names, for counting: not one read off the place, dateline or article a
    generic noun stands in ("police said" in a story from Lahore names no country)."""
    if mention.form in {"description", "pronoun", "relative", "ethnic"} \
            or mention.basis in {"sentence", "dateline", "article"}:
        return None
    if mention.form == "place":
        return mention.country
    return mention.entry.country if mention.entry is not None else None


def describe(context: ArticleContext, dictionary: ActorDictionary, mention: Mention, around: Around) -> Entry | None:
    """What one description refers to (None when nothing fits and it names no country)."""
    role = fold(mention.role or "")
    country = mention.country or (around.main if role in OFFICES else None)
    if role in OFFICES and country and set(mention.sectors) <= STATE_SECTORS:  # not "an SDF leader"
        holder = dictionary.holder(role, country, context.published)
        if holder is not None:
            return holder
    if mention.text.lower().startswith(("a ", "an ")):
        named = _named_next(context, mention, around.after, country, role)
        return named.entry if named is not None else _unnamed(mention, country)
    if country is None:
        if mention.code:
            return _unnamed(mention, None)
        same = _same_role(around.before, role)  # "the home secretary, Sajid Javid, ..." then "the home secretary"
        if same is not None:
            return same.entry
        # one holder of a state office in a story about a country: its country is filled in by coreference
        return _unnamed(mention, None) if around.main and _state_office(mention) else None
    earlier = _latest_person(context, around.before, country, role, mention)
    if earlier is not None:
        return earlier.entry
    if mention.country:
        return _unnamed(mention, country)
    return _unnamed(mention, None) if _state_office(mention) else None  # "the defence minister": as above


def _named_next(context: ArticleContext, mention: Mention, after: Sequence[Mention], country: str | None,
                role: str) -> Mention | None:
    """A lead's "A top adviser to Iran's Supreme Leader ..." is the person named next with that role."""
    sentence = context.sentence_of
    wanted = role.replace("advisor", "adviser")
    for candidate in after:
        if sentence[candidate.first] - sentence[mention.first] > NEXT_SENTENCES:
            return None
        if not refers_to_person(candidate) or not candidate.name \
                or (country and candidate.referent.country != country):
            continue
        held = fold(candidate.role or candidate.referent.role or "").replace("advisor", "adviser")
        if wanted and wanted in held:
            return candidate
    return None


def _latest_person(context: ArticleContext, before: Sequence[Mention], country: str | None, role: str,
                   mention: Mention) -> Mention | None:
    """The latest person of ``country`` (holding the office ``role`` names, if it names one) within
    :data:`WINDOW_SENTENCES` sentences before ``mention``, never one whose phrase holds the mention."""
    sentence = context.sentence_of
    containers = {t.i for t in context.doc[mention.head].ancestors}
    for candidate in reversed(before):
        if not refers_to_person(candidate) or sentence[mention.first] - sentence[candidate.first] > WINDOW_SENTENCES:
            continue
        if candidate.form == "member":  # "a soldier" is nobody's "Iranian official"
            continue
        if candidate.head in containers:  # "X, an adviser to the speaker": the speaker is not X
            continue
        if country and candidate.referent.country != country:
            continue
        if role in OFFICES and role not in fold(candidate.referent.role or candidate.role or ""):
            continue
        return candidate
    return None


def _same_role(before: Sequence[Mention], role: str) -> Mention | None:
    """The latest person the article named before with the role ``role`` ("Home Secretary")."""
    if not role:
        return None
    return next((m for m in reversed(before) if refers_to_person(m) and m.form in {"name", "title"}
                 and fold(m.referent.role or m.role or "") == role), None)


def _state_office(mention: Mention) -> bool:
    """A definite description of one holder of a state office, of no country written ("the home secretary",
    "the defence minister"): not a member of a group ("a soldier") nor an office of a body ("a party leader")."""
    return mention.text.lower().startswith("the ") and bool(mention.sectors) \
        and set(mention.sectors) <= STATE_SECTORS and mention.role is not None


def _unnamed(mention: Mention, country: str | None) -> Entry:
    """An unnamed person ("a U.S. State Department official"), one per description."""
    found = mention.text.split()
    name = " ".join(found[1:] if found[0].lower() in {"a", "an", "the"} else found)
    sectors = mention.sectors
    code = (country or ("---" if sectors else "")) + "".join(sectors)
    if country is None and mention.code:
        code, sectors = mention.code, ()
    return Entry(f"person:{fold(name)}@{mention.start}", name, code, country, sectors, "person", mention.role)
