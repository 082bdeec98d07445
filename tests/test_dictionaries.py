"""Actor dictionaries: package tables, dated office holders, user YAML/CSV files, PETRARCH import."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from conftest import shared_path

from eventwire.errors import DictionaryError
from eventwire.lexicons import actors
from eventwire.lexicons.actors import ActorDictionary
from eventwire.lexicons.entries import fold, one_edit, split_code
from eventwire.lexicons.petrarch import parse_code_block, read_petrarch_actors, read_petrarch_agents


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


def test_load_is_cached_by_paths() -> None:
    assert ActorDictionary.load() is ActorDictionary.load(())


@pytest.mark.parametrize("role,country,date,name", [
    ("president", "USA", "2009-06-01", "Barack Obama"),
    ("president", "USA", "2018-07-12", "Donald Trump"),
    ("president", "USA", "2022-03-01", "Joe Biden"),
    ("President", "USA", "2025-03-01", "Donald Trump"),
    ("prime minister", "GBR", "2018-07-12", "Theresa May"),
    ("chancellor", "DEU", "2022-03-01", "Olaf Scholz"),
    ("leader", "ISR", "2018-07-12", "Benjamin Netanyahu"),
    ("leader", "RUS", "2018-07-12", "Vladimir Putin"),
    ("leader", "IRN", "2018-07-12", "Ali Khamenei"),
    ("president", "RUS", "2010-01-01", "Dmitry Medvedev"),
    ("foreign minister", "IRN", "2018-07-12", "Mohammad Javad Zarif"),
    ("foreign minister", "GBR", "2015-06-01", "Philip Hammond"),  # the Foreign Secretary
    ("foreign minister", "USA", "2010-06-01", "Hillary Clinton"),  # the Secretary of State
    ("defence minister", "USA", "2016-06-01", "Ash Carter"),  # the Secretary of Defense
    ("president", "ITA", "2005-06-01", "Carlo Azeglio Ciampi"),
    ("president", "ITA", "2016-06-01", "Sergio Mattarella"),
    ("supreme leader", "IRN", "2026-01-01", "Ali Khamenei"),
    ("supreme leader", "IRN", "2026-06-01", "Mojtaba Khamenei"),
])
def test_holder_of_an_office_on_a_date(dictionary, role, country, date, name) -> None:
    assert dictionary.holder(role, country, date).name == name


def test_no_holder_outside_every_tenure(dictionary) -> None:
    assert dictionary.holder("president", "USA", "1970-01-01") is None


@pytest.mark.parametrize("date,code,role", [
    ("2017-06-01", "USAGOV", "CIA Director"),
    ("2018-07-12", "USAGOV", "Secretary of State"),
    ("2023-01-01", "USAELI", "former Secretary of State"),
    ("2010-01-01", "USAELI", None),
])
def test_a_person_entry_follows_the_date(dictionary, date, code, role) -> None:
    entry = dictionary.entry("mike_pompeo", date)
    assert (entry.code, entry.role) == (code, role)


@pytest.mark.parametrize("text,key,form", [
    ("U.S.", "USA", "name"), ("US", "USA", "name"), ("UNITED STATES", "USA", "name"),
    ("Britain", "GBR", "name"), ("Russian Federation", "RUS", "name"), ("Iranians", "IRN", "demonym"),
    ("Israeli", "ISR", "demonym"), ("Tehran", "IRN", "capital"), ("Washington", "USA", "capital"),
    ("Kremlin", "kremlin", "name"), ("IAEA", "iaea", "name"), ("Hezbollah", "hezbollah", "name"),
    ("Northern Ireland", "GBR", "name"), ("Northern Irish", "GBR", "demonym"), ("South America", "LAM", "name"),
])
def test_candidates(dictionary, text, key, form) -> None:
    assert (key, form) in {(a.key, a.form) for a in dictionary.candidates(text)}


@pytest.mark.parametrize("text", ["us", "who", "congress", "kremlin"])
def test_acronyms_and_capitalised_names_do_not_match_ordinary_words(dictionary, text) -> None:
    assert dictionary.candidates(text) == ()


@pytest.mark.parametrize("code,country,sectors", [
    ("IRNGOV", "IRN", ("GOV",)), ("USA", "USA", ()), ("ISRMILSPY", "ISR", ("MIL", "SPY")),
    ("IGOUNO", None, ("IGO", "UNO")),
])
def test_split_code(code, country, sectors) -> None:
    assert split_code(code, {"IRN", "USA", "ISR"}) == (country, sectors)


def test_package_tables_are_consistent(dictionary) -> None:
    for code in ("USA", "IRN", "RUS", "CHN", "ISR", "TUR", "SAU", "GBR", "FRA", "DEU", "SYR", "IRQ", "UKR", "IND",
                 "JPN"):
        assert dictionary.holder("leader", code, "2018-07-12") is not None, code
    assert dictionary.government("IRN").code == "IRNGOV"


def test_leaders_table_is_well_formed(dictionary) -> None:
    people = [e for e in dictionary.entries() if e.kind == "person" and not e.key.startswith("phoenix:")]
    assert len(people) > 300
    for entry in people:
        assert entry.start and (entry.end is None or entry.start < entry.end), entry
        assert entry.code.startswith(("IGO", "IMG")) or entry.country in dictionary.countries, entry
    by_office: dict[tuple[str, str], list] = {}
    for entry in people:
        by_office.setdefault((entry.country, entry.role), []).append(entry)
    for office, rows in by_office.items():
        rows.sort(key=lambda e: e.start)
        for before, after in pairwise(rows):
            assert before.end is not None and before.end[:7] <= after.start[:7], (office, before.name, after.name)


def test_user_yaml_and_csv_entries_win_over_package_data(tmp_path: Path) -> None:
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text(
        "actors:\n"
        "  - {id: zara_quill, name: Zara Quill, aliases: [Quill], code: KENGOV, role: Energy Minister,\n"
        "     start: 2020-01-01}\n"
        "  - {name: Tehran, code: IRNGOVCAP, kind: organisation}\n"
        "roles:\n"
        "  - {phrase: harbour master, sector: GOV, type: person, label: Harbour Master}\n",
        encoding="utf-8",
    )
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("# my actors\nid,name,aliases,code,kind,role,start,end\n"
                        "blue_ridge,Blue Ridge Front,BRF|Ridge Front,KENREB,group,,,\n", encoding="utf-8")
    dictionary = ActorDictionary.load([str(yaml_file), str(csv_file)])
    assert dictionary.entry("zara_quill", "2021-01-01").code == "KENGOV"
    assert dictionary.entry("zara_quill", "2021-01-01").country == "KEN"
    assert dictionary.candidates("Quill")[0].key == "zara_quill"
    assert dictionary.candidates("Tehran")[0].key == "tehran"
    assert dictionary.candidates("BRF")[0].key == "blue_ridge"
    assert dictionary.role("harbour master").sectors == ("GOV",)


@pytest.mark.parametrize("content,message", [
    ("actors:\n  - {name: No Code}\n", "needs a name and a code"),
    ("actors:\n  - {name: Odd, code: KEN, kind: planet}\n", "kind 'planet'"),
    ("actors:\n  - {name: Odd, code: KENGOV, start: July 2018}\n", "not an ISO date"),
    ("actors: [\n", "not valid YAML"),
])
def test_malformed_user_files_say_where(tmp_path: Path, content, message) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as caught:
        ActorDictionary.load([str(path)])
    assert "bad.yaml" in str(caught.value)


def test_unknown_file_kinds_and_missing_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="does not exist"):
        ActorDictionary.load([str(tmp_path / "missing.yaml")])
    other = tmp_path / "notes.json"
    other.write_text("{}", encoding="utf-8")
    with pytest.raises(DictionaryError, match="cannot tell the format"):
        ActorDictionary.load([str(other)])


@pytest.mark.parametrize("block,parsed", [
    ("KEN", ("KEN", None, None)),
    ("KENGOV > 990816", ("KENGOV", "1999-08-16", None)),
    ("KENREB < 050101", ("KENREB", None, "2005-01-01")),
    ("KENGOV 19950601 - 19990815", ("KENGOV", "1995-06-01", "1999-08-15")),
    ("---", None),
])
def test_parse_code_block(block, parsed) -> None:
    assert parse_code_block(block) == parsed


PETRARCH_ACTORS = """<!-- A SMALL TEST DICTIONARY -->
<!--
# a comment block
-->
KENYA [KEN]
+KENYAN
KENYAN [KEN]
ZARA_QUILL  # dated codes on their own lines
+QUILL
\t[KENREB < 050101]
\t[KENGOV 20050101 - 20101231]
BLUE_RIDGE_FRONT [KENREB] # a group
UNKNOWN_THING [---]
"""

PETRARCH_AGENTS = """<!-- A SMALL TEST AGENTS FILE -->
!PERSON! = MAN, MEN
HARBOUR_MASTER [~GOV] # a role
COAST!PERSON! [~MIL]
"""


def test_read_petrarch_actors(tmp_path: Path) -> None:
    path = tmp_path / "test.actors"
    path.write_text(PETRARCH_ACTORS, encoding="utf-8")
    listings = list(read_petrarch_actors(path, {"KEN"}))
    assert [(x.entry.code, x.entry.start, x.entry.end) for x in listings] == [
        ("KEN", None, None), ("KEN", None, None), ("KENREB", None, "2005-01-01"), ("KENGOV", "2005-01-01", "2010-12-31"),
        ("KENREB", None, None)]
    assert listings[0].entry.key == "KEN" and "Kenyan" in listings[0].aliases
    listings = [x for x in listings if x.entry.name != "Kenyan"]
    assert listings[1].entry.kind == "person" and "Quill" in listings[1].aliases
    dictionary = ActorDictionary.load([str(path)])
    assert dictionary.entry("KEN").name == "Kenya", "a known country keeps its own entry"
    assert {(a.key, a.form) for a in dictionary.candidates("Kenyan")} == {("KEN", "demonym")}
    assert dictionary.entry(dictionary.candidates("Quill")[0].key, "2008-05-05").code == "KENGOV"
    assert dictionary.candidates("Blue Ridge Front")[0].key == "petrarch:blue_ridge_front"


def test_read_petrarch_agents(tmp_path: Path) -> None:
    path = tmp_path / "test.agents"
    path.write_text(PETRARCH_AGENTS, encoding="utf-8")
    roles = {r.phrase: r for r in read_petrarch_agents(path)}
    assert roles["harbour master"].sectors == ("GOV",)
    assert roles["harbour masters"].type == "group"
    assert roles["coastman"].sectors == ("MIL",) and "coastmen" in roles


@pytest.mark.shared
def test_petrarch_validation_dictionaries_import() -> None:
    actors = shared_path("data", "petrarch2-validation", "PETR.Validate.actors.txt")
    agents = shared_path("data", "petrarch2-validation", "PETR.Validate.agents.txt")
    listings = list(read_petrarch_actors(actors, {"IRN", "ISR", "USA", "JOR"}))
    assert len(listings) > 100
    assert all(x.entry.code.isalnum() for x in listings)
    assert any(x.entry.start and x.entry.end for x in listings), "dated code blocks are read"
    assert any(x.aliases[1:] for x in listings), "+synonym lines are read"
    roles = list(read_petrarch_agents(agents))
    assert len(roles) > 50 and all(r.sectors for r in roles)
    assert not any("!" in r.phrase for r in roles), "substitution markers are expanded"
    dictionary = ActorDictionary.load([str(actors), str(agents)])
    assert dictionary.candidates("Iran")[0].key == "IRN"
    assert dictionary.role(fold("foreign minister")).sectors[0] == "GOV"


@pytest.mark.parametrize("text,key", [("Iraqis", "IRQ"), ("Israelis", "ISR"), ("Serbs", "SRB"), ("Serb", "SRB"),
                                      ("Congolese", "COD"), ("Turks", "TUR"), ("Britons", "GBR"), ("Croats", "HRV"),
                                      ("Frenchmen", "FRA")])
def test_demonyms_and_their_plurals(dictionary, text, key) -> None:
    assert [a.key for a in dictionary.candidates(text)] == [key]


@pytest.mark.parametrize("text", ["poles", "Finn"])
def test_people_nouns_that_are_ordinary_words_are_no_demonyms(dictionary, text) -> None:
    assert not dictionary.candidates(text)


def test_international_codes_follow_cameo_groups_of_three(dictionary) -> None:
    """IGO/NGO/IMG codes are a generic code and three-letter groups ("IGOUNO", "NGOHLHIRC")."""
    for entry in dictionary.entries():
        if entry.code[:3] in {"IGO", "NGO", "IMG"}:
            assert len(entry.code) % 3 == 0 and entry.code.isalnum() and entry.code.isupper(), entry


@pytest.mark.parametrize("name,code", [("Arab League", "IGOARL"), ("Red Cross", "NGOHLHIRC"), ("G7", "IGOGOS"),
                                       ("United Nations", "IGOUNO"), ("Amnesty International", "NGOHRIAMN")])
def test_igo_and_ngo_codes(dictionary, name, code) -> None:
    assert dictionary.entry(dictionary.candidates(name)[0].key).code == code


@pytest.mark.parametrize("date,name", [("2005-03-01", "Laurent Gbagbo"), ("2015-03-01", "Alassane Ouattara")])
def test_ivorian_presidents_are_dated(dictionary, date, name) -> None:
    assert dictionary.holder("president", "CIV", date).name == name


def test_a_hyphenated_title_is_the_same_role(dictionary) -> None:
    assert dictionary.role("Vice-President") == dictionary.role("vice president") is not None


@pytest.mark.parametrize("phrase,sector", [("fundamentalists", "RAD"), ("separatists", "REB"), ("dissidents", "OPP"),
                                          ("advisers", "GOV"), ("advisors", "GOV"), ("military advisers", "MIL"),
                                          ("factions", "PTY"), ("officers", "MIL"), ("peacekeepers", "MIL"),
                                          ("hostage-takers", "UAF")])
def test_groups_named_by_what_their_members_do(dictionary, phrase, sector) -> None:
    role = dictionary.role(phrase)
    assert role is not None and role.type == "group" and role.sectors == (sector,)


def test_a_leader_with_an_igo_code_is_a_person(dictionary) -> None:
    entry = dictionary.entry(dictionary.candidates("Kofi Annan")[0].key)
    assert (entry.kind, entry.code) == ("person", "IGOUNO")


@pytest.mark.parametrize("a,b,expected", [("venezuala", "venezuela", True), ("niegria", "nigeria", True),
                                          ("germny", "germany", True), ("austria", "australia", False),
                                          ("nigeria", "nigeria", False)])
def test_one_edit(a, b, expected) -> None:
    assert one_edit(a, b) is expected


@pytest.mark.parametrize("text,keys", [("Venezuala", ["VEN"]), ("Phillippines", ["PHL"]), ("Austria", []), ("Niger", []),
                                       ("Gondor", [])])
def test_a_country_name_with_one_typo(text, keys) -> None:
    curated = actors._load((), False)  # Phoenix lists some misspellings itself ("Venezuala")
    assert [a.key for a in curated.misspelt_country(text)] == keys


@pytest.mark.parametrize(
    "alias,text,expected",
    [("Free Chilean Army", "Free Chilean army", True), ("Free Chilean Army", "free Chilean Army", False),
     ("Free Chilean Army", "Free chilean army", False), ("Islamic State", "Islamic state", False),
     ("PKK", "pkk", False), ("Chile", "Chile", True)],
)
def test_names_keep_their_capitals_but_a_long_names_generic_last_word(alias: str, text: str, expected: bool) -> None:
    from eventwire.lexicons.entries import Alias, case_matches

    assert case_matches(Alias(alias, "k", "name", exact=alias.isupper()), text) is expected


@pytest.mark.parametrize("text,key", [("Isis", "islamic_state"), ("Isil", "islamic_state"), ("ISIS", "islamic_state"),
                                      ("Nato", "nato"), ("Farc", "farc")])
def test_acronyms_written_as_words_in_house_style(dictionary, text: str, key: str) -> None:
    assert key in {a.key for a in dictionary.candidates(text)}


def test_where_names_and_roles_can_start_and_end(dictionary) -> None:
    assert dictionary.may_start("Chile") and dictionary.may_start("Al") and not dictionary.may_start("Yesterday")
    assert dictionary.may_end_role("minister") and dictionary.may_end_role("vice-president")
    assert not dictionary.may_end_role("yesterday")


@pytest.mark.parametrize("written", ["Chile", "United", "Hamas", "Al"])
def test_the_longest_name_from_a_word_is_as_long_as_its_longest_name(dictionary, written: str) -> None:
    from eventwire.lexicons.entries import WORD, fold

    first = WORD.match(fold(written)).group()
    lengths = [len(key) for key in dictionary._aliases if WORD.match(key) and WORD.match(key).group() == first]
    assert dictionary.longest_from(written) == max(lengths) > 0
    assert dictionary.longest_from("Yesterday") == 0


G20_AND_MIDDLE_EAST = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS",
                       "SAU", "ZAF", "TUR", "GBR", "USA", "IRN", "IRQ", "ISR", "SYR", "LBN", "JOR", "ARE", "QAT", "KWT",
                       "OMN", "EGY")


@pytest.mark.parametrize("country", G20_AND_MIDDLE_EAST)
def test_the_leader_and_foreign_minister_are_known_since_2002(dictionary, country) -> None:
    for date in ("2002-06-01", "2008-06-01", "2015-06-01", "2022-06-01"):
        assert dictionary.holder("leader", country, date) is not None, (country, date)
        assert dictionary.holder("foreign minister", country, date) is not None, (country, date)


@pytest.mark.parametrize("written,key", [
    ("Vladimir Puttin", "vladimir_putin"),  # one typo in a word of six letters or more
    ("Vladimir Putin", None),  # written right: the name itself, no typo to mend
    ("Vladimer Putin", "vladimir_putin"),  # in the first word as well
    ("Vladimir Pitun", None),  # a word of five letters: too short to tell a typo from another name
    ("Vlad Putin", None),  # a word left out is no typo
    ("Putin", None),  # one word: too little to go on
])
def test_a_persons_name_with_one_typo(dictionary: ActorDictionary, written: str, key: str | None) -> None:
    found = dictionary.misspelt_person(written)
    assert (found[0].key if found else None) == key
