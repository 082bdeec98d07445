"""Report what the CAMEO verb dictionary compiles into: patterns that became frames, patterns that did not
(by kind, with examples), the entries each ``verb_dictionary`` mode adds to the trigger lexicon, and how long
loading takes (compiling, and from the cache).

    python scripts/verb_dictionary_report.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventwire.lexicons import verb_import
from eventwire.lexicons.triggers import Lexicon
from eventwire.lexicons.verb_frames import REASONS


def main() -> None:
    start = time.process_time()
    built = verb_import.compiled(verb_import.FOLDER)  # compiled afresh, not from the cache
    compile_time = time.process_time() - start
    start = time.process_time()
    verb_import.compiled()
    cached_time = time.process_time() - start
    counts, rejected = built.counts, built.rejected
    patterns = counts["patterns"]
    compiled = counts.get("patterns compiled", 0) + counts.get("[---] patterns compiled", 0)
    print(f"dictionary: {counts['blocks']} verb blocks, {counts['verbs']} verbs, {patterns} patterns")
    print(f"patterns compiled into frames: {compiled} ({compiled / patterns:.1%}); "
          f"of them coding an event: {counts.get('patterns compiled', 0)}, [---] (ruling an object out): "
          f"{counts.get('[---] patterns compiled', 0)}")
    print(f"patterns not compiled: {sum(rejected.values())}")
    for reason, n in Counter(rejected).most_common():
        print(f"  {n:5d}  {REASONS[reason]}")
        for example in built.examples.get(reason, ()):
            print(f"           e.g. {example}")
    for key in ("verbs of several words not read", "pattern and verb both set particle or object"):
        print(f"{key}: {counts.get(key, 0)}")
    print(f"(verb, frame) pairs: {len(built.frames)}")
    lexicon = Lexicon.load()
    print(f"trigger lexicon: {len(lexicon.entries)} entries of triggers.yaml")
    for mode in verb_import.MODES[1:]:
        start = time.process_time()
        merged = verb_import.with_verb_dictionary(lexicon, mode)
        merge_time = time.process_time() - start
        added = merged.imported.entries()
        bare = sum(e.specificity == 0 for e in added)
        lemmas = len({e.lemma for e in added})
        print(f"mode {mode}: +{len(added)} imported entries ({bare} bare defaults) over {lemmas} verbs; "
              f"merged in {merge_time:.2f} s of CPU")
    print(f"load (CPU time): compiling {compile_time:.2f} s, from the cache {cached_time:.2f} s")


if __name__ == "__main__":
    main()
