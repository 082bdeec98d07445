"""Quotes and attribution: what was said, believed or intended, by whom, cued by which word.

    find_quotes(context) -> list[Quote]

Three kinds come out, each with its content offsets, its speaker (resolved to an actor through
the :class:`~eventwire.stages.actors.index.ActorIndex` where one covers the speaker's head word) and
its cue (the speech verb, or "according to"):

* ``direct``: a clause between quote marks (:mod:`.marks` pairs the marks, joins page breaks and
  links multi-paragraph quotes);
* ``partial``: a quoted fragment inside a sentence ("his "unreliable" actions"), or scare quotes;
* ``indirect``: reported speech, beliefs, intentions and stances found from the parse (:mod:`.cues`
  for verbs and "according to", :mod:`.nouns` for "X's claim that …" and "in X's view", :mod:`.phrases` for
  "X is confident that …", "X fired back that …" and "X sees Y as …"); a cue
  that interrupts its clause ("The plan, she said, is dead") gives two pieces of one report;
* transcript turns and speaker-first headlines ("RUIZ: …") are direct quotes of the label
  (:mod:`.labels`).

A direct quote takes the nearest cue in its sentence (or the sentence that introduces it with a
colon, or a bare cue right after it); a quote paragraph without one takes the speaker of the
neighbouring quote it continues. A fragment keeps to its own sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ...context import ArticleContext
from ...ids import stable_id
from ...lexicons import words
from ...models import Quote, QuoteKind, Span, Speaker
from ..actors.index import ActorIndex
from .cues import Cue, Mention, find_cues, mention, names_someone, past_report, speech_verbs
from .labels import ARTICLES, Label, find_labels
from .marks import Marked, find_marked, paragraphs
from .nouns import noun_cues
from .phrases import phrase_cues
from .sentences import Sentences

__all__ = ["find_quotes"]

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
MIN_CLAUSE_WORDS = 2
UNPARSED_CLAUSE_WORDS = 5
LONG_QUOTE_WORDS = 12  # an embedded quotation this long, with a finite verb, is direct speech, not a fragment
TRAILING = " \t\n,;"
NAME = r"[A-Z][\w.'-]*(?:[ \t\xa0]+[A-Z][\w.'-]*){0,4}"
SIGNATURE = re.compile(rf"[ \t\xa0]*[―—–][ \t\xa0]*({NAME})[ \t\xa0]*(?:\n|$)")
NAMED = r"[A-Z][\w.'’-]*(?:[ \xa0]+(?:[A-Z][\w.'’-]*|and|of|&))*"
COLON_LABEL = re.compile(rf"(?:^|[ \xa0][-–—][ \xa0]*|[-–—])(?:(?:More )?[Ff]rom )?({NAMED}):[ \t\xa0]*$")
LABEL_WORDS = 6
POSSESSOR_REACH = 3  # heads a fragment climbs to the noun that owns it ("his call for "…"": call, for, fragment)
PERSONAL = {"he", "she", "they", "i", "we", "him", "her", "them"}
OPENERS = ".?!\n"  # what a quotation that opens its sentence follows
GOES_ON = ",?!"  # a quotation closed on one of these goes on into its attribution
TAG_REACH = 30  # characters between such an attribution's speaker and its verb ("Ana Ruiz, R-Pa., said")
REPORT_WORDS = 3  # words of its own, outside quote marks, that make a report holding a direct quote more than it


@dataclass(frozen=True)
class Draft:
    """A quote before ids and actors are attached."""

    kind: QuoteKind
    start: int
    end: int
    speaker: Mention | None
    cue: tuple[int, int] | None
    chunk: Marked | None = None


def find_quotes(context: ArticleContext) -> list[Quote]:
    """Every direct, partial and indirect quote of the article, in text order (speakers resolved
    through the context's actor index)."""
    doc = context.doc
    sentences = Sentences.of(context)
    text = context.text
    marked = find_marked(text)
    labels = find_labels(text)
    cues = sorted(find_cues(doc) + list(noun_cues(doc)) + list(phrase_cues(doc)),
                  key=lambda c: c.start) if doc.has_annotation("DEP") else []
    kinds = [quote_kind(context, m) for m in marked]
    # a long quotation inside a sentence is direct speech, but its sentence is still read as a report
    inline = [k == "direct" and not m.continued and _embedded(context, m.opened)
              for m, k in zip(marked, kinds, strict=True)]
    direct_spans = [(m.opened, m.outer_end) for m, k, i in zip(marked, kinds, inline, strict=True)
                    if k == "direct" and not i]
    quoted = [(m.opened, m.outer_end) for m in marked] + [(b.start, b.content_end) for b in labels]
    free = [c for c in cues if not any(a <= c.start < b for a, b in quoted)]
    reported = [c for c in free if _reports_unquoted(doc, c, direct_spans, free) and not _thing_inside(doc, c, free)]
    reported = [c for c in reported if not _folded(doc, c, reported)]
    indirect = [_to_close(d, marked) for c in reported for d in _indirect(c)]
    quoted_drafts = [
        _direct(m, free, sentences) if k == "direct" and not i and not _within(m, indirect)
        else replace(_partial(m, indirect, free, sentences), kind="partial" if _within(m, indirect) else k)
        for m, k, i in zip(marked, kinds, inline, strict=True)
    ]
    quoted_drafts, turns = _apply_labels(text, quoted_drafts, labels)
    drafts = sorted(_fill_from_neighbours(text, quoted_drafts) + indirect + turns, key=lambda d: (d.start, -d.end))
    drafts = _fill_from_paragraph_before(text, drafts)
    return _records(text, drafts, context.index, context.article_id)


def _label_speaker(label: Label) -> Mention:
    return Mention(label.start, label.end, label.start, label.end)


def _apply_labels(text: str, drafts: list[Draft], labels: list[Label]) -> tuple[list[Draft], list[Draft]]:
    """Quote marks around a labelled turn ("\"RUIZ: …") make it a direct quote of the label's
    name without the label; a labelled paragraph without marks becomes one of its own."""
    by_start = {b.start: b for b in labels}
    used: set[int] = set()
    labelled = []
    for draft in drafts:
        label = by_start.get(draft.start)
        if label is None or draft.chunk is None:
            labelled.append(draft)
            continue
        used.add(label.start)
        speaker = _label_speaker(label)
        labelled.append(replace(draft, kind="direct", start=label.content_start, speaker=speaker, cue=None))
    turns = [
        Draft("direct", *_trim_text(text, b.content_start, b.content_end), _label_speaker(b), None)
        for b in labels if b.start not in used
    ]
    return labelled, turns


def quote_kind(context: ArticleContext, chunk: Marked) -> QuoteKind:
    """``direct`` for a clause standing on its own (or a long quoted clause inside a sentence),
    ``partial`` for a fragment inside a sentence."""
    if chunk.continued:
        return "direct"
    doc = context.doc
    if not _is_clause(doc, chunk.start, chunk.end):
        return "partial"
    if _embedded(context, chunk.opened) and not _long_clause(doc, chunk.start, chunk.end):
        return "partial"
    return "direct"


def _long_clause(doc: Doc, start: int, end: int) -> bool:
    """A quotation long enough to carry the speaker's own clause ('described him as a "man who …"')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    return len(words) >= LONG_QUOTE_WORDS


def _embedded(context: ArticleContext, opened: int) -> bool:
    """Whether the word before the opening mark carries on the sentence into the quote (it is no
    speech verb: 'said "…"' opens a quote)."""
    before = context.text[:opened].rstrip(" \t\xa0")
    if not before or not before[-1].isalnum():
        return False
    token = context.doc[max(bisect.bisect_right(context.words.starts, len(before) - 1) - 1, 0)]
    verbs = speech_verbs()
    return not (token.lemma_ in verbs or token.lower_ in verbs or token.lower_ in words("speech_forms"))


def _is_clause(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    if not doc.has_annotation("TAG"):
        return len(words) >= UNPARSED_CLAUSE_WORDS
    return len(words) >= MIN_CLAUSE_WORDS and any(t.tag_ in FINITE_TAGS for t in words)


def _direct(chunk: Marked, cues: list[Cue], sentences: Sentences) -> Draft:
    start, end = _trim_text(sentences.text, chunk.start, chunk.end)
    signed = _signature(sentences.text, chunk) or _colon_label(sentences.text, chunk)
    if signed is not None:
        return Draft("direct", start, end, signed, None, chunk)
    cue = _best_cue(chunk, cues, sentences)
    if cue is None:
        tag = sentences.tag(chunk.end, chunk.closed) if chunk.closed is not None else None
        if tag is not None:
            return Draft("direct", start, end, tag[0], tag[1], chunk)
        return Draft("direct", start, end, sentences.introducer(chunk.opened), None, chunk)
    return Draft("direct", start, end, cue.speaker, (cue.start, cue.end), chunk)


def _signature(text: str, chunk: Marked) -> Mention | None:
    """The name signing a quote after a dash on the same line ("“…” ― Ana Ruiz")."""
    if chunk.closed is None:
        return None
    match = SIGNATURE.match(text, chunk.closed + 1)
    if match is None:
        return None
    start, end = match.span(1)
    return Mention(start, end, start, end)


def _colon_label(text: str, chunk: Marked) -> Mention | None:
    """A name and a colon right before a quote, opening its line or after a dash ("… - Ana Ruiz: “…”",
    "More from Ruiz: “…”"); transcript turns in capitals are labels (:mod:`.labels`)."""
    line_start = text.rfind("\n", 0, chunk.opened) + 1
    match = COLON_LABEL.search(text[line_start:chunk.opened])
    if match is None:
        return None
    name = match.group(1).split()
    if not name or name[0] in ARTICLES or len(name) > LABEL_WORDS or name == [name[0].upper()]:
        return None  # no name, a column ("The Latest:") or a heading in capitals ("UPDATE:")
    start, end = line_start + match.start(1), line_start + match.end(1)
    return Mention(start, end, start, end)


def _trim_text(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return start, end


def _best_cue(chunk: Marked, cues: list[Cue], sentences: Sentences, *, beyond: bool = True) -> Cue | None:
    """The cue with a speaker closest to the quote: in the sentences around it, else a cue
    without content of its own in the sentence right after it ("…?" Ruiz asked.), else the
    nearest one before it in its paragraph ("Ruiz said. "The other reason…""). Only the first
    holds ``beyond=False`` (a fragment belongs to its own sentence)."""
    low, high = sentences.region(chunk.opened, chunk.outer_end)
    near = [c for c in cues if c.speaker is not None and low <= c.start < high]
    if near:
        return min(near, key=lambda cue: _rank(cue, chunk))
    if not beyond:
        return None
    after = _cue_after(chunk, cues, sentences)
    if after is not None:
        return after
    para_start, _ = sentences.paragraph(chunk.opened)
    before = [c for c in cues if c.speaker is not None and para_start <= c.start and c.end <= chunk.opened]
    return before[-1] if before else None


def _cue_after(chunk: Marked, cues: list[Cue], sentences: Sentences) -> Cue | None:
    """A cue in the sentence right after a quotation that says nothing of its own ("…?" Ruiz asked.), or that
    opens with its speaker after a quotation closed on a comma, a question or an exclamation."""
    after = sentences.following(chunk.outer_end) if chunk.closed is not None else None
    if after is None:
        return None
    bare = [c for c in cues if c.speaker is not None and after[0] <= c.start < after[1]
            and (c.content is None or _tags(sentences.text, chunk, c))]
    return bare[0] if bare else None


def _tags(text: str, chunk: Marked, cue: Cue) -> bool:
    """Whether a cue opens the sentence after a quotation closed on a comma, a question or an exclamation, its
    speaker first (""…!" Rep. Ana Ruiz, R-Pa., said of the plan."): the attribution of that quotation, though
    the cue reports more."""
    assert cue.speaker is not None
    last = text[:chunk.end].rstrip()[-1:]
    return bool(last) and last in GOES_ON and not text[chunk.outer_end:cue.speaker.start].strip() \
        and 0 <= cue.start - cue.speaker.end <= TAG_REACH


def _rank(cue: Cue, chunk: Marked) -> tuple[int, int]:
    """Cues whose content covers the quote first, then the nearest."""
    overlaps = cue.content is not None and cue.content[0] < chunk.outer_end and cue.content[1] > chunk.opened
    gap = chunk.opened - cue.end if cue.end <= chunk.opened else cue.start - chunk.outer_end
    return (0 if overlaps else 1, abs(gap))


def _fill_from_neighbours(text: str, drafts: list[Draft]) -> list[Draft]:
    """Give cue-less direct quotes the speaker of the quote they continue (before, then after)."""
    paras = paragraphs(text)
    starts = [p[0] for p in paras]

    def para(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    filled = list(drafts)
    for i in range(1, len(filled)):
        here, before = filled[i], filled[i - 1]
        if here.kind == "direct" and here.speaker is None and before.speaker is not None \
                and _continues(here, before, para, paras):
            filled[i] = replace(here, speaker=before.speaker)
    for i in range(len(filled) - 2, -1, -1):
        here, after = filled[i], filled[i + 1]
        if here.kind == "direct" and here.speaker is None and after.speaker is not None \
                and _continues(after, here, para, paras):
            filled[i] = replace(here, speaker=after.speaker)
    return filled


def _fill_from_paragraph_before(text: str, drafts: list[Draft]) -> list[Draft]:
    """Give a direct quote that opens its paragraph without a speaker the speaker of the last attribution in the
    paragraph right before it ("Ruiz said the plan would hold.⏎⏎"It will."": Ruiz's words)."""
    paras = paragraphs(text)
    starts = [p[0] for p in paras]
    filled = list(drafts)
    for i, draft in enumerate(drafts):
        if draft.kind != "direct" or draft.speaker is not None or draft.chunk is None:
            continue
        here = bisect.bisect_right(starts, draft.chunk.opened) - 1
        if here < 1 or draft.chunk.opened != paras[here][0]:
            continue
        before = [d for d in filled[:i] if d.speaker is not None and paras[here - 1][0] <= d.start < paras[here][0]]
        if before:
            filled[i] = replace(draft, speaker=before[-1].speaker)
    return filled


def _continues(later: Draft, earlier: Draft, para: Callable[[int], int], paras: list[tuple[int, int]]) -> bool:
    """Whether ``later`` goes on with the words of ``earlier``'s speaker: the same paragraph, a
    continued multi-paragraph quote, or a quote paragraph right after a direct quote."""
    assert later.chunk is not None and earlier.chunk is not None
    if later.chunk.continued or para(later.start) == para(earlier.start):
        return True
    adjacent = para(later.start) == para(earlier.start) + 1
    opens_paragraph = later.chunk.opened == paras[para(later.start)][0]
    return adjacent and opens_paragraph and "direct" == earlier.kind == later.kind


def _reports_unquoted(doc: Doc, cue: Cue, direct_spans: list[tuple[int, int]], cues: list[Cue]) -> bool:
    """Whether a cue's content is reported speech rather than a direct quote already found: it holds no direct
    quote, or it carries one inside words of its own ("Ruiz said it is naive to think that "…"") that no
    other speech verb after the quote's opening attributes anew ("… and added, "…"", ""…," she said of it")."""
    if cue.content is None:
        return False
    start, end = cue.content
    inside = [(a, b) for a, b in direct_spans if min(end, b) - max(start, a) > 0]
    if not inside:
        return True
    chars = list(doc.text[start:end])
    for a, b in inside:
        chars[max(a, start) - start:min(b, end) - start] = " " * (min(b, end) - max(a, start))
    own = [w for w in "".join(chars).split() if any(ch.isalnum() for ch in w)]
    return len(own) >= REPORT_WORDS and not _speech_from(doc, cue, cues, inside)


def _speech_from(doc: Doc, cue: Cue, cues: list[Cue], inside: list[tuple[int, int]]) -> bool:
    """Whether a speech verb other than ``cue`` stands in its content and attributes a direct quote there anew:
    after the quote's opening, or with that quote for its own content."""
    assert cue.content is not None
    verbs = speech_verbs()
    first = min(a for a, _ in inside)
    return any(
        o is not cue and cue.content[0] <= o.start < cue.content[1]
        and (entry := verbs.get(doc[o.token].lemma_)) is not None and entry.kind == "speech"
        and (o.start >= first or _holds_any(o.content, inside))
        for o in cues
    )


def _holds_any(content: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return content is not None and any(content[0] < b and a < content[1] for a, b in spans)


def _thing_inside(doc: Doc, cue: Cue, cues: list[Cue]) -> bool:
    """Whether a cue whose subject is a thing ("the examples failed to note …") sits inside what
    another speaker reports: a turn of that speaker's sentence, not an attribution of its own."""
    if cue.speaker is None:
        return False
    head = doc.char_span(cue.speaker.head_start, cue.speaker.head_end, alignment_mode="expand")
    if head is None or names_someone(head.root):
        return False
    return any(
        o is not cue and o.speaker is not None and o.content is not None and o.content[0] <= cue.start < o.content[1]
        for o in cues
    )


def _folded(doc: Doc, cue: Cue, cues: list[Cue]) -> bool:
    """Whether a cue is part of what another speaker reports, not an attribution of its own: it sits inside
    another cue's content and reports a belief, an intention, a stance or a finding ("Ruiz said voters want
    change", "Ruiz said she plans to run"), or speech of that speaker ("Ruiz said she told them …"). Speech of
    someone else stays a report of its own ("Ruiz said Berg told her that …"), and so does a second report of the
    same speaker that the parse hung inside the first ("Ruiz said that … and insisted that …")."""
    verb = doc[cue.token]
    climbs = past_report(verb).i if past_report(verb).i != verb.head.i else None  # a second report hung in the first
    outer = [o for o in cues if o is not cue and o.content is not None and o.content[0] <= cue.start < o.content[1]
             and o.token != climbs]
    if not outer:
        return False
    entry = speech_verbs().get(verb.lemma_)
    if entry is None or entry.kind != "speech" or cue.speaker is None:
        return True
    return any(_same_speaker(doc, cue.speaker, o.speaker) for o in outer)


def _same_speaker(doc: Doc, inner: Mention, outer: Mention | None) -> bool:
    """Whether an inner speaker is the outer one: a personal pronoun, or a mention sharing a name with it."""
    head = doc.char_span(inner.head_start, inner.head_end, alignment_mode="expand")
    if head is not None and head.root.lower_ in PERSONAL:
        return True
    if outer is None:
        return False
    names = set(re.findall(r"[A-Z][\w'-]+", doc.text[outer.start:outer.end]))
    return bool(names & set(re.findall(r"[A-Z][\w'-]+", doc.text[inner.start:inner.end])))


def _within(chunk: Marked, reports: list[Draft]) -> bool:
    """Whether a quotation lies inside a report: a quoted part of it ("said that "…""), however long."""
    return any(d.start <= chunk.start and chunk.end <= d.end for d in reports)


def _to_close(draft: Draft, marked: list[Marked]) -> Draft:
    """A report ending inside a quotation that opened within it runs on to the quotation's close ("said the
    claims are "just more evidence of fraud."": the report takes the whole quotation)."""
    for chunk in marked:
        if draft.start <= chunk.opened and chunk.start < draft.end < chunk.end:
            return replace(draft, end=chunk.end)
    return draft


def _indirect(cue: Cue) -> list[Draft]:
    """The reported content of a cue: one quote, or two when the cue interrupts it ("The plan, she
    said, is dead": "The plan" and "is dead", pieces of one report with the same speaker and cue)."""
    assert cue.content is not None
    pieces = [cue.lead, cue.content] if cue.lead is not None else [cue.content]
    return [Draft("indirect", start, end, cue.speaker, (cue.start, cue.end)) for start, end in pieces]


def _partial(chunk: Marked, indirect: list[Draft], cues: list[Cue], sentences: Sentences) -> Draft:
    """A fragment's speaker: a name signing it, the quote around it, a cue in its sentence, or the
    sentence's subject."""
    start, end = _trim_text(sentences.text, chunk.start, chunk.end)
    signed = _signature(sentences.text, chunk)
    if signed is not None:
        return Draft("partial", start, end, signed, None, chunk)
    for draft in indirect:
        if draft.start <= start and end <= draft.end and draft.speaker is not None:
            inner = _inner_cue(chunk, (draft.start, start), cues, sentences)
            if inner is not None:
                return Draft("partial", start, end, inner.speaker, (inner.start, inner.end), chunk)
            return Draft("partial", start, end, draft.speaker, draft.cue, chunk)
    cue = _best_cue(chunk, cues, sentences, beyond=False)
    if cue is not None:
        return Draft("partial", start, end, cue.speaker, (cue.start, cue.end), chunk)
    if chunk.closed is not None and _opens(sentences.text, chunk):
        cue = _cue_after(chunk, cues, sentences)
        if cue is not None:
            return Draft("partial", start, end, cue.speaker, (cue.start, cue.end), chunk)
        tag = sentences.tag(chunk.end, chunk.closed)
        if tag is not None:
            return Draft("partial", start, end, tag[0], tag[1], chunk)
    speaker = _possessor(sentences.doc, start) or sentences.clause_subject(start, end)
    speaker = speaker or sentences.subject(chunk.opened)
    return Draft("partial", start, end, speaker, None, chunk)


def _opens(text: str, chunk: Marked) -> bool:
    """Whether a quotation opens its sentence or paragraph (""Too late!" Ruiz shouted."): a short one is then a
    turn of speech of its own, attributed after it."""
    before = text[:chunk.opened].rstrip()
    return not before or before[-1] in OPENERS


def _possessor(doc: Doc, start: int) -> Mention | None:
    """Whose words a fragment is when it hangs on a noun with a possessor ("his call for "a total ban"", "their
    chants of "Ted!""): the possessor before the fragment, when it names someone (in "called Berg "my partner"" the
    "my" is the quoted speaker's own)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand") if doc.has_annotation("DEP") else None
    if span is None:
        return None
    token = span[0]
    for _ in range(POSSESSOR_REACH):
        if token.head.i == token.i or token.head.pos_ not in {"NOUN", "ADP"}:
            return None
        token = token.head
        owners = [c for c in token.children if c.dep_ == "poss" and names_someone(c) and c.idx < start]
        if owners:
            return mention(owners[0])
    return None


def _inner_cue(chunk: Marked, within: tuple[int, int], cues: list[Cue], sentences: Sentences) -> Cue | None:
    """The nearest naming cue with a speaker inside a report, in the fragment's sentence and before it
    ("Ruiz cited the plan, which the minister called "a gamble"": the minister names it so)."""
    low, _ = sentences.region(chunk.opened, chunk.outer_end)
    naming = words("naming_verbs")
    inside = [c for c in cues if c.speaker is not None and max(low, within[0]) <= c.start and c.end <= within[1]
              and sentences.doc[c.token].lemma_ in naming]
    return inside[-1] if inside else None


def _records(text: str, drafts: list[Draft], index: ActorIndex, article_id: str) -> list[Quote]:
    quotes: dict[tuple[int, int], Quote] = {}
    for d in drafts:
        if d.end <= d.start or (d.start, d.end) in quotes:
            continue
        cue = Span(d.cue[0], d.cue[1], text[d.cue[0]:d.cue[1]]) if d.cue else None
        speaker = _speaker(text, d.speaker, index) if d.speaker else None
        quote_id = stable_id("q", article_id, d.start, d.end)
        quotes[(d.start, d.end)] = Quote(quote_id, d.kind, text[d.start:d.end], d.start, d.end, speaker, cue)
    return list(quotes.values())


def _speaker(text: str, mention: Mention, index: ActorIndex) -> Speaker:
    actor = index.at(mention.head_start, mention.head_end)
    name = actor.name if actor is not None else text[mention.start:mention.end]
    return Speaker(
        actor.id if actor else None, name, actor.code if actor else None, mention.start, mention.end
    )
