"""The shape of the package: modules stay small and stage functions take few parameters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from eventwire.lexicons import TableError, rows

PACKAGE = Path(__file__).resolve().parent.parent / "eventwire"
MAX_LINES = 600
MAX_STAGE_PARAMETERS = 5


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_the_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines; split it by concern"


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = node.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    return [a.arg for a in every if a.arg not in {"self", "cls"}]


def _stage_functions() -> list[tuple[str, str, int]]:
    found = []
    for path in sorted((PACKAGE / "stages").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((str(path.relative_to(PACKAGE)), node.name, len(_parameters(node))))
    return found


def test_no_stage_function_takes_more_than_five_parameters() -> None:
    crowded = [f"{where}:{name} ({count})" for where, name, count in _stage_functions() if count > MAX_STAGE_PARAMETERS]
    assert not crowded, "give these an article context or a small record instead: " + ", ".join(crowded)


def test_the_checks_see_the_stage_functions() -> None:
    names = {name for _, name, _ in _stage_functions()}
    assert {"find_actors", "find_events", "find_places", "find_quotes", "find_timexes"} <= names


def test_a_table_without_a_header_line_is_an_error_naming_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "empty.tsv"
    path.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"no header line.*code, name"):
        list(rows(path, ("code", "name")))


def test_a_table_missing_a_column_names_it_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "short.tsv"
    path.write_text("# comment\ncode\tlabel\nX\tY\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"short\.tsv:2: .*name"):
        list(rows(path, ("code", "name")))


def test_rows_carry_their_line_numbers_and_pad_short_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("# c\n\ncode\tname\tnote\nA\tAlpha\n", encoding="utf-8")
    (row,) = rows(path)
    assert (row.line, row["code"], row["name"], row.get("note", "-")) == (4, "A", "Alpha", "-")
