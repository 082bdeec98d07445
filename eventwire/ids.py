"""Stable identifiers: the same input always gives the same ids, whatever the worker count."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """A short id such as ``ev-3f2a9c...`` derived only from ``parts``."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


def content_hash(text: str) -> str:
    """The full SHA-256 of a text, used as an article's storage key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
