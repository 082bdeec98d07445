"""Where the places stage loses toponym recognition on GeoWebNews or GeoVirus, by category.

    python scripts/toponym_misses.py [--corpus geowebnews|geovirus] [--data DIR] [--limit N] [--cache DIR]
                                     [--show CATEGORY] [--examples N]

Parses the corpus once (kept in ``--cache`` as a DocBin file keyed by the model and the texts), runs the
places stage and scores it as ``eventwire evaluate`` does (overlap, one-to-one, in text order). Then:

* each *missed* gold toponym (no prediction overlaps it) gets one category: ``lower_case``, ``demonym_like``
  ("Syrian"), ``facility`` (its last word is a facility or street noun), ``split_or_merged`` (a prediction
  overlaps it but was paired with another gold name), or what the model made of it (``ent_ORG``,
  ``ent_PERSON``, ``ent_GPE``...; ``no_entity``), each split by whether the gazetteer knows the name
  (``major`` / ``minor`` / ``unknown``);
* each *false* prediction (overlapping no gold toponym) gets the GeoWebNews annotation it lies on, if any
  (``gold_Non_Toponym``, ``gold_Homonym``, ``gold_Literal_Expression``...), else ``demonym_like``,
  ``person_name`` (inside a PERSON entity), ``organisation`` (inside an ORG entity), ``facility``,
  ``multiword`` or ``single_word``, with the model's label of it;
* each *boundary* error (overlap but not exact) is ``longer``, ``shorter`` or ``shifted``.

With ``--show`` the examples of one category are printed with their context.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's eventwire, not an installed one

from eventwire import nlp as nlp_module
from eventwire.context import ArticleContext
from eventwire.evaluate import geovirus, geowebnews
from eventwire.evaluate.geowebnews import GoldArticle, Toponym, score_article
from eventwire.models import Place
from eventwire.resources import Resources
from eventwire.settings import Settings
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.places import find_places
from eventwire.stages.places.gazetteer import Gazetteer
from eventwire.stages.tokens import PLACE_NAME_NOUNS

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "geoparsing"
DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "an", "ans", "i", "is")
Example = tuple[str, str]  # (category, context)


def parsed(texts: list[str], model: str, cache: Path, name: str) -> list[Doc]:
    """The parses of the texts, from the cache when it holds them."""
    nlp = nlp_module.load(model)
    key = hashlib.sha256((model + "".join(texts)).encode()).hexdigest()[:16]
    path = cache / f"{name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=32))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def gwn_types(data: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Article id -> (start, end) -> the GeoWebNews annotation type of every annotated span."""
    found: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    for node in ET.parse(data / geowebnews.GOLD_FILE).getroot().iter("article"):
        for item in node.iter("toponym"):
            fields = {child.tag: (child.text or "").strip() for child in item}
            kind = fields.get("type", "") + ("_Adjective" if fields.get("modifierType") == "Adjective" else "")
            found[node.get("file", "")][(int(fields["start"]), int(fields["end"]))] = kind
    return found


def known(gazetteer: Gazetteer, text: str) -> str:
    if gazetteer.lookup(text):
        return "major"
    return "minor" if gazetteer.lookup_all(text) else "unknown"


def _label(doc: Doc, start: int, end: int) -> str:
    labels = {t.ent_type_ for t in doc.char_span(start, end, alignment_mode="expand") or () if t.ent_type_}
    return "+".join(sorted(labels)) or "none"


def missed(doc: Doc, gold: Toponym, near: list[Place], gazetteer: Gazetteer) -> str:
    text = gold.text
    if not any(ch.isupper() for ch in text):
        return "lower_case"
    if near:
        return "split_or_merged"
    last = text.split()[-1].lower() if text.split() else ""
    if last in PLACE_NAME_NOUNS:
        return f"facility/{known(gazetteer, text)}"
    if len(text.split()) == 1 and text.lower().endswith(DEMONYM_ENDINGS) and not gazetteer.lookup(text):
        return "demonym_like"
    return f"ent_{_label(doc, gold.start, gold.end)}/{known(gazetteer, text)}"


def false_one(doc: Doc, place: Place, annotated: dict[tuple[int, int], str]) -> str:
    on = [kind for (s, e), kind in annotated.items() if s < place.end and place.start < e]
    label = _label(doc, place.start, place.end)
    if on:
        return f"gold_{on[0]}/{label}"
    words = place.text.split()
    if len(words) == 1 and place.text.lower().endswith(DEMONYM_ENDINGS):
        return f"demonym_like/{label}"
    if words and words[-1].lower() in PLACE_NAME_NOUNS:
        return f"facility/{label}"
    shape = "multiword" if len(words) > 1 else "single_word"
    return f"{shape}/{label}"


def boundary(gold: Toponym, place: Place) -> str:
    if (gold.start, gold.end) == (place.start, place.end):
        return "exact"
    if place.start <= gold.start and place.end >= gold.end:
        return "longer"
    if place.start >= gold.start and place.end <= gold.end:
        return "shorter"
    return "shifted"


def context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 70):start] + "[" + text[start:end] + "]" + text[end:end + 70]).replace("\n", " ")


def run(args: argparse.Namespace) -> None:
    settings = Settings()
    module = geowebnews if args.corpus == "geowebnews" else geovirus
    articles: list[GoldArticle] = module.load_articles(args.data, args.limit)
    annotated = gwn_types(args.data) if args.corpus == "geowebnews" else {}
    docs = parsed([a.text for a in articles], settings.model, args.cache, args.corpus)
    resources = Resources.load(settings)
    tables: dict[str, Counter[str]] = {"missed": Counter(), "false": Counter(), "boundary": Counter()}
    examples: dict[str, list[str]] = defaultdict(list)
    for article, doc in zip(articles, docs, strict=True):
        places = find_places(ArticleContext.of(doc).with_actors(ActorIndex(())), resources)
        scored = score_article(article, places)
        paired_gold = {(g.start, g.end) for g, _ in scored.overlap}
        paired = {(p.start, p.end) for _, p in scored.overlap}
        left_out = article.left_out
        for gold, place in scored.overlap:
            kind = boundary(gold, place)
            tables["boundary"][kind] += 1
            if kind != "exact":
                examples[f"boundary:{kind}"].append(f"{place.text!r} for {gold.text!r}: "
                                                    + context(article.text, gold.start, gold.end))
        for gold in article.toponyms:
            if (gold.start, gold.end) in paired_gold:
                continue
            near = [p for p in places if p.start < gold.end and gold.start < p.end]
            kind = missed(doc, gold, near, resources.gazetteer)
            tables["missed"][kind] += 1
            examples[f"missed:{kind}"].append(context(article.text, gold.start, gold.end))
        for place in places:
            if (place.start, place.end) in paired or (
                    any(p.start < place.end and place.start < p.end for p in left_out)
                    and not any(g.start < place.end and place.start < g.end for g in article.toponyms)):
                continue
            kind = false_one(doc, place, annotated.get(article.id, {}))
            tables["false"][kind] += 1
            examples[f"false:{kind}"].append(context(article.text, place.start, place.end))
    gold = sum(len(a.toponyms) for a in articles)
    found = sum(tables["boundary"].values())
    predicted = found + sum(tables["false"].values())
    exact = tables["boundary"]["exact"]
    print(f"gold {gold}, predicted {predicted}, overlap {found} (F1 {2 * found / (gold + predicted):.3f}), "
          f"exact {exact} (F1 {2 * exact / (gold + predicted):.3f})")
    for name, table in tables.items():
        print(f"\n## {name} ({sum(table.values())})")
        for kind, count in table.most_common():
            print(f"{count:5d}  {kind}")
    if args.show is not None:
        rng = random.Random(0)
        for key in sorted(k for k in examples if k.startswith(args.show)):
            print(f"\n### {key}")
            shown = examples[key] if len(examples[key]) <= args.examples else rng.sample(examples[key], args.examples)
            for line in shown:
                print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("geowebnews", "geovirus"), default="geowebnews")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "eventwire-parses")
    parser.add_argument("--show", help="print examples of the categories starting with this (missed:ent_ORG)")
    parser.add_argument("--examples", type=int, default=15)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
