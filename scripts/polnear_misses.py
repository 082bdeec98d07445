"""Where the quote stage loses PolNeAR contents and speakers, by category (study train, measure dev).

    python scripts/polnear_misses.py [--compartment train] [--limit N] [--cache DIR] [--show CATEGORY] [--examples N]

Parses the compartment once (the parses are kept in ``--cache`` as DocBin files, keyed by the model and
the texts) and runs the quote stage on every article. Each gold content gets the categories of its
attribution (a content can have several):

* ``headline_colon``: in the first line, attributed by a colon (no cue, or ":" as its cue);
* ``according_to``: the cue is "according to";
* ``view_phrase``: a prepositional cue ("in X's view", "for X", "to X's mind");
* ``noun_cue``: the cue's head is a noun ("X's claim that", "the statement from Y said");
* ``split_quote``: the content is in several pieces (a quote split by "he said");
* ``multi_paragraph``: the content runs over a line break;
* ``inside_quote``: an attribution nested inside a quoted passage;
* ``marked`` / ``unmarked``: the content opens with a quote mark or not;
* ``verb_clause`` / ``verb_object`` / ``verb_preposition`` / ``verb_other``: a verb cue whose content
  is, in the parse, its clause ("said (that) …", "…, he said"), its object ("endorsed the plan"), the
  object of its preposition ("talked about the plan") or something else;
* ``other_cue``: any other cue.

For each category the table gives the gold contents, how many are found with at least half their
characters covered, found with less (``short``: the prediction lies inside the content; ``long``: it
runs past it with less than half covered; ``shifted``), and missed. Predictions that match nothing are
counted by kind, and speaker errors by category and by cause (``speaker_error``: another cue's quote
matched, no speaker, another mention of the same name, a pronoun on either side, another speaker);
``--show speaker:CAUSE`` prints examples of one cause. Run it with the repository first on the path
(``PYTHONPATH=. python scripts/polnear_misses.py``) to measure the working tree's rules.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, DocBin, Token

from eventwire import nlp as nlp_module
from eventwire.context import ArticleContext
from eventwire.evaluate.polnear import (
    Article,
    Attribution,
    Fragments,
    Prediction,
    coverage,
    eventwire_predictions,
    load_articles,
    score,
    speaker_matches,
)
from eventwire.models import Quote
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.quotes import find_quotes

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear"
MARKS = "\"“”«»"
PREPOSITIONS = re.compile(r"^(in|for|to|from|by|on|under|at)\b", re.IGNORECASE)


def parsed(articles: list[Article], model: str, cache: Path) -> list[Doc]:
    """The parses of the articles, from the cache when it holds them."""
    nlp = nlp_module.load(model)
    key = hashlib.sha256((model + "".join(a.text for a in articles)).encode()).hexdigest()[:16]
    path = cache / f"polnear-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def categories(doc: Doc, gold: Attribution) -> list[str]:
    """The categories of one gold attribution (see the module docstring)."""
    text = doc.text
    start, end = gold.content[0][0], gold.content[-1][1]
    cue = " ".join(text[a:b] for a, b in gold.cue) if gold.cue else ""
    found = []
    first_line = text.find("\n")
    if start < (first_line if first_line > 0 else len(text)) and cue.strip() in {"", ":"}:
        found.append("headline_colon")
    if cue.lower().startswith("according"):
        found.append("according_to")
    elif PREPOSITIONS.match(cue):
        found.append("view_phrase")
    elif gold.cue:
        span = doc.char_span(gold.cue[0][0], gold.cue[-1][1], alignment_mode="expand")
        verbs = [t for t in span if t.pos_ in {"VERB", "AUX"}] if span is not None else []
        nouns = [t for t in span if t.pos_ in {"NOUN", "PROPN"}] if span is not None else []
        if nouns and not [t for t in verbs if t.pos_ == "VERB"]:
            found.append("noun_cue")
        elif verbs:
            found.append(_verb_shape(verbs[-1], gold.content))
        else:
            found.append("other_cue")
    if len(gold.content) > 1:
        found.append("split_quote")
    if "\n" in text[start:end].strip():
        found.append("multi_paragraph")
    found.append("marked" if text[start:end].lstrip()[:1] in MARKS else "unmarked")
    if _inside_quote(text, start):
        found.append("inside_quote")
    return found


def _verb_shape(verb: Token, content: Fragments) -> str:
    """What a verb cue's gold content is in the parse: its clause (``verb_clause``), its object
    (``verb_object``), the object of its preposition (``verb_preposition``) or something else."""
    start, end = content[0][0], content[-1][1]
    for child in verb.children:
        first, last = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        if first >= end or last <= start:
            continue
        if child.dep_ in {"ccomp", "xcomp", "parataxis", "advcl"}:
            return "verb_clause"
        if child.dep_ in {"dobj", "oprd", "dative"}:
            return "verb_object"
        if child.dep_ in {"prep", "agent"}:
            return "verb_preposition"
    if verb.dep_ in {"parataxis", "ccomp"} or (verb.head.idx < end and verb.head.idx >= start):
        return "verb_clause"
    return "verb_other"


def _inside_quote(text: str, offset: int) -> bool:
    """Whether an odd number of double marks opens the line before ``offset``."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    straight = before.count('"')
    return straight % 2 == 1 or before.count("“") > before.count("”")


def outcome(text: str, gold: Attribution, predicted: list[Prediction]) -> tuple[str, list[Prediction]]:
    """``found``, ``short``, ``long``, ``shifted`` or ``missed`` for one gold content."""
    near = [p for p in predicted if any(p.start < e and p.end > s for s, e in gold.content)]
    if not near:
        return "missed", []
    share = coverage(text, gold.content, near)
    if share >= 0.5:
        return "found", near
    start, end = gold.content[0][0], gold.content[-1][1]
    if all(start <= p.start and p.end <= end for p in near):
        return "short", near
    if any(p.start <= start and end <= p.end for p in near) or sum(p.end - p.start for p in near) > end - start:
        return "long", near
    return "shifted", near


def speaker_right(text: str, gold: Attribution, near: Iterable[Prediction]) -> bool | None:
    """Whether the best-overlapping prediction names the gold source (None without a gold source)."""
    near = list(near)
    if gold.source is None or not near:
        return None
    best = max(near, key=lambda p: sum(max(0, min(p.end, e) - max(p.start, s)) for s, e in gold.content))
    return best.speaker is not None and speaker_matches(text, best.speaker, gold.source)


PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "who", "which", "that"}


def speaker_error(text: str, gold: Attribution, best: Quote | None, quotes: list[Quote]) -> str:
    """Why the best-overlapping quote names the wrong speaker of a sourced gold content:

    * ``other_cue``: the quote comes from another cue than the gold one: ``inner`` when our cue lies inside the gold
      content (we report a nested attribution), ``outer`` when the gold cue lies inside our content, else
      ``beside``; ``/cue_found`` when another of our quotes has the gold cue, ``/cue_missed`` when none has;
    * ``none``: no speaker;
    * ``same_name_elsewhere``: the speaker shares a word with the gold source but is another mention of it;
    * ``gold_pronoun``: the gold source is a pronoun and ours another word;
    * ``ours_pronoun``: ours is a pronoun, the gold source a name or a noun;
    * ``other_sentence`` / ``same_sentence``: some other speaker, in or out of the gold source's sentence.
    """
    assert gold.source is not None
    source = " ".join(text[s:e] for s, e in gold.source)
    if best is None:
        return "none"
    if gold.cue and best.cue and not any(best.cue.start < e and best.cue.end > s for s, e in gold.cue):
        if any(s <= best.cue.start < e for s, e in gold.content):
            where = "inner"
        elif any(best.start <= s < best.end for s, _ in gold.cue):
            where = "outer"
        else:
            where = "beside"
        found = any(q.cue and any(q.cue.start < e and q.cue.end > s for s, e in gold.cue) for q in quotes)
        return f"other_cue:{where}/cue_{'found' if found else 'missed'}"
    if best.speaker is None:
        return "none"
    ours = text[best.speaker.start:best.speaker.end]
    if set(re.findall(r"[A-Z]\w+", ours)) & set(re.findall(r"[A-Z]\w+", source)):
        return "same_name_elsewhere"
    if source.lower().strip() in PRONOUNS:
        return "gold_pronoun"
    if ours.lower().strip() in PRONOUNS:
        return "ours_pronoun"
    gap = text[min(best.speaker.end, gold.source[0][1]):max(best.speaker.start, gold.source[0][0])]
    return "same_sentence" if not re.search(r"[.?!]\s|\n", gap) else "other_sentence"


def _best_quote(gold: Attribution, quotes: list[Quote], near: list[Prediction]) -> Quote | None:
    by_span = {(q.start, q.end): q for q in quotes}
    if not near:
        return None
    best = max(near, key=lambda p: sum(max(0, min(p.end, e) - max(p.start, s)) for s, e in gold.content))
    return by_span.get((best.start, best.end))


def run(compartment: str, limit: int | None, cache: Path, show: str | None, examples: int, model: str,
        every: int = 1) -> None:
    articles = load_articles(DATA, limit, compartment)[::every]
    docs = parsed(articles, model, cache)
    table: dict[str, Counter[str]] = defaultdict(Counter)
    spurious: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    shown: list[str] = []
    total = None
    for article, doc in zip(articles, docs, strict=True):
        quotes: list[Quote] = find_quotes(ArticleContext.of(doc, article.name).with_actors(ActorIndex([])))
        predicted = eventwire_predictions(quotes)
        counted = score(article.text, article.gold, predicted)
        total = counted if total is None else total.add(counted)
        for gold in article.gold:
            state, near = outcome(article.text, gold, predicted)
            right = speaker_right(article.text, gold, near)
            for name in [*categories(doc, gold), "all"]:
                table[name][state] += 1
                table[name]["gold"] += 1
                if right is not None:
                    table[name]["sourced"] += 1
                    table[name]["speaker_wrong"] += not right
                if name == show and state != "found":
                    shown.append(_example(article.text, gold, near, state))
            if right is False:
                why = speaker_error(article.text, gold, _best_quote(gold, quotes, near), quotes)
                errors[why] += 1
                if show == "speaker:" + why:
                    shown.append(_speaker_example(article.text, gold, _best_quote(gold, quotes, near), why))
        kinds = {(q.start, q.end): q.kind for q in quotes}
        for p in predicted:
            if not any(p.start < e and p.end > s for g in article.gold for s, e in g.content):
                spurious[kinds.get((p.start, p.end), "?")] += 1
    _print(table, spurious)
    print("\nspeaker errors by cause: " + ", ".join(f"{k} {v}" for k, v in errors.most_common()))
    if total is not None:
        print("\n" + "  ".join(f"{k}={v:.4f}" for k, v in total.metrics().items() if "f1" in k or "speaker" in k))
    random.Random(0).shuffle(shown)
    for line in shown[:examples]:
        print(line)


def _example(text: str, gold: Attribution, near: list[Prediction], state: str) -> str:
    content = " | ".join(text[s:e] for s, e in gold.content).replace("\n", "⏎")
    cue = " ".join(text[s:e] for s, e in gold.cue) if gold.cue else ""
    got = " || ".join(text[p.start:p.end].replace("\n", "⏎")[:160] for p in near)
    return f"\n[{state}] cue={cue!r}\n  gold: {content[:300]}\n  got:  {got}"


def _speaker_example(text: str, gold: Attribution, best: Quote | None, why: str) -> str:
    assert gold.source is not None
    start = max(0, min(gold.source[0][0], gold.content[0][0]) - 80)
    end = max(gold.source[-1][1], gold.content[-1][1])
    ours = f"{best.speaker.name!r}@{best.speaker.start}" if best is not None and best.speaker else "-"
    cue = best.cue.text if best is not None and best.cue else "-"
    source = " ".join(text[s:e] for s, e in gold.source)
    return (f"\n[{why}] gold source {source!r}@{gold.source[0][0]} ours {ours} (our cue {cue!r})\n  "
            + text[start:min(end, start + 500)].replace("\n", "⏎"))


def _print(table: dict[str, Counter[str]], spurious: Counter[str]) -> None:
    columns = ["gold", "found", "short", "long", "shifted", "missed", "sourced", "speaker_wrong"]
    print("| category | " + " | ".join(columns) + " | recall (half) | lost |")
    print("|---" * (len(columns) + 3) + "|")
    everything = table["all"]["gold"]
    for name, row in sorted(table.items(), key=lambda item: -item[1]["gold"]):
        lost = row["gold"] - row["found"]
        cells = " | ".join(str(row[c]) for c in columns)
        print(f"| {name} | {cells} | {row['found'] / row['gold']:.3f} | {lost / everything:.3f} |")
    print("\nunmatched predictions by kind: " + ", ".join(f"{k} {v}" for k, v in spurious.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compartment", default="train", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "eventwire-polnear")
    parser.add_argument("--show", default=None,
                        help="print examples of one category's losses (speaker:CAUSE for speaker errors)")
    parser.add_argument("--examples", type=int, default=20)
    parser.add_argument("--every", type=int, default=1, help="take every N-th article (a sample across outlets)")
    parser.add_argument("--model", default=nlp_module.DEFAULT_MODEL)
    args = parser.parse_args()
    run(args.compartment, args.limit, args.cache, args.show, args.examples, args.model, args.every)


if __name__ == "__main__":
    sys.exit(main())
