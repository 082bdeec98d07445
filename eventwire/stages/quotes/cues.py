"""Attribution cues in a parsed Doc: who says (believes, intends) what, and with which word.

A cue is a verb from the speech-verb lexicon (``eventwire/data/speech_verbs.tsv``) or the phrase
"according to". For each cue the dependency parse gives

* the speaker: the verb's subject; the antecedent of "who" in "X, who …, said"; Y in "X quoted
  Y as saying"; the subject of the governing verb for "…, saying …"; the object of "according to"; the maker
  of a thing that speaks ("Ruiz released an ad that urges …"); for a cue the parse left without any
  subject, the word right before it when it can be one ("Election Commission records show");
* the content: the clausal complement ("said (that) …", "told Z that …", "believe …"), the
  infinitive of intentions ("plans to …"), the object of verbs such as "deny", or the rest of the
  clause around a parenthetical cue ("…, he said, …", "according to X", and an "as" clause that says
  nothing of its own: "as Ruiz noted, …", "as Ruiz put it, …").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from ...lexicons import words
from .contents import (
    Verb,
    aside,
    aside_verbs,
    clause_side,
    content_range,
    interrupted,
    lead_piece,
    line_apart,
    quoting_verb,
    speech_verbs,
    token_range,
)
from .pronouns import outer_antecedent

__all__ = ["Cue", "Mention", "Verb", "apart", "clause_side", "content_range", "cue_speaker", "find_cues",
           "lead_piece", "mention", "names_someone", "past_report", "speaker_token", "speech_verbs", "token_range"]

PEOPLE = {"PERSON", "ORG", "NORP", "GPE"}
PLACES = {"GPE", "LOC"}
NOUNS = {"NOUN", "PROPN", "PRON"}
HOLDER_WORDS = {"NOUN", "PRON", "NUM"}  # what an "-ing" cue can hang on and speak through ("50 percent saying")
OBJECT_DEPS = {"dobj", "pobj"}
MODIFIERS = {"compound", "poss", "amod", "nmod", "npadvmod"}
TIMES = {"DATE", "TIME"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
RELATIVE = {"who", "which", "that", "whom"}
CLIMB = {"advcl", "xcomp", "conj", "ccomp", "acomp"}  # acomp: "was eager to talk about …"
NAME_RIGHT = {"compound", "flat", "nummod", "cc", "conj", "case"}
ASIDE_REACH = 40
INVERTED = {"dobj", "npadvmod", "attr", "dep", "appos", "oprd"}  # how a parse hangs the name of "said Ana Ruiz"
INVERTED_REACH = 4
CLIMB_REACH = 6  # clauses a cue climbs for its speaker ("by citing" in "he will be able to sign up donors by citing …")
COUNT_DEPS = {"nummod", "npadvmod", "quantmod", "nmod", "dep", "advmod"}  # how a parse hangs a count on a verb
COUNTS = {"CARDINAL", "PERCENT", "QUANTITY"}
FLOATING = {"both", "all", "each"}  # quantifiers that float after the phrase they count
REPORT_JOINS = {"conj", "advcl"}  # how a parse joins a second cue to the clause it follows
CONTROLLED = {"xcomp", "ccomp", "advcl", "oprd"}  # how a parse hangs "to announce" on "led the senator"
OPENER_SKIPS = {"aux", "auxpass", "neg", "advmod"}  # between a line's opening noun and its verb ("Ruiz has not said")
BEFORE_VERB = {"nsubj", "compound", "amod", "nmod", "npadvmod", "dep"}  # how a bad parse hangs a subject on its verb
OBJECTS = {"dobj", "pobj", "dative", "attr", "oprd", "poss", "appos"}


@dataclass(frozen=True)
class Mention:
    """A speaker mention: ``[start, end)`` in the text and its head token's offsets."""

    start: int
    end: int
    head_start: int
    head_end: int


@dataclass(frozen=True)
class Cue:
    """One attribution cue with its speaker and content offsets (either may be missing); ``lead`` is
    the piece of the content before a cue that interrupts it ("The plan, she said, is dead")."""

    start: int
    end: int
    token: int
    speaker: Mention | None
    content: tuple[int, int] | None
    lead: tuple[int, int] | None = None


def mention(token: Token) -> Mention:
    """The noun phrase headed by ``token`` without its relative clauses and appositions."""
    parts = [token]
    for child in token.lefts:
        parts.extend(child.subtree)
    for child in token.rights:
        if child.dep_ in NAME_RIGHT:
            parts.extend(child.subtree)
    first = min(parts, key=lambda t: t.i)
    last = max(parts, key=lambda t: t.i)
    first, last = _within_line(token, first, last)
    while first.i < last.i and (first.is_punct or first.dep_ == "cc"):
        first = first.doc[first.i + 1]
    while last.i > first.i and (last.is_punct or last.dep_ == "cc"):
        last = last.doc[last.i - 1]
    return Mention(first.idx, last.idx + len(last), token.idx, token.idx + len(token))


def _within_line(head: Token, first: Token, last: Token) -> tuple[Token, Token]:
    """Clip ``first..last`` so that no line break separates it from ``head``."""
    doc = head.doc
    for j in range(head.i - 1, first.i - 1, -1):
        if "\n" in doc[j].text_with_ws:
            first = doc[j + 1]
            break
    for j in range(head.i, last.i):
        if "\n" in doc[j].text_with_ws:
            last = doc[j]
            break
    return first, last


def _subject(verb: Token) -> Token | None:
    """The agent of a passive cue, else its subject; of two subjects (a quote's own subject taken
    into the cue's clause: "…, it will," said Ana Ruiz), the one nearest the verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    subjects = [child for child in verb.children if child.dep_ in SUBJECTS]
    return min(subjects, key=lambda child: abs(child.i - verb.i)) if subjects else None


def names_someone(token: Token) -> bool:
    """A person or organisation rather than a thing ("officials saying" vs "a statement saying"); a day or a time
    is none, named or not ("said Wednesday")."""
    return (token.pos_ in {"PROPN", "PRON"} and token.ent_type_ not in TIMES) or token.ent_type_ in PEOPLE


def _governing_verb(token: Token) -> Token:
    """The nearest verb above ``token`` ("she said at a news conference announcing…" → "said")."""
    current = token
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def apart(subject: Token, other: Token) -> bool:
    """Whether a parse joined ``subject`` to ``other`` across a boundary: a line break, a headline
    colon ("The Latest: Ruiz urges …"), or a dateline ("BERLIN (AP) — Ruiz sings …")."""
    if line_apart(subject, other):
        return True
    low, high = sorted((subject.i, other.i))
    if any(t.text == ":" for t in subject.doc[low:high]):
        return True
    return subject.is_upper and len(subject) > 2 and subject.ent_type_ in PLACES


def _nearest_noun(verb: Token) -> Token | None:
    """The noun (or name, or pronoun) right before ``verb`` on its own line, if any."""
    if verb.i == 0:
        return None
    token = verb.doc[verb.i - 1]
    if token.pos_ not in NOUNS or token.dep_ in MODIFIERS or token.ent_type_ in TIMES or "\n" in token.text_with_ws:
        return None
    return token


def _named_apposition(noun: Token) -> Token | None:
    """A name set beside a common-noun subject ("the season, Tom Berg, …" in a bad parse;
    "the union's chief, Ana Ruiz, said")."""
    named = [c for c in noun.children if c.dep_ == "appos" and names_someone(c)]
    return named[0] if named else None


def _gerund_holder(verb: Token) -> Token | None:
    """The name right before a subjectless "-ing" cue ("footage of Ana Ruiz saying …")."""
    noun = _nearest_noun(verb)
    return noun if noun is not None and names_someone(noun) else None


def speaker_token(verb: Token) -> Token | None:
    """The token heading the speaker of cue ``verb``, following the parse up a few clauses."""
    current = verb
    for _ in range(CLIMB_REACH):
        quoting = quoting_verb(current)
        if quoting is not None:
            named = [c for c in quoting.children if c.dep_ in {"dobj", "nsubjpass"}]
            return named[0] if named else None
        subject = _subject(current)
        if subject is not None and apart(subject, current):
            subject = _nearest_noun(current)
        if subject is None and current.tag_ == "VBG":
            subject = _gerund_holder(current)
        if subject is None:
            subject = _for_subject(current)
        if subject is None:
            subject = _controller(current) or _counted_subject(current)
        if subject is not None and not names_someone(subject):
            subject = _named_apposition(subject) or subject
        if subject is not None:
            if subject.lower_ in RELATIVE and current.dep_ == "relcl":
                return _maker(current.head) or current.head
            if subject.lower_ == "it" and subject.dep_ == "nsubjpass":
                return None
            return outer_antecedent(subject, current) or _quantified(subject) or subject
        if current.dep_ in {"acl", "relcl"}:
            if names_someone(current.head) or _participle_holder(current):
                return current.head
            current = _governing_verb(current.head)
            continue
        if current.dep_ == "pcomp":
            current = _governing_verb(current.head)
            continue
        if current.dep_ not in CLIMB or current.head.i == current.i:
            climbed = (_inverted(current) or _word_before_first(current)) if current is not verb else None
            return _before_aside(current) or _line_opener(current) or climbed
        if line_apart(current, current.head):
            return _line_opener(current)
        current = past_report(current) if current is verb else current.head
    return None


def _for_subject(verb: Token) -> Token | None:
    """The subject "for" gives an infinitive right before its "to" ("an opening for Ruiz to highlight her record",
    "common for reporters to portray it so"): the object of that "for"."""
    doc = verb.doc
    if verb.i < 3 or doc[verb.i - 1].lower_ != "to" or doc[verb.i - 1].head.i != verb.i:
        return None
    noun = doc[verb.i - 2]
    while noun.dep_ in {"compound", "amod", "det", "nummod", "poss"} and noun.head.i > noun.i:
        noun = noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "for" or noun.right_edge.i != verb.i - 2:
        return None
    return noun if names_someone(noun) or noun.tag_ in {"NNS", "NNPS"} else None  # not "asked for anonymity to speak"


def _participle_holder(verb: Token) -> bool:
    """Whether the noun an "-ing" cue hangs on speaks: a subject or a predicate noun ("voters backing Ruiz
    say …", "polls showing a tie worry them", "it is a group seeking change"). Not an object ("Ruiz released a
    statement saying …": Ruiz; "an email to supporters saying …": the sender), a participle after a comma
    ("…, remarking …": the clause's subject), nor the time someone spends doing it ("spent the day praising …")."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or head.pos_ not in HOLDER_WORDS or head.dep_ in OBJECT_DEPS:
        return False
    return not verb.doc[verb.i - 1].is_punct and _governing_verb(head).lemma_ not in words("time_spending_verbs")


def _maker(thing: Token) -> Token | None:
    """Who made the thing a relative cue's "that" or "which" stands for, when it is the object of their verb
    ("Ruiz released an ad that urges …": the ad speaks for Ruiz); a person or group speaks for themselves."""
    if names_someone(thing) or thing.dep_ != "dobj" or thing.head.pos_ != "VERB":
        return None
    subject = _subject(thing.head)
    return subject if subject is not None and names_someone(subject) and not apart(subject, thing) else None


def _word_before_first(clause: Token) -> Token | None:
    """The word before the first of two joined verbs when the parse left that verb without a subject ("Ruiz, 62, also
    railed against it and explained …"), or took it for a noun ("the nominee feuds with aides and dismisses …"):
    a noun then, never an adjective ("Too much noise, blaming …")."""
    word = _word_before(clause)
    return word if word is not None and (clause.pos_ == "VERB" or word.pos_ in NOUNS) else None


def _word_before(verb: Token) -> Token | None:
    """The word right before a cue the parse left without any subject, past its auxiliaries and adverbs, when
    it can be one: a noun or pronoun not taken as an object, or a word the parse hung on the cue as a
    modifier ("Election Commission records show", "That attitude, many argue, …": "records", "many")."""
    j = verb.i - 1
    while j >= 0 and verb.doc[j].dep_ in OPENER_SKIPS and verb.doc[j].head.i == verb.i:
        j -= 1
    if j < 0:
        return None
    token = verb.doc[j]
    if "\n" in token.text_with_ws or token.is_punct or token.ent_type_ in TIMES or token.lower_ in RELATIVE \
            or token.dep_ == "expl":
        return None
    if token.head.i == verb.i and token.dep_ in BEFORE_VERB:
        return token
    if token.dep_ == "appos" and verb.dep_ == "ROOT" and token.pos_ in NOUNS:
        return token  # "With the hosts, the candidate stated …": a subject the parse set beside the phrase before it
    return token if token.pos_ in NOUNS and token.dep_ not in OBJECTS else None


def past_report(verb: Token) -> Token:
    """Where a subjectless cue climbs to: its head, or the speech verb above it when the parse hung the
    cue inside that verb's content ("Ruiz said that she will run and insisted that …": "insisted" is Ruiz's,
    not part of what she said; "Ruiz said she welcomed the plan and added that …": speech joined to a stance
    is the reporter's, a second stance the first one's holder's)."""
    head = verb.head
    outer = head.head
    verbs = speech_verbs()
    inner = verbs[head.lemma_].kind if head.lemma_ in verbs else None
    spoken = verb.lemma_ in verbs and verbs[verb.lemma_].kind == "speech"
    if verb.dep_ in REPORT_JOINS and head.dep_ == "ccomp" and outer.lemma_ in verbs and outer.i < head.i \
            and (inner is None or (spoken and inner != "speech")):
        return outer
    return head


def _subject_before(verb: Token) -> Token | None:
    """A name right after a cue the parse left without a subject ("…," said retired surgeon Ana Ruiz), else the
    nearest subject of another clause before it, in its sentence, on its line and outside any quotation
    ("Lewandowski - at the estate - continued to assert …", "He criticized the record said …")."""
    after = _inverted(verb)
    if after is not None:
        return after  # "…," said retired surgeon Ana Ruiz: a name the parse did not take for the subject
    named = _name_after_quote(verb)
    if named is not None:
        return named
    for j in range(verb.i - 1, verb.sent.start - 1, -1):
        token = verb.doc[j]
        if "\n" in token.text_with_ws or token.is_quote:
            return None
        if token.dep_ in SUBJECTS and token.pos_ in NOUNS and token.lower_ not in RELATIVE and names_someone(token):
            return token
    return None


def _inverted(verb: Token) -> Token | None:
    """A name right after a subjectless verb that the parse hung on it as an object or a modifier ("said Ana Ruiz")."""
    after = [c for c in verb.rights if c.dep_ in INVERTED and c.pos_ in {"PROPN", "NOUN"} and names_someone(c)
             and c.i - verb.i <= INVERTED_REACH]
    return after[0] if after else None


def _name_after_quote(verb: Token) -> Token | None:
    """The name right after a cue that follows a quotation ("…," says Ana Ruiz, a historian), when the parse hung
    it on some other verb: the last word of the name it opens."""
    doc = verb.doc
    if verb.i == 0 or not doc[verb.i - 1].is_quote:
        return None
    for token in doc[verb.i + 1:verb.i + 1 + INVERTED_REACH]:
        if token.is_punct or token.pos_ in {"VERB", "AUX"} or "\n" in doc[token.i - 1].text_with_ws:
            return None
        if token.pos_ == "PROPN" and token.ent_type_ not in TIMES | PLACES:
            while token.dep_ in {"compound", "flat"} and token.head.i > token.i and token.head.pos_ == "PROPN":
                token = token.head
            return token
    return None


def _counted_subject(verb: Token) -> Token | None:
    """A share or count before a subjectless cue that the parse took for a modifier ("About 4 in 10 say …",
    "Less than a third agreed …"): the phrase right before the verb, opening its clause."""
    before = [c for c in verb.lefts if c.right_edge.i == verb.i - 1 and c.dep_ in COUNT_DEPS]
    if not before or before[0].pos_ not in {"NUM", "NOUN"} or before[0].ent_type_ not in COUNTS:
        return None
    first = before[0].left_edge
    opens = first.i == first.sent.start or verb.doc[first.i - 1].is_punct
    return before[0] if opens else None


def _quantified(subject: Token) -> Token | None:
    """The noun phrase a floating "both", "all" or "each" stands after ("Ruiz and Berg both said …"): the
    first of its conjuncts."""
    if subject.lower_ not in FLOATING or subject.i == 0 or subject.doc[subject.i - 1].pos_ not in {"NOUN", "PROPN"}:
        return None
    noun = subject.doc[subject.i - 1]
    while noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ in {"NOUN", "PROPN"}:
        return noun.head.head  # "Strategists for Ruiz and Berg all agree"
    return noun


def _controller(verb: Token) -> Token | None:
    """The object of a verb that brings it to do ``verb`` ("the ruling led the senator to announce …",
    "left many voters wondering …"): the list ``outcome_control_verbs``. Verbs of asking and urging are
    left out: "Ruiz urged voters to reject the deal" reports Ruiz's call, not the voters' words."""
    head = verb.head
    outcome = head.lemma_ in words("outcome_control_verbs")
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ not in CONTROLLED or not outcome or not (infinitive or verb.tag_ == "VBG"):
        return None
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i]
    if not objects or any(t.text == "," for t in verb.doc[objects[0].i:verb.i]):
        return None  # "told Reuters, responding …": the participle after a comma is the subject's
    return objects[0]


def _line_opener(verb: Token) -> Token | None:
    """The noun opening the line of a subjectless ``verb`` when the parse hung that noun on another
    line ("…for Plan B.\n\nRuiz has not said whether …": "Ruiz" taken into the sentence before)."""
    j = verb.i - 1
    while j >= 0 and verb.doc[j].dep_ in OPENER_SKIPS and "\n" not in verb.doc[j].text_with_ws:
        j -= 1
    if j < 0:
        return None
    noun = verb.doc[j]
    if noun.pos_ not in NOUNS or "\n" in noun.text_with_ws or not line_apart(noun, noun.head):
        return None
    return noun


def _before_aside(verb: Token) -> Token | None:
    """The name before a comma-fenced aside right before a verb left without a subject by a parse
    that ran across a headline ("Mayor Ana Ruiz, opening the bridge, said …"), past the verb's auxiliaries
    and adverbs ("…, her adviser, Jake Sullivan, has bluntly said")."""
    doc = verb.doc
    comma = verb.i - 1
    while comma > 0 and doc[comma].dep_ in OPENER_SKIPS and doc[comma].head.i == verb.i:
        comma -= 1
    if comma < 1 or doc[comma].text != ",":
        return None
    if doc[comma - 1].dep_ == "appos" and names_someone(doc[comma - 1]):
        return doc[comma - 1]  # "In a statement, her adviser, Jake Sullivan, said": the name in apposition
    for j in range(comma - 1, max(comma + 1 - ASIDE_REACH, 0), -1):
        if "\n" in doc[j].text_with_ws:
            return None
        if doc[j].text == ",":
            noun = _nearest_noun(doc[j])
            return noun if noun is not None and names_someone(noun) else None
    return None


def _quotes_as_saying(verb: Token) -> bool:
    """Whether ``verb`` is the "quoted" of "X quoted Y as saying" (the cue is then "saying")."""
    return verb.lemma_ == "quote" and any(
        c.lower_ == "as" and any(g.lemma_ in words("quoted_as_verbs") for g in c.children) for c in verb.children
    )


def _cue_span(verb: Token) -> tuple[int, int]:
    """The cue's characters: the verb with its particle ("pointed out"), or "quoted Y as saying"."""
    last = verb
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == last.i + 1:
            last = child
    first = quoting_verb(verb) or verb
    return first.idx, last.idx + len(last)


def _according(token: Token) -> Cue | None:
    """"according to X": X speaks, and the clause around the phrase is the content."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
    speaker = mention(objects[0]) if objects else None
    head = token.head if token.head.i != token.i else None
    content = token_range(doc, *clause_side(head, token)) if head is not None else None
    lead = lead_piece(head, token) if head is not None and content is not None else None
    to = doc[token.i + 1]
    return Cue(token.idx, to.idx + len(to), token.i, speaker, content, lead)


def cue_speaker(verb: Token) -> Token | None:
    """The token heading the speaker of cue ``verb``: from the parse (:func:`speaker_token`), else the subject of a
    clause the parse hung on the verb from before it, else a name the parse hung after the verb or a subject before
    it, else the word right before the verb."""
    return speaker_token(verb) or _stolen_subject(verb) or _subject_before(verb) or _word_before(verb)


def _stolen_subject(verb: Token) -> Token | None:
    """The subject of a clause before a subjectless cue that the parse hung on the cue as its report, when the
    cue has its content after it ("Ruiz thanked the crew, then says she will stay": Ruiz)."""
    before = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    after = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "dobj"} and c.i > verb.i]
    if not before or not after or _subject(verb) is not None:
        return None
    clause = before[0]
    doc = verb.doc
    if doc[clause.left_edge.i].is_quote or (clause.left_edge.i > 0 and doc[clause.left_edge.i - 1].is_quote) \
            or any(t.is_quote for t in doc[clause.right_edge.i:verb.i]):
        return None
    subject = _subject(clause)
    return subject if subject is not None and names_someone(subject) and not apart(subject, verb) else None


def _cue_words(doc: Doc, verbs: Mapping[str, Verb]) -> Iterator[Token]:
    """The tokens that may be cues ("according", or a verb whose lemma is a speech verb), found
    from the Doc's attribute arrays rather than token by token."""
    if not len(doc):
        return
    table = doc.to_array([LOWER, POS, LEMMA]).reshape(len(doc), 3)
    lemmas = np.array([get_string_id(lemma) for lemma in verbs], dtype=np.uint64)
    verb = (table[:, 1] == VERB) & np.isin(table[:, 2], lemmas)
    according = table[:, 0] == get_string_id("according")
    for i in np.flatnonzero(verb | according).tolist():
        yield doc[i]


def find_cues(doc: Doc, verbs: Mapping[str, Verb] | None = None) -> list[Cue]:
    """Every cue in ``doc`` that has a speaker or a content, in text order."""
    verbs = {**aside_verbs(), **(speech_verbs() if verbs is None else verbs)}
    cues: list[Cue] = []
    for token in _cue_words(doc, verbs):
        if token.lower_ == "according":
            cue = _according(token)
        elif token.pos_ == "VERB" and token.lemma_ in verbs and not _quotes_as_saying(token) \
                and (token.lemma_ not in aside_verbs() or aside(token)):
            subject = cue_speaker(token)
            start, end = _cue_span(token)
            speaker = mention(subject) if subject is not None else None
            content = content_range(token, verbs[token.lemma_])
            lead = interrupted(token) if content is not None else None
            cue = Cue(start, end, token.i, speaker, content, lead)
        else:
            continue
        if cue is not None and (cue.speaker is not None or cue.content is not None):
            cues.append(cue)
    return cues
