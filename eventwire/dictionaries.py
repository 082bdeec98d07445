"""Actor dictionaries: countries, dated office holders, institutions, organisations, role words.

:class:`ActorDictionary` merges the package tables in ``eventwire/data/`` (``countries.tsv``,
``leaders.tsv``, ``institutions.tsv``, ``organisations.tsv``, ``roles.tsv``) with user files:

* YAML: a list of actors, or a mapping with ``actors:`` and ``roles:`` lists;
* CSV: a header row with the columns ``id,name,aliases,code,kind,role,start,end``;
* PETRARCH ``.actors``/``.agents`` dictionaries (also ``*actors*.txt`` / ``*agents*.txt``).

User entries come after the package data: for a name listed in both, the user's entry wins.
The formats are described with examples in ``docs/actors.md``. :meth:`ActorDictionary.load`
is cached by its paths, so every stage and batch in a process shares one dictionary.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jellyfish
import yaml

from .errors import DictionaryError
from .settings import data_path

REGIONS = frozenset({"EUR", "AFR", "ASA", "MEA", "LAM"})

# The capitalised nouns that end the proper name of a facility or natural feature ("the Chile Bridge",
# "Peru Square", "the Niger Delta"): a country, capital or person written before one names the place,
# not an actor, and is no place of its own (see ``mentions.place_name_end``, used by the actors and the
# places stages). An optional modifier may come between ("Lima International Airport").
FACILITY_NOUNS = frozenset({"bridge", "street", "square", "road", "avenue", "boulevard", "highway", "airport", "stadium",
                            "park", "museum", "station", "tower", "towers", "hall", "hotel", "gate", "mosque", "church",
                            "cathedral", "synagogue", "temple", "market", "bazaar", "plaza", "mall", "theatre",
                            "theater", "library", "hospital", "crossing", "terminal", "arena", "garden", "gardens"})
NATURAL_FEATURES = frozenset({"river", "valley", "delta", "canal", "basin", "strait", "straits", "sea", "lake", "bay",
                              "mountains", "desert", "plateau"})
PLACE_NAME_NOUNS = FACILITY_NOUNS | NATURAL_FEATURES
FACILITY_MODIFIERS = frozenset({"international", "national", "grand", "central"})

TITLE_TYPES = frozenset({"person", "honorific", "qualifier"})
KINDS = frozenset({"state", "person", "organisation", "group", "igo"})
ACTOR_COLUMNS = ("id", "name", "aliases", "code", "kind", "role", "start", "end")


@dataclass(frozen=True)
class Entry:
    """What a name refers to: one actor (for office holders: one tenure, dated)."""

    key: str
    name: str
    code: str
    country: str | None
    sectors: tuple[str, ...]
    kind: str
    role: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Country:
    """A state (or CAMEO region) with the words that name it, its people and its government."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    leader: str = "President"

    @property
    def adjective(self) -> str:
        """The word used in actor names: "Iranian government", "European business"."""
        return self.demonyms[0] if self.demonyms else self.name


@dataclass(frozen=True)
class Role:
    """A role or sector noun: a title ("minister"), a body ("parliament") or a group ("troops")."""

    phrase: str
    sectors: tuple[str, ...]
    type: str  # "person", "body", "group" or "honorific"
    label: str


@dataclass(frozen=True)
class Alias:
    """One way of writing a name: the entry key it points to and the form it takes."""

    text: str
    key: str
    form: str  # "name", "demonym" or "capital"
    exact: bool = False


@dataclass(frozen=True)
class Listing:
    """A dictionary row as read from a file: the entry and the names that refer to it."""

    entry: Entry
    aliases: tuple[str, ...]


WORD = re.compile(r"\w+|[^\w\s]")  # the words and signs a name is counted in


def fold(text: str) -> str:
    """The lookup key of a name: lower case, straight apostrophes, single spaces."""
    return " ".join(text.replace("\u2019", "'").lower().split())


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one inserted, deleted, replaced or swapped letter."""
    return jellyfish.damerau_levenshtein_distance(a, b) == 1


def is_acronym(alias: str) -> bool:
    """Short all-capital names ("US", "WHO", "ISNA") only match as written."""
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def case_matches(alias: Alias, text: str) -> bool:
    """Whether ``text`` is written as ``alias`` requires: exact for acronyms, else capitals kept, but for
    the generic last word of a name of three words or more, which house styles lower ("the Free Syrian
    army", "the Kurdistan Workers' party")."""
    if alias.exact:
        return text == alias.text
    wanted, written = alias.text.split(), text.split()
    free = len(wanted) - 1 if len(wanted) >= 3 else None
    for n, (want, got) in enumerate(zip(wanted, written)):
        if want[:1].isupper() and not got[:1].isupper() and n != free:
            return False
    return True


def split_code(code: str, countries: Collection[str]) -> tuple[str | None, tuple[str, ...]]:
    """("IRNGOV", known) -> ("IRN", ("GOV",)); IGO and unknown prefixes give no country."""
    head, rest = code[:3], code[3:]
    if head in countries:
        return head, tuple(rest[i:i + 3] for i in range(0, len(rest), 3))
    return None, tuple(code[i:i + 3] for i in range(0, len(code), 3))


class ActorDictionary:
    """Every name eventwire knows, with what it refers to, and the role words."""

    def __init__(self, countries: Sequence[Country], listings: Sequence[Listing], roles: Sequence[Role]) -> None:
        self.countries = {c.code: c for c in countries}
        self.roles = {r.phrase: r for r in roles}
        self._entries: dict[str, list[Entry]] = {}
        self._aliases: dict[str, list[Alias]] = {}
        self._holders: dict[tuple[str, str], list[Entry]] = {}
        self.max_words = 1
        self.first_words: set[str] = set()  # the first word of every name: where a name can start
        self._country_names: dict[str, list[Alias]] = {}  # one-word names of 6+ letters, by first letter
        self._misspelt: dict[str, tuple[Alias, ...]] = {}  # words looked up so far
        for country in countries:
            self._add_country(country)
        for listing in listings:
            self._add_listing(listing)
        for rows in (*self._entries.values(), *self._holders.values()):
            rows.sort(key=lambda e: e.start or "")
        self.role_last_words = frozenset(fold(p.replace("-", " ")).split()[-1] for p in self.roles if p.strip())
        self.title_words = frozenset(w for phrase, r in self.roles.items() if r.type in TITLE_TYPES
                                     for w in phrase.split())

    @classmethod
    def load(cls, paths: Sequence[str] = ()) -> "ActorDictionary":
        """The package dictionaries plus the user files in ``paths`` (cached by paths)."""
        return _load(tuple(str(p) for p in paths))

    def _add_alias(self, alias: Alias) -> None:
        key = fold(alias.text)
        same = self._aliases.setdefault(key, [])
        if alias in same:
            same.remove(alias)
        same.append(alias)
        words = WORD.findall(key)
        self.max_words = max(self.max_words, len(words))
        self.first_words.add(words[0] if words else key)

    def _add_country(self, country: Country) -> None:
        kind = "group" if country.code in REGIONS else "state"
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
        if entry.kind == "state" and entry.key in self.countries:
            self._add_country_names(self.countries[entry.key], (entry.name, *listing.aliases))
            return
        self._entries.setdefault(entry.key, []).append(entry)
        if entry.kind == "person" and entry.role and entry.country:
            self._holders.setdefault((entry.country, entry.role.lower()), []).append(entry)
        for name in dict.fromkeys((entry.name, *listing.aliases)):
            self._add_alias(Alias(name, entry.key, "name", is_acronym(name)))

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
        """The aliases written as ``text``, the most recently added (user files) first."""
        found = self._aliases.get(fold(text), ())
        return tuple(a for a in reversed(found) if case_matches(a, text))

    def may_start(self, word: str) -> bool:
        """Whether a name can begin with ``word`` (a token's text): its first word starts some name."""
        first = WORD.match(fold(word))
        return first is not None and first.group() in self.first_words

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

    def entry(self, key: str, date: str | None = None) -> Entry | None:
        """The entry ``key``; for office holders the tenure in force on ``date`` (ISO)."""
        rows = self._entries.get(key)
        if not rows:
            return None
        if date is None:
            return rows[-1]
        active = [r for r in rows if (r.start or "") <= date and (r.end is None or date < r.end)]
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


OFFICE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "foreign minister": ("foreign secretary", "secretary of state", "external affairs minister"),
    "defence minister": ("defence secretary", "secretary of defense", "armed forces minister",
                         "defense minister"),
    "defense minister": ("defence minister", "defence secretary", "secretary of defense", "armed forces minister"),
}


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> ActorDictionary:
    countries = read_countries(data_path("countries.tsv"))
    codes = {c.code for c in countries}
    listings: list[Listing] = []
    listings.extend(read_actor_table(data_path("leaders.tsv"), codes, default_kind="person", stateless="person"))
    for name in ("institutions.tsv", "organisations.tsv"):
        listings.extend(read_actor_table(data_path(name), codes, default_kind="person"))
    roles = list(read_roles(data_path("roles.tsv")))
    for path in paths:
        user_listings, user_roles = read_user_file(Path(path), codes)
        listings.extend(user_listings)
        roles.extend(user_roles)
    return ActorDictionary(countries, listings, roles)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated table with '#' comments and a header, with their line numbers."""
    header: list[str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield number, dict(zip(header, (c.strip() for c in cells + [""] * (len(header) - len(cells)))))


def _split(cell: str | Sequence[str] | None) -> tuple[str, ...]:
    if cell is None:
        return ()
    items = cell.split("|") if isinstance(cell, str) else [str(c) for c in cell]
    return tuple(i.strip() for i in items if i and i.strip())


def read_countries(path: Path) -> list[Country]:
    """``countries.tsv``: code, name, aliases, demonyms, capitals, leader."""
    return [
        Country(row["code"], row["name"], _split(row["aliases"]), _split(row["demonyms"]),
                _split(row["capitals"]), row.get("leader") or "President")
        for _, row in _rows(path)
    ]


def read_roles(path: Path) -> Iterator[Role]:
    """``roles.tsv``: phrase, sector, type, label."""
    for _, row in _rows(path):
        yield Role(fold(row["phrase"]), _split(row["sector"].replace(" ", "|")), row["type"], row["label"])


def listing_from_row(row: dict[str, object], codes: set[str], where: str, default_kind: str,
                     stateless: str = "organisation") -> Listing:
    """One actor from a mapping with the columns of :data:`ACTOR_COLUMNS`. With no kind given, an actor
    of a country is ``default_kind`` and one of no country (an IGO code) is ``stateless``."""
    name, code = str(row.get("name") or "").strip(), str(row.get("code") or "").strip().upper()
    if not name or not code:
        raise DictionaryError(f"{where}: an actor needs a name and a code (got name={name!r}, code={code!r})")
    country, sectors = split_code(code, codes)
    kind = str(row.get("kind") or "").strip() or (default_kind if country else stateless)
    if kind not in KINDS:
        raise DictionaryError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    key = str(row.get("id") or "").strip() or fold(name).replace(" ", "_")
    entry = Entry(key, name, code, country, sectors, kind, str(row.get("role") or "").strip() or None,
                  _date(row.get("start"), where), _date(row.get("end"), where))
    aliases = row.get("aliases")
    return Listing(entry, _split(aliases if isinstance(aliases, (str, list, tuple)) else None))


def _date(value: object, where: str) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise DictionaryError(f"{where}: date {text!r} is not an ISO date like 2018-07-12")
    return text


def read_actor_table(path: Path, codes: set[str], default_kind: str,
                     stateless: str = "organisation") -> Iterator[Listing]:
    """``leaders.tsv``, ``institutions.tsv``, ``organisations.tsv``: the actor columns, tab-separated
    (every leader is a person, also one with an IGO code such as a UN Secretary-General)."""
    for number, row in _rows(path):
        yield listing_from_row(row, codes, f"{path}:{number}", default_kind, stateless)


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
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [listing_from_row(row, codes, f"{path}:{n}", "person") for n, row in enumerate(reader, 2)]


def read_yaml(path: Path, codes: set[str]) -> tuple[list[Listing], list[Role]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path} is not valid YAML: {exc}") from exc
    actors, roles = (data, []) if isinstance(data, list) else (data.get("actors", []), data.get("roles", []))
    listings = [listing_from_row(row, codes, f"{path}: actor {n}", "person") for n, row in enumerate(actors, 1)]
    found = [
        Role(fold(str(r["phrase"])), _split(str(r.get("sector", "")).replace(" ", "|")),
             str(r.get("type", "person")), str(r.get("label", r["phrase"])))
        for r in roles
    ]
    return listings, found


def _petrarch_lines(path: Path) -> Iterator[str]:
    """Lines of a PETRARCH dictionary without ``<!-- -->`` blocks and ``#`` comments."""
    in_comment = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if in_comment or "<!--" in raw:
            in_comment = "-->" not in raw
            continue
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield line


def _petrarch_date(text: str) -> str:
    digits = text.strip()
    if len(digits) == 6:
        digits = ("19" if int(digits[:2]) > 30 else "20") + digits
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def parse_code_block(block: str) -> tuple[str, str | None, str | None] | None:
    """"IRN", "HOB < 950601", "HOBGOV 19950601 - 19990815" -> (code, start, end); None if unusable."""
    parts = block.replace("<", " < ").replace(">", " > ").split()
    if not parts:
        return None
    code = parts[0].split("/")[0].strip().upper()
    if not code.isalnum():
        return None
    rest = [p for p in parts[1:] if p != "-"]
    if len(rest) >= 2 and rest[0] == "<":
        return code, None, _petrarch_date(rest[1])
    if len(rest) >= 2 and rest[0] == ">":
        return code, _petrarch_date(rest[1]), None
    if len(rest) >= 2 and rest[0].isdigit() and rest[1].isdigit():
        return code, _petrarch_date(rest[0]), _petrarch_date(rest[1])
    return code, None, None


def _petrarch_name(raw: str) -> str:
    """"CENTRAL_AFRICAN_REPUBLIC_" -> "Central african republic" (capitals only where they must be)."""
    words = raw.replace("_", " ").split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else ""


def read_petrarch_actors(path: Path, codes: set[str]) -> Iterator[Listing]:
    """A PETRARCH ``.actors`` file: ``NAME [CODE]``, ``+SYNONYM`` lines and dated code blocks."""
    name: str | None = None
    aliases: list[str] = []
    blocks: list[str] = []
    for line in _petrarch_lines(path):
        stripped = line.strip()
        if stripped.startswith("+"):
            aliases.append(_petrarch_name(stripped[1:]))
        elif stripped.startswith("["):
            blocks.extend(re.findall(r"\[([^\]]*)\]", stripped))
        else:
            if name:
                yield from _petrarch_listings(name, aliases, blocks, codes)
            name = _petrarch_name(stripped.split("[", 1)[0])
            aliases, blocks = [], re.findall(r"\[([^\]]*)\]", stripped)
    if name:
        yield from _petrarch_listings(name, aliases, blocks, codes)


def _petrarch_listings(name: str, aliases: list[str], blocks: list[str], codes: set[str]) -> Iterator[Listing]:
    parsed = [p for p in (parse_code_block(b) for b in blocks) if p]
    dated = any(start or end for _, start, end in parsed)
    for code, start, end in parsed:
        country, sectors = split_code(code, codes)
        if dated:
            kind = "person"
        elif code.startswith("IGO"):
            kind = "igo"
        else:
            kind = "state" if country and not sectors else "organisation"
        key = code if kind == "state" else "petrarch:" + fold(name).replace(" ", "_")
        title = " ".join(w.capitalize() for w in name.split())
        yield Listing(Entry(key, title, code, country, sectors, kind, None, start, end), (name, *aliases))


def read_petrarch_agents(path: Path) -> Iterator[Role]:
    """A PETRARCH ``.agents`` file: ``PHRASE {PLURALS} [~CODE]`` with ``!SUBST! = A, B`` lists."""
    substitutions: dict[str, list[str]] = {}
    for line in _petrarch_lines(path):
        stripped = line.strip()
        match = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", stripped)
        if match:
            substitutions[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        code_match = re.search(r"\[\s*([^\]]*)\]", stripped)
        if not code_match:
            continue
        code = code_match.group(1).replace("~", "").strip().upper()
        if not code.isalnum():
            continue
        sectors = tuple(code[i:i + 3] for i in range(0, len(code), 3))
        head = stripped[: code_match.start()]
        plural_match = re.search(r"\{([^}]*)\}", head)
        phrase = re.sub(r"\{[^}]*\}", "", head).strip()
        plurals = [p.strip() for p in plural_match.group(1).split(",") if p.strip()] if plural_match else []
        for singular in _expand(phrase, substitutions):
            yield Role(fold(singular.replace("_", " ")), sectors, "person", fold(singular.replace("_", " ")))
            for plural in plurals or [singular + "S"]:
                for form in _expand(plural, substitutions):
                    yield Role(fold(form.replace("_", " ")), sectors, "group", fold(form.replace("_", " ")))


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """``CONGRESS!PERSON!`` -> ``CONGRESSMAN``, ``CONGRESSMEN``, ... (each ``!X!`` replaced)."""
    match = re.search(r"![A-Z]+!", phrase)
    if not match or match.group(0) not in substitutions:
        return [phrase] if phrase and "!" not in phrase else []
    return [
        expanded
        for word in substitutions[match.group(0)]
        for expanded in _expand(phrase[: match.start()] + word + phrase[match.end():], substitutions)
    ]
