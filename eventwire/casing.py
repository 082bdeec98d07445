"""Case recovery: text that lost its capitals gets them back before the parse.

Some archives store articles lower-cased; wire copy and headlines come in ALL CAPS. The small spaCy model
finds names by their capitals, so such text gives no actors and no events. :func:`detect` tells case-less
text from cased text, and :meth:`Truecaser.recover` writes the capitals back:

* names eventwire knows, the longest first ("united nations security council", "new york"): the actor
  dictionary's names and aliases (countries, demonyms, capitals, people, institutions, organisations),
  the gazetteer's own names of prominent places, and the time words (months, weekdays, holidays);
* words that cased news writes with a capital mid-sentence ("isis", "john", "kurdish"), from the counts of
  ``data/words/casing.tsv``, learned from cased news text by ``scripts/casing_words.py``; a word news
  writes both ways ("us" and "US", "may" and "May", "state" and "State") is decided by the words beside it,
  from the same counts;
* the first word of each sentence and line, and "I".

A one-word name that is also a common lower-case word stays lower case (spaCy's stop words such as "us",
"who", and the words news writes mostly in lower case such as "ban", "straw", "gates"), unless the words
beside it say otherwise or a longer name holds it. Only the case of letters changes: the recovered text has
the length of the original, so every offset found in it indexes the original too.

Normally cased text is never touched: capitals are 1.9% of the letters of a cased news article at the
least (none in lower-cased text) and 15-20% in a title-case headline. In cased text, a line in capitals (an
ALL-CAPS headline of three words or more) is recovered on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from spacy.lang.en.stop_words import STOP_WORDS

from .lexicons.entries import fold
from .lexicons.words import word_values, words

if TYPE_CHECKING:
    from .lexicons.actors import ActorDictionary
    from .stages.places.gazetteer import Gazetteer

Case = Literal["cased", "lower", "upper"]

# Detection thresholds, measured on news articles (Guardian, PolNeAR, GeoWebNews): capitals are 1.9-23% of
# the letters of a cased article and 15-20% of those of a title-case headline.
LOWER_SHARE = 0.005  # fewer capitals than this among the letters: the text lost its case
UPPER_SHARE = 0.9  # more capitals than this: ALL CAPS
MIN_LETTERS = 3  # fewer letters than this say nothing about case
CAPS_LINE_LETTERS = 12  # an ALL-CAPS line in cased text needs this many letters ...
CAPS_LINE_WORDS = 3  # ... and words to be recovered on its own

PLACE_POPULATION = 100_000  # a city's own name is capitalised from the gazetteer when it has this many people
PLACE_WORDS = 4  # the longest place name looked up, in words
PLACE_MEMO = 200_000  # place look-ups remembered per process
NEWS_SHARE = 0.8  # a word news writes capitalised this share of times mid-sentence ...
NEWS_COUNT = 2  # ... and at least this often is capitalised

WORD = re.compile(r"\w+|[^\w\s]")  # the tokens names are matched in (as the actor dictionary counts them)
SENTENCE_ENDS = frozenset(".!?")
OPENERS = frozenset("\"'“‘([«")
CLOSERS = frozenset("\"'”’)]»")
# words a title-cased name leaves in lower case ("Fourth of July", "Port-au-Prince")
SMALL_WORDS = frozenset({"of", "the", "and", "de", "la", "le", "du", "des", "da", "do", "dos", "das", "del",
                         "di", "el", "al", "au", "bin", "ibn", "van", "von", "der", "den", "y", "on", "upon"})
_CAPS_PREFILTER = re.compile(r"[A-Z]{2}\S*[^\w\n]+[A-Z]+[^\w\n]+[A-Z]")  # three words in capitals in a row
_STARTS = re.compile(r"(?:^|[.!?][\"'”’)\]]*\s+)[\"'“‘(\[]*([^\W\d_])", re.MULTILINE)


# --- detection ---------------------------------------------------------------------------------------------


_UPPER_BYTES = bytes(range(ord("A"), ord("Z") + 1))
_LOWER_BYTES = bytes(range(ord("a"), ord("z") + 1))


def letter_counts(text: str) -> tuple[int, int]:
    """The number of upper-case and of lower-case letters A-Z in ``text`` (counted on its bytes: a pass over
    each character in Python would cost a normally cased article a millisecond). Text in other scripts has
    few such letters, and is left as it is."""
    data = text.encode("ascii", "ignore")
    size = len(data)
    return size - len(data.translate(None, _UPPER_BYTES)), size - len(data.translate(None, _LOWER_BYTES))


def detect(text: str) -> Case:
    """``lower`` for text that lost its capitals, ``upper`` for ALL-CAPS text, else ``cased``.

    Lower-cased text has almost no capitals and no capital at its sentence starts; cased news has 1.9% of
    capitals at the least, and a long sentence with a single capital still starts with it.
    """
    upper, lower = letter_counts(text)
    letters = upper + lower
    if letters < MIN_LETTERS:
        return "cased"
    if upper > UPPER_SHARE * letters:
        return "upper"
    if upper < LOWER_SHARE * letters:
        starts = [m.group(1) for m in _STARTS.finditer(text)]
        capitals = sum(c.isupper() for c in starts)
        return "lower" if 2 * capitals < len(starts) else "cased"
    return "cased"


def needs_recovery(text: str) -> bool:
    """Whether :meth:`Truecaser.recover` would change ``text``'s case: it lost its capitals or has an ALL-CAPS line."""
    return detect(text) != "cased" or bool(caps_lines(text))


def caps_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every ALL-CAPS line of three words or more in ``text``."""
    if _CAPS_PREFILTER.search(text) is None:
        return []
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        upper, lower = letter_counts(line)
        if upper + lower >= CAPS_LINE_LETTERS and upper > UPPER_SHARE * (upper + lower) \
                and len(line.split()) >= CAPS_LINE_WORDS:
            found.append((start, end))
        start = end + 1
    return found


# --- letters, length kept ------------------------------------------------------------------------------------


def lower_keeping_length(text: str) -> str:
    """``text.lower()``, but a character whose lower case is longer ("İ") is kept as it is."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _upper_char(char: str) -> str:
    up = char.upper()
    return up if len(up) == 1 else char


def _write_case(chars: list[str], start: int, token: str, form: str) -> None:
    """Write the case of ``form`` onto ``token`` (at ``start`` in ``chars``): letter by letter when the two spell
    the same word, else a first capital when ``form`` has one."""
    if len(form) == len(token) and form.lower() == token:
        for i, c in enumerate(form):
            if c.isupper():
                chars[start + i] = _upper_char(chars[start + i])
    elif form[:1].isupper():
        chars[start] = _upper_char(chars[start])


def title_form(phrase: str) -> str:
    """A lower-case name in title case, small words kept ("port-au-prince" → "Port-au-Prince")."""
    return "".join(t if t in SMALL_WORDS and n else t[:1].upper() + t[1:]
                   for n, t in enumerate(re.split(r"(\W+)", phrase)))


# --- the case model learned from cased news ------------------------------------------------------------------


@dataclass(frozen=True)
class NewsCase:
    """How cased news writes words away from a sentence start (the lists of ``data/words/casing.tsv``).

    ``forms``: a word (lower case) → its written forms and how often each was seen ("us" → US 974, us 145);
    ``context``: for words written both ways, "word <previous" and "word >next" (lower-case tokens) →
    (capitalised, lower-case) counts; "word <*" and "word >*" count the occurrences beside other tokens.
    """

    forms: Mapping[str, Mapping[str, int]]
    context: Mapping[str, tuple[int, int]]
    ambiguous: frozenset[str]

    @classmethod
    def load(cls) -> NewsCase:
        return _news_case()

    def counts(self, word: str) -> tuple[int, int]:
        """How often news writes ``word`` capitalised and in lower case ((0, 0) for a word it never wrote)."""
        forms = self.forms.get(word)
        if not forms:
            return 0, 0
        lower = forms.get(word, 0)
        return sum(forms.values()) - lower, lower

    def form(self, word: str) -> str | None:
        """The capitalised form news writes ``word`` in most often, if any."""
        forms = self.forms.get(word) or {}
        cased = [(n, f) for f, n in forms.items() if f != word]
        return max(cased)[1] if cased else None

    def is_common(self, word: str) -> bool:
        """A common lower-case word: a stop word, or a word news writes mostly in lower case."""
        cased, lower = self.counts(word)
        return word in STOP_WORDS or lower > cased

    def capitalised(self, word: str, previous: str, following: str) -> bool:
        """Whether news would write ``word`` capitalised between the tokens ``previous`` and ``following``:
        naive Bayes over the two neighbours, counts smoothed by one half."""
        cased, lower = self.counts(word)
        score = math.log((cased + 0.5) / (lower + 0.5))
        for side, near in (("<", previous), (">", following)):
            seen = self.context.get(f"{word} {side}{near}") or self.context.get(f"{word} {side}*")
            if seen is not None:
                score += math.log((seen[0] + 0.5) / (cased + 1)) - math.log((seen[1] + 0.5) / (lower + 1))
        return score > 0

    def capitalises(self, word: str) -> bool:
        """Whether news writes ``word`` capitalised often enough to capitalise it anywhere."""
        cased, lower = self.counts(word)
        return cased >= NEWS_COUNT and cased >= NEWS_SHARE * (cased + lower)


@lru_cache(maxsize=1)
def _news_case() -> NewsCase:
    forms: dict[str, dict[str, int]] = {}
    for word, value in word_values("news_cased").items():
        forms[word] = {form: int(n) for form, n in (item.rsplit("=", 1) for item in value.split())}
    for word, value in word_values("news_lower").items():
        forms[word] = {word: int(value)}
    context: dict[str, tuple[int, int]] = {}
    for key, value in word_values("news_context").items():
        cased, lower = value.split()
        context[key] = (int(cased), int(lower))
    return NewsCase(forms, context, frozenset(key.split(" ", 1)[0] for key in context))


# --- tokens and sentence starts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str  # lower case, curly apostrophe straightened (as the name keys are)

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()


def tokens(low: str) -> list[Token]:
    """The tokens of lower-case text, as names are keyed."""
    return [Token(m.start(), m.end(), m.group().replace("\u2019", "'")) for m in WORD.finditer(low)]


Key = tuple[str, ...]


def key_of(name: str) -> Key:
    """The lookup key of a name: its folded tokens ("U.S." → ("u", ".", "s", "."))."""
    return tuple(WORD.findall(fold(name)))


def sentence_starts(text: str, toks: Sequence[Token], abbreviations: frozenset[str]) -> list[bool]:
    """Whether each token begins a sentence: the first token of the text and of each line, the first after a
    ".", "!" or "?" (but the dot of an abbreviation: "mr.", "u.s."), and a quote opened after a colon."""
    starts = []
    start, colon = True, False
    previous: Token | None = None
    for tok in toks:
        if previous is not None and "\n" in text[previous.end:tok.start]:
            start = True
        starts.append(start)
        if tok.text in SENTENCE_ENDS:
            start = not (tok.text == "." and previous is not None and previous.word and previous.end == tok.start
                         and (len(previous.text) == 1 or previous.text in abbreviations))
        elif tok.text in OPENERS:
            start = start or colon
        elif tok.text not in CLOSERS:
            start = False
        colon = tok.text == ":"
        previous = tok
    return starts


# --- the names eventwire knows --------------------------------------------------------------------------------


def name_forms(dictionary: ActorDictionary, news: NewsCase | None = None) -> dict[Key, str]:
    """Every name of the actor dictionary and every month, weekday and holiday, by key, in its written form;
    where a name is written in more than one way ("NATO", "Nato"), the form news uses."""
    news = news or NewsCase.load()
    written: dict[Key, list[str]] = {}
    for name in dict.fromkeys(dictionary_names(dictionary)):  # an entry's name is one of its aliases too
        key = key_of(name)
        if key and any(c.isupper() for c in name):
            written.setdefault(key, []).append(name)
    for name in time_names():
        written.setdefault(key_of(name), []).append(name)
    forms = {}
    for key, names in written.items():
        usual = news.form(key[0]) if len(key) == 1 else None
        forms[key] = usual if usual in names else names[0]
    return forms


def dictionary_names(dictionary: ActorDictionary) -> Iterable[str]:
    """Every name and alias of the actor dictionary, as written."""
    for country in dictionary.countries.values():
        yield from (country.name, *country.aliases, *country.demonyms, *country.capitals)
    for entry in dictionary.entries():
        yield entry.name
    # The aliases of people, institutions and organisations have no public listing: read them where the
    # dictionary keeps them (name -> aliases), as written.
    for aliases in dictionary._aliases.values():
        for alias in aliases:
            yield alias.text


def time_names() -> list[str]:
    """Months and weekdays (not their abbreviations: "mar", "sun") and holidays, in title case."""
    from .stages.time.words import load

    tables = load().tables
    found = []
    for kind in ("month", "weekday"):
        longest: dict[str, str] = {}
        for word, value in tables[kind].items():
            if len(word) > len(longest.get(value, "")):
                longest[value] = word
        found += [title_form(word) for word in longest.values()]
    found += [title_form(word) for word in tables["holiday"]]
    return found


class PlaceNames:
    """The written form of a place the gazetteer knows by a lower-case phrase: the place's own name or an
    editorial alias (not one of the alternate names of the city list), of a country, region, state,
    continent, sea or landmark, or a city of ``PLACE_POPULATION`` people or more. Looked up when met."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.memo: dict[str, str | None] = {}

    def __call__(self, phrase: str) -> str | None:
        if phrase in self.memo:
            return self.memo[phrase]
        if len(self.memo) >= PLACE_MEMO:
            self.memo.clear()
        found = self.memo[phrase] = self._form(phrase)
        return found

    def _form(self, phrase: str) -> str | None:
        from .stages.places.gazetteer import normalise

        if phrase not in self.gazetteer:
            return None
        own = [c for c in self.gazetteer.lookup(phrase) if c.prior > 0]
        if not own or (own[0].feature == "city" and own[0].population < PLACE_POPULATION):
            return None
        name = own[0].name
        return name if normalise(name) == normalise(phrase) else title_form(phrase)


# --- the truecaser -----------------------------------------------------------------------------------------


class Truecaser:
    """Writes capitals back into text that lost them; built once per process from eventwire's own data."""

    def __init__(self, names: Mapping[Key, str], news: NewsCase | None = None,
                 place: Callable[[str], str | None] | None = None, abbreviations: Iterable[str] = ()) -> None:
        self.news = news or NewsCase.load()
        self.place = place
        self.abbreviations = frozenset(abbreviations)
        self.names: dict[Key, tuple[str, ...]] = {}
        self.longest: dict[str, int] = {}  # a name's first token → the most tokens a name starting with it has
        for key, form in names.items():
            if len(key) == 1 and self.common(key[0]):
                continue  # "ban", "straw": lower case unless a longer name holds them
            parts = tuple(WORD.findall(form))
            self.names[key] = parts if len(parts) == len(key) else tuple(title_form(t) for t in key)
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    @classmethod
    def build(cls, dictionary: ActorDictionary, gazetteer: Gazetteer | None = None) -> Truecaser:
        """The truecaser of the actor dictionary, the gazetteer, the time words and the news case model."""
        news = NewsCase.load()
        place = PlaceNames(gazetteer) if gazetteer is not None else None
        return cls(name_forms(dictionary, news), news, place, words("abbreviations"))

    def common(self, word: str) -> bool:
        """A common lower-case word whose case its neighbours do not decide."""
        return self.news.is_common(word) and word not in self.news.ambiguous

    def recover(self, text: str) -> str:
        """``text`` with its capitals written back where it lost them (the same length), else ``text`` itself."""
        if detect(text) != "cased":
            return self.truecase(text)
        lines = caps_lines(text)
        if not lines:
            return text
        parts, last = [], 0
        for start, end in lines:
            parts += [text[last:start], self.truecase(text[start:end])]
            last = end
        return "".join([*parts, text[last:]])

    def truecase(self, text: str) -> str:
        """``text`` in lower case, then with the capitals of names, of news words and of sentence starts."""
        low = lower_keeping_length(text)
        chars = list(low)
        toks = tokens(low)
        i = 0
        while i < len(toks):
            i += self._name(chars, low, toks, i) if toks[i].word else 1
        for tok, start in zip(toks, sentence_starts(low, toks, self.abbreviations), strict=True):
            if start and tok.word:
                chars[tok.start] = _upper_char(chars[tok.start])
        return "".join(chars)

    def _name(self, chars: list[str], low: str, toks: Sequence[Token], i: int) -> int:
        """Capitalise the longest name starting at token ``i`` (else the word itself); the tokens taken."""
        size = self._known(low, toks, i)
        place = self._place(low, toks, i, size)
        if place is not None:
            size, form = place
            parts = tuple(WORD.findall(form))
            if len(parts) != size:
                parts = tuple(title_form(t.text) for t in toks[i:i + size])
        elif size:
            parts = self.names[tuple(t.text for t in toks[i:i + size])]
        else:
            self._word(chars, toks, i)
            return 1
        for n, (tok, part) in enumerate(zip(toks[i:i + size], parts, strict=True)):
            if not (n == 0 and size > 1 and tok.text == "the"):  # "the Netherlands" mid-sentence
                _write_case(chars, tok.start, tok.text, part)
        return size

    def _known(self, low: str, toks: Sequence[Token], i: int) -> int:
        """The tokens of the longest dictionary or time name at token ``i`` (0 for none)."""
        longest = min(self.longest.get(toks[i].text, 0), len(toks) - i)
        for size in range(longest, 0, -1):
            key = tuple(t.text for t in toks[i:i + size])
            if key in self.names and "\n" not in low[toks[i].start:toks[i + size - 1].end]:
                if size == 1 and key[0] in self.news.ambiguous and not self._in_context(toks, i):
                    continue
                return size
        return 0

    def _place(self, low: str, toks: Sequence[Token], i: int, known: int) -> tuple[int, str] | None:
        """The tokens and the written form of a place name at token ``i`` longer than ``known`` tokens."""
        if self.place is None or toks[i].text in STOP_WORDS:
            return None
        ends = []
        words_seen = 0
        for j in range(i, min(len(toks), i + 3 * PLACE_WORDS)):
            if toks[j].word:
                words_seen += 1
                if words_seen > PLACE_WORDS:
                    break
                ends.append(j + 1)
            elif toks[j].text not in {"-", "'", "."} or toks[j].start != toks[j - 1].end:
                break
        for end in reversed(ends):
            size = end - i
            if size <= known:
                return None
            phrase = low[toks[i].start:toks[end - 1].end]
            if size == 1 and (self.common(phrase) or (phrase in self.news.ambiguous
                                                      and not self._in_context(toks, i))):
                return None
            if toks[end - 1].text in STOP_WORDS:
                continue
            form = self.place(phrase)
            if form is not None:
                return size, form
        return None

    def _in_context(self, toks: Sequence[Token], i: int) -> bool:
        previous = toks[i - 1].text if i > 0 else ""
        following = toks[i + 1].text if i + 1 < len(toks) else ""
        return self.news.capitalised(toks[i].text, previous, following)

    def _word(self, chars: list[str], toks: Sequence[Token], i: int) -> None:
        """Capitalise a word that is no name as news writes it (and "I")."""
        tok = toks[i]
        if tok.text == "i":
            following = toks[i + 1] if i + 1 < len(toks) else None
            if following is None or following.text != "." or following.start != tok.end:
                chars[tok.start] = "I"
            return
        ambiguous = tok.text in self.news.ambiguous
        decided = self._in_context(toks, i) if ambiguous else self.news.capitalises(tok.text)
        form = self.news.form(tok.text) if decided else None
        if form is not None:
            _write_case(chars, tok.start, tok.text, form)


# --- the coded records, back on the original text -------------------------------------------------------------

R = TypeVar("R")


def restore(record: R, recovered: str, original: str) -> R:
    """``record`` (a coded record, or a tuple of them) with every text it quotes from ``recovered`` at its
    offsets (a record with ``start`` and ``end``: a span, a quote, a place, a time expression, a speaker's
    name when no actor is known) read from ``original`` instead: the same length, so the same offsets."""
    return cast(R, _restore(record, recovered, original))


def _restore(value: Any, recovered: str, original: str) -> Any:
    if isinstance(value, tuple):
        return tuple(_restore(v, recovered, original) for v in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    quoted = recovered[start:end] if isinstance(start, int) and isinstance(end, int) else None
    # the fields that quote the text: ``text``, and a speaker's ``name`` when no actor gives it
    quoting = {"text", "name"} if getattr(value, "actor", "") is None else {"text"}
    for f in fields(value):
        old = getattr(value, f.name)
        if quoted is not None and f.name in quoting and isinstance(old, str) and old == quoted:
            new = original[start:end]
        else:
            new = _restore(old, recovered, original)
        if new is not old:
            changes[f.name] = new
    return replace(value, **changes) if changes else value
