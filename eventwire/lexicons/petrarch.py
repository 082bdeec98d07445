"""PETRARCH/TABARI and Phoenix dictionaries: ``.actors`` files of names with dated codes, ``.agents`` files of
role nouns.

The format is PETRARCH2's (its ``PETRreader``), read strictly:

* comments: lines starting with ``#`` or ``<!``, everything after a ``#``, and ``<!-- -->`` blocks, on one
  line or over several;
* ``.actors``: an entry is a name line (``AFGHANISTAN_ [AFG]``, underscores for spaces; a trailing ``_``
  only says "a whole word" to TABARI), then ``+SYNONYM`` lines and code blocks, on the name line or on lines
  of their own, several to a line. A block is ``[CODE]``, ``[CODE >DATE]`` (from DATE), ``[CODE <DATE]``
  (before DATE), ``[CODE DATE-DATE]`` or ``[CODE DATE]`` (from DATE); a date is ``yymmdd`` (years up to 30
  are 20yy) or ``yyyymmdd``; a code of signs only (``[---]``) codes nothing; ``A/B`` alternatives keep the
  first. An entry without a usable block is no actor (PETRARCH stores it without a code);
* ``.agents``: ``PHRASE {PLURAL} [~CODE]`` lines: ``~CODE`` adds sectors after the actor's code (``CODE~``,
  before it, is read but has no role form); ``{}`` means no plural, no braces the regular English plural;
  ``!MARKER! = A, B`` defines a substitution list and ``CONGRESS!PERSON!`` stands for each of its words
  (no plural formed then).

A line that cannot be read so raises :class:`~eventwire.errors.DictionaryError` with ``file:line:``, like
every other dictionary table. :func:`read_petrarch_actors` and :func:`read_petrarch_agents` turn the entries
into the records of :mod:`.entries` (user dictionaries); :mod:`.phoenix` filters the shipped Phoenix files.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DictionaryError
from .entries import Entry, Kind, Listing, Role, fold, split_code
from .words import word_values

CodeBlock = tuple[str, str | None, str | None]  # code, start, end (ISO dates; the end is the first day out)

BLOCK = re.compile(r"\[([^\[\]]*)\]")
CODE = re.compile(r"[A-Za-z0-9]+(?:/[A-Za-z0-9]+)*")
NULL_CODE = re.compile(r"[-+#*]+")  # "---": no code
AGENT_CODE = re.compile(r"(~)?([A-Za-z0-9]+)(~)?")
MARKER = re.compile(r"![A-Za-z]+!")
BRACKETED = re.compile(r"(?P<name>[^()]*?)[_\s]*\((?P<note>[^()]+)\)[_\s]*")  # "NAME_(ACRONYM)_"
ACRONYM = re.compile(r"[A-Z0-9./-]+")
ACRONYM_LETTERS = 4  # "ANSF": a longer word news does not write is a name ("Quill", "Jaysh")
BODY_ACRONYM_LETTERS = 5  # but for the one-word name of an armed group or an IGO ("UNITA", "ASEAN")
DATES = re.compile(r"(?:(?P<op>[<>])\s*(?P<date>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+)|(?P<since>\d+))")
GROUP_SECTORS = frozenset({"REB", "UAF", "PTY", "OPP", "INS", "IMG"})
# the last words of names of bodies, which Phoenix also dates ("THE_ISLAMIC_STATE [IMGMUSISI >20130408]")
ORGANISATION_WORDS = frozenset({
    "agency", "alliance", "army", "assembly", "association", "authority", "bank", "battalion", "brigade",
    "brigades", "cabinet", "coalition", "command", "commission", "committee", "company", "congress", "corporation",
    "council", "court", "federation", "forces", "front", "fund", "government", "group", "guard", "institute",
    "league", "militia", "ministry", "movement", "network", "office", "organisation", "organization", "parliament",
    "party", "police", "regime", "service", "state", "tigers", "union"})
# words a name writes in lower case ("Bashar al-Assad", "Islamic Republic of Afghanistan"); the case of the
# other words is checked against the text, so these are the only ones that may be written either way
PARTICLES = frozenset({
    "a", "al", "an", "and", "as", "at", "bin", "bint", "d", "da", "das", "de", "del", "della", "der", "des", "di",
    "do", "dos", "du", "e", "el", "et", "for", "ibn", "in", "la", "le", "les", "of", "on", "the", "to", "und",
    "van", "von", "y"})


def where(path: Path, line: int) -> str:
    return f"{path}:{line}"


def petrarch_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The numbered lines of a PETRARCH dictionary without its comments (see the module's notes)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read the dictionary ({exc})") from exc
    opened: int | None = None  # the line of an unclosed "<!--"
    for number, raw in enumerate(text.splitlines(), 1):
        if opened is not None:
            if "-->" in raw:
                opened = None
            continue
        if raw.startswith("#") or (raw.lstrip().startswith("<!") and not raw.lstrip().startswith("<!--")):
            continue
        line = raw.split("#", 1)[0]
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" not in after:
                opened, line = number, before
                break
            line = before + after.split("-->", 1)[1]
        if line.strip():
            yield number, line.rstrip()
    if opened is not None:
        raise DictionaryError(f"{where(path, opened)}: a '<!--' comment is never closed with '-->'")


def petrarch_date(text: str) -> str:
    """"950601" or "19950601" -> "1995-06-01" (two-digit years up to 30 are of the 2000s, as in PETRARCH);
    a ValueError says what is wrong with any other string."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"date {digits!r} is neither yymmdd nor yyyymmdd")
    if len(digits) == 6:
        digits = ("20" if int(digits[:2]) <= 30 else "19") + digits
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        raise ValueError(f"date {text.strip()!r} is no calendar date") from None


def parse_code_block(block: str) -> CodeBlock | None:
    """"IRN", "HOB < 950601", "HOBGOV 19950601 - 19990815" -> (code, start, end); None for a code of signs
    only ("---"). A ValueError says what is wrong with a block that is neither."""
    text = block.strip()
    head = text.split(None, 1)[0] if text else ""
    null = NULL_CODE.fullmatch(re.split(r"[\s<>]", head, maxsplit=1)[0] or head)
    code_match = CODE.match(text) if not null else NULL_CODE.match(text)
    if not code_match:
        raise ValueError(f"code block [{block}] does not start with a code (letters and digits)")
    rest = text[code_match.end():].strip()
    start = end = None
    if rest:
        dates = DATES.fullmatch(rest)
        if not dates:
            raise ValueError(f"code block [{block}]: {rest!r} is not a date restriction "
                             f"(>yymmdd, <yymmdd, yymmdd-yymmdd)")
        if dates["op"]:
            date = petrarch_date(dates["date"])
            start, end = (date, None) if dates["op"] == ">" else (None, date)
        elif dates["since"]:
            start = petrarch_date(dates["since"])
        else:
            start, end = petrarch_date(dates["start"]), petrarch_date(dates["end"])
            if end < start:
                raise ValueError(f"code block [{block}] ends before it starts")
    if null:
        return None
    return code_match.group().split("/")[0].upper(), start, end


def _blocks(path: Path, number: int, line: str) -> tuple[str, list[CodeBlock]]:
    """The text of a line outside its code blocks, and the blocks."""
    blocks: list[CodeBlock] = []
    for found in BLOCK.finditer(line):
        try:
            parsed = parse_code_block(found.group(1))
        except ValueError as exc:
            raise DictionaryError(f"{where(path, number)}: {exc}") from None
        if parsed is not None:
            blocks.append(parsed)
    outside = BLOCK.sub("\x00", line)
    if "[" in outside or "]" in outside:
        raise DictionaryError(f"{where(path, number)}: unbalanced '[' or ']' in {line.strip()!r}")
    text, _, after = outside.partition("\x00")
    if after.replace("\x00", "").strip():
        raise DictionaryError(f"{where(path, number)}: text after a code block in {line.strip()!r}; "
                              f"put the name first, or start a new line")
    return text.strip(), blocks


@dataclass
class PetrarchActor:
    """One entry of an ``.actors`` file as written: the name and synonyms (underscores kept) with their
    lines, and its code blocks in file order."""

    name: str
    line: int
    synonyms: list[tuple[str, int]] = field(default_factory=list)
    blocks: list[CodeBlock] = field(default_factory=list)


def actor_entries(path: Path) -> Iterator[PetrarchActor]:
    """The entries of a PETRARCH ``.actors`` file, in order."""
    current: PetrarchActor | None = None
    for number, line in petrarch_lines(path):
        text, blocks = _blocks(path, number, line)
        if text.startswith("+") or (not text and blocks):
            if current is None:
                what = "a synonym (+)" if text else "a code block"
                raise DictionaryError(f"{where(path, number)}: {what} before any actor name")
            if text:
                synonyms = [s.strip() for s in text[1:].split("+") if s.strip(" _")]
                if not synonyms:
                    raise DictionaryError(f"{where(path, number)}: a '+' with no synonym after it")
                current.synonyms.extend((s, number) for s in synonyms)  # "+TAIOAN_ +TAWIAN_": two
            current.blocks.extend(blocks)
            continue
        if current is not None:
            yield current
        current = PetrarchActor(text, number, [], blocks)
    if current is not None:
        yield current


def petrarch_names(raw: str, forms: Mapping[str, str] | None = None, letters: int = ACRONYM_LETTERS) -> list[str]:
    """The names one dictionary name gives: "IRISH_NATIONAL_LIBERATION_ARMY_(INLA)_" is written "Irish National
    Liberation Army" or "INLA" (an acronym in brackets after a name is a name of its own); a bracketed word
    that is no acronym of the name is a note ("NATIONAL_LIBERATION_ARMY_(COLOMBIA)_": "National Liberation
    Army"), left out."""
    found = BRACKETED.fullmatch(raw.strip())
    if found is None or not found["name"].strip(" _"):
        return [petrarch_name(raw, forms, letters)]
    name = petrarch_name(found["name"], forms, letters)
    acronym = found["note"].upper()
    return [name, acronym] if ACRONYM.fullmatch(acronym) and _initials_of(acronym, found["name"]) else [name]


def _initials_of(acronym: str, name: str) -> bool:
    """Whether ``acronym``'s letters are initials of ``name``'s words, in order, the first the first word's."""
    initials = [w[0] for w in re.split(r"[_\s/-]+", name.upper()) if w and w[0].isalpha()]
    letters = [c for c in acronym if c.isalpha()]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    rest = iter(initials[1:])
    return all(any(c == i for i in rest) for c in letters[1:])


def petrarch_name(raw: str, forms: Mapping[str, str] | None = None, letters: int = ACRONYM_LETTERS) -> str:
    """"ABDUL_QADIR_" -> "Abdul Qadir", "BASHAR_AL-ASSAD" -> "Bashar al-Assad", "U.N._CHIEF" -> "U.N. Chief":
    the words as news writes them (``forms``: lower-case word -> usual capitalised form, by default the news
    case model's), particles in lower case, one-word names news does not write of up to ``letters`` letters
    ("ANSF": acronyms) in capitals, and so the short parts of a word joined by a slash ("DHKP/C", "SPLM/A")."""
    words = raw.replace("_", " ").split()
    if len(words) > 2 and words[0].lower() == "the":  # the actors stage reads "the" before a name itself
        words = words[1:]  # ("The Islamic State"; not "The Foundation", which "the" makes a name)
    forms = news_forms() if forms is None else forms
    if len(words) == 1 and _acronym(words[0], forms, letters):
        return words[0].upper()
    return " ".join(_word_form(w, forms, n == 0) for n, w in enumerate(words))


def _acronym(part: str, forms: Mapping[str, str], letters: int = ACRONYM_LETTERS) -> bool:
    """A word news does not write, of letters only and at most ``letters``: an acronym."""
    return part.isalpha() and len(part) <= letters and part.lower() not in forms


def _word_form(word: str, forms: Mapping[str, str], first: bool) -> str:
    if any(c.isalpha() and c.islower() for c in word):  # written in mixed case already
        return word
    if "." in word:  # "U.N.", "D.C."
        return word
    if "/" in word:  # "DHKP/C", "PARTY/FRONT": each part as it is written alone
        return "/".join(p.upper() if _acronym(p, forms) else _word_form(p, forms, first and n == 0)
                        for n, p in enumerate(word.split("/")))
    parts = word.split("-")
    out = []
    for n, part in enumerate(parts):
        low = part.lower()
        if low in PARTICLES and not (first and n == 0) and (n < len(parts) - 1 or len(parts) == 1):
            out.append(low)
        else:
            out.append(forms.get(low) or _capitalised(low))
    return "-".join(out)


def _capitalised(word: str) -> str:
    """"o'neill" -> "O'Neill", "d'ivoire" -> "D'Ivoire"."""
    return "'".join(p[:1].upper() + p[1:] for p in word.split("'")) if "'" in word[:3] else word.capitalize()


@lru_cache(maxsize=1)
def news_forms() -> Mapping[str, str]:
    """The capitalised form news writes most often for each word it capitalises ("un" -> "UN", "mcdonald" ->
    "McDonald"), from the news case model (``data/words/news_case.tsv``)."""
    found: dict[str, str] = {}
    for word, value in word_values("news_cased").items():
        counts = [(int(n), form) for form, n in (item.rsplit("=", 1) for item in value.split())]
        capitalised = [(n, form) for n, form in counts if form[:1].isupper()]
        if capitalised:
            found[word] = max(capitalised)[1]
    return found


def entry_kind(blocks: Sequence[CodeBlock], codes: Collection[str], name: str = "") -> Kind | None:
    """What an entry's code blocks make it: a state when one of them is a bare country code in force to the
    end ("AFGHANISTAN_ [AFG]", also "ARMENIA" with its dated Soviet codes); a person when a block is dated,
    unless its name ends with a word naming a body (":data:`ORGANISATION_WORDS`: "THE_ISLAMIC_STATE
    [IMGMUSISI >20130408]"); else an igo (IGO code), a group (rebels, armed groups, parties) or an
    organisation. None for no block."""
    if not blocks:
        return None
    if any(code in codes and end is None for code, _, end in blocks):
        return "state"
    if any(start or end for _, start, end in blocks) and not is_organisation_name(name):
        return "person"
    code = blocks[0][0]
    if code.startswith("IGO"):
        return "igo"
    sectors = split_code(code, codes)[1]
    return "group" if code.startswith("IMG") or GROUP_SECTORS & set(sectors) else "organisation"


def is_organisation_name(name: str) -> bool:
    """Whether a name ends with a word that names a body ("THE_ISLAMIC_STATE", "Tamil Tigers Front")."""
    words = fold(name.replace("_", " ")).split()
    return bool(words) and words[-1] in ORGANISATION_WORDS


def listings(actor: PetrarchActor, codes: Collection[str], key: str,
             forms: Mapping[str, str] | None = None) -> list[Listing]:
    """The listings of one entry: a state's names under its code (the country in force to the end), one
    listing per dated block (a person's tenures), else one for the first block."""
    kind = entry_kind(actor.blocks, codes, actor.name)
    if kind is None:
        return []
    letters = BODY_ACRONYM_LETTERS if kind in {"group", "igo"} else ACRONYM_LETTERS
    names = tuple(dict.fromkeys(n for raw in (actor.name, *(s for s, _ in actor.synonyms))
                                for n in petrarch_names(raw, forms, letters) if n))
    if not names:
        return []
    if kind == "state":
        code = next(c for c, _, end in actor.blocks if c in codes and end is None)
        return [Listing(Entry(code, names[0], code, code, (), "state"), names)]
    dated = any(start or end for _, start, end in actor.blocks)
    rows = actor.blocks if dated else actor.blocks[:1]  # undated codes after the first: other codes, unused
    found = []
    for code, start, end in rows:
        country, sectors = split_code(code, codes)
        found.append(Listing(Entry(key, names[0], code, country, sectors, kind, None, start, end), names))
    return found


def read_petrarch_actors(path: Path, codes: Collection[str], prefix: str = "petrarch") -> Iterator[Listing]:
    """A PETRARCH ``.actors`` file as listings: keys ``<prefix>:<name>`` (an entry whose name comes again
    with other codes gets ``@<line>`` after it), a state's names under its country code."""
    seen: dict[str, tuple[CodeBlock, ...]] = {}
    for actor in actor_entries(path):
        key = f"{prefix}:{fold(actor.name.replace('_', ' ')).replace(' ', '_')}"
        if seen.setdefault(key, tuple(actor.blocks)) != tuple(actor.blocks):
            key = f"{key}@{actor.line}"
        yield from listings(actor, codes, key)


# --- agents -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentForm:
    """One phrase an ``.agents`` line stands for: lower case, singular or plural, with its code."""

    phrase: str
    plural: bool
    sectors: tuple[str, ...]
    line: int
    prefix: bool = False  # "IGO~": a code written before the actor's


def agent_forms(path: Path) -> Iterator[AgentForm]:
    """Every phrase of a PETRARCH ``.agents`` file, substitutions expanded and plurals formed."""
    substitutions: dict[str, list[str]] = {}
    for number, line in petrarch_lines(path):
        text = line.strip()
        marker = re.fullmatch(r"(![A-Za-z]+!)\s*=\s*(.*)", text)
        if marker:
            items = [w.strip() for w in marker.group(2).split(",") if w.strip()]
            if not items:
                raise DictionaryError(f"{where(path, number)}: substitution {marker.group(1)} lists no words")
            substitutions[marker.group(1).upper()] = items
            continue
        yield from _agent_line(path, number, text, substitutions)


def _agent_line(path: Path, number: int, text: str, substitutions: Mapping[str, list[str]]) -> Iterator[AgentForm]:
    found = BLOCK.findall(text)
    if len(found) != 1 or text.count("[") != 1 or text.count("]") != 1:
        raise DictionaryError(f"{where(path, number)}: an agent needs one code block ([~CODE]) in {text!r}")
    code = AGENT_CODE.fullmatch(found[0].strip())
    if not code or bool(code.group(1)) == bool(code.group(3)):
        raise DictionaryError(f"{where(path, number)}: agent code [{found[0]}] is not ~CODE or CODE~")
    value = code.group(2).upper()
    sectors = tuple(value[i:i + 3] for i in range(0, len(value), 3))
    head = text[: text.index("[")]
    if head.count("{") != head.count("}") or head.count("{") > 1:
        raise DictionaryError(f"{where(path, number)}: unbalanced '{{' or '}}' in {text!r}")
    plural_match = re.search(r"\{([^}]*)\}", head)
    phrase = re.sub(r"\{[^}]*\}", " ", head).strip()
    if not phrase or (plural_match and head[plural_match.end():].strip()):
        raise DictionaryError(f"{where(path, number)}: an agent is PHRASE {{PLURAL}} [~CODE], not {text!r}")
    prefix = bool(code.group(3))
    for singular in expand(phrase, substitutions, path, number):
        if "!" in phrase:  # a substitution list gives its own forms, singular and plural: "POLICEMEN", "MINISTERS"
            yield AgentForm(_phrase(singular), _looks_plural(singular), sectors, number, prefix)
            continue
        yield AgentForm(_phrase(singular), False, sectors, number, prefix)
        plurals = [p.strip() for p in plural_match.group(1).split(",")] if plural_match else [plural_of(singular)]
        for plural in (p for p in plurals if p):
            yield AgentForm(_phrase(plural), True, sectors, number, prefix)


def _looks_plural(phrase: str) -> bool:
    """"FOREIGN_MINISTERS", "POLICEMEN", "MINISTRIES": a plural form (of a substitution list)."""
    last = phrase.replace("_", " ").split()[-1].lower() if phrase.strip() else ""
    return last.endswith(("men", "people")) or (last.endswith("s") and not last.endswith(("ss", "us")))


def _phrase(text: str) -> str:
    return fold(text.replace("_", " "))


def plural_of(phrase: str) -> str:
    """The regular plural of the last word: ``-y`` after a consonant -> ``-ies``; ``-s``, ``-x``, ``-z``,
    ``-ch``, ``-sh`` -> ``-es``; else ``-s``."""
    low = phrase.lower()
    if low.endswith("y") and low[-2:-1] not in tuple("aeiou"):
        return phrase[:-1] + ("IES" if phrase[-1].isupper() else "ies")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return phrase + ("ES" if phrase[-1].isupper() else "es")
    return phrase + ("S" if phrase[-1:].isupper() else "s")


def expand(phrase: str, substitutions: Mapping[str, list[str]], path: Path | None = None,
           number: int = 0) -> list[str]:
    """``CONGRESS!PERSON!`` -> ``CONGRESSMAN``, ``CONGRESSMEN``, ... (each ``!X!`` replaced)."""
    match = MARKER.search(phrase)
    if not match:
        return [phrase]
    words = substitutions.get(match.group(0).upper())
    if words is None:
        raise DictionaryError(f"{where(path or Path('?'), number)}: substitution {match.group(0)} is not defined "
                              f"(define it first: {match.group(0)} = WORD, WORD)")
    return [expanded for word in words
            for expanded in expand(phrase[: match.start()] + word + phrase[match.end():], substitutions, path, number)]


def agent_roles(forms: Iterator[AgentForm] | Sequence[AgentForm]) -> Iterator[Role]:
    """Agents as roles: a singular a person's title, a plural a group; a code written before the actor's
    (``IGO~``) has no role form and is left out."""
    for form in forms:
        if form.prefix:
            continue
        if form.plural:
            yield Role(form.phrase, form.sectors, "group", form.phrase)
        else:
            yield Role(form.phrase, form.sectors, "person", " ".join(w.capitalize() for w in form.phrase.split()))


def read_petrarch_agents(path: Path) -> Iterator[Role]:
    """A PETRARCH ``.agents`` file as roles (see :func:`agent_roles`)."""
    return agent_roles(agent_forms(path))
