"""The Phoenix dictionaries shipped in ``eventwire/data/thirdparty/phoenix/`` (PETRARCH2's, MIT licence; see
SOURCE.md there), imported into eventwire's actor model.

:func:`phoenix` reads the three ``.actors`` files and the ``.agents`` file through :mod:`.petrarch` and keeps
what eventwire can use without harm:

* names: a bracketed acronym after a name is a name of its own ("IRISH_NATIONAL_LIBERATION_ARMY_(INLA)_"),
  another bracketed note is left out; acronyms joined by a slash keep their capitals ("DHKP/C");
* entries: a group under the code of a region ("[WEUREB]") is placed in the one country its names name;
  one with no usable code (``[---]``, none at all), or whose code names a country or kind of actor
  eventwire does not know (``[USR]``, ``[KKLREB]``, ``[ELI]``) or is not in groups of three letters
  (``[NGOEEURENV]``), is skipped;
* a country's block (``AFGHANISTAN_ [AFG]``) keeps only the names of the country: its misspellings, long
  forms and acronyms ("Afghanestan", "Islamic Republic of Afghanistan"), not the cities, provinces and
  rivers Phoenix lists as its synonyms ("Kabul", "Helmand"): a name the gazetteer knows as a place other than
  the country itself, or that is not close to one of the country's names, is left to the places stage;
* names of other actors: one of a single word that news writes in lower case ("Target", "Oracle"), one the
  gazetteer knows as a place other than a landmark ("Jordan", "Iraqi Kurdistan"), one that is a role noun of
  ``roles.tsv`` ("Senate"), of one or two letters, of more than eight words, with damaged
  characters, that begins with a title ("President Abdullah Gul": the actors stage reads the title itself) or
  ends with one ("UN Secretary General"), and a person's one-word name ("Hussein", "Abdullah": many people
  share it; the actors stage joins a surname to the full name written before it) are left out; a name Phoenix
  gives to two different actors is ambiguous and left out of both;
* people: their dated codes are kept as tenures; the files' people end with the CountryInfo file of 2011
  (:data:`HORIZON`), so from 2012 on a person none of whose dated codes is in force is not known to be out of
  office: the dictionary gives no entry then and the actors stage reads the person from the text (titles);
* agents: phrases of one to three words (the longest role phrase the actors stage reads) with no function word
  ("AMBASSADOR_TO" is a pattern, not a noun) whose head noun eventwire's ``roles.tsv`` lists: they refine a
  role eventwire knows ("riot police", "opposition forces", "interior minister"). Other nouns ("villages",
  "hospitals", "victims", "reporters") are left out: the actors stage reads a bare role noun as a group of
  the country the article names most, which PETRARCH never does with an agent; but a phrase headed by a
  noun that names a body only with its modifiers ("rebel group", "rights group": ``body_heads``) is a body
  role of their sector, the noun alone none. Singulars are titles, plurals
  groups, a singular whose head noun is a body or a group takes that type; codes before the actor's
  (``[IGO~]``) have no role form.

Which of these names eventwire's own tables or the user's dictionaries already give is decided when
:class:`eventwire.lexicons.actors.ActorDictionary` merges the sources (user > curated > Phoenix).

The import takes a few seconds, so its result is kept in the user's cache folder like the gazetteer's
(``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``), named by a digest of everything it reads (the four
files, this module and the readers, ``countries.tsv``, ``roles.tsv``, the news case model and the gazetteer's
own digest); a stale copy is never read, and a copy is written whole and renamed into place, so workers
started together at most build it twice.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cachefiles import cache_folder, paused_gc, read_marshal, write_marshal
from ..settings import data_path
from .entries import Country, Entry, Listing, Role, fold
from .petrarch import PetrarchActor, actor_entries, agent_forms, listings, news_forms
from .tables import split_cell, table
from .words import word_values, words

FOLDER = Path(__file__).resolve().parent.parent / "data" / "thirdparty" / "phoenix"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")  # code prefixes of actors of no one country
GROUP_SECTORS = frozenset({"REB", "UAF", "PTY", "OPP", "INS"})
MAX_WORDS = 8
MAX_ROLE_WORDS = 3
ROLE_TYPES = frozenset({"person", "body", "group"})
KEPT = {"state": "countries", "person": "people (dated tenures)", "igo": "organisations",
        "organisation": "organisations", "group": "groups"}
FUNCTION_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                            "to", "with"})
HORIZON = "2012-01-01"  # the files' people end with CountryInfo (2011): later, an ended tenure says nothing
SIMILAR = 0.8  # difflib ratio of a country synonym to one of the country's names: a misspelling of it
BODY_HEADS = words("body_heads")  # "group": the head of a body's kind in a phrase ("rebel group"), no role alone
REGIONS = words("region_codes")  # rows of countries.tsv that are regions: no country of a group's name
DAMAGED = frozenset("\ufffd") | frozenset(chr(c) for c in range(32))
Located = Callable[[str], "Collection[tuple[str, str | None]] | None"]
"""The places a name may be: (feature, country) pairs, None for a name the gazetteer does not know."""


@dataclass
class Phoenix:
    """The usable part of the Phoenix dictionaries and what was left out, by file and reason."""

    listings: list[Listing] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)  # "<file> <what>" -> how many

    def count(self, path: Path | str, what: str, n: int = 1) -> None:
        self.counts[f"{Path(path).name} {what}"] += n


def phoenix(located: Located | None = None) -> Phoenix:
    """The Phoenix import, from the cache when it is current; ``located`` is the gazetteer's lookup (by default
    the shipped gazetteer's)."""
    return _cached(located)


def _cached(located: Located | None) -> Phoenix:
    path = cache_path()
    found = _read(path) if path is not None else None
    if found is not None:
        return found
    with paused_gc():
        built = build(located or _gazetteer_places())
    if path is not None:
        _write(path, built)
    return built


def build(located: Located, folder: Path | None = None) -> Phoenix:
    """Read and filter the Phoenix files in ``folder`` (by default the shipped ones; see the module's notes)."""
    folder = folder or FOLDER
    countries = {c.code: c for c in curated_countries()}
    roles = curated_roles()
    result = Phoenix()
    forms = news_forms()
    country_words = _country_words(countries)
    for name in ACTOR_FILES:
        path = folder / name
        found: list[Listing] = []
        for actor in actor_entries(path):
            rows = _usable(result, path, actor, listings(actor, countries, _key(actor), forms), countries)
            found.extend(_named(result, path, rows, countries, located, roles, country_words))
        kept = _unambiguous(result, path, found)
        _tally(result, path, kept)
        result.listings.extend(kept)
    result.roles.extend(_agents(result, folder / AGENT_FILE, roles))
    result.count(folder / AGENT_FILE, "kept: roles", len(result.roles))
    return result


def _key(actor: PetrarchActor) -> str:
    return f"phoenix:{fold(actor.name.replace('_', ' ')).replace(' ', '_')}@{actor.line}"


def _usable(result: Phoenix, path: Path, actor: PetrarchActor, rows: list[Listing],
            countries: Mapping[str, Country]) -> list[Listing]:
    """The listings whose codes eventwire can read: a known country first, or an international prefix."""
    result.count(path, "entries read")
    if not actor.blocks:
        result.count(path, "entries skipped: no code")
        return []
    placed = [_placed(x, countries) for x in rows]
    if placed != rows:
        result.count(path, "entries placed in the country their name names (a region's code)")
        rows = placed
    good = [x for x in rows if (x.entry.country in countries or x.entry.code.startswith(INTERNATIONAL))
            and len(x.entry.code) % 3 == 0]
    unknown = "a code of no country eventwire knows, or not in threes"
    if not good:
        result.count(path, f"entries skipped: {unknown}")
    elif len(good) < len(rows):
        result.count(path, f"tenures skipped: {unknown}", len(rows) - len(good))
    return good


def _placed(listing: Listing, countries: Mapping[str, Country]) -> Listing:
    """A group's listing under a code of a region or of no country ("IRISH_REPUBLICAN_ARMY [WEUREB]",
    "ERITREAN_LIBERATION_FRONT [EAFREB]") recoded for the one country its names name (IRLREB, ERIREB); else
    as it is."""
    entry = listing.entry
    if entry.country is not None or entry.kind != "group" or entry.code.startswith(INTERNATIONAL):
        return listing
    named = {code for name in listing.aliases for code in _countries_named(name, countries)}
    if len(named) != 1:
        return listing
    country = named.pop()
    code = country + entry.code[3:]
    return Listing(replace(entry, code=code, country=country, sectors=tuple(code[i:i + 3] for i in
                                                                            range(3, len(code), 3))),
                   listing.aliases)


def _countries_named(name: str, countries: Mapping[str, Country]) -> set[str]:
    """The countries whose name or adjective is a word (or words) of ``name``."""
    text = f" {fold(name).replace('-', ' ')} "
    return {c.code for c in countries.values() if c.code not in REGIONS for n in (c.name, *c.aliases, *c.demonyms)
            if len(n) > 3 and f" {fold(n)} " in text}


def _named(result: Phoenix, path: Path, rows: list[Listing], countries: Mapping[str, Country], located: Located,
           roles: Mapping[str, Role], country_words: Collection[str]) -> Iterator[Listing]:
    """The listings with the names they may keep; none when no name is left."""
    if not rows:
        return
    entry = rows[0].entry
    kept = []
    for name in rows[0].aliases:
        reason = (_not_a_country_name(name, countries[entry.key], located) if entry.kind == "state"
                  else _bad_name(name, entry, located, roles, country_words))
        if reason:
            result.count(path, f"names skipped: {reason}")
        else:
            kept.append(name)
    if not kept:
        result.count(path, "entries skipped: no name left")
        return
    for row in rows:
        yield _renamed(row.entry, kept)


def _renamed(entry: Entry, names: Sequence[str]) -> Listing:
    """A listing of ``names``, the entry named by the first when its own name was left out."""
    return Listing(entry if entry.name in names else replace(entry, name=names[0]), tuple(names))


def _not_a_country_name(name: str, country: Country, located: Located) -> str | None:
    """Why ``name``, a synonym in a country's block, is not kept as a name of the country (None: it is)."""
    if _damaged(name):
        return "damaged characters"
    if len(name.split()) > MAX_WORDS:
        return f"more than {MAX_WORDS} words"
    places = located(name)
    if places and any(feature != "country" or code != country.code for feature, code in places):
        return "a place in the country (left to the places stage)"
    own = [fold(n) for n in (country.name, *country.aliases, *country.demonyms) if len(n) > 3]
    text = fold(name)
    words = text.replace("-", " ").split()
    if any(difflib.SequenceMatcher(None, text, n).ratio() >= SIMILAR for n in own):
        return None
    if any(f" {n} " in f" {text} " for n in own):
        return None
    if any(difflib.SequenceMatcher(None, w, n).ratio() >= SIMILAR for w in words if len(w) > 4 for n in own):
        return None
    letters = name.replace(".", "").replace(" ", "")
    if letters.isupper() and any(letters == _initials(n) for n in (country.name, *country.aliases)):
        return None  # an acronym of one of its names ("U.S.A.", "UAE")
    return "not a name of the country (a town, region or nickname)"


def _initials(name: str) -> str:
    """"United States of America" -> "USA" (function words left out)."""
    return "".join(w[0] for w in fold(name).replace("-", " ").split() if w not in FUNCTION_WORDS).upper()


def _damaged(name: str) -> bool:
    return any(c in DAMAGED for c in name)


def _bad_name(name: str, entry: Entry, located: Located, roles: Mapping[str, Role],
              country_words: Collection[str] = ()) -> str | None:
    """Why ``name`` of a person, group or organisation is left out (None: it is kept)."""
    words = name.split()
    letters = "".join(c for c in name if c.isalnum())
    if _damaged(name):
        return "damaged characters"
    if len(letters) <= 2:
        return "one or two letters"
    if len(words) > MAX_WORDS:
        return f"more than {MAX_WORDS} words"
    if len(words) == 1 and _common_word(name):
        return "a common word"
    if len(words) == 1 and entry.kind == "person":
        return "one word of a person's name (a name many people share: 'Hussein', 'Abdullah')"
    places = located(name)
    if places and any(feature != "landmark" for feature, _ in places):
        return "a place name (left to the places stage)"
    low = fold(name).replace("-", " ").split()
    if " ".join(low) in roles:
        return "a role noun of eventwire's (roles.tsv)"
    if entry.kind == "person" and len(low) > 1 and (
            any(_title(" ".join(low[i:i + n]), roles) for n in (1, 2, 3) for i in range(len(low) - n + 1))
            or low[0] in country_words):
        return "a title or a country in a person's name ('Israeli Prime Minister X': the stage reads titles)"
    if entry.kind != "person" and any(_title(" ".join(low[-n:]), roles) for n in (1, 2, 3) if n < len(low)):
        return "ends with a title"
    return None


def _country_words(countries: Mapping[str, Country]) -> frozenset[str]:
    """The one-word names and adjectives of the countries ("israeli", "kenya")."""
    return frozenset(fold(n) for c in countries.values() for n in (c.name, *c.aliases, *c.demonyms) if " " not in n)


def _title(phrase: str, roles: Mapping[str, Role]) -> bool:
    role = roles.get(phrase)
    return role is not None and role.type in {"person", "honorific"}


@lru_cache(maxsize=1)
def _lower_share() -> Mapping[str, float]:
    """How often news writes each word it knows in lower case (news case model)."""
    shares: dict[str, float] = {}
    for word, value in word_values("news_cased").items():
        counts = [(form, int(n)) for form, n in (item.rsplit("=", 1) for item in value.split())]
        total = sum(n for _, n in counts)
        shares[word] = sum(n for form, n in counts if form.islower()) / total if total else 0.0
    for word in word_values("news_lower"):
        shares[word] = 1.0
    return shares


def _common_word(name: str) -> bool:
    """A word news writes in lower case at least as often as capitalised ("Target", "Shell")."""
    return _lower_share().get(fold(name), 0.0) >= 0.5


def _unambiguous(result: Phoenix, path: Path, found: list[Listing]) -> list[Listing]:
    """The listings without the names Phoenix gives to two different actors (those names are dropped); an
    entry listed again with the same name and codes is one actor, kept once."""
    codes: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for listing in found:
        codes.setdefault(listing.entry.key, []).append((listing.entry.code, listing.entry.start, listing.entry.end))
    first: dict[tuple[object, ...], str] = {}
    again: set[str] = set()
    for listing in found:
        entry = listing.entry
        if first.setdefault((entry.name, entry.kind, *codes[entry.key]), entry.key) != entry.key:
            again.add(entry.key)
    if again:
        result.count(path, "entries skipped: listed twice", len(again))
    found = [x for x in found if x.entry.key not in again]
    owners: dict[str, set[object]] = {}
    for listing in found:
        for name in listing.aliases:
            owners.setdefault(fold(name), set()).add(listing.entry.code if listing.entry.kind == "state"
                                                     else tuple(codes[listing.entry.key]))
    shared = {name for name, keys in owners.items() if len(keys) > 1}
    kept: list[Listing] = []
    counted: set[str] = set()
    for listing in found:
        names = tuple(n for n in listing.aliases if fold(n) not in shared)
        if len(names) < len(listing.aliases) and listing.entry.key not in counted:  # tenures share their names
            counted.add(listing.entry.key)
            result.count(path, "names skipped: the name of two actors", len(listing.aliases) - len(names))
            if not names:
                result.count(path, "entries skipped: no name left")
        if names:
            kept.append(_renamed(listing.entry, names))
    return kept


def _agents(result: Phoenix, path: Path, curated: Mapping[str, Role]) -> Iterator[Role]:
    """The usable agents of ``path`` as roles (see the module's notes)."""
    seen: set[str] = set()
    for form in agent_forms(path):
        words = form.phrase.split()
        result.count(path, "agent phrases read")
        reason = None
        if form.prefix:
            reason = "a code before the actor's (IGO~)"
        elif len(words) > MAX_ROLE_WORDS:
            reason = f"more than {MAX_ROLE_WORDS} words"
        elif any(w in FUNCTION_WORDS for w in words):
            reason = "a function word (a pattern, not a noun)"
        elif form.phrase in seen:
            reason = "listed twice"
        elif len(words) > 1 and words[-1] in BODY_HEADS:
            reason = None  # "rebel group": a body of the kind its modifiers say
        elif words[-1] not in curated or curated[words[-1]].type not in ROLE_TYPES:
            reason = "a head noun eventwire's roles do not list (alone, it would name an actor of the article)"
        if reason:
            result.count(path, f"agent phrases skipped: {reason}")
            continue
        seen.add(form.phrase)
        head = curated.get(words[-1])
        kind = "body" if words[-1] in BODY_HEADS else (head.type if head is not None and head.type in {"body", "group"}
                                                       else None)
        if form.plural:
            yield Role(form.phrase, form.sectors, "group", form.phrase)
        elif kind is not None:
            yield Role(form.phrase, form.sectors, kind, form.phrase)
        else:
            yield Role(form.phrase, form.sectors, "person", " ".join(w.capitalize() for w in words))


def _tally(result: Phoenix, path: Path, kept: list[Listing]) -> None:
    """Counts of what a file gave: actors by kind, people's tenures."""
    keys: dict[str, set[str]] = {}
    for listing in kept:
        keys.setdefault(KEPT[listing.entry.kind], set()).add(listing.entry.key)
        if listing.entry.kind == "person":
            result.count(path, "kept: tenures of people")
    for what, found in keys.items():
        result.count(path, f"kept: {what}", len(found))


# --- what the import reads besides the files ------------------------------------------------------------------


def curated_countries() -> list[Country]:
    """eventwire's ``countries.tsv`` (the countries and regions the codes may start with)."""
    return [Country(r["code"], r["name"], split_cell(r["aliases"]), split_cell(r["demonyms"]),
                    split_cell(r["capitals"]), r.get("leader") or "President")
            for r in table(str(data_path("countries.tsv")), ("code", "name", "aliases", "demonyms", "capitals"))]


def curated_roles() -> dict[str, Role]:
    """eventwire's ``roles.tsv`` by phrase."""
    return {fold(r["phrase"]): Role(fold(r["phrase"]), split_cell(r["sector"].replace(" ", "|")), r["type"],
                                    r["label"])
            for r in table(str(data_path("roles.tsv")), ("phrase", "sector", "type", "label"))}


def _gazetteer_places() -> Located:
    from ..stages.places.gazetteer import Gazetteer  # the places stage's gazetteer, loaded once per process

    gazetteer = Gazetteer.load()

    def located(name: str) -> list[tuple[str, str | None]] | None:
        found = gazetteer.lookup(name)
        return [(c.feature, c.country) for c in found] if found else None

    return located


# --- the cache ---------------------------------------------------------------------------------------------------


def source_paths() -> tuple[Path, ...]:
    """Every file the import reads or runs: the Phoenix files, the readers, the tables it consults."""
    here = Path(__file__).resolve().parent
    return (*(FOLDER / n for n in (*ACTOR_FILES, AGENT_FILE)), here / "phoenix.py", here / "petrarch.py",
            here / "entries.py", data_path("countries.tsv"), data_path("roles.tsv"),
            here.parent / "data" / "words" / "news_case.tsv", here.parent / "data" / "words" / "actors.tsv")


def cache_path() -> Path | None:
    """Where this version of the import is cached, None when that cannot be told."""
    from ..stages.places import gazetteer

    try:
        digest = hashlib.sha256()
        for path in source_paths():
            digest.update(path.read_bytes())
        places = gazetteer.cache_path()
        digest.update(places.name.encode() if places is not None else b"no gazetteer cache")
        folder = cache_folder()
    except (OSError, RuntimeError):
        return None
    return folder / f"phoenix-{digest.hexdigest()[:16]}.marshal"


def _read(path: Path) -> Phoenix | None:
    try:
        with paused_gc():
            return _records(read_marshal(path))
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _records(data: Any) -> Phoenix:
    """The import from the cache's form (a malformed copy raises TypeError or ValueError)."""
    listings_rows, role_rows, counts = data
    return Phoenix([Listing(Entry(*entry), tuple(aliases)) for entry, aliases in listings_rows],
                   [Role(*role) for role in role_rows], Counter(counts))


def _write(path: Path, result: Phoenix) -> None:
    data = ([(astuple(x.entry), x.aliases) for x in result.listings], [astuple(r) for r in result.roles],
            dict(result.counts))
    write_marshal(path, data, ".phoenix-")


def check(folder: Path | None = None) -> None:
    """Read every Phoenix file strictly (a malformed line raises with its file and line)."""
    folder = folder or FOLDER
    for name in ACTOR_FILES:
        for _ in actor_entries(folder / name):
            pass
    for _ in agent_forms(folder / AGENT_FILE):
        pass
