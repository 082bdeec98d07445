"""Parse groups: how a batch of articles is split into ``nlp.pipe`` calls.

A group is a run of at most ``batch_size`` articles and about :data:`GROUP_CHARS` characters. The
groups depend only on the articles given, so every process parses the same articles together, and
a group of long articles cannot blow up the parser's memory (its buffers grow with the tokens of a
call). This module imports nothing heavy: the ingesting process splits batches into groups to hand
them to workers without loading spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .models import Article

GROUP_CHARS = 60_000  # characters parsed in one nlp.pipe group: about 12,000 tokens, ~100 MB of parser buffers


def parse_groups(articles: Iterable[Article], batch_size: int,
                 max_chars: int = GROUP_CHARS) -> Iterator[list[Article]]:
    """Consecutive runs of at most ``batch_size`` articles; a run closes once it holds ``max_chars``."""
    group: list[Article] = []
    chars = 0
    for article in articles:
        group.append(article)
        chars += len(article.text)
        if len(group) >= batch_size or chars >= max_chars:
            yield group
            group, chars = [], 0
    if group:
        yield group
