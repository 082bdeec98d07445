"""The trigger lexicon: the words that signal a political event and the frames that decide its code.

The lexicon is ``eventwire/data/triggers.yaml`` (or a user's file in the same format, see
docs/events.md): trigger entries, light verbs, frame prepositions, intent and refusal codes and the
modality cue words. :meth:`Lexicon.load` reads and checks a file once per path; an error names the
file, the line and the entry, and says what to write instead.

This module is the data model only: it knows no parse. The events stage
(:mod:`eventwire.stages.events.frames`) matches its entries to the words of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..errors import DictionaryError
from ..models import Modality
from ..settings import data_path

ENTRY_FIELDS = frozenset(
    {"lemma", "pos", "code", "intended", "particle", "object", "unless_object", "modifier", "complement",
     "clause_modal", "verdict", "target", "place_target", "reciprocal", "strength", "group_source", "state_code",
     "person_code", "armed_code",
     "implied_source", "owner_source", "prep", "prep_object"}
)
CUE_FIELDS = ("intended_aux", "hypothetical_aux", "intended_heads", "hypothetical_heads", "negating_heads",
              "negators", "conditional_marks", "reporting_verbs")
INFLECTIONS = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("s", ""), ("es", ""))
IMPLIED = re.compile(r"[A-Z]{3}")  # a sector code: the doer an agentless use of the word implies
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it


@dataclass(frozen=True, slots=True)  # slots: the CAMEO verb dictionary adds about 100,000 entries
class Entry:
    """One trigger frame of the lexicon (see ``eventwire/data/triggers.yaml`` for the fields)."""

    lemma: str
    code: str
    pos: str = "verb"
    intended: str | None = None
    particle: str | None = None
    object: frozenset[str] = frozenset()
    unless_object: frozenset[str] = frozenset()  # objects that rule the frame out; "*": any object
    modifier: frozenset[str] = frozenset()
    complement: bool | frozenset[str] = False
    clause_modal: frozenset[str] = frozenset()
    verdict: frozenset[str] = frozenset()  # judgements one of which the clause the verb reports must pass
    target: tuple[str, ...] = ("object",)
    place_target: bool = False
    reciprocal: bool = False
    strength: float = 0.8
    group_source: bool = False  # only a crowd, a group or a movement does it ("demonstrate", "rally")
    state_code: str | None = None  # the code when a state or its government or forces does it ("a Chilean strike")
    person_code: str | None = None  # the code when only persons do it ("the envoy clashed with the president": words)
    armed_code: str | None = None  # the code when it is done to armed forces only ("Chile backed the rebels": arms)
    implied_source: str | None = None  # the sector of the doer an agentless use implies ("were arrested": COP)
    owner_source: bool = False  # an agentless passive's subject was moved by its owner ("UN troops were pulled out")
    prep: str | None = None  # a preposition that must hang on the verb or its object ("support for a truce")
    prep_object: frozenset[str] = frozenset()  # the nouns that preposition's object may be (none: any)
    origin: str = "lexicon"  # where the entry comes from: the lexicon file, or "cameo" (the CAMEO verb dictionary)
    needs_target: bool = False  # an event only with a target found in the sentence (as PETRARCH codes)

    @property
    def root(self) -> str:
        """The CAMEO root of the entry's code ("163" -> "16")."""
        return self.code[:2]

    @property
    def specificity(self) -> int:
        """How many conditions the frame sets: the most specific matching entry wins."""
        complement = 2 if isinstance(self.complement, frozenset) else int(bool(self.complement))
        conditions = (self.particle is not None, bool(self.object), bool(self.modifier), bool(self.clause_modal),
                      bool(self.verdict), self.prep is not None, bool(self.prep_object))
        return sum(conditions) + complement

    @property
    def curated(self) -> bool:
        """An entry of eventwire's own lexicon (or the user's), not one imported from the CAMEO verb dictionary."""
        return self.origin != "cameo"


@dataclass(frozen=True)
class ModalityCues:
    """The modality cue words, each a frozenset of lower-case lemmas or forms."""

    intended_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    intended_heads: frozenset[str]
    hypothetical_heads: frozenset[str]
    negating_heads: frozenset[str]
    negators: frozenset[str]
    conditional_marks: frozenset[str]
    reporting_verbs: frozenset[str]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Sequence[str]], where: str = "modality") -> ModalityCues:
        """Build cues from the ``modality`` mapping of a lexicon file; every field is required."""
        missing = [name for name in CUE_FIELDS if name not in data]
        if missing:
            raise ValueError(f"{where}: missing cue lists {', '.join(missing)}; give each as a list of words")
        lists = {name: frozenset(str(w).lower() for w in data[name]) for name in CUE_FIELDS}
        return cls(lists["intended_aux"], lists["hypothetical_aux"], lists["intended_heads"],
                   lists["hypothetical_heads"], lists["negating_heads"], lists["negators"],
                   lists["conditional_marks"], lists["reporting_verbs"])


Key = tuple[str, str]  # (part of speech, lemma)
Row = tuple[Any, ...]  # an entry's fields, in order


def entry_row(entry: Entry) -> Row:
    """An entry's fields, in order: ``Entry(*entry_row(entry)) == entry``."""
    return tuple(getattr(entry, f.name) for f in fields(Entry))


@dataclass(frozen=True, eq=False)
class EntryRows:
    """Entries kept as rows of their fields (in the order of :class:`Entry`'s) by (part of speech, lemma), each
    made an entry when its word is first looked up: the CAMEO verb dictionary adds about 100,000 entries, and a
    process meets the verbs of few of them. Rows of the wrong width are refused here, not at a lookup."""

    rows: Mapping[Key, Sequence[Row]]
    made: dict[Key, tuple[Entry, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        width = len(fields(Entry))
        if any(len(row) != width for rows in self.rows.values() for row in rows):
            raise TypeError(f"an entry row does not have the {width} fields of an entry")

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> EntryRows:
        rows: dict[Key, list[Row]] = {}
        for entry in entries:
            rows.setdefault((entry.pos, entry.lemma), []).append(entry_row(entry))
        return cls(rows)

    def get(self, key: Key) -> tuple[Entry, ...]:
        """The entries of ``key`` (made once)."""
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = tuple(Entry(*row) for row in self.rows.get(key, ()))
        return made

    def entries(self) -> tuple[Entry, ...]:
        """Every entry, word by word."""
        return tuple(entry for key in self.rows for entry in self.get(key))


NO_ROWS = EntryRows({})


@dataclass(frozen=True, eq=False)
class TriggerTable:
    """The entries by (part of speech, lemma), built once per lexicon and never changed: it hashes by
    identity, so the lookups of :func:`entries_for` are cached per table. ``imported`` entries of a word
    come after the lexicon's own."""

    by_lemma: Mapping[Key, tuple[Entry, ...]]
    imported: EntryRows = NO_ROWS

    @classmethod
    def of(cls, entries: Iterable[Entry], imported: EntryRows = NO_ROWS) -> TriggerTable:
        table: dict[Key, list[Entry]] = {}
        for entry in entries:
            table.setdefault((entry.pos, entry.lemma), []).append(entry)
        return cls(MappingProxyType({key: tuple(value) for key, value in table.items()}), imported)

    def get(self, key: Key) -> tuple[Entry, ...]:
        """The entries of a (part of speech, lemma)."""
        own = self.by_lemma.get(key, ())
        return (*own, *self.imported.get(key)) if key in self.imported.rows else own

    def items(self, key: Key) -> tuple[Entry | Row, ...]:
        """The entries of a (part of speech, lemma), the imported ones as rows."""
        return (*self.by_lemma.get(key, ()), *self.imported.rows.get(key, ()))

    def __contains__(self, key: Key) -> bool:
        return key in self.by_lemma or key in self.imported.rows


@dataclass(frozen=True)
class Lexicon:
    """The trigger lexicon: entries by lemma, light verbs, frame prepositions, modality cues; ``imported``
    holds the entries added from elsewhere (the CAMEO verb dictionary), under the lexicon's own."""

    entries: tuple[Entry, ...]
    light_verbs: frozenset[str]
    frame_preps: frozenset[str]
    modality: ModalityCues
    intent_codes: Mapping[str, str] = field(default_factory=dict, compare=False)
    refusal_codes: Mapping[str, str] = field(default_factory=dict, compare=False)
    imported: EntryRows = field(default=NO_ROWS, repr=False)
    table: TriggerTable = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", TriggerTable.of(self.entries, self.imported))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Lexicon:
        """The package lexicon, or a user's file in the same format; loaded once per path."""
        return _load(str(path) if path is not None else str(data_path("triggers.yaml")))

    def entries_for(self, pos: str, lower: str, lemma: str) -> tuple[Entry, ...]:
        """The entries of a word of part of speech ``pos`` ("verb" or "noun") by any of its forms."""
        return entries_for(self.table, pos, lower, lemma)

    def frames_for(self, pos: str, lower: str, lemma: str) -> WordFrames:
        """The entries of :meth:`entries_for`, indexed by the words their frames need."""
        return frames_for(self.table, pos, lower, lemma)

    def code_for(self, entry: Entry, modality: Modality) -> tuple[str, Modality]:
        """The code and modality an event takes: intended events take their intent code, and a negated
        cooperative event becomes the refusal it reports, asserted (``did not accept`` -> reject)."""
        if modality == "intended":
            return entry.intended or _by_prefix(self.intent_codes, entry.code) or entry.code, modality
        if modality == "negated":
            refusal = _by_prefix(self.refusal_codes, entry.code)
            return (refusal, "asserted") if refusal else (entry.code, modality)
        return entry.code, modality


def forms_of(lower: str, lemma: str) -> frozenset[str]:
    """The forms a word is looked up by: its lemma, its lower-case form, and the form without a regular
    inflection ("staged" -> "stage"); lemmatisers miss some forms."""
    forms = {lemma.lower(), lower}
    for suffix, replacement in INFLECTIONS:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.add(lower[: -len(suffix)] + replacement)
    return frozenset(forms)


@lru_cache(maxsize=200_000)  # a pure function of a table that never changes; a server meets many words
def entries_for(table: TriggerTable, pos: str, lower: str, lemma: str) -> tuple[Entry, ...]:
    """The entries of ``table`` for any form of a word, each once, in the order of its sorted forms."""
    forms = sorted(forms_of(lower, lemma))
    return tuple(dict.fromkeys(e for f in forms for e in table.get((pos, f))))


@dataclass(frozen=True, eq=False)
class WordFrames:
    """The entries of one word, indexed by a word each frame needs near it: one of its objects, else
    its particle, else its preposition (a verb of the CAMEO verb dictionary has hundreds of frames,
    and few of them fit any one sentence). An imported entry stays a row of :class:`EntryRows` until
    it is asked for."""

    items: tuple[Entry | Row, ...]
    always: tuple[int, ...]  # the entries that need no word: tried whatever the words near
    by_word: Mapping[str, Sequence[int]]
    made: list[Entry | None] = field(repr=False)

    @classmethod
    def of(cls, items: tuple[Entry | Row, ...]) -> WordFrames:
        always: list[int] = []
        by_word: dict[str, list[int]] = {}
        for n, item in enumerate(items):
            needed = needed_words(item) if isinstance(item, Entry) else _needed(item[_OBJECT], item[_PARTICLE],
                                                                                   item[_PREP])
            if not needed:
                always.append(n)
            for word in needed:
                by_word.setdefault(word, []).append(n)
        return cls(items, tuple(always), MappingProxyType(by_word),
                   [item if isinstance(item, Entry) else None for item in items])

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(self.entry(n) for n in range(len(self.items)))

    def entry(self, n: int) -> Entry:
        """The ``n``-th entry (made from its row once)."""
        made = self.made[n]
        if made is None:
            item = self.items[n]
            made = self.made[n] = item if isinstance(item, Entry) else Entry(*item)
        return made

    def possible(self, near: frozenset[str]) -> list[Entry]:
        """The entries (in order) whose frame's particle, preposition and, when it needs one, object are
        all among the words ``near``: the only ones that can fit."""
        found = set(self.always)
        for word in near:
            found.update(self.by_word.get(word, ()))
        return [entry for entry in (self.entry(n) for n in sorted(found)) if _possible(entry, near)]


def needed_words(entry: Entry) -> frozenset[str]:
    """Words one of which must be near a word for ``entry``'s frame to fit it (none: no such word)."""
    return _needed(entry.object, entry.particle, entry.prep)


def _needed(objects: frozenset[str], particle: str | None, prep: str | None) -> frozenset[str]:
    if objects and "*" not in objects:
        return objects
    if particle is not None:
        return frozenset({particle})
    return frozenset({prep}) if prep is not None else frozenset()


_OBJECT, _PARTICLE, _PREP = ([f.name for f in fields(Entry)].index(name) for name in ("object", "particle", "prep"))


def _possible(entry: Entry, near: frozenset[str]) -> bool:
    """Whether the words the entry's frame needs are near the word at all (a quick test before the
    frame is fitted to the parse)."""
    if entry.particle is not None and entry.particle not in near:
        return False
    if entry.prep is not None and entry.prep not in near:
        return False
    return not entry.object or "*" in entry.object or not entry.object.isdisjoint(near)


@lru_cache(maxsize=200_000)
def frames_for(table: TriggerTable, pos: str, lower: str, lemma: str) -> WordFrames:
    """The :class:`WordFrames` of :func:`entries_for`, made once per set of the table's forms the word has
    ("attacked", "attacks" and "attacking" share the frames of "attack")."""
    known = tuple(f for f in sorted(forms_of(lower, lemma)) if (pos, f) in table)
    return _frames_of_forms(table, pos, known)


@lru_cache(maxsize=50_000)
def _frames_of_forms(table: TriggerTable, pos: str, forms: tuple[str, ...]) -> WordFrames:
    return WordFrames.of(tuple(dict.fromkeys(item for f in forms for item in table.items((pos, f)))))


def _by_prefix(table: Mapping[str, str], code: str) -> str | None:
    """The value for ``code``, else for its 3-digit parent, else for its root."""
    return next((table[key] for key in (code, code[:3], code[:2]) if key in table), None)


@dataclass(frozen=True)
class Lines:
    """Where the parts of a lexicon file start: the line of each top-level section and of each trigger."""

    sections: Mapping[str, int] = field(default_factory=dict)
    triggers: tuple[int, ...] = ()

    def section(self, where: str, name: str) -> str:
        """The label of a section in error messages: ``file:line: name``."""
        line = self.sections.get(name)
        return f"{where}:{line}: {name}" if line else f"{where}: {name}"

    def trigger(self, where: str, n: int) -> str:
        """The label of the n-th trigger entry in error messages: ``file:line: triggers[n]``."""
        line = self.triggers[n] if n < len(self.triggers) else None
        return f"{where}:{line}: triggers[{n}]" if line else f"{where}: triggers[{n}]"


@lru_cache(maxsize=8)
def _load(path: str) -> Lexicon:
    try:
        with open(path, encoding="utf-8") as handle:
            data, lines = _read_yaml(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise DictionaryError(f"cannot read the trigger lexicon {path}: {exc}") from exc
    return parse_lexicon(data, path, lines)


def _read_yaml(handle: Any) -> tuple[Any, Lines]:
    """The YAML document and the lines of its sections and trigger entries (one parse for both)."""
    loader = SAFE_LOADER(handle)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, _lines(node)


def _lines(node: Any) -> Lines:
    if not isinstance(node, yaml.MappingNode):
        return Lines()
    sections = {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
    triggers = next((value for key, value in node.value if key.value == "triggers"), None)
    entries = triggers.value if isinstance(triggers, yaml.SequenceNode) else []
    return Lines(sections, tuple(entry.start_mark.line + 1 for entry in entries))


def parse_lexicon(data: Any, where: str = "lexicon", lines: Lines | None = None) -> Lexicon:
    """Validate a loaded lexicon mapping and build a :class:`Lexicon`; errors name the entry (and its
    line, when ``lines`` knows it)."""
    lines = lines or Lines()
    if not isinstance(data, Mapping) or not isinstance(data.get("triggers"), list):
        raise DictionaryError(f"{where}: expected a mapping with a 'triggers' list (see docs/events.md)")
    entries = tuple(parse_entry(raw, lines.trigger(where, n)) for n, raw in enumerate(data["triggers"]))
    try:
        cues = ModalityCues.from_mapping(data.get("modality") or {}, lines.section(where, "modality"))
    except ValueError as exc:
        raise DictionaryError(str(exc)) from exc
    return Lexicon(
        entries=entries,
        light_verbs=_words(data.get("light_verbs", []), lines.section(where, "light_verbs")),
        frame_preps=_words(data.get("frame_preps", []), lines.section(where, "frame_preps")),
        modality=cues,
        intent_codes=_codes(data.get("intent_codes", {}), lines.section(where, "intent_codes")),
        refusal_codes=_codes(data.get("refusal_codes", {}), lines.section(where, "refusal_codes")),
    )


def _codes(value: Any, where: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise DictionaryError(f"{where}: expected a mapping of quoted CAMEO codes or roots to codes (\"04\": \"036\")")
    return MappingProxyType(dict(value))


def _words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(f"{where}: expected a list of words (quote \"on\", \"off\", \"no\", \"yes\")")
    return frozenset(v.lower() for v in value)


def _check_entry(raw: Any, where: str) -> str:
    """Raise a DictionaryError naming the entry if a field is malformed; return the entry's label."""
    if not isinstance(raw, Mapping):
        raise DictionaryError(f"{where}: expected a mapping like {{lemma: attack, code: \"190\"}}")
    label = f"{where} ({raw.get('lemma', '?')})"
    unknown = sorted(set(raw) - ENTRY_FIELDS)
    if unknown:
        raise DictionaryError(f"{label}: unknown field(s) {', '.join(unknown)}; "
                              f"allowed: {', '.join(sorted(ENTRY_FIELDS))}")
    for name in ("lemma", "code"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise DictionaryError(f"{label}: '{name}' must be a non-empty string (quote codes: code: \"051\")")
    _check_fields(raw, label)
    return label


def _check_fields(raw: Mapping[str, Any], label: str) -> None:
    """The codes, part of speech, particle and strength of an entry, or a DictionaryError naming it."""
    for name in ("code", "intended", "state_code", "person_code", "armed_code"):
        value = raw.get(name)
        if value is not None and (not isinstance(value, str) or not value.isdigit() or not 3 <= len(value) <= 4):
            raise DictionaryError(f"{label}: '{name}' must be a CAMEO code of 3 or 4 digits in quotes, not {value!r}")
    if raw.get("pos", "verb") not in {"verb", "noun"}:
        raise DictionaryError(f"{label}: 'pos' must be verb or noun, not {raw.get('pos')!r}")
    if "particle" in raw and not isinstance(raw["particle"], str):
        raise DictionaryError(f"{label}: 'particle' must be a word, not {raw['particle']!r} (quote \"on\", \"off\")")
    implied = raw.get("implied_source")
    if implied is not None and (not isinstance(implied, str) or not IMPLIED.fullmatch(implied)):
        raise DictionaryError(f"{label}: 'implied_source' must be a sector code of three capital letters "
                              f"(COP, MIL, JUD, GOV, UAF), not {implied!r}")
    strength = raw.get("strength", 0.8)
    if isinstance(strength, bool) or not isinstance(strength, (int, float)) or not 0 < strength <= 1:
        raise DictionaryError(f"{label}: 'strength' must be a number in (0, 1], not {strength!r}")


def parse_entry(raw: Any, where: str) -> Entry:
    """One entry, checked field by field."""
    label = _check_entry(raw, where)
    return Entry(
        lemma=raw["lemma"].lower(),
        code=raw["code"],
        pos=raw.get("pos", "verb"),
        intended=raw.get("intended"),
        particle=raw.get("particle"),
        object=_words(raw.get("object", []), f"{label}: object"),
        unless_object=_words(raw.get("unless_object", []), f"{label}: unless_object"),
        modifier=_words(raw.get("modifier", []), f"{label}: modifier"),
        complement=_complement(raw.get("complement", False), label),
        clause_modal=_words(raw.get("clause_modal", []), f"{label}: clause_modal"),
        verdict=_words(raw.get("verdict", []), f"{label}: verdict"),
        target=_slots(raw.get("target", ["object"]), f"{label}: target"),
        place_target=bool(raw.get("place_target", False)),
        reciprocal=bool(raw.get("reciprocal", False)),
        strength=float(raw.get("strength", 0.8)),
        group_source=bool(raw.get("group_source", False)),
        state_code=raw.get("state_code"),
        person_code=raw.get("person_code"),
        armed_code=raw.get("armed_code"),
        implied_source=raw.get("implied_source"),
        owner_source=bool(raw.get("owner_source", False)),
        prep=_word(raw.get("prep"), f"{label}: prep"),
        prep_object=_words(raw.get("prep_object", []), f"{label}: prep_object"),
    )


def _word(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or " " in value.strip():
        raise DictionaryError(f"{where}: expected one preposition (quote \"on\", \"off\"), not {value!r}")
    return value.strip().lower()


def _slots(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(
            f"{where}: expected a list of slot names (object, dative or a preposition; quote \"on\" and \"off\")"
        )
    return tuple(v.lower() for v in value)


def _complement(value: Any, label: str) -> bool | frozenset[str]:
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return frozenset(v.lower() for v in value)
    raise DictionaryError(f"{label}: 'complement' must be true, false or a non-empty list of verb lemmas")
