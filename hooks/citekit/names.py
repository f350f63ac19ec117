"""BibTeX person names: 'von Last, Jr, First', 'von Last, First' or 'First von Last'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .latex import decode

_AND = re.compile(r"\s+and\s+", re.I)
_NAME_TOKEN = re.compile(r"[^\s.\-]+|-")


@dataclass(frozen=True)
class Person:
    first: str   # given names, decoded
    von: str
    last: str
    jr: str = ""

    @property
    def family(self) -> str:
        return f"{self.von} {self.last}".strip()

    @property
    def initials(self) -> str:
        """'Bente Klarlund' -> 'BK'; 'Jan-Olov' and 'J.-O.' -> 'J-O'."""
        out = []
        for token in _NAME_TOKEN.findall(self.first):
            out.append("-" if token == "-" else token[0])
        return "".join(out).strip("-").replace("--", "-")


def _split_top(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split at the pattern, ignoring matches inside braces."""
    if "{" not in text:
        return pattern.split(text)
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"[{}]|" + pattern.pattern, text, pattern.flags):
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and m.end() > m.start():
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


_COMMA = re.compile(r"\s*,\s*")
_SPACE = re.compile(r"\s+")


def _is_lower(word: str) -> bool:
    stripped = re.sub(r"^[{\\]*(?:[A-Za-z]+\s*)?", "", word) if word.startswith("{\\") else word
    first = next((c for c in (stripped or word) if c.isalpha()), "")
    return bool(first) and first.islower() and not word.startswith("{")


def parse_person(raw: str) -> Person:
    raw = raw.strip()
    if "{" not in raw and "\\" not in raw and raw.count(",") == 1:
        # The common export form 'Last, First' with no LaTeX: no need to walk the text.
        last, first = (p.strip() for p in raw.split(","))
        words = last.split()
        von = []
        while len(words) > 1 and words[0][:1].islower():
            von.append(words.pop(0))
        return Person(decode(first), " ".join(von), " ".join(words))
    parts = [p.strip() for p in _split_top(raw, _COMMA)]
    if len(parts) == 1:
        words = [w for w in _split_top(parts[0], _SPACE) if w]
        if not words:
            return Person("", "", "")
        last = [words.pop()]
        von: list[str] = []
        while words and _is_lower(words[-1]):
            von.insert(0, words.pop())
        first = words
        return Person(decode(" ".join(first)), decode(" ".join(von)), decode(" ".join(last)))
    if len(parts) == 2:
        vonlast, first_s, jr = parts[0], parts[1], ""
    else:
        vonlast, jr, first_s = parts[0], parts[1], ", ".join(parts[2:])
    words = [w for w in _split_top(vonlast, _SPACE) if w]
    von = []
    while len(words) > 1 and _is_lower(words[0]):
        von.append(words.pop(0))
    return Person(decode(first_s), decode(" ".join(von)), decode(" ".join(words)), decode(jr))


def parse_names(raw: str) -> tuple[list[Person], bool]:
    """People in a name list and whether the list is complete (no 'and others')."""
    if not raw.strip():
        return [], True
    people, complete = [], True
    for part in _split_top(raw.strip(), _AND):
        if part.strip().lower() == "others":
            complete = False
            continue
        people.append(parse_person(part))
    return people, complete
