"""Pronouns: he/his/him, she/her to a person, it/its to a state, an organisation or a group named as one,
they/their to a group — a subject of the same sentence first, then a subject of the sentence before,
then the latest compatible mention; dummy "it" ("it is likely that ...") is left alone.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...context import ArticleContext
from ...lexicons.words import word_values, words
from ..tokens import antecedent, counted
from .mentions import Mention, make_mention

PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
PRONOUNS = PERSONAL | NEUTER | PLURAL
POSSESSIVES = frozenset({"his", "her", "its", "their"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
TITLE_GENDER = word_values("title_gender")
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
QUOTING = words("quoting_verbs")
OPENING, CLOSING = "\u201c", "\u201d"
QUOTE_MARKS = frozenset({'"', OPENING, CLOSING})
RAISING = words("raising_verbs")  # "it seemed a sure policy"
EXPLETIVE_OBJECT_VERBS = words("expletive_object_verbs")  # "made it easier to ..."
COPULAS = words("copulas")
QUOTED_SENTENCES = 4  # sentences of a quotation the window reaches back over


def resolve_pronouns(context: ArticleContext, mentions: list[Mention]) -> list[Mention]:
    """Third-person pronouns to the most salient compatible actor before them."""
    doc, table, sentence = context.doc, context.words, context.sentence_of
    taken = {i for m in mentions for i in range(m.first, m.last)}
    known = sorted((m for m in mentions if m.entry is not None), key=lambda m: m.start)
    genders = known_genders(known)
    found: list[Mention] = []
    for i, word in enumerate(table.lower):
        if word not in PRONOUNS or i in taken or not _is_pronoun(doc[i]):
            continue
        token = doc[i]
        window = known[bisect_left(known, _window_start(context, sentence[i]), key=lambda m: m.start):
                       bisect_left(known, token.idx, key=lambda m: m.start)]  # this sentence and the one before
        candidates = [m for m in window if gender_fits(token, m, genders)]
        others = _coargument_keys(token, known)
        fitting = [m for m in candidates if m.referent.key not in others]
        chosen = pick_antecedent(token, fitting, sentence, table.text)
        if chosen is not None:
            mention = make_mention(context, token.i, token.i + 1, "pronoun", entry=chosen.entry)
            found.append(mention)
            insort(known, mention, key=lambda m: m.start)
    return mentions + found


def _window_start(context: ArticleContext, sentence: int) -> int:
    """Where the sentence before sentence number ``sentence`` starts (a character offset); sentences of a
    quotation carry on their speaker's turn, so the window reaches back over them to the sentence the
    quotation opens in (at most :data:`QUOTED_SENTENCES`): in "X said: “… . … .” He urged …", X is as near
    as the sentence before."""
    starts = context.sentence_starts
    if not starts:
        return 0
    first = max(sentence - 1, 0)
    while first > 0 and sentence - first <= QUOTED_SENTENCES and _quoted_from(context.text, starts[first]):
        first -= 1
    return starts[first]


def _quoted_from(text: str, start: int) -> bool:
    """Whether the text at ``start`` lies inside a quotation opened before it in its paragraph: the last
    curly quotation mark before it opens one, or (straight marks only) an odd number of them stand before it."""
    stretch = text[text.rfind("\n\n", 0, start) + 1:start]
    last = max(stretch.rfind(OPENING), stretch.rfind(CLOSING))
    if last >= 0:
        return stretch[last] == OPENING and '"' not in stretch[last:]
    return stretch.count('"') % 2 == 1


def known_genders(mentions: Sequence[Mention]) -> dict[str, str]:
    """The gender a title gives a person ("Mrs. Otieno", "Queen Rania"), by entry key."""
    genders: dict[str, str] = {}
    for mention in mentions:
        found = mention.text.split()
        title = next((TITLE_GENDER[w.lower()] for w in found[:3] if w.lower() in TITLE_GENDER), None)
        if title is not None and mention.entry is not None and mention.entry.kind == "person":
            genders.setdefault(mention.entry.key, title)
    return genders


def gender_fits(token: Token, mention: Mention, genders: dict[str, str]) -> bool:
    """He cannot be a person titled Mrs., she cannot be one titled Mr.; unknown genders fit both."""
    wanted = PRONOUN_GENDER.get(token.lower_)
    return wanted is None or genders.get(mention.referent.key, wanted) == wanted


def _coargument_keys(token: Token, known: list[Mention]) -> set[str]:
    """Actors named in the objects of the pronoun's verb: "it attacked Iranian targets" is not Iran."""
    if token.dep_ not in SUBJECTS:
        return set()
    objects = [c for c in token.head.children if c.dep_ in {"dobj", "dative", "prep", "attr"}]
    # a relative object stands for its noun: "the Tacna Front, which they blame" is not them
    objects += [a for a in map(antecedent, objects) if a not in objects]
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in objects]
    return {m.referent.key for m in known for lo, hi in spans if lo <= m.start and m.end <= hi}


def _is_pronoun(token: Token) -> bool:
    word = token.lower_
    if word not in PRONOUNS:
        return False
    return not (word == "it" and (token.dep_ == "expl" or _is_dummy_it(token)))


def _lemma_or_word(token: Token) -> str:
    return str(token.lemma_ or token.lower_)


def _is_dummy_it(token: Token) -> bool:
    """"it is likely that ...", "it seems", "made it easier to ...": an "it" that refers to nothing."""
    head = token.head
    if token.dep_ == "nsubj" and _lemma_or_word(head) in RAISING:  # not "it seems to be arming"
        return any(c.dep_ in {"attr", "acomp", "oprd", "ccomp"} for c in head.children)
    if token.dep_ == "dobj" and _lemma_or_word(head) in EXPLETIVE_OBJECT_VERBS:
        return any(c.dep_ in {"acomp", "ccomp", "xcomp", "oprd"} and c.i > token.i for c in head.children)
    if token.dep_ == "nsubj" and head.pos_ == "ADJ" and _lemma_or_word(head.head) in EXPLETIVE_OBJECT_VERBS:
        return True  # "made it easier to ...", parsed as a small clause
    return _lemma_or_word(head) in COPULAS and any(c.dep_ in {"ccomp", "xcomp"} for c in head.children) \
        and any(c.dep_ in {"acomp", "attr"} for c in head.children)


def compatible(token: Token, mention: Mention) -> bool:
    """He/she need a person, it a state, an organisation or a group named as one ("the Tacna Front said
    it would fight on"), they a group."""
    word, kind = token.lower_, mention.referent.kind
    if word in PERSONAL:
        return kind == "person"
    if word in NEUTER:
        named_group = kind == "group" and mention.form == "name"
        return (kind in {"state", "organisation", "igo"} or named_group) and mention.form != "demonym"
    return kind == "group" or mention.form == "group"


def pick_antecedent(token: Token, candidates: list[Mention], sentence: Sequence[int], text: str) -> Mention | None:
    """Prefer a subject of the same sentence, then a subject of the sentence before, then the latest
    (``sentence``: the sentence number of every token; ``text``: the Doc's text)."""
    fitting = [m for m in candidates if compatible(token, m)]
    if _inside_quote(token, text):
        speakers = {m.start for m in fitting if sentence[m.first] == sentence[token.i] and _is_subject(m, token.doc)}
        fitting = [m for m in fitting if m.start not in speakers] or fitting
    if not fitting or _continues_a_thing(token, candidates):
        return None
    here = [m for m in fitting if sentence[m.first] == sentence[token.i]]
    if token.lower_ in POSSESSIVES and here:
        owner = _clause_subject(token, here)
        if owner is not None:
            return owner
    if token.lower_ not in POSSESSIVES or not here:
        for group in (here, [m for m in fitting if sentence[m.first] == sentence[token.i] - 1]):
            subjects = [m for m in group if _is_subject(m, token.doc)]
            if subjects:
                return subjects[0] if group is not here else subjects[-1]
    return fitting[-1]


def _continues_a_thing(token: Token, candidates: list[Mention]) -> bool:
    """Whether a subject "it" or "they" carries on the subject before it that names no actor ("The
    disposal was a sham, but it allowed Chile to ...", "The truce held. It also ended ..."): the
    nearest subject before it, in its sentence or else the sentence before, is a common noun no
    mention covers."""
    if token.lower_ not in NEUTER | PLURAL or token.dep_ not in SUBJECTS:
        return False
    subject = _subject_before(token)
    for _ in range(3):  # "a group of Yoruba leaders ...": the count stands for what it counts
        inner = counted(subject) if subject is not None else None
        subject = inner or subject
    if subject is None or subject.pos_ != "NOUN":
        return False
    return not any(m.first <= subject.i < m.last for m in candidates)


def _subject_before(token: Token) -> Token | None:
    """The last subject before ``token`` in its sentence, else the main subject of the sentence before."""
    sent = token.sent
    here = [t for t in sent if t.i < token.i and t.dep_ in SUBJECTS]
    if here:
        return here[-1]
    if sent.start == 0:
        return None
    root = token.doc[sent.start - 1].sent.root
    return next((c for c in root.children if c.dep_ in SUBJECTS), None)


def _clause_subject(token: Token, here: list[Mention]) -> Mention | None:
    """"X hailed his country's ties": a possessive in the object of a verb is that verb's subject."""
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None or token.i in {t.i for t in subject.subtree}:
        return None
    return next((m for m in here if m.first <= subject.i < m.last and m.start < token.idx), None)


def _is_subject(mention: Mention, doc: Doc) -> bool:
    """A subject, or the person a news agency quotes ("ISNA quoted Velayati as saying")."""
    token = doc[mention.head]
    if token.dep_ in SUBJECTS:
        return True
    return token.dep_ == "dobj" and _lemma_or_word(token.head).lower() in QUOTING


def _inside_quote(token: Token, text: str) -> bool:
    """Whether an odd number of double quote marks precede ``token`` in its paragraph (``text``: the Doc's)."""
    start = text.rfind("\n\n", 0, token.idx)
    stretch = text[start + 1:token.idx]
    return sum(stretch.count(q) for q in QUOTE_MARKS) % 2 == 1
