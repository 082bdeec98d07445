"""The CAMEO verb dictionary shipped in ``eventwire/data/thirdparty/cameo/`` (PETRARCH's, MIT licence; see SOURCE.md
there), merged into the trigger lexicon.

:func:`with_verb_dictionary` adds the compiled frames of :mod:`.verb_frames` to a lexicon as entries of origin
``cameo``, under the lexicon's own entries:

* an imported frame with the same conditions as an entry of the lexicon for the same verb (particle,
  preposition, and no object or a shared one) is left out: the lexicon's code wins;
* a verb the lexicon lists keeps only its imported frames with conditions (the lexicon's author chose that
  verb's frames); so do the light verbs ("hold", "make") and the verbs of ``cameo_no_default`` in
  ``eventwire/data/words/events.tsv``: words of many senses whose CAMEO default would code most of their
  uses wrongly ("say" 010, "hold" 170, "give" 060, "go" 040);
* with ``mode="patterns"`` no bare default is added at all, with ``mode="all"`` the other verbs keep theirs
  (the block's code or the verb's own, without the objects a ``[---]`` pattern rules out);
* an imported entry is weaker than a curated one (:data:`PATTERN_STRENGTH`, :data:`DEFAULT_STRENGTH`), and
  where both fit a word the frame matcher takes the curated one, however specific the imported frame;
* an imported entry gives an event only when the sentence names its target (``needs_target``): PETRARCH
  codes a pattern only between a source and a target, and an imported frame's event with no target is
  most often no event at all (measured on the development articles: none of them was right); nor in a
  subordinate clause, nor with a word an entry of the lexicon matches as its object or clause (the events
  stage checks both);
* a code eventwire's CAMEO table does not know is left out.

Compiling the 11,000 patterns takes seconds, so the frames are kept in the user's cache folder like the
Phoenix import (named by a digest of the dictionary files and the modules that read them), and so are the
entries they give under a lexicon (named by a digest of the frames' file, the lexicon's entries and words, the
CAMEO codes and the modules that make entries): a worker process starts by reading them, as rows by verb that
become entries when the verb is first looked up (:class:`~.triggers.EntryRows`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cachefiles import cache_folder, cached, paused_gc, read_marshal, write_marshal
from ..ontology.cameo import codes as cameo_codes
from . import triggers
from .cameo_verbs import FOLDER, SYNSET_FILE, VERB_FILE, read_dictionary
from .triggers import Entry, EntryRows, Lexicon, entry_row
from .verb_frames import Frame, Tally, all_frames
from .words import words

MODES = ("off", "patterns", "all")
PATTERN_STRENGTH = 0.6
DEFAULT_STRENGTH = 0.5
ORIGIN = "cameo"
NONE: frozenset[str] = frozenset()  # one empty set for all entries (each frozenset() call makes a new one)
Row = tuple[str, str | None, str | None, tuple[str, ...], tuple[str, ...], str | None, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Compiled:
    """The compiled dictionary: (lemma, frame) pairs and the tally of what compiled and what did not."""

    frames: tuple[tuple[str, Frame], ...]
    counts: Mapping[str, int]
    rejected: Mapping[str, int]
    examples: Mapping[str, tuple[str, ...]]


def compiled(folder: Path | None = None) -> Compiled:
    """The compiled dictionary of ``folder`` (the shipped one, from the cache when it is current)."""
    if folder is not None:
        return _build(folder)
    return _cached()


def _cached() -> Compiled:
    path = cache_path()
    found = _read(path) if path is not None else None
    if found is not None:
        return found
    with paused_gc():
        built = _build(FOLDER)
    if path is not None:
        _write(path, built)
    return built


def _build(folder: Path) -> Compiled:
    dictionary = read_dictionary(folder)
    tally = Tally()
    frames = tuple(all_frames(dictionary, tally))
    tally.counts["blocks"] = len(dictionary.blocks)
    tally.counts["verbs"] = sum(len(b.verbs) for b in dictionary.blocks)
    tally.counts["patterns"] = sum(len(b.patterns) for b in dictionary.blocks)
    return Compiled(frames, dict(tally.counts), dict(tally.rejected),
                    {k: tuple(v) for k, v in tally.examples.items()})


def with_verb_dictionary(lexicon: Lexicon, mode: str = "all") -> Lexicon:
    """``lexicon`` with the CAMEO verb dictionary's frames added under its own entries (see the module's notes);
    ``mode`` is ``off`` (the lexicon itself), ``patterns`` (frames with conditions) or ``all`` (and the bare
    defaults of the verbs the lexicon and ``cameo_no_default`` leave open)."""
    if mode not in MODES:
        raise ValueError(f"verb_dictionary must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "off":
        return lexicon
    return _merged(lexicon, mode)


@lru_cache(maxsize=4)
def _merged(lexicon: Lexicon, mode: str) -> Lexicon:
    def build() -> EntryRows:
        return EntryRows.of(imported_entries(lexicon, compiled().frames, mode))

    added = cached(entries_path(lexicon, mode), build, _plain_rows, _entry_rows, ".cameo-entries-")
    return replace(lexicon, imported=added)


def imported_entries(lexicon: Lexicon, frames: Iterable[tuple[str, Frame]], mode: str) -> tuple[Entry, ...]:
    """The entries the frames give under ``lexicon`` (see the module's notes)."""
    own: dict[str, list[Entry]] = {}
    for entry in lexicon.entries:
        if entry.pos == "verb":
            own.setdefault(entry.lemma, []).append(entry)
    no_default = lexicon.light_verbs | words("cameo_no_default")
    known = cameo_codes()
    pairs = list(frames)
    ruled_out = _ruled_out(pairs)
    found: list[Entry] = []
    for lemma, frame in pairs:
        if frame.code is None or frame.code not in known:
            continue
        if frame.bare and (mode != "all" or lemma in own or lemma in no_default):
            continue
        if any(_same_conditions(frame, e) for e in own.get(lemma, ())):
            continue
        found.append(entry_of(lemma, frame, ruled_out.get(lemma, NONE) if frame.bare else NONE))
    return tuple(found)


def _ruled_out(pairs: Iterable[tuple[str, Frame]]) -> dict[str, frozenset[str]]:
    """For each verb, the objects its ``[---]`` patterns of an object alone say are no event."""
    found: dict[str, set[str]] = {}
    for lemma, frame in pairs:
        if frame.code is None and frame.object and not (frame.particle or frame.modifier or frame.prep):
            found.setdefault(lemma, set()).update(frame.object)
    return {lemma: frozenset(objects) for lemma, objects in found.items()}


def _same_conditions(frame: Frame, entry: Entry) -> bool:
    """Whether a curated entry sets the conditions the frame sets: the frame would only disagree with it."""
    objects = (not frame.object and not entry.object) or bool(frame.object & entry.object)
    return frame.particle == entry.particle and frame.prep == entry.prep and objects and (
        not frame.bare or not (entry.complement or entry.clause_modal or entry.modifier))


def entry_of(lemma: str, frame: Frame, unless: frozenset[str] = NONE) -> Entry:
    """The trigger entry of an imported frame."""
    return Entry(lemma=lemma, code=frame.code or "", particle=frame.particle, object=frame.object,
                 unless_object=unless, modifier=frame.modifier, prep=frame.prep, prep_object=frame.prep_object,
                 target=frame.target, strength=DEFAULT_STRENGTH if frame.bare else PATTERN_STRENGTH,
                 origin=ORIGIN, needs_target=True)


# --- the cache ---------------------------------------------------------------------------------------------------


def cache_path() -> Path | None:
    """Where this version of the compiled dictionary is cached, None when that cannot be told."""
    here = Path(__file__).resolve().parent
    try:
        digest = hashlib.sha256()
        for path in (FOLDER / VERB_FILE, FOLDER / SYNSET_FILE, here / "cameo_verbs.py", here / "verb_frames.py",
                     here / "verb_import.py"):
            digest.update(path.read_bytes())
        folder = cache_folder()
    except (OSError, RuntimeError):
        return None
    return folder / f"cameo-verbs-{digest.hexdigest()[:16]}.marshal"


def _row(lemma: str, frame: Frame) -> Row:
    return (lemma, frame.code, frame.particle, tuple(sorted(frame.object)), tuple(sorted(frame.modifier)),
            frame.prep, tuple(sorted(frame.prep_object)), frame.target)


def _frame(row: Any, shared: dict[Any, Any]) -> tuple[str, Frame]:
    """A (lemma, frame) pair from its cached row; equal word sets and slot lists are made once and shared (the
    verbs of a block take the same patterns)."""
    lemma, code, particle, objects, modifiers, prep, prep_objects, target = row
    return str(lemma), Frame(code, particle, _shared(frozenset(objects), shared), _shared(frozenset(modifiers), shared),
                             prep, _shared(frozenset(prep_objects), shared), _shared(tuple(target), shared))


def _shared(value: Any, shared: dict[Any, Any]) -> Any:
    return shared.setdefault(value, value)


def _read(path: Path) -> Compiled | None:
    try:
        with paused_gc():
            frames, counts, rejected, examples = read_marshal(path)
            shared: dict[Any, Any] = {}
            return Compiled(tuple(_frame(r, shared) for r in frames), Counter(counts), Counter(rejected),
                            {k: tuple(v) for k, v in examples.items()})
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(path: Path, result: Compiled) -> None:
    data = ([_row(lemma, frame) for lemma, frame in result.frames], dict(result.counts), dict(result.rejected),
            {k: list(v) for k, v in result.examples.items()})
    write_marshal(path, data, ".cameo-verbs-")


def entries_path(lexicon: Lexicon, mode: str) -> Path | None:
    """Where the entries the frames give under ``lexicon`` in ``mode`` are cached, None when that cannot be told:
    named by a digest of all that :func:`imported_entries` reads."""
    frames = cache_path()
    if frames is None:
        return None
    try:
        source = Path(triggers.__file__).read_bytes()  # the fields of an entry
    except OSError:
        return None
    read = (mode, [_canonical(e) for e in lexicon.entries], sorted(lexicon.light_verbs),
            sorted(words("cameo_no_default")), sorted(cameo_codes()))
    digest = hashlib.sha256(frames.name.encode() + source + repr(read).encode())
    return frames.with_name(f"cameo-entries-{digest.hexdigest()[:16]}.marshal")


def _canonical(entry: Entry) -> tuple[Any, ...]:
    """An entry's fields with its word sets sorted: the same text in every process."""
    return tuple(sorted(v) if isinstance(v, frozenset) else v for v in entry_row(entry))


def _plain_rows(rows: EntryRows) -> dict[tuple[str, str], list[tuple[Any, ...]]]:
    """The entry rows as plain data (marshal keeps a word set shared by many entries once)."""
    return {key: list(value) for key, value in rows.rows.items()}


def _entry_rows(data: dict[Any, Any]) -> EntryRows:
    """The entry rows read back (a row of the wrong width raises TypeError)."""
    return EntryRows({(str(pos), str(lemma)): rows for (pos, lemma), rows in data.items()})
