"""Files eventwire keeps between runs: where they live, and how they are written and read.

Built data (the Phoenix import, the compiled CAMEO verb dictionary, the gazetteer's arrays) is cached under
``$XDG_CACHE_HOME/eventwire`` (or ``~/.cache/eventwire``) in files named by a digest of what they are built
from. A file is written whole under a temporary name and renamed into place, so a reader never sees half of
one; a file that cannot be read is rebuilt.
"""

from __future__ import annotations

import gc
import marshal
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def cache_folder() -> Path:
    """The folder of eventwire's caches (raises RuntimeError when there is no home folder)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eventwire"


def write_atomic(path: Path, write: Callable[[IO[bytes]], object], prefix: str, suffix: str = "") -> bool:
    """Write ``path`` through ``write`` into a temporary file beside it, then rename it into place; False
    (and nothing left behind) when it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=prefix, suffix=suffix, delete=False) as handle:
            written = Path(handle.name)
            write(handle)
    except OSError:
        return False
    try:
        os.replace(written, path)
    except OSError:
        written.unlink(missing_ok=True)
        return False
    return True


def write_marshal(path: Path, data: Any, prefix: str) -> bool:
    """Cache plain ``data`` (tuples, lists, dicts, strings, numbers) at ``path`` with :mod:`marshal`."""
    return write_atomic(path, lambda handle: handle.write(marshal.dumps(data)), prefix)


def read_marshal(path: Path) -> Any:
    """The data cached at ``path``, read with the collector paused; raises OSError, EOFError, ValueError or
    TypeError when it is missing or damaged."""
    with paused_gc():
        return marshal.loads(path.read_bytes())


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while tens of thousands of records are made (it would scan them again and again:
    a third of the time); the collector is left as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
