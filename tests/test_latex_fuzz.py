"""Fuzzing the LaTeX decoder and the name parser (Hypothesis; `make fuzz` runs it long)."""

from __future__ import annotations

import pytest
from citekit.latex import decode
from citekit.names import name_problems, parse_names
from hypothesis import example, given
from hypothesis import strategies as st

pytestmark = pytest.mark.fuzz

_PIECES = st.sampled_from([
    "{", "}", "\\", "$", "^", "_", "~", "-", "--", "'", "`", "&", "<", ">", "%", "#", " ", "\n",
    "\x00", "\x1b", "\u202e", "𝛼", "😀", "\\'", "\\\"", "\\frac", "\\sqrt[", "\\si", "\\SI",
    "\\emph", "\\t", "\\c", "\\i", "\\o", "\\alpha", "\\circ", "\\noopsort", "\\mathrm", "\\per",
    "\\milli", "\\gram", "\\TeX", "\\unknown", "and", " and ", ",", "=", "family=", "a", "Z", "1",
])
_LATEXISH = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@given(_LATEXISH)
@example("{" * 3000 + "x" + "}" * 3000)
@example("\\'{" * 3000)
@example("$^{" * 3000)
@example("\\sqrt[" * 500)
def test_decode_never_raises(text):
    assert isinstance(decode(text), str)


@given(st.text(alphabet=st.sampled_from("{}ab <>&$^_~-'"), max_size=60))
def test_braces_never_leak_from_plain_balanced_text(text):
    """Without backslashes, balanced braces only group: none reaches the output."""
    if _balanced(text):
        out = decode(text)
        assert "{" not in out and "}" not in out


# Macros and specials that never print a brace themselves (no `\{`, `\}`, `\lbrace`, ...).
_BRACELESS = st.lists(st.sampled_from([
    "{", "}", "{", "}", "$", "^", "_", "~", "--", "'", "a", "Z", "1", " ", "<", "&", "\\'",
    '\\"', "\\c", "\\t", "\\frac", "\\sqrt[", "]", "\\si", "\\SI", "\\milli", "\\per",
    "\\emph", "\\mathrm", "\\alpha", "\\circ", "\\noopsort", "\\href", "\\unknown", "\\i",
]), max_size=40).map("".join)


@given(_BRACELESS)
@example("\\frac{{a}")
@example("$\\sqrt[{]}{x}$")
def test_braces_never_leak_from_balanced_latex(text):
    """Balanced braces group and delimit arguments; none reaches the output."""
    if _balanced(text):
        out = decode(text)
        assert "{" not in out and "}" not in out, out


@given(st.text(alphabet=st.sampled_from("ab <>&{}"), max_size=40))
def test_markup_characters_survive_as_characters(text):
    """Escaping is the renderer's job: <, > and & come out as they went in, never as entities."""
    out = decode(text)
    for char in "<>&":
        assert out.count(char) == text.count(char)
    assert "&amp;" not in out or "&amp;" in text


@given(st.lists(_LATEXISH, max_size=6).map(" and ".join))
@example("John Smith and and Terry Brown")
@example("and and and")
@example("{" * 2000 + " and " + "}" * 2000)
@example("family=, given=, prefix=, useprefix=")
def test_names_never_raise(raw):
    people, _ = parse_names(raw)
    assert all(isinstance(p.family, str) and isinstance(p.initials, str) for p in people)
    assert all(isinstance(message, str) for message in name_problems(raw))
