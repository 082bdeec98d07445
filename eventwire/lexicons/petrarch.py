"""PETRARCH/TABARI and Phoenix dictionaries: ``.actors`` files of names with dated codes, ``.agents`` files of
role nouns.

An ``.actors`` file lists ``NAME [CODE]`` lines with ``+SYNONYM`` lines and dated code blocks
(``[IRNGOV 19950601 - 19990815]``); an ``.agents`` file lists ``PHRASE {PLURALS} [~CODE]`` lines with
``!SUBST! = A, B`` substitution lists. Both become the records of :mod:`.entries`, which
:class:`eventwire.lexicons.actors.ActorDictionary` merges like any other user file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from .entries import Entry, Kind, Listing, Role, fold, split_code

CodeBlock = tuple[str, str | None, str | None]  # code, start, end (ISO dates)


def petrarch_lines(path: Path) -> Iterator[str]:
    """Lines of a PETRARCH dictionary without ``<!-- -->`` blocks and ``#`` comments."""
    in_comment = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if in_comment or "<!--" in raw:
            in_comment = "-->" not in raw
            continue
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield line


def petrarch_date(text: str) -> str:
    """"950601" or "19950601" -> "1995-06-01" (two-digit years above 30 are of the 1900s)."""
    digits = text.strip()
    if len(digits) == 6:
        digits = ("19" if int(digits[:2]) > 30 else "20") + digits
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def parse_code_block(block: str) -> CodeBlock | None:
    """"IRN", "HOB < 950601", "HOBGOV 19950601 - 19990815" -> (code, start, end); None if unusable."""
    parts = block.replace("<", " < ").replace(">", " > ").split()
    if not parts:
        return None
    code = parts[0].split("/")[0].strip().upper()
    if not code.isalnum():
        return None
    rest = [p for p in parts[1:] if p != "-"]
    if len(rest) >= 2 and rest[0] == "<":
        return code, None, petrarch_date(rest[1])
    if len(rest) >= 2 and rest[0] == ">":
        return code, petrarch_date(rest[1]), None
    if len(rest) >= 2 and rest[0].isdigit() and rest[1].isdigit():
        return code, petrarch_date(rest[0]), petrarch_date(rest[1])
    return code, None, None


def petrarch_name(raw: str) -> str:
    """"CENTRAL_AFRICAN_REPUBLIC_" -> "Central african republic" (capitals only where they must be)."""
    words = raw.replace("_", " ").split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else ""


def read_petrarch_actors(path: Path, codes: set[str]) -> Iterator[Listing]:
    """A PETRARCH ``.actors`` file: ``NAME [CODE]``, ``+SYNONYM`` lines and dated code blocks."""
    name: str | None = None
    aliases: list[str] = []
    blocks: list[str] = []
    for line in petrarch_lines(path):
        stripped = line.strip()
        if stripped.startswith("+"):
            aliases.append(petrarch_name(stripped[1:]))
        elif stripped.startswith("["):
            blocks.extend(re.findall(r"\[([^\]]*)\]", stripped))
        else:
            if name:
                yield from petrarch_listings(name, aliases, blocks, codes)
            name = petrarch_name(stripped.split("[", 1)[0])
            aliases, blocks = [], re.findall(r"\[([^\]]*)\]", stripped)
    if name:
        yield from petrarch_listings(name, aliases, blocks, codes)


def petrarch_listings(name: str, aliases: Sequence[str], blocks: Sequence[str], codes: set[str]) -> Iterator[Listing]:
    """One listing per usable code block of an actor: dated blocks are a person's tenures."""
    parsed = [p for p in (parse_code_block(b) for b in blocks) if p]
    dated = any(start or end for _, start, end in parsed)
    for code, start, end in parsed:
        country, sectors = split_code(code, codes)
        kind = _kind(code, country, sectors, dated)
        key = code if kind == "state" else "petrarch:" + fold(name).replace(" ", "_")
        title = " ".join(w.capitalize() for w in name.split())
        yield Listing(Entry(key, title, code, country, sectors, kind, None, start, end), (name, *aliases))


def _kind(code: str, country: str | None, sectors: tuple[str, ...], dated: bool) -> Kind:
    """A dated actor is a person, an IGO code an igo, a bare country code a state, else an organisation."""
    if dated:
        return "person"
    if code.startswith("IGO"):
        return "igo"
    return "state" if country and not sectors else "organisation"


def read_petrarch_agents(path: Path) -> Iterator[Role]:
    """A PETRARCH ``.agents`` file: ``PHRASE {PLURALS} [~CODE]`` with ``!SUBST! = A, B`` lists."""
    substitutions: dict[str, list[str]] = {}
    for line in petrarch_lines(path):
        stripped = line.strip()
        match = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", stripped)
        if match:
            substitutions[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        yield from _agent_roles(stripped, substitutions)


def _agent_roles(line: str, substitutions: Mapping[str, list[str]]) -> Iterator[Role]:
    """The roles of one agent line: each singular as a person, each plural as a group."""
    code_match = re.search(r"\[\s*([^\]]*)\]", line)
    if not code_match:
        return
    code = code_match.group(1).replace("~", "").strip().upper()
    if not code.isalnum():
        return
    sectors = tuple(code[i:i + 3] for i in range(0, len(code), 3))
    head = line[: code_match.start()]
    plural_match = re.search(r"\{([^}]*)\}", head)
    phrase = re.sub(r"\{[^}]*\}", "", head).strip()
    plurals = [p.strip() for p in plural_match.group(1).split(",") if p.strip()] if plural_match else []
    for singular in expand(phrase, substitutions):
        yield Role(fold(singular.replace("_", " ")), sectors, "person", fold(singular.replace("_", " ")))
        for plural in plurals or [singular + "S"]:
            for form in expand(plural, substitutions):
                yield Role(fold(form.replace("_", " ")), sectors, "group", fold(form.replace("_", " ")))


def expand(phrase: str, substitutions: Mapping[str, list[str]]) -> list[str]:
    """``CONGRESS!PERSON!`` -> ``CONGRESSMAN``, ``CONGRESSMEN``, ... (each ``!X!`` replaced)."""
    match = re.search(r"![A-Z]+!", phrase)
    if not match or match.group(0) not in substitutions:
        return [phrase] if phrase and "!" not in phrase else []
    return [
        expanded
        for word in substitutions[match.group(0)]
        for expanded in expand(phrase[: match.start()] + word + phrase[match.end():], substitutions)
    ]
