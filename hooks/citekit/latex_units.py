"""siunitx's `\\si{...}`, `\\SI{number}{units}` and `\\num{...}`, printed as pandoc prints them.

Inside a units argument the decoder turns each prefix and unit macro into a private-use mark
followed by its symbol (`\\milli\\gram` -> mark "m" mark "g"); `format_units` then groups
prefixes with their units, applies `\\per`, `\\squared` and `\\cubed`, and joins the units with
no-break spaces: `\\si{\\milli\\mole\\per\\litre}` -> "mmol l⁻¹", as pandoc writes it.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from .latex_symbols import SUPERSCRIPTS

_PER, _PREFIX, _UNIT, _SQUARED, _CUBED, _SQUARE, _CUBIC = (chr(0xE000 + i) for i in range(7))
UNIT_MARKS = SimpleNamespace(
    per=_PER, prefix=_PREFIX, unit=_UNIT,
    others=(_PREFIX, _UNIT, _SQUARED, _CUBED, _SQUARE, _CUBIC),
    # what the power macros print inside a units argument
    words={"per": _PER, "squared": _SQUARED, "cubed": _CUBED, "square": _SQUARE, "cubic": _CUBIC},
)
_MARK = re.compile("([\uE000-\uE006])")
_NBSP = "\u00a0"
_EXPONENT = re.compile(r"^([+\-−]?[\d.,]*\d)\s*[eE]([+\-−]?\d+)$")


def format_units(text: str) -> str:
    """The units of a decoded `\\si` argument, marks resolved, joined by no-break spaces."""
    units: list[list[str]] = []   # [symbol, power, "-" after \\per, "prefix" while it waits]
    per, power_before, symbol_next = False, "", False
    for piece in _MARK.split(text):
        if not piece:
            continue
        if piece in (_PREFIX, _UNIT):
            symbol_next = True
            if piece == _UNIT and units and units[-1][3] == "prefix":
                units[-1][3] = ""   # the unit after its prefix: "m" + "g" = "mg"
                continue
            units.append(["", power_before, "-" if per else "", "prefix" if piece == _PREFIX else ""])
            per, power_before = False, ""
        elif piece == _PER:
            per = True
        elif piece in (_SQUARED, _CUBED):
            if units:
                units[-1][1] = "2" if piece == _SQUARED else "3"
        elif piece in (_SQUARE, _CUBIC):
            power_before = "2" if piece == _SQUARE else "3"
        elif symbol_next:
            units[-1][0] += piece
            symbol_next = False
        else:   # units written as text: "mmol.l^{-1}"
            units.append([piece, "", "", ""])
    out = []
    for symbol, power, sign, _ in units:
        symbol = symbol.replace(".", _NBSP).replace("~", _NBSP)
        if sign or power:
            symbol += (sign + (power or "1")).translate(SUPERSCRIPTS)
        out.append(symbol)
    return _NBSP.join(part for part in out if part)


def format_number(text: str) -> str:
    """`1e5` -> "1 × 10⁵" (no-break spaces); any other number as written."""
    text = text.strip()
    match = _EXPONENT.match(text)
    if not match:
        return text
    mantissa, exponent = match.groups()
    power = "10" + exponent.translate(SUPERSCRIPTS)
    return power if mantissa in ("", "1.0") else f"{mantissa}{_NBSP}×{_NBSP}{power}"
