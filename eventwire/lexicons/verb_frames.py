"""The CAMEO verb dictionary (:mod:`.cameo_verbs`) compiled into frames of the trigger lexicon.

A PETRARCH pattern is a sequence of words around the verb (``* TEAR GAS AT +``); eventwire's frames are
conditions on the dependency parse (:class:`~eventwire.lexicons.triggers.Entry`). :func:`compile_pattern`
reads the words after the verb as

    [particle] [object noun phrase] [preposition [noun phrase]]

with ``+`` (the target) wherever the grammar allows it, and gives a :class:`Frame`: a particle or leading
preposition (``hit back``, ``came under fire``), the object's head nouns and their modifiers (``tear gas``:
``gas`` with ``tear``; a synonym set such as ``&CURRENCY`` expanded into its words), a second preposition on
the verb or the object with the nouns it may take (``support for a ceasefire``), and the target slot: the
object, the dative, or the preposition ``+`` follows. A pattern it cannot read so is not compiled, and the
reason is counted (:data:`REASONS`): words before the verb (auxiliaries, "said", negation: eventwire reads
modality and reported speech itself), a source after the verb, negation, a coordination, or a phrase longer
than the grammar above. A pattern whose code is ``[---]`` and which names only an object rules that object
out of the verb's default frame (``abandon`` + ``plan`` is no event).

Every verb of a block takes every pattern of the block (as in PETRARCH); a verb's bare default code (the
block's, or its own) is a frame with no condition. :func:`imported_entries` makes the entries and merges
them under the curated lexicon (see its notes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .cameo_verbs import Pattern, Verb, VerbBlock, VerbDictionary

PREPOSITIONS = frozenset({
    "about", "across", "after", "against", "along", "amid", "among", "around", "at", "before", "behind", "below",
    "beneath", "beside", "between", "beyond", "by", "despite", "during", "for", "from", "in", "inside", "into",
    "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "since", "through", "throughout",
    "to", "toward", "towards", "under", "until", "upon", "via", "with", "within", "without"})
RECIPIENT_SLOTS = ["dative", "to"]  # where the party a named object goes to sits when a pattern writes no target
ADVERB_PARTICLES = frozenset({"back", "up", "away", "forward", "ahead", "aside", "apart", "together", "forth",
                              "down", "off", "out", "over", "in", "on", "around"})
ARTICLES = frozenset({"the", "a", "an"})
NEGATION = frozenset({"not", "no", "never", "n't", "nor"})
FUNCTION = frozenset({"and", "or", "but", "if", "that", "which", "who", "as", "than", "so", "because", "when",
                      "while", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
                      "could", "should", "can", "may", "might", "must", "it", "its", "they", "their", "he", "his",
                      "she", "her", "this", "these", "those", "each", "other", "each_other"})
MARKERS = frozenset({"+", "$", "%", "^"})

REASONS = {
    "before": "words before the verb (auxiliaries, 'said', negation, the subject's words)",
    "source": "a source ($) or compound actor (%) after the verb, other than a passive's 'by $'",
    "negation": "negation after the verb",
    "function": "a function word or clause after the verb (and, that, will ...)",
    "long": "more than particle, object and one prepositional phrase after the verb",
    "synset": "a synonym set (&NAME) the dictionary does not define",
    "no code": "no code given on the line",
    "no verb": "no '*' for the verb",
    "verb and pattern": "a verb of several words whose particle or object the pattern also sets",
}


@dataclass(frozen=True)
class Frame:
    """A compiled pattern: the conditions a verb's sentence must meet and the code it then has."""

    code: str | None
    particle: str | None = None
    object: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    prep: str | None = None
    prep_object: frozenset[str] = frozenset()
    target: tuple[str, ...] = ("object",)

    @property
    def bare(self) -> bool:
        """A frame with no condition: the verb's default code."""
        return self.particle is None and not self.object and self.prep is None


@dataclass(frozen=True)
class Rejected:
    """A pattern that does not compile, and why (a key of :data:`REASONS`)."""

    reason: str


@dataclass
class Tally:
    """What the import made of the dictionary: counts by kind, for the report."""

    counts: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def reject(self, reason: str, pattern: Pattern) -> None:
        self.rejected[reason] += 1
        shown = self.examples.setdefault(reason, [])
        if len(shown) < 3:
            shown.append(f"line {pattern.line}: - {' '.join(pattern.items)} [{pattern.code or '---'}]")


Synsets = Mapping[str, tuple[tuple[str, ...], ...]]


def tokens(items: Sequence[str], synsets: Synsets) -> list[str] | Rejected:
    """The pattern's items split at ``_`` into words, markers and ``&NAME`` references (a name may itself hold
    ``_``: the longest defined one is taken, "&MILITARY_AID" is the set MILITARY and the word "aid")."""
    found: list[str] = []
    for item in items:
        rest = item
        if rest.startswith("&"):
            name = next((n for n in sorted(synsets, key=len, reverse=True)
                         if rest[1:].upper() == n or rest[1:].upper().startswith(n + "_")), None)
            if name is None:
                return Rejected("synset")
            found.append("&" + name)
            rest = rest[1 + len(name):]
        found.extend(w.lower() for w in rest.split("_") if w)
    return found


def compile_pattern(pattern: Pattern, synsets: Synsets) -> list[Frame] | Rejected:
    """The frames of one pattern (one per group of a synonym set's phrases), or why it has none."""
    if not pattern.written:
        return Rejected("no code")
    words = tokens(pattern.items, synsets)
    if isinstance(words, Rejected):
        return words
    if "*" not in words:
        return Rejected("no verb")
    verb = words.index("*")
    if any(w not in MARKERS for w in words[:verb]):
        return Rejected("before")
    after = [w for w in words[verb + 1:] if w != "^" and w not in ARTICLES]
    if after[-2:] == ["by", "$"]:  # a passive's agent: the source, which eventwire reads off the parse
        after = after[:-2]
    if any(w in {"$", "%"} for w in after):
        return Rejected("source")
    if any(w in NEGATION for w in after):
        return Rejected("negation")
    if any(w in FUNCTION for w in after):
        return Rejected("function")
    return _read_after(pattern.code, after, synsets)


def _phrase_end(words: list[str], at: int) -> int:
    """Where the phrase of words starting at ``at`` ends: at the next preposition or target mark (``+``)."""
    while at < len(words) and words[at] not in PREPOSITIONS and words[at] != "+":
        at += 1
    return at


def _read_after(code: str | None, words: list[str], synsets: Synsets) -> list[Frame] | Rejected:
    """[particle] [+] [object] [preposition [+] [noun phrase]] after the verb."""
    at = 0
    particle = None
    if at < len(words) and words[at] in ADVERB_PARTICLES and _particle_here(words, at):
        particle, at = words[at], at + 1
    target: list[str] = []
    if at < len(words) and words[at] == "+":
        target.append("object")
        at += 1
    leading_prep = None
    if particle is None and at < len(words) and words[at] in PREPOSITIONS and not target:
        leading_prep, at = words[at], at + 1  # "came under fire": the noun is the preposition's object
        if at < len(words) and words[at] == "+":
            target.append(leading_prep)
            at += 1
    start, at = at, _phrase_end(words, at)
    noun_phrase = words[start:at]
    if noun_phrase and target == ["object"]:
        target = ["dative"]  # "give + observer status"
    if at < len(words) and words[at] == "+" and noun_phrase:  # "* OFFER + FOR TALKS": the target after the noun
        target.append("object")
        at += 1
    prep, prep_phrase = None, []
    if at < len(words) and words[at] in PREPOSITIONS:
        prep, at = words[at], at + 1
        if at < len(words) and words[at] == "+":
            target.append(prep)
            at += 1
        start, at = at, _phrase_end(words, at)
        prep_phrase = words[start:at]
        if at < len(words) and words[at] == "+" and prep_phrase:
            at += 1
    if at < len(words):
        return Rejected("long")
    particle = particle or leading_prep
    prep_objects = _prep_objects(prep_phrase, synsets)
    if not target:
        target = ["object"]
        if prep is not None and not prep_objects:
            target.append(prep)
        elif noun_phrase and prep is None:  # "* AERIAL_PHOTOGRAPHS": what is given goes to someone
            target += RECIPIENT_SLOTS
    return [Frame(code, particle, objects, modifiers, prep, prep_objects, tuple(dict.fromkeys(target)))
            for objects, modifiers in _noun_phrase(noun_phrase, synsets)]


def _particle_here(words: Sequence[str], at: int) -> bool:
    """Whether a word after the verb is its particle, not a preposition: always for a pure adverb ("back",
    "up", "away"), for a word that may be either when nothing, a target or a preposition follows it."""
    word = words[at]
    if word not in PREPOSITIONS:
        return True
    nxt = words[at + 1] if at + 1 < len(words) else None
    return nxt is None or nxt == "+" or nxt in PREPOSITIONS


def _noun_phrase(words: Sequence[str], synsets: Synsets) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The (head nouns, modifiers) alternatives of a noun phrase: the heads in the forms as written and their
    singulars, synonym sets expanded. A set's phrases of several words give their last word as a head and
    the others as its modifiers (``&CEASEFIRE``: "ceasefire" alone, or "fire" after "cease"); such a
    phrase is left out when the pattern writes modifiers of its own. No words: one alternative, no object."""
    if not words:
        return [(frozenset(), frozenset())]
    written = frozenset(w for word in words[:-1] for m in _expand(word, synsets) if len(m) == 1 for w in forms(m[0]))
    by_modifiers: dict[frozenset[str], set[str]] = {}
    for member in _expand(words[-1], synsets):
        if len(member) > 1 and written:
            continue
        modifiers = written if len(member) == 1 else frozenset(member[:-1])
        by_modifiers.setdefault(modifiers, set()).update(forms(member[-1]))
    return [(frozenset(heads), modifiers) for modifiers, heads in by_modifiers.items()]


def _prep_objects(words: Sequence[str], synsets: Synsets) -> frozenset[str]:
    """The nouns a preposition's object may be: the head of the phrase, a set's words of one word."""
    if not words:
        return frozenset()
    return frozenset(w for m in _expand(words[-1], synsets) if len(m) == 1 for w in forms(m[0]))


def _expand(word: str, synsets: Synsets) -> tuple[tuple[str, ...], ...]:
    return synsets.get(word[1:], ()) if word.startswith("&") else ((word,),)


def forms(word: str) -> tuple[str, ...]:
    """A word as written and its singular ("talks" -> "talk", "militias" -> "militia"; "ies" -> "y")."""
    if word.endswith("ies") and len(word) > 4:
        return word, word[:-3] + "y"
    if word.endswith("ses") or word.endswith("xes") or word.endswith("ches") or word.endswith("shes"):
        return word, word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word, word[:-1]
    return (word,)


def verb_frame(verb: Verb) -> tuple[str, Frame] | None:
    """The lemma and the conditions a verb of several words sets by itself ("wage war": an object; "fight
    back": a particle); None for a phrase that is no verb and particle or object ("attacked and stabbed")."""
    lemma, rest = verb.words[0], verb.words[1:]
    if not rest:
        return lemma, Frame(None)
    if len(rest) > 1 or rest[0] in FUNCTION or rest[0] in ARTICLES:
        return None
    if rest[0] in ADVERB_PARTICLES or rest[0] in PREPOSITIONS:
        return lemma, Frame(None, particle=rest[0])
    return lemma, Frame(None, object=frozenset(forms(rest[0])))


def combine(verb: Frame, pattern: Frame) -> Frame | None:
    """A pattern's frame on a verb of several words: None when both set the particle or the object."""
    if verb.bare:
        return pattern
    if (verb.particle and pattern.particle) or (verb.object and pattern.object):
        return None
    return Frame(pattern.code, verb.particle or pattern.particle, verb.object or pattern.object,
                 pattern.modifier, pattern.prep, pattern.prep_object, pattern.target)


def block_frames(block: VerbBlock, synsets: Synsets, tally: Tally) -> Iterator[tuple[str, Frame]]:
    """Every (lemma, frame) of a block: each verb's default, and each compiled pattern on each verb; the
    ``[---]`` patterns that name only an object are returned as frames with no code."""
    compiled: list[Frame] = []
    for pattern in block.patterns:
        frames = compile_pattern(pattern, synsets)
        if isinstance(frames, Rejected):
            tally.reject(frames.reason, pattern)
            continue
        tally.counts["patterns compiled" if pattern.code else "[---] patterns compiled"] += 1
        compiled.extend(frames)
    for verb in block.verbs:
        own = verb_frame(verb)
        if own is None:
            tally.counts["verbs of several words not read"] += 1
            continue
        lemma, base = own
        code = verb.code or block.code
        yield lemma, Frame(code, base.particle, base.object, base.modifier, base.prep, base.prep_object, base.target)
        for frame in compiled:
            joined = combine(base, frame)
            if joined is None:
                tally.counts["pattern and verb both set particle or object"] += 1
            else:
                yield lemma, joined


def all_frames(dictionary: VerbDictionary, tally: Tally) -> Iterable[tuple[str, Frame]]:
    """The (lemma, frame) pairs of every block, each once."""
    seen: dict[tuple[str, Frame], None] = {}
    for block in dictionary.blocks:
        for pair in block_frames(block, dictionary.synsets, tally):
            seen.setdefault(pair, None)
    return seen.keys()
