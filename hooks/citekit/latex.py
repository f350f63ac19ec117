"""LaTeX in BibTeX field values, decoded to Unicode text.

Only what bibliographies really contain: accents, special letters, escaped
characters, dashes, ties, text-formatting macros and simple math. Unknown
macros keep their argument text, so nothing a reader needs is lost. Fields
without any LaTeX take the fast path untouched.
"""

from __future__ import annotations

import re
import unicodedata

_ACCENTS = {  # macro -> combining character
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
}
_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
}
_SYMBOLS = {
    "&": "&", "%": "%", "$": "$", "_": "_", "#": "#", "{": "{", "}": "}", " ": " ",
    ",": "\u2009", ";": " ", "-": "", "\\": " ", "/": "",
    "textendash": "–", "textemdash": "—", "textregistered": "®", "texttrademark": "™",
    "textdegree": "°", "textmu": "µ", "textpm": "±", "textasciitilde": "~", "S": "§",
    "copyright": "©", "dag": "†", "ddag": "‡", "pounds": "£", "euro": "€",
    "ldots": "…", "dots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX",
    "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "·", "circ": "°",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
    "sim": "~", "infty": "∞", "to": "→", "rightarrow": "→", "leftarrow": "←",
    "uparrow": "↑", "downarrow": "↓", "degree": "°", "prime": "′", "mu": "μ",
}
_GREEK = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi chi psi omega"
).split()
for _i, _name in enumerate(_GREEK):
    _lower = chr(0x3B1 + _i + (1 if _i >= 17 else 0))  # skip final sigma
    _SYMBOLS.setdefault(_name, _lower)
    _SYMBOLS[_name.capitalize()] = chr(ord(_lower) - 32)
_SYMBOLS["varepsilon"] = "ε"
_SYMBOLS["vartheta"] = "ϑ"
_SYMBOLS["varphi"] = "φ"

_SUPER = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUPER_OK = set("0123456789+-=()n")
_SUB_OK = set("0123456789+-=()")

_NEEDS_WORK = re.compile(r"[\\{}~$]|--|``|''")
_SPACE = re.compile(r"[ \t\r\n]+")
_SPECIAL = re.compile(r"[\\{}$~\-`'^_]")   # where plain text ends inside a value
_CONTROL_WORD = re.compile(r"[A-Za-z]+")


def decode(text: str) -> str:
    """Decode a BibTeX field value to plain Unicode text."""
    if not _NEEDS_WORK.search(text):
        return _SPACE.sub(" ", text).strip()
    out = _Decoder(text).sequence(stop=None, math=False)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", out)).strip()


class _Decoder:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def sequence(self, stop: str | None, math: bool) -> str:
        parts: list[str] = []
        s = self.s
        while self.i < len(s):
            ch = s[self.i]
            if stop is not None and ch == stop:
                self.i += 1
                return "".join(parts)
            if ch == "\\":
                parts.append(self.macro(math))
            elif ch == "{":
                self.i += 1
                parts.append(self.sequence("}", math))
            elif ch == "}":
                self.i += 1  # stray closing brace: drop it
            elif ch == "$":
                self.i += 1
                if math:
                    return "".join(parts)
                parts.append(self.sequence("$", True))
            elif ch == "~":
                self.i += 1
                parts.append("\u00a0")
            elif math and ch in "^_":
                self.i += 1
                parts.append(self.script(ch))
            elif ch == "-" and s.startswith("---", self.i):
                self.i += 3
                parts.append("—")
            elif ch == "-" and s.startswith("--", self.i):
                self.i += 2
                parts.append("–")
            elif ch == "`" and s.startswith("``", self.i):
                self.i += 2
                parts.append("“")
            elif ch == "'" and s.startswith("''", self.i):
                self.i += 2
                parts.append("”")
            else:
                m = _SPECIAL.search(s, self.i + 1)
                j = m.start() if m else len(s)
                parts.append(s[self.i:j])
                self.i = j
        return "".join(parts)

    def argument(self, math: bool) -> str:
        """One macro argument: a {group} or a single character."""
        s = self.s
        while self.i < len(s) and s[self.i] == " ":
            self.i += 1
        if self.i >= len(s):
            return ""
        if s[self.i] == "{":
            self.i += 1
            return self.sequence("}", math)
        if s[self.i] == "\\":
            return self.macro(math)
        self.i += 1
        return s[self.i - 1]

    def macro(self, math: bool) -> str:
        s = self.s
        self.i += 1  # the backslash
        if self.i >= len(s):
            return ""
        m = _CONTROL_WORD.match(s, self.i)
        if m:
            name = m.group()
            self.i = m.end()
        else:
            name = s[self.i]
            self.i += 1
        if name in _ACCENTS and (not m or name in "uvHckrdb"):
            base = self.argument(math) or " "
            base = {"ı": "i", "ȷ": "j"}.get(base[0], base[0]) + base[1:]
            return unicodedata.normalize("NFC", base[0] + _ACCENTS[name] + base[1:])
        if m:
            # A control word eats the spaces after it, as TeX does.
            while self.i < len(s) and s[self.i] == " " and name in _LETTERS:
                self.i += 1
        if name in _LETTERS:
            return _LETTERS[name]
        if name in _SYMBOLS:
            return _SYMBOLS[name]
        if name in ("textsuperscript", "textsubscript"):
            arg = self.argument(math)
            return self._script_text(arg, "^" if name == "textsuperscript" else "_")
        # \textit{..}, \emph{..}, \mathrm{..} and any unknown macro: keep the argument text.
        if self.i < len(s) and s[self.i] == "{":
            return self.argument(math)
        return ""

    def script(self, kind: str) -> str:
        return self._script_text(self.argument(True), kind)

    @staticmethod
    def _script_text(arg: str, kind: str) -> str:
        ok, table = (_SUPER_OK, _SUPER) if kind == "^" else (_SUB_OK, _SUB)
        if arg and set(arg) <= ok:
            return arg.translate(table)
        return f"{kind}({arg})" if len(arg) > 1 else f"{kind}{arg}"
