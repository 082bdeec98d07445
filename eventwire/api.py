"""The Python API: code text or files without a database.

    >>> import eventwire
    >>> result = eventwire.extract("Iran's foreign minister met Vladimir Putin in Moscow on Monday.",
    ...                            published="2019-03-04")
    >>> [(e.source.code, e.cameo.code, e.target.code) for e in result.events]  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from . import read
from .clean import normalise_date
from .errors import InputError
from .models import Result, Skipped, coding_failed
from .pipeline import Pipeline
from .settings import Settings

__all__ = ["extract", "extract_paths"]  # pipeline() is for eventwire's own modules (evaluation, web)


@lru_cache(maxsize=2)
def pipeline(settings: Settings = Settings()) -> Pipeline:
    """The loaded pipeline for ``settings``, built once per process."""
    return Pipeline.load(settings)


def _iso_date(value: str | None) -> str | None:
    """A user-given publication date as ISO ``YYYY-MM-DD``; a clear error when it is not a date."""
    if value is None:
        return None
    iso = normalise_date(value)
    if iso is None:
        raise InputError(f"published={value!r} is not a date; write it as YYYY-MM-DD")
    return iso


def _looks_like_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    return len(value) < 4096 and "\n" not in value and (value == "-" or os.path.exists(value))


def extract(
    text_or_path: str | Path,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    clean: bool = True,
    settings: Settings | None = None,
) -> Result:
    """Code one article given as text or as the path of a file holding one article."""
    settings = (settings or Settings()).replace(clean=clean)
    if _looks_like_path(text_or_path):
        items = list(read.read_inputs([str(text_or_path)], clean=settings.clean, max_chars=settings.max_chars))
        if len(items) != 1:
            raise InputError(
                f"{text_or_path} holds {len(items)} articles; use eventwire.extract_paths() for several"
            )
        item = items[0]
        if isinstance(item, Skipped):
            raise InputError(f"{item.origin}: {item.reason}")
        article = dataclasses.replace(item, published=_iso_date(published) or item.published,
                                      title=title or item.title, url=url or item.url, source=source or item.source)
    else:
        article = read.article_from_text(
            str(text_or_path), published=published, title=title, url=url, source=source, clean=settings.clean
        )
    return pipeline(settings).process(article)


def extract_paths(
    paths: Sequence[str], settings: Settings | None = None, *, published: str | None = None
) -> Iterator[Result | Skipped]:
    """Code every article found in ``paths`` (files, folders, JSONL, ``-``), in input order.

    With ``published``, every article is dated so (relative dates resolve against it). Inputs that
    cannot be read, and articles whose coding fails, come back as :class:`Skipped` with the reason;
    the rest as :class:`Result`.
    """
    settings = settings or Settings()
    pipe = pipeline(settings)
    date = _iso_date(published)
    for item in read.read_inputs(paths, clean=settings.clean, max_chars=settings.max_chars):
        if isinstance(item, Skipped):
            yield item
            continue
        if date:
            item = dataclasses.replace(item, published=date)
        try:
            yield pipe.process(item)
        except Exception as exc:  # one bad article must not end the batch
            yield coding_failed(item, exc)
