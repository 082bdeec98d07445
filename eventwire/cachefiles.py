"""Files eventwire keeps between runs: where they live, and how they are written and read.

Built data (the Phoenix import, the compiled CAMEO verb dictionary, the gazetteer's arrays) is cached under
``$XDG_CACHE_HOME/eventwire`` (or ``~/.cache/eventwire``) in files named by a digest of what they are built
from. A file is written whole under a temporary name and renamed into place, so a reader never sees half of
one (workers starting together may each build a missing file; the last rename wins, with the same bytes); a file
that cannot be read is rebuilt. :func:`cached` is that whole round for a built value kept as plain data.
"""

from __future__ import annotations

import gc
import marshal
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

T = TypeVar("T")


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


class CacheWarning(UserWarning):
    """A cache file that could not be read or written: eventwire builds the data instead (slower, same result)."""


def cached(path: Path | None, build: Callable[[], T], plain: Callable[[T], Any], restore: Callable[[Any], T],
           prefix: str) -> T:
    """The value cached at ``path`` (``restore`` of its :mod:`marshal` data), else ``build()`` cached there as
    ``plain`` gives it (``path`` None: built, not cached). A file there that cannot be read or restored is built
    again and replaced, with a :class:`CacheWarning` that names it."""
    with paused_gc():  # tens of thousands of records are made either way
        return _cached(path, build, plain, restore, prefix)


def _cached(path: Path | None, build: Callable[[], T], plain: Callable[[T], Any], restore: Callable[[Any], T],
            prefix: str) -> T:
    if path is not None:
        try:
            return restore(read_marshal(path))
        except FileNotFoundError:
            pass
        except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError) as exc:
            warnings.warn(CacheWarning(f"the cache file {path} cannot be read ({type(exc).__name__}: {exc}); "
                                       "it is built again"), stacklevel=3)
    built = build()
    if path is not None:
        try:
            data = plain(built)
            written = write_marshal(path, data, prefix)
        except ValueError as exc:  # marshal meets an object it cannot write
            written, reason = False, f"{type(exc).__name__}: {exc}"
        else:
            reason = f"the folder {path.parent} is not writable"
        if not written:
            warnings.warn(CacheWarning(f"cannot write the cache file {path} ({reason}); the next start builds "
                                       "it again"), stacklevel=3)
    return built
