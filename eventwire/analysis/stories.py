"""Stories: one wire story carried by several outlets, found as near-duplicate text.

    texts ─► word 3-shingles ─► MinHash signatures (datasketch) ─► LSH candidates ─► confirmed pairs ─► groups

Each article's text becomes the set of its lower-cased word 3-grams, hashed into a MinHash signature.
An LSH index proposes pairs whose Jaccard similarity is likely over the threshold; a pair is kept when
the signatures' estimated Jaccard similarity is at least the threshold, and articles joined by kept
pairs form one story (union–find). A story's id is derived from the smallest article key in it, so the
same articles always give the same story ids.

Republished wire copy keeps most sentences word for word while outlets change the headline, trim the
tail or add a paragraph of their own; the default threshold (0.5) groups such versions and keeps apart
two stories that share only a lead paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..ids import stable_id

SHINGLE_WORDS = 3
NUM_PERM = 128
THRESHOLD = 0.5
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Member:
    """One article of a story, with its similarity to the story's first article (1.0 for that one)."""

    story_id: str
    article_key: str
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The lower-cased word ``size``-grams of ``text`` (its words, when it is shorter than ``size``)."""
    words = WORD.findall(text.lower())
    if len(words) < size:
        return set(words)
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _signatures(texts: Sequence[str], num_perm: int) -> list[Any]:
    """One datasketch ``MinHash`` per text (datasketch ships no types, hence ``Any``)."""
    from datasketch import MinHash

    sets = [[s.encode("utf-8") for s in sorted(shingles(t))] for t in texts]
    signatures: list[Any] = MinHash.bulk(sets, num_perm=num_perm)
    return signatures


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _similar_pairs(signatures: Sequence[Any], threshold: float, num_perm: int) -> Iterable[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, whose estimated Jaccard similarity is at least ``threshold``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, signature in enumerate(signatures):
        for j in lsh.query(signature):
            if signatures[j].jaccard(signature) >= threshold:
                yield int(j), i
        lsh.insert(i, signature)


def group(keys: Sequence[str], texts: Sequence[str], *, threshold: float = THRESHOLD,
          num_perm: int = NUM_PERM) -> list[Member]:
    """Group articles (by ``keys``, with their ``texts``) into stories of near-duplicate text.

    Every article belongs to exactly one story; an article like no other is a story of its own.
    Members come out ordered by story id, then article key.
    """
    if len(keys) != len(texts):
        raise ValueError(f"group() needs one text per key; got {len(keys)} keys and {len(texts)} texts")
    signatures = _signatures(texts, num_perm)
    parent = list(range(len(keys)))
    for i, j in _similar_pairs(signatures, threshold, num_perm):
        root_i, root_j = _find(parent, i), _find(parent, j)
        if root_i != root_j:
            parent[max(root_i, root_j)] = min(root_i, root_j)
    groups: dict[int, list[int]] = {}
    for i in range(len(keys)):
        groups.setdefault(_find(parent, i), []).append(i)
    return sorted(_members(groups.values(), keys, signatures), key=lambda m: (m.story_id, m.article_key))


def _members(groups: Iterable[list[int]], keys: Sequence[str], signatures: Sequence[Any]) -> Iterable[Member]:
    for indices in groups:
        first = min(indices, key=lambda i: keys[i])
        story = stable_id("story", keys[first])
        for i in indices:
            similarity = 1.0 if i == first else round(float(signatures[first].jaccard(signatures[i])), 3)
            yield Member(story, keys[i], similarity)
