"""LaTeX in BibTeX field values, decoded to Unicode text as pandoc's BibTeX reader shows it.

What bibliographies of physiology contain: accents and special letters, escaped characters,
dashes, quotes and ties, font macros (their text is kept, the font is not), Greek, the math of
units and formulas (`37$^{\\circ}$C` -> "37°C", `Ca$^{2+}$` -> "Ca²⁺", `$\\dot{V}$O$_2$` ->
"V̇O₂", `$\\frac{1}{2}$` -> "1/2") and siunitx's `\\si`, `\\SI` and `\\num`. The tables are in
`latex_symbols.py`; `LATEX.md` lists what is supported and where the output deliberately
differs from pandoc's, with the reasons.

The result is plain text: `<`, `>` and `&` stay characters (escaping is the renderer's job).
Unknown macros keep their argument's text, so nothing a reader needs is lost.

The decoder is one loop over tokens with explicit stacks, never recursion, so any brace
depth decodes (100 000 levels included) in time linear in the input: plain groups only push a
mode; only macros that transform their argument (accents, scripts, fractions, units) collect
it, and past `MAX_ARGUMENT_DEPTH` macros waiting for arguments (`\\'\\'\\'...`, `\\frac\\frac...`)
or nested collected arguments, a further macro is ignored and its argument's text kept as it
is, so no intermediate text is copied more than that many times.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import latex_symbols as table
from .latex_units import UNIT_MARKS, format_number, format_units

MAX_ARGUMENT_DEPTH = 64   # macros waiting for arguments, and arguments collected, at once
_OPTION_LOOKAHEAD = 200   # how far `\sqrt[` looks for its `]`: keeps a run of `[` linear
_VERBATIM_LOOKAHEAD = 2000   # how far `\url{` looks for its `}`

_NEEDS_WORK = re.compile(r"[\\{}~$`]|--")
_SPACE = re.compile(r"[ \t\r\n]+")
_TOKEN = re.compile(
    r"\\([A-Za-z]+)[ \t\r\n]*"       # 1 control word (eats the spaces after it, as TeX does)
    r"|\\(.)"                        # 2 control symbol
    r"|([{}])"                       # 3 group
    r"|(\$\$?)"                      # 4 math shift
    r"|(-{2,3})"                     # 5 dashes
    r"|(``?|''?)"                    # 6 quotes
    r"|([ \t\r\n]+)"                 # 7 spaces
    r"|([^\\{}$`'~^_ \t\r\n-]+|.)",  # 8 text (one special character at a time)
    re.S)

# macro -> number of arguments, for the macros that transform what they are given
_TRANSFORMS = {"frac": 2, "dfrac": 2, "tfrac": 2, "cfrac": 2, "sqrt": 1, "textsuperscript": 1,
               "textsubscript": 1, "si": 1, "unit": 1, "SI": 2, "qty": 2, "num": 1, "href": 2,
               **{name: 1 for name in table.DROP_ARGUMENT}}
_VERBATIM = frozenset({"url", "nolinkurl", "path", "doi"})   # arguments printed as written
_TAKES_OPTION = frozenset({"sqrt", "si", "unit", "SI", "qty", "num"})
_UNIT_ARGUMENTS = {"si": (0,), "unit": (0,), "SI": (1,), "qty": (1,)}
_ACTIVE_CHARACTERS = frozenset("~^_\\")
_UNITS_OFF = str.maketrans({UNIT_MARKS.per: "/", **{m: "" for m in UNIT_MARKS.others}})


def decode(text: str) -> str:
    """Decode a BibTeX field value to plain Unicode text (spaces collapsed, ends stripped)."""
    if not _NEEDS_WORK.search(text):
        if "'" in text:   # apostrophes and closing quotes are all the LaTeX there is
            text = text.replace("''", "”").replace("'", "’")
        return _SPACE.sub(" ", text).strip()
    decoder = _Decoder(text)
    out = decoder.run()
    if decoder.units_seen:
        out = out.translate(_UNITS_OFF)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", out)).strip()


def unknown_macros(text: str) -> list[str]:
    """The macros of `text` that `decode` does not know and so leaves out, in order, each once.

    `\\char60` decodes to '60' and `\\mbox{x}` to 'x': text that differs from what the author
    meant, so the bibliography check reports them instead of publishing the result silently.
    """
    if "\\" not in text:
        return []
    decoder = _Decoder(text)
    decoder.run()
    return list(dict.fromkeys(decoder.unknown))


@dataclass
class _Collector:
    """Text gathered for a macro's argument (or, at the bottom, for the whole value)."""

    parts: list[str] = field(default_factory=list)
    units: bool = False   # inside \\si{...}: unit macros print their unit marks


@dataclass
class _Pending:
    """A macro that waits for its arguments; fed by the items that follow it."""

    name: str
    need: int
    level: int            # the collector depth it was met at; only items there feed it
    option: str = ""
    args: list[str] = field(default_factory=list)


class _Decoder:
    """One pass over the tokens of a value; see the module docstring."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.pos = 0
        self.math = False
        self.groups: list[tuple[bool, bool]] = []   # per open brace: (collects?, mode before it)
        self.collectors = [_Collector()]
        self.pending: list[_Pending] = []
        self.next_group_mode: bool | None | str = "keep"   # set by a font macro for its `{`
        self.units_seen = False
        self.unknown: list[str] = []   # macros printed as nothing (unknown_macros reports them)

    # ---- the loop

    def run(self) -> str:
        s, match = self.s, _TOKEN.match
        while self.pos < len(s):
            m = match(s, self.pos)
            self.pos = m.end()
            kind = m.lastindex
            if kind == 7:
                if not self.math and not self._waiting():
                    self.deliver(" ")
                continue
            group_mode, self.next_group_mode = self.next_group_mode, "keep"
            if kind == 8 and not self.pending and not self.math:   # plain text: the common case
                chunk = m.group(8)
                if chunk not in _ACTIVE_CHARACTERS:
                    self.collectors[-1].parts.append(chunk)
                    continue
            if kind == 1:
                self.control_word(m.group(1))
            elif kind == 2:
                self.control_symbol(m.group(2))
            elif kind == 3:
                self.open_group(group_mode) if m.group(3) == "{" else self.close_group()
            elif kind == 4:
                self.flush()
                self.math = not self.math
            elif kind == 5:
                dash = m.group(5)
                self.deliver("−" * len(dash) if self.math else ("–" if len(dash) == 2 else "—"))
            elif kind == 6:
                self.deliver(self._quote(m.group(6)))
            else:
                self.text(m.group(8))
        self.flush()
        while len(self.collectors) > 1:   # braces left open at the end: close them
            self.close_group()
        return "".join(self.collectors[0].parts)

    def _waiting(self) -> bool:
        return bool(self.pending) and self.pending[-1].level == len(self.collectors)

    def _quote(self, quote: str) -> str:
        if self.math:
            return "′" * len(quote)
        return {"`": "‘", "``": "“", "'": "’", "''": "”"}[quote]

    def text(self, chunk: str) -> None:
        if chunk == "\\":           # a lone backslash at the very end
            return
        if len(chunk) == 1 and chunk in "~^_":
            if chunk == "~":
                self.deliver("\u00a0")
            elif self.math:
                self.wait("math^" if chunk == "^" else "math_", 1)
            else:
                self.deliver(chunk)
            return
        if self.math:
            chunk = chunk.replace("-", "−")
        while chunk and self._waiting():   # an argument without braces is one character
            self.deliver(chunk[0])
            chunk = chunk[1:]
        if chunk:
            self.deliver(chunk)

    # ---- output and arguments

    def deliver(self, text: str) -> None:
        """Text produced here goes to a waiting macro as its argument, or to the output."""
        while self._waiting():
            pending = self.pending[-1]
            pending.args.append(text)
            if len(pending.args) < pending.need:
                return
            self.pending.pop()
            text = self.apply(pending)
        self.collectors[-1].parts.append(text)

    def flush(self) -> None:
        """Macros still waiting where an argument cannot follow get empty arguments."""
        while self._waiting():
            self.deliver("")

    def wait(self, name: str, need: int) -> None:
        """A macro that transforms its arguments waits for them (past the bound: ignored)."""
        option = self._option() if name in _TAKES_OPTION else ""
        if len(self.pending) < MAX_ARGUMENT_DEPTH:
            self.pending.append(_Pending(name, need, len(self.collectors), option))

    def _option(self) -> str:
        """`[...]` right after the macro (`\\sqrt[3]{x}`, `\\SI[per-mode=symbol]{..}`): skipped."""
        s, i = self.s, self.pos
        while i < len(s) and s[i] in " \t\r\n":
            i += 1
        if i < len(s) and s[i] == "[":
            end = s.find("]", i, i + _OPTION_LOOKAHEAD)
            if end > 0:
                self.pos = end + 1
                return s[i + 1:end]
        return ""

    def _verbatim_argument(self) -> bool:
        """`\\url{a_b~c}`: the argument as written, if it is a brace-free group nearby."""
        s, i = self.s, self.pos
        if not s.startswith("{", i):
            return False
        close = s.find("}", i, i + _VERBATIM_LOOKAHEAD)   # bounded: runs of `\url{` stay linear
        if close < 0 or s.find("{", i + 1, close) >= 0:
            return False
        self.pos = close + 1
        self.deliver(s[i + 1:close])
        return True

    def open_group(self, mode: bool | None | str) -> None:
        if self._waiting() and len(self.collectors) < MAX_ARGUMENT_DEPTH:
            pending = self.pending[-1]
            units = pending.name in _UNIT_ARGUMENTS and len(pending.args) in _UNIT_ARGUMENTS[pending.name]
            self.groups.append((True, self.math))
            self.collectors.append(_Collector(units=units))
            if units:
                self.math = True
            elif pending.name in ("textsuperscript", "textsubscript", "href"):
                self.math = False
            return
        if self._waiting():   # too deep to collect: the macro is dropped, its text kept
            self.pending.pop()
        self.groups.append((False, self.math))
        if mode != "keep" and mode is not None:
            self.math = bool(mode)

    def close_group(self) -> None:
        self.flush()
        if not self.groups:
            return   # a stray closing brace prints nothing
        collects, self.math = self.groups.pop()
        if collects:
            collected = "".join(self.collectors.pop().parts)
            self.deliver(collected)

    # ---- macros

    def control_symbol(self, char: str) -> None:
        if char in table.ACCENTS:
            self.wait(char, 1)
        elif char in table.SYMBOLS:
            self.deliver(table.SYMBOLS[char])
        else:
            self.deliver(char)

    def control_word(self, name: str) -> None:
        units = self.collectors[-1].units
        if units and name in table.UNIT_PREFIXES:
            self.deliver(UNIT_MARKS.prefix + table.UNIT_PREFIXES[name])
        elif units and name in table.UNITS:
            self.deliver(UNIT_MARKS.unit + table.UNITS[name])
        elif units and name in UNIT_MARKS.words:
            self.deliver(UNIT_MARKS.words[name])
        elif name in table.ACCENTS:
            self.wait(name, 1)
        elif name in table.WORDS:
            self.deliver(table.WORDS[name])
        elif name in _TRANSFORMS:
            self.wait(name, _TRANSFORMS[name])
        elif name in table.UNIT_PREFIXES:
            self.deliver(table.UNIT_PREFIXES[name])
        elif name in table.UNITS:
            self.deliver(table.UNITS[name])
        elif name in _VERBATIM and self._verbatim_argument():
            pass
        elif name in table.STYLE_MACROS:
            self.next_group_mode = table.STYLE_MACROS[name]
        elif name in table.SWITCHES:
            pass
        else:   # any other macro prints nothing; a {group} after it is read as plain text
            self.unknown.append(name)

    def apply(self, pending: _Pending) -> str:
        name, args = pending.name, pending.args
        if name in table.ACCENTS:
            return _accent(name, args[0])
        if name in ("math^", "math_", "textsuperscript", "textsubscript"):
            return _script(args[0], superscript=name in ("math^", "textsuperscript"))
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            return f"{_operand(args[0])}/{_operand(args[1])}"
        if name == "sqrt":
            index = _script(pending.option.replace("{", "").replace("}", "").strip(), superscript=True)
            return f"{index}√{_operand(args[0])}"
        if name in ("si", "unit"):
            return format_units(args[0])
        if name in ("SI", "qty"):
            return f"{format_number(args[0])}\u00a0{format_units(args[1])}"
        if name == "num":
            return format_number(args[0])
        if name == "href":
            return args[1]
        return ""   # table.DROP_ARGUMENT


def _accent(name: str, base: str) -> str:
    if not base:
        return table.SPACING_ACCENTS.get(name, "")
    # A dotless i or j under an accent is how TeX writes í: the reader sees the plain letter.
    first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0])
    return first + table.ACCENTS[name] + base[1:]


def _script(text: str, superscript: bool) -> str:
    """Unicode super/subscript digits and signs when all fit, else the text on the line."""
    if text in ("∘", "°", "\\circ"):
        return "°" if superscript else text
    if text and set(text) <= table.SCRIPT_CHARACTERS:
        return text.translate(table.SUPERSCRIPTS if superscript else table.SUBSCRIPTS)
    return text


def _operand(text: str) -> str:
    """A fraction's numerator or denominator; bracketed when it has several terms."""
    text = text.strip()
    return f"({text})" if any(c in text for c in " +−-×⋅/") else text
