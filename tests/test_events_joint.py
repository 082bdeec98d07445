"""Coordinated doers acting together when an act that needs a target names none (eventwire.stages.events.coder)."""

from __future__ import annotations

import pytest

from eventwire.lexicons.triggers import Entry
from eventwire.models import Actor
from eventwire.stages.events.arguments import Argument
from eventwire.stages.events.coder import argument_pairs, is_joint


def party(name: str, country: str, token: int) -> Argument:
    actor = Actor(id=name, name=name, code=country + "MIL", country=country, sectors=("MIL",), kind="group",
                  mentions=())
    return Argument(actor, token, 1.0)


CHILE, PERU, CHILE_POLICE = party("Chilean navy", "CHL", 0), party("Peruvian navy", "PER", 2), \
    party("Chilean police", "CHL", 4)


@pytest.mark.parametrize("code,needs_target,sources,expected", [
    ("062", True, [CHILE, PERU], True),  # "Chilean and Peruvian warships began exercises": together
    ("062", True, [CHILE], False),  # one doer: no party
    ("062", True, [CHILE, CHILE_POLICE], False),  # one state's bodies: no two parties
    ("062", False, [CHILE, PERU], False),  # the lexicon's own frames say who acts on whom
    ("190", True, [CHILE, PERU], False),  # "Chile and Peru shelled positions": not on each other
])
def test_joint_acts(code: str, needs_target: bool, sources: list[Argument], expected: bool) -> None:
    assert is_joint(Entry("launch", code, needs_target=needs_target), sources) is expected


def test_joint_doers_are_each_others_party() -> None:
    pairs = argument_pairs([CHILE, PERU], [], reciprocal=True)
    assert [(s.actor.name, t.actor.name if t else None) for s, t in pairs] == [
        ("Chilean navy", "Peruvian navy"), ("Peruvian navy", "Chilean navy")]
