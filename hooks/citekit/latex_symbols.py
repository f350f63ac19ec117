"""The tables the LaTeX decoder reads: which macro stands for which Unicode text.

Kept apart from the decoder (`latex.py`) so the decoder stays readable and the tables can be
checked at a glance; `LATEX.md` lists what is supported and where we differ from pandoc.
Where pandoc's BibTeX reader (with texmath for math) prints a character, we print the same one
(`\\cdot` is U+22C5, `\\sim` U+223C, `\\epsilon` U+03F5), so both programs show readers the
same text.
"""

from __future__ import annotations

# Accent macros (control symbols and one-letter control words) -> combining character.
ACCENTS: dict[str, str] = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
    "t": "\u0361",   # the tie over two letters: \t{oo} -> o͡o
    # math accents
    "dot": "\u0307", "ddot": "\u0308", "hat": "\u0302", "widehat": "\u0302", "bar": "\u0304",
    "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "acute": "\u0301",
    "grave": "\u0300", "breve": "\u0306", "check": "\u030c", "overline": "\u0305",
    "mathring": "\u030a",
}
# What an accent with an empty argument prints (`\'{}` is a bare acute accent).
SPACING_ACCENTS: dict[str, str] = {
    "'": "'", "`": "`", "^": "^", '"': "¨", "~": "~", "=": "¯", ".": "˙", "u": "˘",
    "v": "ˇ", "H": "˝", "c": "¸", "k": "˛", "r": "˚",
}

# Control words that print text (text mode and math mode alike).
WORDS: dict[str, str] = {
    # letters
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    # punctuation and text symbols
    "textquoteright": "’", "textquoteleft": "‘", "textquotedblright": "”",
    "textquotedblleft": "“", "textquotesingle": "'", "textquotedbl": '"',
    "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
    "guilsinglleft": "‹", "guilsinglright": "›", "quotedblbase": "„", "quotesinglbase": "‚",
    "textexclamdown": "¡", "textquestiondown": "¿", "textendash": "–", "textemdash": "—",
    "textbullet": "•", "textperiodcentered": "·", "textdagger": "†", "textdaggerdbl": "‡",
    "dag": "†", "ddag": "‡", "textbardbl": "‖", "textbar": "|", "textbackslash": "\\",
    "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_",
    "textbraceleft": "{", "textbraceright": "}", "textless": "<", "textgreater": ">",
    "textdollar": "$", "textsterling": "£", "pounds": "£", "texteuro": "€", "euro": "€",
    "textyen": "¥", "textcent": "¢", "textcopyright": "©", "copyright": "©",
    "textregistered": "®", "texttrademark": "™", "textdegree": "°", "degree": "°",
    "textcelsius": "℃", "textmu": "μ", "textpm": "±", "textonehalf": "½",
    "textonequarter": "¼", "textthreequarters": "¾", "texttimes": "×", "textdiv": "÷",
    "textminus": "−", "textperthousand": "‰", "textnumero": "№", "textsection": "§",
    "textparagraph": "¶", "S": "§", "P": "¶", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textvisiblespace": "␣", "textordfeminine": "ª", "textordmasculine": "º",
    "textonesuperior": "¹", "texttwosuperior": "²", "textthreesuperior": "³",
    "hyphen": "-", "slash": "/", "textslash": "/", "nobreakspace": "\u00a0",
    "textnbsp": "\u00a0", "enspace": "\u2002", "quad": "\u2003", "qquad": "\u2003\u2003",
    "thinspace": "\u2009", "space": " ", "par": " ", "newline": " ", "linebreak": " ",
    "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
    "relax": "", "protect": "", "ignorespaces": "", "noindent": "", "left": "", "right": "",
    "big": "", "Big": "", "bigg": "", "Bigg": "", "displaystyle": "", "textstyle": "",
    "limits": "", "nolimits": "", "allowbreak": "", "nobreak": "", "hfill": "", "unskip": "",
    # math operators, relations, arrows and symbols (texmath's choices)
    "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "⋅", "cdots": "⋯", "circ": "∘",
    "bullet": "•", "ast": "*", "star": "⋆", "prime": "′", "leq": "≤", "le": "≤", "geq": "≥",
    "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "cong": "≅",
    "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "lesssim": "≲", "gtrsim": "≳",
    "leqslant": "⩽", "geqslant": "⩾", "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "∑",
    "prod": "∏", "int": "∫", "surd": "√", "to": "→", "rightarrow": "→", "leftarrow": "←",
    "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "Leftrightarrow": "⇔", "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕",
    "rightleftharpoons": "⇌", "longrightarrow": "⟶", "mapsto": "↦", "langle": "⟨",
    "rangle": "⟩", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]", "mid": "∣",
    "vert": "|", "Vert": "‖", "backslash": "\\", "emptyset": "∅", "varnothing": "∅",
    "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆",
    "supseteq": "⊇", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃", "neg": "¬",
    "lnot": "¬", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "angle": "∠", "perp": "⟂",
    "parallel": "∥", "dagger": "†", "ddagger": "‡", "hbar": "ℏ", "ell": "ℓ", "Re": "ℜ",
    "Im": "ℑ", "aleph": "ℵ", "deg": "deg", "colon": ":", "percent": "%",
}
for _function in ("log ln lg exp sin cos tan cot sec csc sinh cosh tanh arcsin arccos arctan "
                  "max min lim sup inf det arg dim gcd ker Pr").split():
    WORDS[_function] = _function

_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
          "rho sigma tau upsilon phi chi psi omega").split()
for _index, _name in enumerate(_GREEK):
    _small = chr(0x3B1 + _index + (1 if _index >= 17 else 0))   # U+03C2 is the final sigma
    _capital = chr(ord(_small) - 32)
    _Name = _name.capitalize()
    for _word in (_name, "up" + _name, "text" + _name):
        WORDS[_word] = _small
    for _word in (_Name, "Up" + _name, "text" + _Name, "var" + _Name):
        WORDS[_word] = _capital
# texmath's lunate epsilon and curly phi for the plain names, as TeX draws them
WORDS.update({"epsilon": "ϵ", "upepsilon": "ϵ", "varepsilon": "ε", "phi": "ϕ", "upphi": "ϕ",
              "varphi": "φ", "vartheta": "ϑ", "varpi": "ϖ", "varrho": "ϱ", "varsigma": "ς",
              "varkappa": "ϰ", "digamma": "ϝ", "Digamma": "Ϝ"})

# Control symbols: backslash and one non-letter.
SYMBOLS: dict[str, str] = {
    "&": "&", "%": "%", "$": "$", "_": "_", "#": "#", "{": "{", "}": "}",
    " ": "\u00a0", "\n": "\u00a0", "\t": "\u00a0", "~": "~",
    ",": "\u2009", ";": "\u2005", ":": "\u2005", ">": "\u2005", "!": "", "/": "", "@": "",
    "-": "\u00ad", "\\": " ", "|": "‖",
}

# Macros that print their argument in another font; what the argument is read as:
# False = text (spaces count), True = math, None = the mode around it.
STYLE_MACROS: dict[str, bool | None] = {
    name: False for name in (
        "emph textit textbf textsl textsf texttt textup textmd textnormal textrm textsc "
        "text mbox hbox fbox uppercase MakeUppercase lowercase MakeLowercase "
        "mkbibemph mkbibitalic mkbibbold enquote mkbibquote textenglish foreignlanguage "
        "url nolinkurl path doi hyphenation").split()
}
STYLE_MACROS.update({name: None for name in (
    "mathrm mathit mathbf mathsf mathtt mathnormal mathcal mathscr mathbb mathfrak "
    "boldsymbol bm operatorname mathord mathop mathbin mathrel").split()})
STYLE_MACROS["ensuremath"] = True

# Font switches used as {\em word}: no argument, nothing printed.
SWITCHES = frozenset(
    "em it bf sl sf tt rm sc up md normalfont itshape bfseries slshape sffamily ttfamily "
    "rmfamily scshape upshape mdseries tiny scriptsize footnotesize small normalsize large "
    "Large LARGE huge Huge cal boldmath unboldmath".split())

# Macros whose (only) argument is dropped: sort keys that BibTeX styles define to print nothing.
DROP_ARGUMENT = frozenset({"noopsort", "noop", "sortnoop", "SortNoop", "NOOPSORT", "nocite",
                           "label", "index", "footnote", "vphantom", "phantom", "hphantom"})

SUPERSCRIPTS = str.maketrans("0123456789+-−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾")
SUBSCRIPTS = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")
SCRIPT_CHARACTERS = frozenset("0123456789+-−=()")

# siunitx: prefixes and units, as pandoc prints them.
UNIT_PREFIXES: dict[str, str] = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p", "nano": "n",
    "micro": "μ", "milli": "m", "centi": "c", "deci": "d", "deca": "da", "deka": "da",
    "hecto": "h", "kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P",
}
UNITS: dict[str, str] = {
    "gram": "g", "metre": "m", "meter": "m", "litre": "l", "liter": "l", "second": "s",
    "minute": "min", "hour": "h", "day": "d", "mole": "mol", "molar": "M", "kelvin": "K",
    "celsius": "°C", "degreeCelsius": "°C", "percent": "%", "hertz": "Hz", "watt": "W",
    "joule": "J", "pascal": "Pa", "volt": "V", "ampere": "A", "newton": "N", "ohm": "Ω",
    "siemens": "S", "farad": "F", "coulomb": "C", "becquerel": "Bq", "gray": "Gy",
    "sievert": "Sv", "katal": "kat", "candela": "cd", "lux": "lx", "tesla": "T",
    "dalton": "Da", "bar": "bar", "mmHg": "mmHg", "calorie": "cal", "kilogram": "kg",
    "degree": "°", "arcminute": "′", "arcsecond": "″", "tonne": "t", "electronvolt": "eV",
}
