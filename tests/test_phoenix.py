"""The shipped Phoenix dictionaries: the strict PETRARCH reader, the import's filters, the merge with eventwire's
tables and the user's files (user > eventwire > Phoenix), the cache. Small PETRARCH files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import DictionaryError
from eventwire.lexicons import phoenix
from eventwire.lexicons.actors import ActorDictionary, build_dictionary
from eventwire.lexicons.petrarch import (
    actor_entries,
    agent_forms,
    parse_code_block,
    petrarch_name,
    petrarch_names,
    read_petrarch_agents,
)

COUNTRIES = """# a country block with its towns, as Phoenix writes them
KENYA_  [KEN]
+KENYAN_
+KENIA_ # a misspelling
+REPUBLIC_OF_KENYA
+NAIROBI_
+MOMBASA
+KISUMU_ # towns and regions
+NYANZA_BELT

KENYA_WILDLIFE_SERVICE_
+KWS
\t[KENGOV]

WANJIKU_MWANGI_OTIENO_  # a minister, then out of office
+WANJIKU_OTIENO
+PRESIDENT_WANJIKU_OTIENO
\t[KENELI 800101-030115]
\t[KENGOVMIL 20030115-20071231] [KENELI]

BARAKA_KIPTOO_
\t[KENGOV 990301-050630]
\t[KENGOV >20120101]

VLADIMIR_PUTIN_ # eventwire's Putin: the same person
+VOVA_PUTIN
\t[RUSGOV 20000101-20200101]
MOHAMMAD_JAVAD_ZARIF_ # another country: another person
+ZARIF_OF_NAKURU
\t[KENGOV 20000101-20200101]
TEHRAN_ [KENOPP]
"""

INTERNATIONAL = """<!-- organisations -->
EAST_RIFT_RELIEF_ALLIANCE_ [NGOKENHLH]
+ERRA_
GREAT_LAKES_MONITORS_ [IGOAFR] # an IGO
SOVIET_PEACE_FUND_ [USR]
"""

MILNONSTATE = """ZORVAK_FRONT_ [KENREB]
+ZORVAK
MARA_RIDGE_BRIGADE_ [KENREB]
KENYAN_HIGHLAND_LIBERATION_ARMY_(KHLA)_ [EAFREB] # a region's code: the country its name names
+KHLA/F_
RIFT_FREEDOM_MOVEMENT_ [EAFREB] # no country in its names
NORTHERN_ALLIANCE_(KENYA)_ [KENREB] # a note in brackets, no acronym
"""

AGENTS = """!PERSON! = MAN, MEN
RIOT_POLICE {} [~COP]
OPPOSITION_FIGHTER [~REB]
POLICE {} [~MIL]
SHEPHERD [~AGR]
POLICE!PERSON! [~COP]
AMBASSADOR_TO {} [~GOV]
PEACEKEEPING_TROOPS {} [IGO~]
ARMED_REBEL_GROUP [~REB]
GROUP [~CVL]
"""


def write_phoenix(folder: Path, **changes: str) -> Path:
    """The four Phoenix files in ``folder`` (``changes``: a file's text by its short name)."""
    texts = {"countries": COUNTRIES, "international": INTERNATIONAL, "milnonstate": MILNONSTATE,
             "agents": AGENTS, **changes}
    names = {"countries": "Phoenix.Countries.actors.txt", "international": "Phoenix.International.actors.txt",
             "milnonstate": "Phoenix.MilNonState.actors.txt", "agents": "Phoenix.agents.txt"}
    folder.mkdir(parents=True, exist_ok=True)
    for short, text in texts.items():
        (folder / names[short]).write_text(text, encoding="utf-8")
    return folder


def located(name: str) -> list[tuple[str, str | None]] | None:
    """A gazetteer of a few places: Kenyan towns and regions, Kenya itself, Jordan."""
    places = {"nairobi": [("city", "KEN")], "mombasa": [("city", "KEN")], "kisumu": [("city", "KEN")],
              "kenya": [("country", "KEN")], "jordan": [("country", "JOR")]}
    return places.get(name.lower())


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> phoenix.Phoenix:
    return phoenix.build(located, write_phoenix(tmp_path_factory.mktemp("phoenix")))


@pytest.fixture(scope="module")
def merged(imported: phoenix.Phoenix) -> ActorDictionary:
    return build_dictionary((), imported)


def keys(dictionary: ActorDictionary, text: str) -> list[str]:
    return [a.key for a in dictionary.candidates(text)]


def test_a_persons_dated_codes_are_kept(merged: ActorDictionary) -> None:
    key = keys(merged, "Wanjiku Mwangi Otieno")[0]
    assert keys(merged, "Wanjiku Otieno") == [key]
    assert merged.entry(key, "1995-05-05").code == "KENELI"
    assert merged.entry(key, "2005-05-05").code == "KENGOVMIL"  # an 8-digit range, on a line with another block
    assert merged.entry(key, "2010-05-05").code == "KENELI"  # the undated block: the code outside the dates
    assert merged.entry(key, "2015-05-05") is None, "after Phoenix's horizon an ended tenure says nothing"
    baraka = keys(merged, "Baraka Kiptoo")[0]
    assert [(e.code, e.start, e.end) for e in merged.entries() if e.key == baraka] == [
        ("KENGOV", "1999-03-01", "2005-06-30"), ("KENGOV", "2012-01-01", None)]
    assert merged.entry(baraka, "2008-01-01").code == "KENELI", "between two tenures: out of office"
    assert merged.entry(baraka, "2018-01-01").code == "KENGOV"


@pytest.mark.parametrize("block,parsed", [
    ("KENGOV 990301-050630", ("KENGOV", "1999-03-01", "2005-06-30")),
    ("KENGOV >20120101", ("KENGOV", "2012-01-01", None)),
    ("KENGOV > 120101", ("KENGOV", "2012-01-01", None)),
    ("KENREB <301231", ("KENREB", None, "2030-12-31")),  # years up to 30 are of the 2000s
    ("KENREB < 311231", ("KENREB", None, "1931-12-31")),
    ("KENGOV 20121204", ("KENGOV", "2012-12-04", None)),  # a lone date: from then on
    ("KEN/UGA", ("KEN", None, None)),
    ("--- <950630", None),
])
def test_code_blocks(block: str, parsed: tuple[str, str | None, str | None] | None) -> None:
    assert parse_code_block(block) == parsed


def test_eventwires_tables_win_over_phoenix(merged: ActorDictionary) -> None:
    assert keys(merged, "Vladimir Putin") == ["vladimir_putin"]
    assert merged.entry("vladimir_putin", "2010-01-01").role == "Prime Minister", "eventwire's tenures stand"
    assert keys(merged, "Vova Putin") == ["vladimir_putin"], "a name Phoenix adds joins the same actor"
    assert keys(merged, "Mohammad Javad Zarif") == ["mohammad_javad_zarif"], "Phoenix's other actor loses the name"
    other = keys(merged, "Zarif of Nakuru")
    assert other != ["mohammad_javad_zarif"] and merged.entry(other[0], "2010-01-01").code == "KENGOV"
    assert [(a.key, a.form) for a in merged.candidates("Tehran")] == [("IRN", "capital")]
    assert merged.role("police").sectors == ("COP",), "a role phrase eventwire lists keeps its sector"
    assert merged.merged["phoenix: names a higher source gives to another actor"] >= 1
    assert merged.merged["phoenix: role phrases a higher source gives otherwise"] == 1


def test_the_users_files_win_over_both(tmp_path: Path, imported: phoenix.Phoenix) -> None:
    mine = tmp_path / "mine.actors"
    mine.write_text("ZORVAK_FRONT_ [KENOPP]\nVLADIMIR_PUTIN_ [KENGOV]\nRIOT_POLICE_UNIT [KENCOP]\n", encoding="utf-8")
    roles = tmp_path / "mine.agents"
    roles.write_text("RIOT_POLICE {} [~SPY]\n", encoding="utf-8")
    dictionary = build_dictionary((str(mine), str(roles)), imported)
    assert [dictionary.entry(k).code for k in keys(dictionary, "Zorvak Front")] == ["KENOPP"]
    assert keys(dictionary, "Zorvak") and dictionary.entry(keys(dictionary, "Zorvak")[0]).code == "KENREB", \
        "a name only Phoenix gives stays Phoenix's"
    assert [dictionary.entry(k).code for k in keys(dictionary, "Vladimir Putin")] == ["KENGOV"]
    assert dictionary.role("riot police").sectors == ("SPY",)


def test_towns_and_regions_of_a_country_block_are_no_country_names(merged: ActorDictionary,
                                                                     imported: phoenix.Phoenix) -> None:
    for name in ("Kenia", "Republic of Kenya"):
        assert keys(merged, name) == ["KEN"], name
    assert keys(merged, "Nairobi") == ["KEN"] and merged.candidates("Nairobi")[0].form == "capital", \
        "eventwire's own capital, not a Phoenix synonym"
    for name in ("Mombasa", "Kisumu", "Nyanza Belt"):
        assert keys(merged, name) == [], name
    skipped = {k: v for k, v in imported.counts.items() if k.startswith("Phoenix.Countries.actors.txt names")}
    assert skipped["Phoenix.Countries.actors.txt names skipped: a place in the country (left to the places stage)"] == 3
    assert skipped["Phoenix.Countries.actors.txt names skipped: not a name of the country (a town, region or "
                   "nickname)"] == 1


def test_names_that_are_titles_acronyms_or_unknown_codes(merged: ActorDictionary) -> None:
    assert keys(merged, "President Wanjiku Otieno") == [], "the actors stage reads titles itself"
    assert keys(merged, "KWS") and keys(merged, "Kws") == [], "a short capitalised name matches only as written"
    assert merged.entry(keys(merged, "ERRA")[0]).code == "NGOKENHLH"
    assert merged.entry(keys(merged, "Great Lakes Monitors")[0]).kind == "igo"
    assert merged.entry(keys(merged, "Mara Ridge Brigade")[0]).kind == "group"
    assert keys(merged, "Soviet Peace Fund") == [], "a code of no country eventwire knows"


def test_agents_become_roles(merged: ActorDictionary, imported: phoenix.Phoenix) -> None:
    riot = merged.role("riot police")
    assert (riot.sectors, riot.type) == (("COP",), "body"), "no plural: the type of its head noun, police"
    assert merged.role("opposition fighters").type == "group" and merged.role("opposition fighters").sectors == ("REB",)
    assert merged.role("opposition fighter") is None, "eventwire lists no singular 'fighter'"
    assert merged.role("shepherd") is None and merged.role("shepherds") is None, "a head noun eventwire lacks"
    assert merged.role("policeman").sectors == ("COP",) and merged.role("policemen").type == "group"
    assert merged.role("ambassador to") is None and merged.role("peacekeeping troops") is None
    assert imported.counts["Phoenix.agents.txt agent phrases skipped: a code before the actor's (IGO~)"] == 1


def test_a_kind_of_group_is_a_body_role_but_a_bare_group_is_none(merged: ActorDictionary) -> None:
    rebel_group = merged.role("armed rebel group")
    assert (rebel_group.sectors, rebel_group.type) == (("REB",), "body")
    assert merged.role("armed rebel groups").type == "group"
    assert merged.role("group") is None, "'the group said' names no one"


def test_agent_plurals_and_substitutions(tmp_path: Path) -> None:
    path = tmp_path / "test.agents"
    path.write_text("!PERSON! = MAN, WOMAN, MEN\nSECURITY_GUARD [~COP]\nMILITARY_ATTACHE {MILITARY_ATTACHES} [~MIL]\n"
                    "ARMY {} [~MIL]\nCOUNTRY_DEPUTY [~GOV]\nBOSS [~BUS]\nGUN!PERSON! [~UAF]\n", encoding="utf-8")
    phrases = {(f.phrase, f.plural) for f in agent_forms(path)}
    assert {("security guards", True), ("military attaches", True), ("country deputies", True),
            ("bosses", True), ("gunman", False), ("gunwoman", False), ("gunmen", True)} <= phrases
    assert ("army", False) in phrases and not any(p == "armys" or p == "armies" for p, _ in phrases)
    assert ("gunmans", True) not in phrases, "a substituted word forms no plural"
    roles = {r.phrase: r for r in read_petrarch_agents(path)}
    assert roles["security guard"].type == "person" and roles["security guards"].type == "group"


@pytest.mark.parametrize("content,line,message", [
    ("KENYA_ [KEN]\n+KENIA_\n\t[KENGOV 20031301-20050101]\n", 3, "no calendar date"),
    ("KENYA_ [KEN]\n\t[KENGOV 2003011-20050101]\n", 2, "neither yymmdd nor yyyymmdd"),
    ("OTIENO_\n\t[KENGOV 20050101-20030101]\n", 2, "ends before it starts"),
    ("+KENIA_\nKENYA_ [KEN]\n", 1, "before any actor"),
    ("KENYA_ [KEN\n", 1, "unbalanced"),
    ("KENYA_ [KEN] Republic\n", 1, "text after a code block"),
    ("KENYA_ [KEN]\n\t[KENGOV from 2003]\n", 2, "not a date restriction"),
    ("<!-- never closed\nKENYA_ [KEN]\n", 1, "never closed"),
])
def test_a_malformed_actors_line_says_file_and_line(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = tmp_path / "bad.actors"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as caught:
        ActorDictionary.load([str(path)])
    assert f"bad.actors:{line}:" in str(caught.value)


@pytest.mark.parametrize("content,line,message", [
    ("ISLAMIC_EXTREMIST\n", 1, "needs one code block"),
    ("!PERSON! = MAN\nFIRE!PERSONS! [~GOV]\n", 2, "not defined"),
    ("RIOT_POLICE {RIOT_POLICES [~COP]\n", 1, "unbalanced"),
    ("RIOT_POLICE [COP]\n", 1, "is not ~CODE or CODE~"),
])
def test_a_malformed_agents_line_says_file_and_line(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = tmp_path / "bad.agents"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as caught:
        ActorDictionary.load([str(path)])
    assert f"bad.agents:{line}:" in str(caught.value)


def test_a_malformed_shipped_file_says_file_and_line(tmp_path: Path) -> None:
    folder = write_phoenix(tmp_path / "phoenix", milnonstate="ZORVAK_FRONT_ [KENREB]\n+ZORVAK\n\t[KENREB 20109999]\n")
    with pytest.raises(DictionaryError, match=r"Phoenix\.MilNonState\.actors\.txt:3: .*no calendar date"):
        phoenix.build(located, folder)


def test_comments(tmp_path: Path) -> None:
    path = tmp_path / "test.actors"
    path.write_text("<!-- one line --> KENYA_ [KEN] # a comment [NOT A BLOCK\n<!--\nOTHER_ [UGA]\n# -->\n"
                    "<! -- TABARI's form -->\n#NOTHING [###]\n+KENIA_\n", encoding="utf-8")
    entries = list(actor_entries(path))
    assert [(e.name, e.line, e.synonyms, e.blocks) for e in entries] == [
        ("KENYA_", 1, [("KENIA_", 7)], [("KEN", None, None)])]


@pytest.mark.parametrize("raw,name", [
    ("ABDUL_QADIR_", "Abdul Qadir"), ("BASHAR_AL-ASSAD", "Bashar al-Assad"), ("ISLAMIC_REPUBLIC_OF_IRAN", None),
    ("ANSF", "ANSF"), ("U.N._CHIEF", "U.N. Chief"), ("AL-QAEDA", "Al-Qaeda"),
])
def test_names_are_written_as_news_writes_them(raw: str, name: str | None) -> None:
    assert petrarch_name(raw, {"iran": "Iran"}) == (name or "Islamic Republic of Iran")


def test_the_import_is_cached_and_rebuilt_when_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = write_phoenix(tmp_path / "phoenix")
    monkeypatch.setattr(phoenix, "FOLDER", folder)
    monkeypatch.setattr(phoenix, "_gazetteer_places", lambda: located)
    path = phoenix.cache_path()
    assert path is not None and not path.exists()
    first = phoenix.phoenix()
    assert path.exists()
    again = phoenix.phoenix()
    assert [x.entry for x in again.listings] == [x.entry for x in first.listings] and again.counts == first.counts
    (folder / "Phoenix.MilNonState.actors.txt").write_text("OTHER_FRONT_ [KENREB]\n", encoding="utf-8")
    stale, path = path, phoenix.cache_path()
    assert path != stale, "a changed file is another digest"
    second = phoenix.phoenix()
    assert any(x.entry.name == "Other Front" for x in second.listings)
    path.write_bytes(b"not a cache")
    assert phoenix.phoenix().counts == second.counts, "an unreadable copy is rebuilt"


def test_the_shipped_files_read_and_load_by_default() -> None:
    phoenix.check()
    dictionary = ActorDictionary.load()
    counts = {k.split(" ", 1)[1]: v for k, v in dictionary.imported.items() if k.startswith("Phoenix.Countries")}
    assert counts["kept: people (dated tenures)"] > 15_000 and counts["kept: countries"] > 150
    assert dictionary.imported["Phoenix.International.actors.txt kept: organisations"] > 3_000
    assert dictionary.imported["Phoenix.agents.txt kept: roles"] > 300
    assert any(k.startswith("phoenix:") for k in (a.key for a in dictionary.candidates("Mesut Yilmaz")))


@pytest.mark.model
@pytest.mark.parametrize("published,code", [("1998-03-01", "TURGOV"), ("1993-03-01", "TURELI"),
                                            ("2008-03-01", "TURELI")])
def test_a_person_only_phoenix_knows_is_coded_by_date(nlp, published: str, code: str) -> None:
    from eventwire.context import ArticleContext
    from eventwire.resources import Resources
    from eventwire.stages.actors import find_actors

    doc = nlp("Mesut Yilmaz accused Greece of stirring up trouble in Cyprus, and Athens rejected the charge.")
    actors = find_actors(ArticleContext.of(doc, "phoenix-test", published), Resources.load())
    yilmaz = next(a for a in actors if a.name == "Mesut Yilmaz")
    assert yilmaz.code == code


@pytest.mark.parametrize("raw,names", [
    ("IRISH_NATIONAL_LIBERATION_ARMY_(INLA)_", ["Irish National Liberation Army", "INLA"]),
    ("ISLAMIC_ARMY_OF_ADEN-ABYAN_(IAAA)_", ["Islamic Army of Aden-Abyan", "IAAA"]),
    ("NATIONAL_LIBERATION_ARMY_(COLOMBIA)_", ["National Liberation Army"]),
    ("DEV_SOL_(KARATAS_FACTION)", ["Dev Sol"]),
    ("DHKP/C_", ["DHKP/C"]),
    ("PEOPLES_LIBERATION_PARTY/FRONT_", ["Peoples Liberation Party/Front"]),
])
def test_bracketed_acronyms_and_slashed_acronyms_are_names_as_news_writes_them(raw: str, names: list[str]) -> None:
    assert petrarch_names(raw, {"army": "Army", "party": "Party", "front": "Front"}) == names


def test_a_bodys_five_letter_acronym_is_in_capitals_but_not_a_persons_name() -> None:
    assert petrarch_name("UNITA_", {}, letters=5) == "UNITA"
    assert petrarch_name("QUILL", {}) == "Quill"


def test_a_group_under_a_regions_code_takes_the_country_its_name_names(merged: ActorDictionary) -> None:
    key = keys(merged, "KHLA")[0]
    assert keys(merged, "Kenyan Highland Liberation Army") == keys(merged, "KHLA/F") == [key]
    assert merged.entry(key).code == "KENREB"
    assert keys(merged, "Rift Freedom Movement") == [], "a region's group naming no country stays out"
    assert keys(merged, "Northern Alliance") and keys(merged, "Northern Alliance (Kenya)") == []
