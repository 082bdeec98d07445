"""The stored MinHash index: stories updated for new articles only.

    new articles ─► signatures ─► band keys ─► candidates in ``story_bands`` ─► confirmed pairs ─► merged stories

Each linked article keeps its MinHash signature (``story_signatures``) and one key per LSH band
(``story_bands``: the band's rows of the signature hashed to one integer, with the band's number mixed in).
A new article is a candidate pair with every stored or new article that shares a band key, and a pair is kept
when the signatures' estimated Jaccard similarity is at least the threshold, as in :func:`.stories.group`:
the bands and rows are those datasketch's ``MinHashLSH`` chooses for the threshold, so the same pairs are
kept. New articles join, and may merge, the stories of the articles they match; a story that changes gets
the id of its smallest article key and every member's similarity to that article again. Stories no new
article touches are not read. A full relink is the same step from an empty index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import numpy.typing as npt

from ..ids import stable_id
from .stories import NUM_PERM, shingles

Signatures = npt.NDArray[np.uint32]
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant: hashes a band's rows into one key


@dataclass(frozen=True)
class Banding:
    """How signatures are cut into LSH bands: ``bands`` bands of ``rows`` hash values."""

    bands: int
    rows: int

    @classmethod
    def for_threshold(cls, threshold: float, num_perm: int = NUM_PERM) -> Banding:
        """The bands and rows datasketch's ``MinHashLSH`` takes for ``threshold``."""
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        return cls(int(lsh.b), int(lsh.r))

    def keys(self, signatures: Signatures) -> npt.NDArray[np.int64]:
        """One integer key per signature and band, shape ``(len(signatures), bands)``."""
        keys = np.zeros((len(signatures), self.bands), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for band in range(self.bands):
                key = np.full(len(signatures), band + 1, dtype=np.uint64)
                for row in range(band * self.rows, (band + 1) * self.rows):
                    key = key * _MIX + signatures[:, row].astype(np.uint64)
                keys[:, band] = key
        return keys.view(np.int64)


def signatures(texts: Sequence[str], num_perm: int = NUM_PERM) -> Signatures:
    """The MinHash signatures of ``texts`` (one row each), as :func:`.stories.group` computes them."""
    from datasketch import MinHash

    sets = [[s.encode("utf-8") for s in sorted(shingles(t))] for t in texts]
    if not sets:
        return np.zeros((0, num_perm), dtype=np.uint32)
    return np.stack([np.asarray(m.hashvalues, dtype=np.uint32) for m in MinHash.bulk(sets, num_perm=num_perm)])


def similarity(a: Signatures, b: Signatures) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    return float(np.count_nonzero(a == b)) / float(len(a))


class _Groups:
    """Union–find over string nodes."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def add_articles(connection: duckdb.DuckDBPyConnection, keys: Sequence[str], texts: Sequence[str],
                 threshold: float) -> list[str]:
    """Put new articles into stories through the stored index, and store their signatures and band keys.

    Rewrites ``story_articles`` and ``stories`` for the stories that change; returns the keys of every
    article whose story row changed (the new ones and the members of the stories they joined).
    """
    banding = Banding.for_threshold(threshold)
    new = signatures(texts)
    band_keys = banding.keys(new)
    groups = _Groups()
    for key in keys:
        groups.find("a" + key)
    stored = _stored_matches(connection, keys, band_keys, new, threshold)
    for new_key, story in stored:
        groups.join("a" + new_key, "s" + story)
    for i, j in _new_pairs(band_keys, new, threshold):
        groups.join("a" + keys[i], "a" + keys[j])
    touched = sorted({story for _, story in stored})
    members = _story_members(connection, touched)
    for key, story in members:
        groups.join("a" + key, "s" + story)
    by_root: dict[str, list[str]] = {}
    for key in [*keys, *(k for k, _ in members)]:
        by_root.setdefault(groups.find("a" + key), []).append(key)
    sigs = {**_stored_signatures(connection, [k for k, _ in members]), **dict(zip(keys, new, strict=True))}
    rows = [row for group in by_root.values() for row in _story_rows(group, sigs)]
    _write(connection, touched, rows, keys, new, band_keys)
    return [key for _, key, _ in rows]


def _stored_matches(connection: duckdb.DuckDBPyConnection, keys: Sequence[str], band_keys: npt.NDArray[np.int64],
                    new: Signatures, threshold: float) -> list[tuple[str, str]]:
    """``(new key, story id)`` for every stored article a new one is a confirmed pair with."""
    import pyarrow as pa

    if not keys:
        return []
    table = pa.table({"band": pa.array(band_keys.reshape(-1)),
                      "i": pa.array(np.repeat(np.arange(len(keys)), band_keys.shape[1]))})
    connection.register("_new_bands", table)
    try:
        candidates = connection.execute(
            "SELECT DISTINCT n.i, b.article_key FROM _new_bands n JOIN story_bands b ON b.band = n.band").fetchall()
    finally:
        connection.unregister("_new_bands")
    old = _stored_signatures(connection, sorted({key for _, key in candidates}))
    kept = [(keys[int(i)], key) for i, key in candidates if similarity(new[int(i)], old[key]) >= threshold]
    stories = dict(connection.execute(
        "SELECT article_key, story_id FROM story_articles WHERE article_key IN (SELECT unnest(?))",
        [sorted({key for _, key in kept})]).fetchall()) if kept else {}
    return [(new_key, str(stories[key])) for new_key, key in kept]


def _new_pairs(band_keys: npt.NDArray[np.int64], new: Signatures, threshold: float) -> Iterable[tuple[int, int]]:
    """Confirmed pairs among the new articles."""
    buckets: dict[int, list[int]] = {}
    for i, row in enumerate(band_keys.tolist()):
        for key in row:
            buckets.setdefault(key, []).append(i)
    seen: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for a in range(len(bucket)):
            for b in range(a + 1, len(bucket)):
                pair = (bucket[a], bucket[b])
                if pair not in seen:
                    seen.add(pair)
                    if similarity(new[pair[0]], new[pair[1]]) >= threshold:
                        yield pair


def _story_members(connection: duckdb.DuckDBPyConnection, stories: Sequence[str]) -> list[tuple[str, str]]:
    if not stories:
        return []
    found = connection.execute("SELECT article_key, story_id FROM story_articles WHERE story_id IN "
                               "(SELECT unnest(?))", [list(stories)]).fetchall()
    return [(str(key), str(story)) for key, story in found]


def _stored_signatures(connection: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> dict[str, Signatures]:
    if not keys:
        return {}
    found = connection.execute("SELECT article_key, signature FROM story_signatures WHERE article_key IN "
                               "(SELECT unnest(?))", [list(keys)]).fetchall()
    return {str(key): np.frombuffer(blob, dtype="<u4").astype(np.uint32) for key, blob in found}


def _story_rows(group: list[str], sigs: dict[str, Signatures]) -> Iterable[tuple[str, str, float]]:
    """``story_articles`` rows of one story: its id from the smallest key, similarity to that article."""
    first = min(group)
    story = stable_id("story", first)
    for key in sorted(set(group)):
        yield story, key, 1.0 if key == first else round(similarity(sigs[first], sigs[key]), 3)


def _write(connection: duckdb.DuckDBPyConnection, touched: Sequence[str], rows: Sequence[tuple[str, str, float]],
           keys: Sequence[str], new: Signatures, band_keys: npt.NDArray[np.int64]) -> None:
    import pyarrow as pa

    if touched:
        connection.execute("DELETE FROM story_articles WHERE story_id IN (SELECT unnest(?))", [list(touched)])
        connection.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [list(touched)])
    if rows:
        connection.register("_rows", pa.table({"story_id": [r[0] for r in rows], "article_key": [r[1] for r in rows],
                                               "similarity": pa.array([r[2] for r in rows], pa.float64())}))
        try:
            connection.execute("INSERT INTO story_articles SELECT story_id, article_key, similarity FROM _rows")
        finally:
            connection.unregister("_rows")
    if keys:
        connection.register("_sigs", pa.table({"article_key": list(keys),
                                               "signature": [s.astype("<u4").tobytes() for s in new]}))
        connection.register("_bands", pa.table({"band": pa.array(band_keys.reshape(-1)),
                                                "article_key": np.repeat(np.asarray(keys, dtype=object),
                                                                         band_keys.shape[1]).tolist()}))
        try:
            connection.execute("INSERT INTO story_signatures SELECT article_key, signature FROM _sigs")
            connection.execute("INSERT INTO story_bands SELECT band, article_key FROM _bands")
        finally:
            connection.unregister("_sigs")
            connection.unregister("_bands")
