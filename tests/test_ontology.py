"""The CAMEO table (codes and root behaviours), the CAMEO→PLOVER crosswalk and their lookup functions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shared_path

from eventwire import ontology
from eventwire.errors import DictionaryError
from eventwire.models import Cameo, Plover
from eventwire.ontology import cameo, plover

# PLOVER 0.5b1 labels renamed in the current PLOVER types.
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
HEADER = "code\tlabel\tgoldstein\tquad_class\n"


def test_all_is_complete() -> None:
    public = {name for name in vars(ontology) if not name.startswith("_")}
    assert set(ontology.__all__) == public - {"cameo", "plover"}


def test_table_has_every_root_and_about_three_hundred_codes() -> None:
    codes = ontology.codes()
    assert [c for c in codes if len(c) == 2] == [f"{n:02d}" for n in range(1, 21)]
    assert 280 <= len(codes) <= 330


@pytest.mark.parametrize("code", sorted(cameo.read_codes()))
def test_code_is_well_formed(code: str) -> None:
    record = ontology.lookup(code)
    assert record.code == code and record.root == code[:2]
    assert record.label.strip() and "not specified" not in record.label
    assert -10.0 <= record.goldstein <= 10.0
    assert record.quad_class == cameo.root_quad_class(code)
    assert len(code) == 2 or code[:-1] in ontology.codes()


@pytest.mark.parametrize(("quad", "sign"), [(2, 1), (3, -1), (4, -1)])
def test_goldstein_sign_follows_quad_class(quad: int, sign: int) -> None:
    wrong = [c.code for c in ontology.codes().values() if c.quad_class == quad and c.goldstein * sign <= 0]
    assert wrong == []


@pytest.mark.parametrize("table", [cameo.DEFAULT_TABLE, plover.DEFAULT_TABLE])
def test_shipped_tables_list_each_code_once_in_order(table: Path) -> None:
    keys = [next(iter(row.cells.values())) for row in cameo.read_table(table)]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("code", "label", "goldstein", "quad"),
    [
        ("013", "Make optimistic comment", 0.4, 1),
        ("036", "Express intent to meet or negotiate", 4.0, 1),
        ("042", "Make a visit", 1.9, 1),
        ("051", "Praise or endorse", 3.4, 1),
        ("057", "Sign formal agreement", 8.0, 1),
        ("073", "Provide humanitarian aid", 7.4, 2),
        ("0874", "Retreat or surrender militarily", 10.0, 2),
        ("111", "Criticize or denounce", -2.0, 3),
        ("1244", "Refuse to ease economic sanctions, boycott, or embargo", -4.0, 3),
        ("1384", "Threaten conventional attack", -7.0, 3),
        ("145", "Protest violently, riot", -7.5, 4),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, 4),
        ("173", "Arrest, detain, or charge with legal action", -5.0, 4),
        ("190", "Use conventional military force", -10.0, 4),
        ("2042", "Detonate nuclear weapons", -10.0, 4),
    ],
)
def test_well_known_codes(code: str, label: str, goldstein: float, quad: int) -> None:
    assert ontology.lookup(code) == Cameo(code, code[:2], label, goldstein, quad)
    assert ontology.quad_class(code) == quad


@pytest.mark.parametrize(
    ("root", "label"),
    [("01", "Make public statement"), ("05", "Engage in diplomatic cooperation"), ("15", "Exhibit force posture"),
     ("19", "Fight"), ("1822", "Assault"), ("100", "Demand")],
)
def test_root_label(root: str, label: str) -> None:
    assert ontology.root_label(root) == label


@pytest.mark.parametrize("code", ["51", "5", "0051", "21", "00", "051a", "", "05 1", "10000"])
def test_unknown_code_raises_key_error_saying_how_to_list_codes(code: str) -> None:
    with pytest.raises(KeyError, match=re.escape(repr(code)) + ".*codes\\(\\)"):
        ontology.lookup(code)


@pytest.mark.parametrize("code", sorted(cameo.read_codes()))
def test_every_code_has_a_crosswalk_row(code: str) -> None:
    assert code in ontology.crosswalk()


@pytest.mark.parametrize("code", [c for c in sorted(cameo.read_codes()) if c[:2] in {"01", "02"}])
def test_statements_and_appeals_have_no_plover_type(code: str) -> None:
    assert ontology.for_cameo(code).type is None
    assert ontology.for_cameo(code).mode is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("036", Plover("AGREE", None, ("diplomatic",))),
        ("042", Plover("CONSULT", "visit", ())),
        ("051", Plover("SUPPORT", None, ("diplomatic",))),
        ("0871", Plover("RETREAT", "ceasefire", ("military",))),
        ("094", Plover("ACCUSE", "investigate", ("military", "legal"))),
        ("111", Plover("ACCUSE", "disapprove", ())),
        ("1054", Plover("REQUEST", "yield", ("economic",))),
        ("143", Plover("PROTEST", "strike", ())),
        ("163", Plover("SANCTION", None, ("economic",))),
        ("192", Plover("COERCE", "seize", ("military", "territory"))),
        ("173", Plover("COERCE", "arrest", ("legal",))),
        ("195", Plover("ASSAULT", "aerial", ("military",))),
    ],
)
def test_for_cameo(code: str, expected: Plover) -> None:
    assert ontology.for_cameo(code) == expected


@pytest.mark.parametrize(("code", "parent"), [("0841", "0841"), ("1712", "1712"), ("0311", "0311")])
def test_for_cameo_prefers_the_code_itself(code: str, parent: str) -> None:
    assert ontology.for_cameo(code) == ontology.crosswalk()[parent]


def test_for_cameo_falls_back_to_parent_then_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "crosswalk.tsv"
    table.write_text("cameo\ttype\tmode\tcontext\n19\tASSAULT\t\tmilitary\n195\tASSAULT\taerial\t\n")
    monkeypatch.setattr(plover, "crosswalk", lambda: plover.read_crosswalk(table))
    assert ontology.for_cameo("195").mode == "aerial"
    assert ontology.for_cameo("193") == Plover("ASSAULT", None, ("military",))
    assert ontology.for_cameo("051") == Plover(None, None)


def test_for_cameo_rejects_unknown_codes() -> None:
    with pytest.raises(KeyError, match="'999'"):
        ontology.for_cameo("999")


@pytest.mark.parametrize("plover_type", ontology.PLOVER_TYPES)
def test_cameo_for_round_trips(plover_type: str) -> None:
    code = ontology.cameo_for(plover_type)
    assert ontology.for_cameo(code).type == plover_type
    assert ontology.cameo_for(plover_type.lower()) == code


def test_one_typical_code_per_plover_type() -> None:
    rows = cameo.read_table(plover.DEFAULT_TABLE, ("cameo", "type", "typical"))
    marked = sorted(row["type"] for row in rows if row["typical"] == "*")
    assert marked == sorted(ontology.PLOVER_TYPES)


@pytest.mark.parametrize(("plover_type", "code"), [("SUPPORT", "050"), ("ACCUSE", "111"), ("ASSAULT", "190")])
def test_cameo_for_typical_codes(plover_type: str, code: str) -> None:
    assert ontology.cameo_for(plover_type) == code


@pytest.mark.parametrize("plover_type", ["FIGHT", "DEMAND", "", "support!"])
def test_cameo_for_unknown_type(plover_type: str) -> None:
    with pytest.raises(KeyError, match="PLOVER_TYPES"):
        ontology.cameo_for(plover_type)


def test_every_plover_type_is_used() -> None:
    used = {p.type for p in ontology.crosswalk().values()}
    assert used == set(ontology.PLOVER_TYPES) | {None}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("51\tPraise\t3.4\t1", "not a CAMEO code"),
        ("211\tSomething\t1.0\t4", "not a CAMEO code"),
        ("051\t\t3.4\t1", "no label"),
        ("051\tPraise\thigh\t1", "goldstein must be a number"),
        ("051\tPraise\t12\t1", "outside -10..10"),
        ("051\tPraise\t3.4\t3", "should be 1"),
    ],
)
def test_malformed_cameo_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text(f"# my codes\n{HEADER}{row}\n")
    with pytest.raises(DictionaryError, match=f"mine.tsv:3: .*{message}"):
        cameo.read_codes(table)


@pytest.mark.parametrize(
    ("row", "message"),
    [("0x1\tSUPPORT\t\t", "not a CAMEO code"), ("051\tFIGHT\t\t", "not a PLOVER type")],
)
def test_malformed_crosswalk_rows(tmp_path: Path, row: str, message: str) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text(f"cameo\ttype\tmode\tcontext\n{row}\n")
    with pytest.raises(DictionaryError, match=f"mine.tsv:2: .*{message}"):
        plover.read_crosswalk(table)


def test_missing_header_column(tmp_path: Path) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text("code\tlabel\tgoldstein\n051\tPraise\t3.4\n")
    with pytest.raises(DictionaryError, match="quad_class"):
        cameo.read_codes(table)


def test_user_table_adds_and_overrides_codes(tmp_path: Path) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text(f"{HEADER}155\tMobilize or increase cyber-forces\t-7.2\t4\n051\tPraise\t3.0\t1\n")
    merged = cameo.read_codes(cameo.DEFAULT_TABLE, table)
    assert merged["155"].root == "15" and merged["051"].goldstein == 3.0
    assert len(merged) == len(ontology.codes()) + 1
    assert ontology.lookup("051").goldstein == 3.4


def test_every_root_row_says_yes_or_no_to_every_behaviour() -> None:
    roots = [row for row in cameo.read_table(cameo.DEFAULT_TABLE) if len(row["code"]) == 2]
    assert len(roots) == 20
    assert all(row.get(name) in {"yes", "no"} for row in roots for name in ontology.BEHAVIOURS)


def test_longer_codes_leave_the_behaviours_to_their_root() -> None:
    longer = [row for row in cameo.read_table(cameo.DEFAULT_TABLE) if len(row["code"]) > 2]
    assert longer and all(row.get(name) == "" for row in longer for name in ontology.BEHAVIOURS)


@pytest.mark.parametrize(
    ("code", "behaviour", "expected"),
    [("19", "unattributed", True), ("1823", "unattributed", True), ("05", "located", False), ("143", "protest", True),
     ("120", "refusal", True), ("111", "spoken", True), ("120", "spoken", False), ("0874", "internal", True),
     ("0874", "domestic", False), ("025", "asked", True), ("042", "speech", True), ("073", "speech", False)],
)
def test_root_has(code: str, behaviour: cameo.Behaviour, expected: bool) -> None:
    assert ontology.root_has(code, behaviour) is expected


def test_every_behaviour_is_documented_in_the_table_header() -> None:
    header = [line for line in cameo.DEFAULT_TABLE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    documented = {line.split()[1] for line in header if len(line.split()) > 2 and line.startswith("#   ")}
    assert set(ontology.BEHAVIOURS) <= documented


@pytest.mark.parametrize(
    ("rows", "message"),
    [("05\tEngage\t3.5\t1\tperhaps\n", "located of 05 must say yes or no"),
     ("05\tEngage\t3.5\t1\tno\n051\tPraise\t3.4\t1\tyes\n", "mine.tsv:3: located of 051: say yes or no on its root row")],
)
def test_malformed_behaviours_name_file_and_line(tmp_path: Path, rows: str, message: str) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text(f"{HEADER.rstrip()}\tlocated\n{rows}")
    with pytest.raises(DictionaryError, match=message):
        cameo.read_behaviours(table)


def test_a_user_table_without_behaviour_columns_keeps_the_shipped_ones(tmp_path: Path) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text(f"{HEADER}19\tFight\t-10.0\t4\n")
    assert cameo.read_behaviours(cameo.DEFAULT_TABLE, table) == dict(cameo.behaviours())


def documented_modes() -> dict[str, set[str]]:
    """PLOVER type -> modes, from the table under "## Modes" in docs/ontology.md."""
    text = (Path(__file__).parent.parent / "docs" / "ontology.md").read_text(encoding="utf-8")
    section = text.split("## Modes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z]+)` \| (.*) \|$", section, flags=re.MULTILINE)
    return {kind: set(re.findall(r"`([a-z-]+)`", modes)) for kind, modes in rows}


def test_modes_are_documented() -> None:
    documented = documented_modes()
    used = {(p.type, p.mode) for p in ontology.crosswalk().values() if p.mode}
    assert used, "the crosswalk names no modes"
    assert sorted(m for m in used if m[1] not in documented.get(m[0], set())) == []
    assert sorted(m for t, modes in documented.items() for m in modes if (t, m) not in used) == []


def read_reference_crosswalk(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type from the PLOVER project's table, in current PLOVER labels.

    Lines read ``CODE: TYPE, mode, context # name``; root lines (``08: CONCEDE``) are kept only
    when the root names a single type.
    """
    types: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*(\d{2,4}):\s*([A-Z]+)", line.split("#")[0])
        if match:
            label = LEGACY_TYPES.get(match.group(2), match.group(2))
            types.setdefault(match.group(1), set()).add(label)
    return {code: labels.pop() for code, labels in types.items() if len(labels) == 1}


@pytest.mark.shared
def test_crosswalk_agrees_with_the_plover_project_table() -> None:
    reference = read_reference_crosswalk(shared_path("data", "plover-gsr", "CAMEO2PLOVER-2021.txt"))
    ours = ontology.crosswalk()
    both = sorted(set(reference) & set(ours))
    disagreements = [(c, ours[c].type, reference[c]) for c in both if ours[c].type != reference[c]]
    for code, mine, theirs in disagreements:
        print(f"{code}: eventwire {mine}, PLOVER table {theirs}")
    assert len(both) >= 250
    assert 1 - len(disagreements) / len(both) >= 0.95
