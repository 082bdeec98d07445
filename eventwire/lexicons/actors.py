"""The actor dictionary: countries, dated office holders, institutions, organisations, role words.

:class:`ActorDictionary` merges three kinds of source, in this order of precedence:

1. the user's files (``Settings.dictionaries``; the last given first):
   * YAML: a list of actors, or a mapping with ``actors:`` and ``roles:`` lists;
   * CSV: a header row with the columns ``id,name,aliases,code,kind,role,start,end``;
   * PETRARCH ``.actors``/``.agents`` dictionaries (also ``*actors*.txt`` / ``*agents*.txt``, see :mod:`.petrarch`);
2. eventwire's curated tables in ``eventwire/data/`` (``countries.tsv``, ``leaders.tsv``, ``institutions.tsv``,
   ``organisations.tsv``, ``roles.tsv``, read through :mod:`.tables`);
3. the Phoenix dictionaries shipped in ``eventwire/data/thirdparty/phoenix/`` (:mod:`.phoenix`).

The merge is one rule, in :meth:`ActorDictionary._add_alias` and :meth:`ActorDictionary._add_role`: a name (an
alias, folded as lookups fold it) or a role phrase belongs to the first source that gives it. A lower source
that gives the same name to another actor (another code, kind or country) *disagrees*: its listing keeps its
other names and loses that one. One that gives it to the same actor (a person of the same country, an actor
of the same code) *agrees*: its other names join that actor, and its own codes and dates are not used. The
formats are described with examples in ``docs/actors.md``. :meth:`ActorDictionary.load` is cached by its
paths, so every stage and batch in a process shares one dictionary.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from ..cachefiles import paused_gc
from ..errors import DictionaryError
from ..settings import data_path
from . import actor_cache
from .entries import (
    KINDS,
    WORD,
    Alias,
    Country,
    Entry,
    Kind,
    Listing,
    Role,
    case_matches,
    fold,
    is_acronym,
    is_kind,
    one_edit,
    split_code,
)
from .petrarch import read_petrarch_actors, read_petrarch_agents
from .phoenix import HORIZON, Phoenix, phoenix
from .tables import split_cell, table
from .words import word_groups, words

REGIONS = words("region_codes")  # CAMEO region codes: "countries" that are groups, not states
# "the foreign minister" of the UK is its Foreign Secretary: each office with the other names it goes by
OFFICE_SYNONYMS = word_groups("office_synonyms")
TITLE_TYPES = frozenset({"person", "honorific", "qualifier"})
ACTOR_COLUMNS = ("id", "name", "aliases", "code", "kind", "role", "start", "end")
COUNTRY_COLUMNS = ("code", "name", "aliases", "demonyms", "capitals")
ROLE_COLUMNS = ("phrase", "sector", "type", "label")
PHOENIX = True  # whether :meth:`ActorDictionary.load` adds the shipped Phoenix dictionaries (off: to compare)


@dataclass(frozen=True)
class Source:
    """One source of the dictionary: its name, its countries (eventwire's tables only), listings and roles."""

    name: str
    listings: Sequence[Listing] = ()
    roles: Sequence[Role] = ()
    countries: Sequence[Country] = ()
    horizon: str | None = None  # the date from which a person's ended tenures no longer tell what they are


class ActorDictionary:
    """Every name eventwire knows, with what it refers to, and the role words."""

    def __init__(self, sources: Sequence[Source]) -> None:
        """``sources`` in order of precedence, the first winning (see the module's notes)."""
        self.countries = {c.code: c for source in sources for c in source.countries}
        self.roles: dict[str, Role] = {}
        self.merged: Counter[str] = Counter()  # what the merge left out, by source and reason
        self.imported: Counter[str] = Counter()  # what the Phoenix import kept and left out (see .phoenix)
        self._rank, self._source = 0, ""
        self._horizon: str | None = None
        self._claims: dict[str, int] = {}  # a folded name or role phrase -> the rank of the source that gave it
        self._role_ranks: dict[str, int] = {}
        self._same: dict[str, str | None] = {}  # a lower source's key -> the higher entry it agrees with
        self._named: dict[str, tuple[str, ...]] = {}  # a key -> the names last added for it (tenures share them)
        self._folded: dict[str, str] = {}  # fold() of the names read so far (while building)
        self._entries: dict[str, list[Entry]] = {}
        self._horizons: dict[str, str] = {}  # a person's key -> the horizon of the source that lists them
        self._aliases: dict[str, list[Alias]] = {}
        self._holders: dict[tuple[str, str], list[Entry]] = {}
        self.max_words = 1
        self.first_words: dict[str, int] = {}  # the first word of every name -> the length of its longest name
        self._country_names: dict[str, list[Alias]] = {}  # one-word names of 6+ letters, by first letter
        self._misspelt: dict[str, tuple[Alias, ...]] = {}  # words looked up so far
        for rank, source in enumerate(sources):
            self._rank, self._source, self._horizon = rank, source.name, source.horizon
            for country in source.countries:
                self._add_country(country)
            for listing in source.listings:
                self._add_listing(listing)
            for role in source.roles:
                self._add_role(role)
        for rows in (*self._entries.values(), *self._holders.values()):
            rows.sort(key=lambda e: e.start or "")
        self._folded, self._named, self._same, self._claims = {}, {}, {}, {}  # needed while building only
        self.role_last_words = frozenset(fold(p.replace("-", " ")).split()[-1] for p in self.roles if p.strip())
        self.title_words = frozenset(w for phrase, r in self.roles.items() if r.type in TITLE_TYPES
                                     for w in phrase.split())
        self._people_by_word = self._people_words()  # built here, so it is cached with the dictionary

    @classmethod
    def load(cls, paths: Sequence[str] = ()) -> ActorDictionary:
        """The package dictionaries (eventwire's and Phoenix's) and the user files in ``paths``, which win over
        them (cached by paths)."""
        return _load(tuple(str(p) for p in paths), PHOENIX)

    def _fold(self, name: str) -> str:
        key = self._folded.get(name)
        if key is None:
            key = self._folded[name] = fold(name)
        return key

    def _add_alias(self, alias: Alias) -> bool:
        """Add ``alias`` unless a higher source gave its name (then count it); whether it was added."""
        key = self._fold(alias.text)
        if self._claims.setdefault(key, self._rank) < self._rank:
            agree = any(a.key == alias.key for a in self._aliases.get(key, ()))
            self.merged[f"{self._source}: names a higher source gives {'too' if agree else 'to another actor'}"] += 1
            return False
        same = self._aliases.setdefault(key, [])
        if alias in same:
            same.remove(alias)
        same.append(alias)
        found = WORD.findall(key)
        self.max_words = max(self.max_words, len(found))
        first = found[0] if found else key
        self.first_words[first] = max(self.first_words.get(first, 0), len(key))
        return True

    def _add_role(self, role: Role) -> None:
        """Add ``role`` unless a higher source gave its phrase (within one source, the later row wins)."""
        rank = self._role_ranks.setdefault(role.phrase, self._rank)
        if rank < self._rank:
            known = self.roles[role.phrase]
            agree = (known.sectors, known.type) == (role.sectors, role.type)
            self.merged[f"{self._source}: role phrases a higher source gives {'too' if agree else 'otherwise'}"] += 1
            return
        self.roles[role.phrase] = role

    def _add_country(self, country: Country) -> None:
        kind: Kind = "group" if country.code in REGIONS else "state"
        self._entries[country.code] = [Entry(country.code, country.name, country.code, country.code, (), kind)]
        for name in (country.name, *country.aliases):
            self._add_alias(Alias(name, country.code, "name", is_acronym(name)))
            if len(name) >= 6 and " " not in name and kind == "state":
                self._country_names.setdefault(fold(name)[0], []).append(Alias(name, country.code, "name"))
        for demonym in country.demonyms:
            self._add_alias(Alias(demonym, country.code, "demonym"))
            if not demonym.endswith(("s", "sh", "ch", "ese")) and " " not in demonym:
                self._add_alias(Alias(demonym + "s", country.code, "demonym"))
        for capital in country.capitals:
            self._add_alias(Alias(capital, country.code, "capital"))

    def _add_listing(self, listing: Listing) -> None:
        entry = listing.entry
        names = tuple(dict.fromkeys((entry.name, *listing.aliases)))
        if entry.kind == "state" and entry.key in self.countries:
            self._add_country_names(self.countries[entry.key], names)
            return
        if entry.key not in self._same:
            self._same[entry.key] = self._agreeing(entry, names)
        same = self._same[entry.key]
        if same is not None:  # a higher source's actor: the names it lacks join it, its codes stand
            for name in names:
                self._add_alias(Alias(name, same, "name", is_acronym(name)))
            return
        kept = [name for name in names if self._claims.get(self._fold(name), self._rank) == self._rank]
        if len(kept) < len(names) and self._named.get(entry.key) != names:
            for name in names:
                if name not in kept:
                    self._add_alias(Alias(name, entry.key, "name", is_acronym(name)))  # counted, not added
        if not kept:
            self.merged[f"{self._source}: entries all of whose names a higher source gives"] += 1
            return
        self._entries.setdefault(entry.key, []).append(entry)
        if entry.kind == "person" and self._horizon is not None:
            self._horizons[entry.key] = self._horizon
        if entry.kind == "person" and entry.role and entry.country:
            self._holders.setdefault((entry.country, entry.role.lower()), []).append(entry)
        if self._named.get(entry.key) == names:  # another tenure of the same names
            return
        self._named[entry.key] = names
        for name in kept:
            self._add_alias(Alias(name, entry.key, "name", is_acronym(name)))

    def _agreeing(self, entry: Entry, names: Sequence[str]) -> str | None:
        """The key of a higher source's actor that one of ``names`` already names and that is ``entry``'s actor:
        a person of the same country, anything else of the same code."""
        for name in names:
            key = self._fold(name)
            if self._claims.get(key, self._rank) >= self._rank:
                continue
            for alias in self._aliases.get(key, ()):
                rows = self._entries.get(alias.key)
                known = rows[-1] if rows else None
                if known is None or alias.form != "name" or (known.kind == "person") != (entry.kind == "person"):
                    continue
                if (known.country == entry.country) if entry.kind == "person" else known.code == entry.code:
                    return alias.key
        return None

    def _add_country_names(self, country: Country, names: Sequence[str]) -> None:
        """More names of a known country (from a user file): its own entry stays as it is."""
        demonyms = {fold(d) for d in country.demonyms}
        for name in dict.fromkeys(names):
            form = "demonym" if fold(name) in demonyms else "name"
            self._add_alias(Alias(name, country.code, form, is_acronym(name)))

    def entries(self) -> Iterator[Entry]:
        """Every entry, office holders once per tenure."""
        for rows in self._entries.values():
            yield from rows

    def candidates(self, text: str) -> tuple[Alias, ...]:
        """The aliases written as ``text`` (all from the one source that gives the name), the last added first."""
        found = self._aliases.get(fold(text))
        return tuple(a for a in reversed(found) if case_matches(a, text)) if found else ()  # most texts name none

    def may_start(self, word: str) -> bool:
        """Whether a name can begin with ``word`` (a token's text): its first word starts some name."""
        return self.longest_from(word) > 0

    def longest_from(self, word: str) -> int:
        """The length of the longest name (as :func:`fold` writes it) whose first word is the first word
        of ``word`` (a token's text); 0 when no name begins so."""
        first = WORD.match(fold(word))
        return self.first_words.get(first.group(), 0) if first is not None else 0

    def misspelt_country(self, text: str) -> tuple[Alias, ...]:
        """A one-word country name written with one typo ("Venezuala", "Phillippines"): the country's
        alias, when exactly one country name of 6 letters or more is one edit away."""
        word = fold(text)
        if len(word) < 6 or " " in word:
            return ()
        if word not in self._misspelt:
            if len(self._misspelt) > 100_000:  # a long-running server meets many words
                self._misspelt.clear()
            near = {a.key: a for a in self._country_names.get(word[0], ()) if one_edit(word, fold(a.text))}
            self._misspelt[word] = tuple(near.values()) if len(near) == 1 else ()
        return self._misspelt[word] if not self.candidates(text) else ()

    def misspelt_person(self, text: str) -> tuple[Alias, ...]:
        """A person's name of two words or more written with one typo in one word of 6 letters or more
        ("Jacques Chirack"): that person's aliases, when exactly one person's name is one edit away."""
        words = fold(text).split()
        if len(words) < 2 or self.candidates(text):
            return ()
        index = self._people_by_word
        near: dict[str, tuple[Alias, ...]] = {}
        for i, word in enumerate(words):
            if len(word) < 6:
                continue
            other = words[1] if i == 0 else words[0]
            for name in index.get(other, ()):
                known = name.split()
                if len(known) == len(words) and known[:i] + known[i + 1:] == words[:i] + words[i + 1:] \
                        and one_edit(word, known[i]):
                    near[name] = tuple(a for a in self._aliases[name] if self._is_person(a.key))
        keys = {a.key for aliases in near.values() for a in aliases}
        return next(iter(near.values())) if len(keys) == 1 else ()

    def _is_person(self, key: str) -> bool:
        rows = self._entries.get(key) or []
        return bool(rows) and rows[0].kind == "person"

    def _people_words(self) -> dict[str, list[str]]:
        """The names of people of two words or more, by each of their words."""
        found: dict[str, list[str]] = {}
        for name, aliases in self._aliases.items():
            if " " in name and any(self._is_person(a.key) for a in aliases):
                for word in set(name.split()):
                    found.setdefault(word, []).append(name)
        return found

    def entry(self, key: str, date: str | None = None) -> Entry | None:
        """The entry ``key``; for office holders the tenure in force on ``date`` (ISO). None for a person of a
        source with a horizon (Phoenix's people end in 2011) on a later date that none of their dated codes
        covers: what they are then is read from the text."""
        rows = self._entries.get(key)
        if not rows:
            return None
        if date is None:
            return rows[-1]
        active = [r for r in rows if (r.start or "") <= date and (r.end is None or date < r.end)]
        if key in self._horizons and date >= self._horizons[key] and not any(r.start or r.end for r in active):
            return None
        if active:
            return active[-1]
        before = [r for r in rows if (r.start or "") <= date]
        return self._out_of_office(before[-1] if before else rows[0], former=bool(before))

    def _out_of_office(self, row: Entry, former: bool) -> Entry:
        """A person outside every listed tenure: an elite (ELI) of the country, "former" role."""
        if row.kind != "person" or not row.country:
            return row
        role = f"former {row.role}" if former and row.role else None
        return replace(row, code=row.country + "ELI", sectors=("ELI",), role=role)

    def holder(self, role: str, country: str, date: str | None) -> Entry | None:
        """Who held ``role`` ("president", "leader") in ``country`` on ``date``."""
        wanted = role.lower()
        if wanted in {"leader", "head of state"} and country in self.countries:
            wanted = self.countries[country].leader.lower()
        names = (wanted, *OFFICE_SYNONYMS.get(wanted, ()))  # "the foreign minister" of the UK: its Foreign Secretary
        rows = next((self._holders[(country, n)] for n in names if (country, n) in self._holders), [])
        if date is not None:
            rows = [r for r in rows if (r.start or "") <= date and (r.end is None or date < r.end)]
        return rows[-1] if rows else None

    def government(self, code: str) -> Entry:
        """The government of a country as one actor: "Iranian government", IRNGOV."""
        country = self.countries[code]
        return Entry(code + "GOV", f"{country.adjective} government", code + "GOV", code, ("GOV",), "organisation")

    def may_end_role(self, word: str) -> bool:
        """Whether a role phrase can end with ``word`` (a token's lower-case text)."""
        parts = word.replace("-", " ").split()
        return bool(parts) and parts[-1] in self.role_last_words

    def role(self, phrase: str) -> Role | None:
        """The role a phrase names; a hyphenated title is the same role ("Vice-President")."""
        return self.roles.get(fold(phrase)) or self.roles.get(fold(phrase.replace("-", " ")))

    def code_parts(self, code: str) -> tuple[str | None, tuple[str, ...]]:
        return split_code(code, self.countries)


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], with_phoenix: bool = True) -> ActorDictionary:
    """Read from the cache folder when a first build left it there (:mod:`.actor_cache`)."""
    return actor_cache.load(ActorDictionary, paths, with_phoenix,
                            lambda: build_dictionary(paths, phoenix() if with_phoenix else None))


def build_dictionary(paths: Sequence[str], imported: Phoenix | None) -> ActorDictionary:
    """The user files in ``paths`` (the last first), eventwire's tables and the ``imported`` Phoenix
    dictionaries (none: without them), merged in that order of precedence."""
    countries = read_countries(data_path("countries.tsv"))
    codes = {c.code for c in countries}
    listings: list[Listing] = []
    listings.extend(read_actor_table(data_path("leaders.tsv"), codes, default_kind="person", stateless="person"))
    for name in ("institutions.tsv", "organisations.tsv"):
        listings.extend(read_actor_table(data_path(name), codes, default_kind="person"))
    curated = Source("eventwire", listings, list(read_roles(data_path("roles.tsv"))), countries)
    users = [Source(str(path), *read_user_file(Path(path), codes)) for path in paths]
    sources = [*reversed(users), curated]
    if imported is not None:
        sources.append(Source("phoenix", imported.listings, imported.roles, horizon=HORIZON))
    with paused_gc():
        dictionary = ActorDictionary(sources)
    dictionary.imported = imported.counts if imported is not None else Counter()
    return dictionary


def read_countries(path: Path) -> list[Country]:
    """``countries.tsv``: code, name, aliases, demonyms, capitals, leader."""
    return [
        Country(row["code"], row["name"], split_cell(row["aliases"]), split_cell(row["demonyms"]),
                split_cell(row["capitals"]), row.get("leader") or "President")
        for row in table(str(path), COUNTRY_COLUMNS)
    ]


def read_roles(path: Path) -> Iterator[Role]:
    """``roles.tsv``: phrase, sector, type, label."""
    for row in table(str(path), ROLE_COLUMNS):
        yield Role(fold(row["phrase"]), split_cell(row["sector"].replace(" ", "|")), row["type"], row["label"])


def listing_from_row(row: Mapping[str, object], codes: set[str], where: str, default_kind: Kind,
                     stateless: Kind = "organisation") -> Listing:
    """One actor from a mapping with the columns of :data:`ACTOR_COLUMNS`. With no kind given, an actor
    of a country is ``default_kind`` and one of no country (an IGO code) is ``stateless``."""
    name, code = str(row.get("name") or "").strip(), str(row.get("code") or "").strip().upper()
    if not name or not code:
        raise DictionaryError(f"{where}: an actor needs a name and a code (got name={name!r}, code={code!r})")
    country, sectors = split_code(code, codes)
    kind = str(row.get("kind") or "").strip() or (default_kind if country else stateless)
    if not is_kind(kind):
        raise DictionaryError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    key = str(row.get("id") or "").strip() or fold(name).replace(" ", "_")
    entry = Entry(key, name, code, country, sectors, kind, str(row.get("role") or "").strip() or None,
                  _date(row.get("start"), where), _date(row.get("end"), where))
    aliases = row.get("aliases")
    return Listing(entry, split_cell(aliases if isinstance(aliases, (str, list, tuple)) else None))


def _date(value: object, where: str) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise DictionaryError(f"{where}: date {text!r} is not an ISO date like 2018-07-12")
    return text


def read_actor_table(path: Path, codes: set[str], default_kind: Kind,
                     stateless: Kind = "organisation") -> Iterator[Listing]:
    """``leaders.tsv``, ``institutions.tsv``, ``organisations.tsv``: the actor columns, tab-separated
    (every leader is a person, also one with an IGO code such as a UN Secretary-General)."""
    for row in table(str(path), ("name", "code")):
        yield listing_from_row(row.cells, codes, f"{path}:{row.line}", default_kind, stateless)


def read_user_file(path: Path, codes: set[str]) -> tuple[list[Listing], list[Role]]:
    """A user dictionary, by its name: YAML, CSV, or PETRARCH actors/agents."""
    if not path.exists():
        raise DictionaryError(f"dictionary file {path} does not exist: check the path given to --dictionary")
    name = path.name.lower()
    if name.endswith((".yaml", ".yml")):
        return read_yaml(path, codes)
    if name.endswith(".csv"):
        return read_csv(path, codes), []
    if name.endswith(".agents") or "agents" in name:
        return [], list(read_petrarch_agents(path))
    if name.endswith(".actors") or "actors" in name:
        return list(read_petrarch_actors(path, codes)), []
    raise DictionaryError(
        f"cannot tell the format of {path}: name it .yaml, .csv, .actors or .agents (see docs/actors.md)"
    )


def read_csv(path: Path, codes: set[str]) -> list[Listing]:
    """A CSV user dictionary: a header row with the columns of :data:`ACTOR_COLUMNS`, '#' comment lines."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [listing_from_row(row, codes, f"{path}:{n}", "person") for n, row in enumerate(reader, 2)]


def read_yaml(path: Path, codes: set[str]) -> tuple[list[Listing], list[Role]]:
    """A YAML user dictionary: a list of actors, or a mapping with ``actors:`` and ``roles:`` lists."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path} is not valid YAML: {exc}") from exc
    actors, roles = (data, []) if isinstance(data, list) else (data.get("actors", []), data.get("roles", []))
    listings = [listing_from_row(row, codes, f"{path}: actor {n}", "person") for n, row in enumerate(actors, 1)]
    return listings, [_yaml_role(r) for r in roles]


def _yaml_role(row: Mapping[str, object]) -> Role:
    """A role of a YAML user dictionary: phrase, sector, type (person by default), label (the phrase)."""
    return Role(fold(str(row["phrase"])), split_cell(str(row.get("sector", "")).replace(" ", "|")),
                str(row.get("type", "person")), str(row.get("label", row["phrase"])))
