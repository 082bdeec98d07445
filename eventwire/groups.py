"""Parse groups: how a batch of articles is split into ``nlp.pipe`` calls.

A group is a run of at most ``batch_size`` articles and :data:`GROUP_CHARS` characters. The
groups depend only on the articles given, so every process parses the same articles together, and
a group of long articles cannot blow up the parser's memory (its buffers grow with the tokens of a
call). This module imports nothing heavy: the ingesting process splits batches into groups to hand
them to workers without loading spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .models import Article

GROUP_CHARS = 60_000  # most characters parsed in one nlp.pipe group: about 12,000 tokens, ~280 MB of parser buffers


def parse_groups(articles: Iterable[Article], batch_size: int,
                 max_chars: int = GROUP_CHARS) -> Iterator[list[Article]]:
    """Consecutive runs of at most ``batch_size`` articles and ``max_chars`` characters; an article
    longer than ``max_chars`` is a run of its own."""
    group: list[Article] = []
    chars = 0
    for article in articles:
        size = len(article.text)
        if group and (len(group) >= batch_size or chars + size > max_chars):
            yield group
            group, chars = [], 0
        group.append(article)
        chars += size
    if group:
        yield group
