"""BibTeX person names, split as BibTeX splits them, and biblatex's extended name format.

A name list is split at the word `and` (any case) standing alone outside braces. Each name
has one of BibTeX's three forms:

- "First von Last": the von part starts at the first word that begins in lower case; the
  Last part is what follows the last lower-case word, and is never empty
  (`Charles de la Vall{\\'e}e Poussin` -> First "Charles", von "de la", Last "Vallée Poussin";
  `Jean de La Fontaine` -> von "de", Last "La Fontaine");
- "von Last, First" (`de la Vall{\\'e}e Poussin, Charles`);
- "von Last, Jr, First" (`Smith, Jr., John`).

A word's case is that of its first letter outside braces, or of the letter a special character
`{\\'E}` or `{\\relax d}` stands for; other brace groups are skipped, and `{Barnes and Noble}`
stays one word. biblatex's extended form `family=Vallée Poussin, given=Charles, prefix=de la,
useprefix=false` is read too. The splits agree with pybtex's (`pybtex.database.Person`),
except that `{\\o}`, `{\\ae}`, `{\\ss}` and the other lower-case letter macros count as lower
case, as BibTeX counts them (pybtex counts them as upper case).

`Person.family` is the family name as the style prints it in the in-text label and first in
the reference list: the von part and the Last part, "de la Vallée Poussin", "van Hall".
Decided against The Journal of Physiology's CSL run by `pandoc --citeproc`, which cites
`Charles de la Vall{\\'e}e Poussin` as "(Vallée Poussin, 1912)" and lists "Vallée Poussin C de la",
and `van Hall, G.` as "Hall G van". That is not the CSL's choice but pandoc's: the CSL prints a
*non-dropping* particle in front ("van Hall G", "(van Hall et al., 2000)"; its
`demote-non-dropping-particle="sort-only"` only moves it when sorting), and moves only a
*dropping* one behind the initials. Whether a particle drops is a fact about the name that
BibTeX's syntax cannot state; pandoc guesses "dropping" for every von part, we guess
"non-dropping", which is how PubMed and the project's sources write these authors
("van Hall, G.", "van der Poll, T.") and which loses nothing when a style prints only `family`.
Where the author does state it, we follow: biblatex's extended form with `useprefix=false`
(or no `useprefix`, biblatex's default) gives family "Vallée Poussin" and `particle` "de la",
which the CSL prints after the initials; `useprefix=true` keeps the prefix in the family name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .latex import decode

_NAME_TOKEN = re.compile(r"[^\s.\-]+|-")
_PIECE = re.compile(r"[{}]|[^{}]+")
# What separates words in a name: white space, a tie `~` and an escaped space `\ ` (as pybtex).
_WORD_BREAK = re.compile(r"(?:\\ |\s|(?<!\\)~)+")
_EXTENDED_KEY = re.compile(r"\s*([A-Za-z]+(?:-i)?)\s*=(.*)\Z", re.S)
_EXTENDED_KEYS = frozenset({"family", "given", "prefix", "suffix", "useprefix", "family-i",
                            "given-i", "prefix-i", "suffix-i"})
# Letter macros whose case BibTeX knows: a special character `{\o}ster` starts in lower case.
_LOWER_LETTER_MACROS = frozenset({"i", "j", "oe", "ae", "aa", "o", "l", "ss"})
_UPPER_LETTER_MACROS = frozenset({"OE", "AE", "AA", "O", "L", "SS"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A name without these has no LaTeX to decode and splits at plain white space.
_NOT_PLAIN = re.compile(r"[{}\\~$'`]|--")


@dataclass(frozen=True)
class Person:
    """One person's name parts, LaTeX decoded."""

    first: str   # given names (BibTeX's First part)
    von: str     # the particle (BibTeX's von part, biblatex's prefix)
    last: str    # BibTeX's Last part
    jr: str = ""
    useprefix: bool | None = None   # biblatex's useprefix; None for BibTeX's own forms

    @property
    def family(self) -> str:
        """The family name as cited: "de la Vallée Poussin"; "Vallée Poussin" if useprefix=false."""
        if self.von and self.useprefix is not False:
            return f"{self.von} {self.last}"
        return self.last

    @property
    def particle(self) -> str:
        """A dropping particle (biblatex, useprefix=false), printed after the initials, or ''."""
        return self.von if self.useprefix is False else ""

    @property
    def initials(self) -> str:
        """'Bente Klarlund' -> 'BK'; 'Jan-Olov' and 'J.-O.' -> 'J-O'."""
        out = []
        for token in _NAME_TOKEN.findall(self.first):
            out.append("-" if token == "-" else token[0])
        return "".join(out).strip("-").replace("--", "-")


# ---- splitting at top level (outside braces), without recursion

def _top_level_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each match of `pattern` outside braces, in one pass."""
    spans, depth = [], 0
    for m in _PIECE.finditer(text):
        piece = m.group()
        if piece == "{":
            depth += 1
        elif piece == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            spans.extend((m.start() + s.start(), m.start() + s.end()) for s in pattern.finditer(piece))
    return spans


def _split_top(text: str, pattern: re.Pattern[str], word: bool = False) -> list[str]:
    """`text` split at the matches of `pattern` that lie outside braces.

    With `word`, a match counts only between white space or the ends of the text
    (`and{Jones}` is not the word `and`).
    """
    if "{" not in text and "}" not in text:
        return pattern.split(text)
    parts, start = [], 0
    for begin, end in _top_level_spans(text, pattern):
        if word and ((begin > 0 and not text[begin - 1].isspace())
                     or (end < len(text) and not text[end].isspace())):
            continue
        parts.append(text[start:begin])
        start = end
    parts.append(text[start:])
    return parts


_COMMA = re.compile(",")
_SPECIAL_NAME = re.compile(r"\\([A-Za-z]+|.?)")
_CONTROL_SEQUENCE = re.compile(r"\\[A-Za-z]*")
_AND_WORD = re.compile(r"(?<!\S)and(?!\S)", re.I)


def split_names(raw: str) -> list[str]:
    """The names of a list, split at `and` words outside braces; empty names kept as ''."""
    raw = raw.strip()
    if not raw:
        return []
    return [part.strip() for part in _split_top(raw, _AND_WORD, word=True)]


def _words(text: str) -> list[str]:
    return [w for w in _split_top(text, _WORD_BREAK) if w]


# ---- the case of a word

def _is_von(word: str) -> bool:
    """Whether a word starts in lower case, as BibTeX decides it (see the module docstring)."""
    if word[:1].isalpha():
        return word[0].islower()
    depth, i, n = 0, 0, len(word)
    while i < n:
        c = word[i]
        if c == "{":
            if depth == 0 and word.startswith("{\\", i):
                return _special_is_lower(word, i + 1)
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and c.isalpha():
            return c.islower()
        i += 1
    return False


def _special_is_lower(word: str, i: int) -> bool:
    """The case of a special character `{\\'E}`, `{\\relax d}` or `{\\o}` (i at the backslash)."""
    m = _SPECIAL_NAME.match(word, i)
    name = m.group(1) if m else ""
    if name in _LOWER_LETTER_MACROS:
        return True
    if name in _UPPER_LETTER_MACROS:
        return False
    j = m.end() if m else i
    while j < len(word) and word[j] != "}":
        if word[j].isalpha():
            return word[j].islower()
        if word[j] == "\\":   # another control sequence: its name is not a letter of the text
            k = _CONTROL_SEQUENCE.match(word, j)
            j = k.end() if k and k.end() > j + 1 else j + 2
            continue
        j += 1
    return False


def _von_last(words: list[str]) -> tuple[list[str], list[str]]:
    """von and Last from 'von Last': Last starts after the last lower-case word, never empty."""
    if not words:
        return [], []
    candidates = words[:-1]
    cut = 0
    for index in range(len(candidates) - 1, -1, -1):
        if _is_von(candidates[index]):
            cut = index + 1
            break
    return candidates[:cut], candidates[cut:] + words[-1:]


# ---- one name

def _parts(raw: str, plain: bool = False) -> tuple[list[str], list[str], list[str], list[str]]:
    """(First, von, Last, Jr) words of one BibTeX name; `plain`: no braces, ties or LaTeX."""
    words_of = str.split if plain else _words
    commas = [p.strip() for p in (raw.split(",") if plain else _split_top(raw, _COMMA))]
    if len(commas) > 3:   # too many commas: the rest is the First part, as pybtex reads it
        commas = [*commas[:2], " ".join(commas[2:])]
    if len(commas) == 3:
        von, last = _von_last(words_of(commas[0]))
        return words_of(commas[2]), von, last, words_of(commas[1])
    if len(commas) == 2:
        von, last = _von_last(words_of(commas[0]))
        return words_of(commas[1]), von, last, []
    words = words_of(raw)
    start = next((i for i, w in enumerate(words) if _is_von(w)), len(words))
    first, rest = words[:start], words[start:]
    if not rest and first:
        rest = [first.pop()]
    von, last = _von_last(rest)
    return first, von, last, []


def _extended(raw: str) -> dict[str, str] | None:
    """biblatex's `family=..., given=...` fields, or None when the name is not in that form."""
    if "=" not in raw:
        return None
    fields = {}
    for part in _split_top(raw, _COMMA):
        m = _EXTENDED_KEY.match(part)
        if not m or m.group(1).lower() not in _EXTENDED_KEYS:
            return None
        fields[m.group(1).lower()] = m.group(2).strip()
    return fields


def parse_person(raw: str) -> Person:
    """One name in any of BibTeX's three forms or biblatex's extended form."""
    raw = raw.strip()
    fields = _extended(raw)
    if fields is not None:
        return Person(decode(fields.get("given", "")), decode(fields.get("prefix", "")),
                      decode(fields.get("family", "")), decode(fields.get("suffix", "")),
                      decode(fields.get("useprefix", "")).lower() in ("true", "yes", "1", "on"))
    if not _NOT_PLAIN.search(raw):   # the common export form: nothing to decode
        first, von, last, jr = _parts(raw, plain=True)
        return Person(" ".join(first), " ".join(von), " ".join(last), " ".join(jr))
    first, von, last, jr = _parts(raw)
    return Person(decode(" ".join(first)), decode(" ".join(von)), decode(" ".join(last)),
                  decode(" ".join(jr)))


def parse_names(raw: str) -> tuple[list[Person], bool]:
    """People in a name list and whether the list is complete (no 'and others').

    Empty names (from `and and`, or a leading or trailing `and`) are left out;
    `name_problems` says where they are.
    """
    people, complete = [], True
    for part in split_names(raw):
        if part.lower() == "others":
            complete = False
        elif part:
            people.append(parse_person(part))
    return people, complete


def _shown(text: str, limit: int = 60) -> str:
    """A name as a message shows it: control characters escaped, long text shortened."""
    text = " ".join(text.split())
    text = text if len(text) <= limit else text[:limit - 1] + "…"
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


MAX_PROBLEMS = 10   # per name list: a list of 10 000 `and`s gets 11 lines, not 10 000


def name_problems(raw: str) -> list[str]:
    """What is wrong with a name list, one human message per problem (empty if nothing).

    At most MAX_PROBLEMS messages, then one that counts the rest.
    """
    names = split_names(raw)
    problems = [p for p in (_name_problem(names, i) for i in range(len(names))) if p]
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"… and {len(problems) - MAX_PROBLEMS} more problems in this name list"]
    return problems


def _name_problem(names: list[str], index: int) -> str:
    """The problem of the name at `index` of a split list, or ''."""
    name = names[index]
    if not name:
        if index == 0:
            return "the name list starts with 'and': remove it"
        if index == len(names) - 1:
            return "the name list ends with 'and': remove it or add the missing name"
        return (f"an empty name after '{_shown(names[index - 1]) or 'and'}' "
                "('and' twice in a row): remove one 'and' or add the missing name")
    if name.lower() == "others":
        return "'and others' stands before other names: put it last" if index != len(names) - 1 else ""
    fields = _extended(name)
    if fields is not None:
        return "" if decode(fields.get("family", "")) else \
            f"the name '{_shown(name)}' has no family=: add the family name"
    parts = _split_top(name, _COMMA)
    keys = [m.group(1) for m in map(_EXTENDED_KEY.match, parts) if m]
    if len(keys) == len(parts) and any(k.lower() in _EXTENDED_KEYS for k in keys):
        unknown = next(k for k in keys if k.lower() not in _EXTENDED_KEYS)
        return (f"the name '{_shown(name)}' has an unknown part '{_shown(unknown)}=': "
                "use family=, given=, prefix=, suffix= or useprefix=")
    if len(parts) > 3:
        return (f"the name '{_shown(name)}' has {len(parts) - 1} commas; a name has at most two "
                "(von Last, Jr, First): join the names with 'and' or brace a comma")
    if not parse_person(name).last:
        return f"the name '{_shown(name)}' has no family name: write it as 'Last, First'"
    return ""
