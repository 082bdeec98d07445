"""How big the gazetteer is in memory and how long a worker takes to load it.

    python scripts/gazetteer_memory.py [--worker]

Loads the gazetteer from its cache in this process (building it first, in a child process, when the
cache is missing) and prints the arrays' size, the load time and the growth of the resident memory; with
``--worker`` also loads everything a worker loads (spaCy model and all resources) and prints the
worker's resident memory.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def rss_mb() -> float:
    """The resident memory of this process now, in MB (from /proc; the peak where that is missing)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", action="store_true", help="also load the model and all resources")
    args = parser.parse_args()
    from eventwire.stages.places import store
    from eventwire.stages.places.gazetteer import Gazetteer

    path = store.cache_path()
    if path is not None and not path.exists():
        started = time.perf_counter()
        Gazetteer.load()
        print(f"built the cache in {time.perf_counter() - started:.1f} s: {path}")
        return print("run again to measure a load from the cache")
    before = rss_mb()
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    seconds = time.perf_counter() - started
    names = gazetteer._names
    size = names.nbytes() if isinstance(names, store.CompactNames) else 0
    print(f"gazetteer: {len(gazetteer):,} names, arrays {size / 1e6:.1f} MB, cache file "
          f"{path.stat().st_size / 1e6 if path else 0:.1f} MB")
    print(f"load from cache: {seconds:.2f} s, resident memory {before:.0f} -> {rss_mb():.0f} MB")
    started = time.perf_counter()
    for name in ("Springfield", "Nueva Ecija", "Paris", "Qwerty"):
        gazetteer.lookup_all(name)
    print(f"first lookups: {(time.perf_counter() - started) * 1000:.1f} ms")
    if args.worker:
        from eventwire import nlp
        from eventwire.resources import Resources
        from eventwire.settings import Settings

        started = time.perf_counter()
        settings = Settings()
        nlp.load(settings.model)
        Resources.load(settings)
        print(f"worker (model + resources): {time.perf_counter() - started:.1f} s more, resident memory "
              f"{rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
