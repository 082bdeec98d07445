"""Rule-based coreference inside one article: every mention ends up with the entry it refers to.

Each rule is a small function ``(doc, mentions, ...) -> mentions``, applied in this order by
:func:`resolve`:

1. :func:`link_surnames` — "Velayati" and the misspelt "Amir-Abollahian" are the people named
   in full earlier (exact surname, or a similarity ratio of at least 0.85);
2. :func:`link_relatives` — "who" in "Velayati, who is also expected ..." is Velayati;
3. :func:`resolve_descriptions` — "the Iranian official" is the latest Iranian person,
   "the Kremlin leader" is whoever led Russia on the publication date, "a U.S. State Department
   official" is a new, unnamed person;
4. :func:`resolve_pronouns` — he/his/him, she/her to the subject of the sentence or the
   latest person before, it/its to the subject state or organisation, they/their to a group.

Mentions that no rule resolves are dropped.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..nlp import text_of
from ..dictionaries import ActorDictionary, Entry, fold
from .arguments import antecedent
from .mentions import STATE_SECTORS, Mention, a_peoples_state_body, body_entry, make_mention, people_entry, token_table

SURNAME_RATIO = 0.85
MIN_FUZZY_LENGTH = 5
PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
PRONOUNS = PERSONAL | NEUTER | PLURAL
POSSESSIVES = frozenset({"his", "her", "its", "their"})
PATRONYMIC = frozenset({"bin", "ibn", "bint", "ben"})
TITLE_GENDER = {"mr": "m", "mr.": "m", "king": "m", "prince": "m", "sir": "m", "sheikh": "m", "mrs": "f",
                "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "queen": "f", "princess": "f", "madam": "f",
                "lady": "f", "dame": "f", "sheikha": "f"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
RELATIVE = frozenset({"who", "whom", "whose"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
QUOTING = frozenset({"quote", "quoted", "cite", "cited"})
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d"})
OFFICES = frozenset({"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
                     "supreme leader", "leader", "crown prince", "vice president", "foreign minister",
                     "secretary of state", "defence minister", "defense minister", "foreign secretary"})
WINDOW_SENTENCES = 3
RAISING = frozenset({"seem", "seems", "seemed", "appear", "appears", "appeared"})  # "it seemed a sure policy"
EXPLETIVE_OBJECT_VERBS = frozenset({"make", "find", "consider", "deem", "render"})  # "made it easier to ..."
COPULAS = frozenset({"be", "is", "was", "are", "were", "seem", "seems", "seemed", "appear", "appears", "appeared"})


def resolve(doc: Doc, mentions: list[Mention], dictionary: ActorDictionary, published: str | None) -> list[Mention]:
    """Apply every rule in order; return only the mentions that refer to something."""
    mentions = take_apposed_titles(doc, mentions)
    mentions = link_surnames(doc, mentions)
    mentions = link_relatives(doc, mentions)
    mentions = resolve_descriptions(doc, mentions, dictionary, published)
    mentions = resolve_pronouns(doc, mentions)
    mentions = fill_countries(mentions, dictionary, published)
    return sorted((m for m in mentions if m.entry is not None), key=lambda m: (m.start, -m.end))


def surname(name: str) -> str:
    """The last word of a name, as compared between mentions ("Hossein Amir-Abdollahian" -> "Amir-Abdollahian")."""
    words = name.replace("\u2019", "'").split()
    return words[-1].removesuffix("'s") if words else ""


def same_surname(written: str, known: str) -> bool:
    """Exact (case-insensitive) or, for longer names, a difflib ratio of at least 0.85."""
    a, b = fold(written), fold(known)
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH or _ratio_bound(a, b) < SURNAME_RATIO:
        return False
    return SequenceMatcher(None, a, b).ratio() >= SURNAME_RATIO


def _ratio_bound(a: str, b: str) -> float:
    """An upper bound of the difflib ratio of ``a`` and ``b`` (the letters they share, counted as
    difflib's ``quick_ratio`` does), cheap enough to skip most comparisons that cannot reach it."""
    shortest = min(len(a), len(b))
    if 2.0 * shortest / (len(a) + len(b)) < SURNAME_RATIO:
        return 0.0
    shared = sum((Counter(a) & Counter(b)).values())
    return 2.0 * shared / (len(a) + len(b))


def link_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Surname-only and misspelt repeats of people named earlier, whatever the model labelled them."""
    people: list[Mention] = []
    linked: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if _is_person(mention) and mention.name:
            if mention.entry.key.startswith("person:") and len(mention.name.split()) == 1:
                earlier = _earlier_person(people, mention.name)
                mention = replace(mention, entry=earlier.entry) if earlier else mention
            people.append(mention)
        linked.append(mention)
    taken = {i for m in linked for i in range(m.first, m.last)}
    return linked + _bare_surnames(doc, people, taken)


def take_apposed_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Peru's ambassador to Chile, Juan Quispe": a person the dictionary does not know, named in
    apposition to a description, takes its country, sectors and role, and the description is that person."""
    descriptions = {m.head: m for m in mentions if m.form == "description" and m.entry is None and (m.country or m.code)}
    titled: dict[int, Mention] = {}  # by id() of the mention replaced
    for mention in mentions:
        root = doc[mention.head]
        described = descriptions.get(root.head.i) if root.dep_ == "appos" else None
        if described is not None and _is_person(mention) and mention.entry.country is None \
                and mention.entry.key.startswith("person:"):
            person = titled[id(mention)] = _titled(mention, described)
            titled[id(described)] = replace(described, entry=person.entry)
    return [titled.get(id(m), m) for m in mentions]


def _titled(person: Mention, description: Mention) -> Mention:
    country, sectors = description.country, description.sectors
    code = country + "".join(sectors) if country else description.code or ""
    entry = replace(person.entry, country=country, sectors=sectors if country else (), code=code,
                    role=description.role)
    return replace(person, entry=entry, country=country, sectors=sectors, role=description.role)


def _is_person(mention: Mention) -> bool:
    return mention.entry is not None and mention.entry.kind == "person"


@lru_cache(maxsize=4096)
def short_names(name: str) -> tuple[str, ...]:
    """How a person is named again: the surname, and for patronymic names the given name
    ("Faisal bin Farhan" -> "Farhan", "Faisal")."""
    words = name.replace("\u2019", "'").split()
    given = tuple(words[n - 1] for n in range(1, len(words)) if words[n].lower() in PATRONYMIC)
    return (surname(name), *given[:1])


def _earlier_person(people: list[Mention], written: str) -> Mention | None:
    """The latest of ``people`` with a full name whose surname ``written`` repeats (each name tried once)."""
    tried: set[str] = set()
    for person in reversed(people):
        if not person.name or person.name in tried or len(person.name.split()) < 2:
            continue
        tried.add(person.name)
        if any(same_surname(written, short) for short in short_names(person.name)):
            return person
    return None


def _bare_surnames(doc: Doc, people: list[Mention], taken: set[int]) -> list[Mention]:
    """Capitalised words not yet a mention that repeat (or misspell) an earlier person's surname
    (``people`` in text order)."""
    capital = token_table(doc).capital
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        mention = None if i in taken or not capital[i] else _surname_at(doc, i, people, taken)
        if mention is None:
            i += 1
            continue
        found.append(mention)  # a one-word name: never the full name a later repeat is matched against
        i = mention.last
    return found


def _surname_at(doc: Doc, i: int, people: list[Mention], taken: set[int]) -> Mention | None:
    table = token_table(doc)
    for size in (3, 1):
        last = i + size
        if last > len(doc) or any(j in taken for j in range(i, last)) or not table.alpha[last - 1]:
            continue
        if size > 1 and table.token(i + 1) != "-":
            continue
        text = table.span(i, last)
        before = people[:bisect_left(people, table.starts[i], key=lambda p: p.start)]
        earlier = _earlier_person(before, text)
        if earlier is not None:
            return make_mention(doc, i, last, "name", earlier.entry, name=text)
    return None


def link_relatives(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"who" opening a relative clause on a mention refers to that mention's actor."""
    by_token = {i: m for m in mentions if m.entry is not None for i in range(m.first, m.last)}
    found = []
    for i, word in enumerate(token_table(doc).lower):
        token = doc[i] if word in RELATIVE else None
        if token is None or token.head.dep_ != "relcl":
            continue
        antecedent = by_token.get(token.head.head.i)
        if antecedent is not None and _is_person(antecedent):
            found.append(make_mention(doc, token.i, token.i + 1, "relative", antecedent.entry))
    return mentions + found


def resolve_descriptions(
    doc: Doc, mentions: list[Mention], dictionary: ActorDictionary, published: str | None
) -> list[Mention]:
    """Descriptions to the office holder, the latest matching person, or a new unnamed person."""
    ordered = sorted(mentions, key=lambda m: m.start)
    main = main_country(ordered)
    resolved: list[Mention] = []
    for n, mention in enumerate(ordered):
        if mention.form == "description" and mention.entry is None:
            apposed = _apposed_to(doc, mention, resolved)
            entry = apposed or describe(doc, mention, resolved, dictionary, published, main, ordered[n + 1:])
            mention = replace(mention, entry=entry)
        elif mention.form in {"body", "group"} and mention.entry is None and main in dictionary.countries \
                and not a_peoples_state_body(doc[mention.head], mention.first, mention.sectors or (), dictionary):
            mention = replace(mention, entry=national_body(dictionary, mention, main), country=main)
        elif mention.form == "ethnic" and mention.entry is None:
            mention = _ethnic(dictionary, mention, ordered)
        resolved.append(mention)
    return resolved


def _ethnic(dictionary: ActorDictionary, mention: Mention, mentions: list[Mention]) -> Mention:
    """"ethnic Albanians" with no place written: of the country the article names most, other than their own."""
    others = [m for m in mentions if _named_country(m) != mention.country]
    country = main_country(others) or mention.country
    if country is None:
        return mention
    return replace(mention, entry=people_entry(dictionary, country, mention.text), country=country)


def _apposed_to(doc: Doc, mention: Mention, before: list[Mention]) -> Entry | None:
    """"Wanjiru Odhiambo, an Iranian adviser": the description is the person it is in apposition to."""
    token = doc[mention.head]
    if token.dep_ != "appos":
        return None
    return next((m.entry for m in before if m.entry is not None and m.first <= token.head.i < m.last), None)


def fill_countries(mentions: list[Mention], dictionary: ActorDictionary, published: str | None) -> list[Mention]:
    """Titled people of no known country ("President X") belong to the country the article names most,
    when it names that country at least as often as all others together (in an article about several
    countries a title alone does not say whose it is), unless the dictionary knows someone else held
    that office there on the publication date."""
    main = main_country(mentions, dominant=True)
    if main is None:
        return mentions
    filled = []
    for mention in mentions:
        entry = mention.entry
        if entry is not None and entry.kind == "person" and entry.country is None and entry.sectors \
                and entry.key.startswith("person:") and entry.code.lstrip("-") == "".join(entry.sectors) \
                and not _office_held_by_another(dictionary, entry, main, published):
            entry = replace(entry, country=main, code=main + "".join(entry.sectors))
        filled.append(replace(mention, entry=entry))
    return filled


def _office_held_by_another(dictionary: ActorDictionary, entry: Entry, country: str, published: str | None) -> bool:
    """"President Quispe" in a story about Chile, when the dictionary says Chile's president then was
    someone else: Quispe is not Chile's president."""
    if not entry.role or published is None:
        return False
    holder = dictionary.holder(entry.role, country, published)
    return holder is not None and fold(holder.name) != fold(entry.name)


def national_body(dictionary: ActorDictionary, mention: Mention, country: str) -> Entry | None:
    """"the government", "state media" with no country written: the article's main country's."""
    role = dictionary.role(mention.role or "")
    state = dictionary.entry(country)
    return body_entry(dictionary, state, role) if role is not None and state is not None else None


def main_country(mentions: Sequence[Mention], dominant: bool = False) -> str | None:
    """The country named most often in the article (the country of a bare "the president"): states,
    bodies, people and places named in the text count, descriptions and pronouns do not; on a tie, the
    country named first. ``dominant``: only if it has at least half of the country names."""
    counts = Counter(_named_country(m) for m in sorted(mentions, key=lambda m: m.start))
    counts.pop(None, None)
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    return country if not dominant or 2 * count >= sum(counts.values()) else None


def _named_country(mention: Mention) -> str | None:
    if mention.form in {"description", "pronoun", "relative", "ethnic"}:
        return None
    if mention.form == "place":
        return mention.country
    return mention.entry.country if mention.entry is not None else None


def describe(doc: Doc, mention: Mention, before: list[Mention], dictionary: ActorDictionary,
             published: str | None, main: str | None, after: Sequence[Mention] = ()) -> Entry | None:
    """What one description refers to (None when nothing fits and it names no country)."""
    role = fold(mention.role or "")
    country = mention.country or (main if role in OFFICES else None)
    if role in OFFICES and country and set(mention.sectors) <= STATE_SECTORS:  # not "an SDF leader"
        holder = dictionary.holder(role, country, published)
        if holder is not None:
            return holder
    if mention.text.lower().startswith(("a ", "an ")):
        named = _named_next(doc, mention, after, country, role)
        return named.entry if named is not None else _unnamed(mention, country)
    if country is None:
        return _unnamed(mention, None) if mention.code else None
    earlier = _latest_person(before, country, role, doc, mention)
    if earlier is not None:
        return earlier.entry
    return _unnamed(mention, country) if mention.country else None


def _named_next(doc: Doc, mention: Mention, after: Sequence[Mention], country: str | None,
                role: str) -> Mention | None:
    """A lead's "A top adviser to Iran's Supreme Leader ..." is the person named next with that role."""
    sentence = _sentence_index(doc)
    wanted = role.replace("advisor", "adviser")
    for candidate in after:
        if sentence[candidate.first] - sentence[mention.first] > 2:
            return None
        if not _is_person(candidate) or not candidate.name or (country and candidate.entry.country != country):
            continue
        held = fold(candidate.role or candidate.entry.role or "").replace("advisor", "adviser")
        if wanted and wanted in held:
            return candidate
    return None


def _latest_person(before: list[Mention], country: str | None, role: str, doc: Doc, mention: Mention) -> Mention | None:
    sentence = _sentence_index(doc)
    containers = {t.i for t in doc[mention.head].ancestors}
    for candidate in reversed(before):
        if not _is_person(candidate) or sentence[mention.first] - sentence[candidate.first] > WINDOW_SENTENCES:
            continue
        if candidate.head in containers:  # "X, an adviser to the speaker": the speaker is not X
            continue
        if country and candidate.entry.country != country:
            continue
        if role in OFFICES and role not in fold(candidate.entry.role or candidate.role or ""):
            continue
        return candidate
    return None


def _unnamed(mention: Mention, country: str | None) -> Entry:
    """An unnamed person ("a U.S. State Department official"), one per description."""
    words = mention.text.split()
    name = " ".join(words[1:] if words[0].lower() in {"a", "an", "the"} else words)
    sectors = mention.sectors
    code = (country or ("---" if sectors else "")) + "".join(sectors)
    if country is None and mention.code:
        code, sectors = mention.code, ()
    return Entry(f"person:{fold(name)}@{mention.start}", name, code, country, sectors, "person", mention.role)


@lru_cache(maxsize=8)
def _sentence_index(doc: Doc) -> tuple[int, ...]:
    """The sentence number of every token (made once per Doc: descriptions and pronouns ask often)."""
    if not doc.has_annotation("SENT_START"):
        return (0,) * len(doc)
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return tuple(index)


def resolve_pronouns(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Third-person pronouns to the most salient compatible actor before them."""
    taken = {i for m in mentions for i in range(m.first, m.last)}
    sentence = _sentence_index(doc)
    table = token_table(doc)
    known = sorted((m for m in mentions if m.entry is not None), key=lambda m: m.start)
    genders = known_genders(known)
    found: list[Mention] = []
    for i, word in enumerate(table.lower):
        if word not in PRONOUNS or i in taken or not _is_pronoun(doc[i]):
            continue
        token = doc[i]
        window = known[bisect_left(known, _window_start(doc, sentence[i]), key=lambda m: m.start):
                       bisect_left(known, token.idx, key=lambda m: m.start)]  # this sentence and the one before
        candidates = [m for m in window if gender_fits(token, m, genders)]
        others = _coargument_keys(token, known)
        antecedent = pick_antecedent(token, [m for m in candidates if m.entry.key not in others], sentence, table.text)
        if antecedent is not None:
            mention = make_mention(doc, token.i, token.i + 1, "pronoun", antecedent.entry)
            found.append(mention)
            insort(known, mention, key=lambda m: m.start)
    return mentions + found


def _window_start(doc: Doc, sentence: int) -> int:
    """Where the sentence before sentence number ``sentence`` starts (a character offset)."""
    starts = _sentence_starts(doc)
    return starts[max(sentence - 1, 0)] if starts else 0


@lru_cache(maxsize=8)
def _sentence_starts(doc: Doc) -> tuple[int, ...]:
    if not doc.has_annotation("SENT_START"):
        return ()
    return tuple(sent.start_char for sent in doc.sents)


def known_genders(mentions: Sequence[Mention]) -> dict[str, str]:
    """The gender a title gives a person ("Mrs. Otieno", "Queen Rania"), by entry key."""
    genders: dict[str, str] = {}
    for mention in mentions:
        words = mention.text.split()
        title = next((TITLE_GENDER[w.lower()] for w in words[:3] if w.lower() in TITLE_GENDER), None)
        if title is not None and mention.entry is not None and mention.entry.kind == "person":
            genders.setdefault(mention.entry.key, title)
    return genders


def gender_fits(token: Token, mention: Mention, genders: dict[str, str]) -> bool:
    """He cannot be a person titled Mrs., she cannot be one titled Mr.; unknown genders fit both."""
    wanted = PRONOUN_GENDER.get(token.lower_)
    return wanted is None or genders.get(mention.entry.key, wanted) == wanted


def _coargument_keys(token: Token, known: list[Mention]) -> set[str]:
    """Actors named in the objects of the pronoun's verb: "it attacked Iranian targets" is not Iran."""
    if token.dep_ not in SUBJECTS:
        return set()
    objects = [c for c in token.head.children if c.dep_ in {"dobj", "dative", "prep", "attr"}]
    # a relative object stands for its noun: "the Tacna Front, which they blame" is not them
    objects += [a for a in map(antecedent, objects) if a not in objects]
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in objects]
    return {m.entry.key for m in known for lo, hi in spans if lo <= m.start and m.end <= hi}


def _is_pronoun(token: Token) -> bool:
    word = token.lower_
    if word not in PRONOUNS:
        return False
    return not (word == "it" and (token.dep_ == "expl" or _is_dummy_it(token)))


def _is_dummy_it(token: Token) -> bool:
    """"it is likely that ...", "it seems", "made it easier to ...": an "it" that refers to nothing."""
    head = token.head
    if token.dep_ == "nsubj" and (head.lemma_ or head.lower_) in RAISING:  # not "it seems to be arming"
        return any(c.dep_ in {"attr", "acomp", "oprd", "ccomp"} for c in head.children)
    if token.dep_ == "dobj" and (head.lemma_ or head.lower_) in EXPLETIVE_OBJECT_VERBS:
        return any(c.dep_ in {"acomp", "ccomp", "xcomp", "oprd"} and c.i > token.i for c in head.children)
    if token.dep_ == "nsubj" and head.pos_ == "ADJ" and (head.head.lemma_ or head.head.lower_) in EXPLETIVE_OBJECT_VERBS:
        return True  # "made it easier to ...", parsed as a small clause
    return (head.lemma_ or head.lower_) in COPULAS and any(c.dep_ in {"ccomp", "xcomp"} for c in head.children) \
        and any(c.dep_ in {"acomp", "attr"} for c in head.children)


def compatible(token: Token, mention: Mention) -> bool:
    """He/she need a person, it a state, an organisation or a group named as one ("the Tacna Front said
    it would fight on"), they a group."""
    word, kind = token.lower_, mention.entry.kind
    if word in PERSONAL:
        return kind == "person"
    if word in NEUTER:
        named_group = kind == "group" and mention.form == "name"
        return (kind in {"state", "organisation", "igo"} or named_group) and mention.form != "demonym"
    return kind == "group" or mention.form == "group"


def pick_antecedent(token: Token, candidates: list[Mention], sentence: Sequence[int], text: str | None = None
                    ) -> Mention | None:
    """Prefer a subject of the same sentence, then a subject of the sentence before, then the latest."""
    fitting = [m for m in candidates if compatible(token, m)]
    if _inside_quote(token, text_of(token.doc) if text is None else text):
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
    return token.dep_ == "dobj" and (token.head.lemma_ or token.head.lower_).lower() in QUOTING


def _inside_quote(token: Token, text: str) -> bool:
    """Whether an odd number of double quote marks precede ``token`` in its paragraph (``text``: the Doc's)."""
    start = text.rfind("\n\n", 0, token.idx)
    stretch = text[start + 1:token.idx]
    return sum(stretch.count(q) for q in QUOTE_MARKS) % 2 == 1
