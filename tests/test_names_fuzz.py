"""Fuzzing the name parser (Hypothesis; `make fuzz` runs it long)."""

from __future__ import annotations

import pytest
from citekit.names import name_problems, parse_names, split_names
from hypothesis import example, given
from hypothesis import strategies as st

pytestmark = pytest.mark.fuzz

_PIECES = st.sampled_from([
    "{", "}", "\\", "$", "~", "-", "'", "&", "<", ">", " ", "\n", "\t", "\x00", "\x1b", "😀",
    "\\'", "\\o", "{\\relax", "and", " and ", "AND", ",", "=", "family=", "given=",
    "useprefix=true", "prefix=", "others", "von", "de la", "Smith", "J.", "Jr", "a", "Z",
])
_LATEXISH = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map("".join)
_WORD = st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)
_NAME = st.builds(lambda first, last: f"{last}, {first}", _WORD, _WORD)
_SEPARATOR = st.sampled_from([" and ", " AND ", "\tand\n", " and and ", " and  and ", " and\tand "])


@given(st.lists(_LATEXISH, max_size=6).map(" and ".join))
@example("John Smith and and Terry Brown")
@example("and and and")
@example("{" * 2000 + " and " + "}" * 2000)
@example("family=, given=, prefix=, useprefix=")
def test_names_never_raise(raw):
    people, _ = parse_names(raw)
    assert all(isinstance(p.family, str) and isinstance(p.initials, str) for p in people)
    assert all(isinstance(message, str) for message in name_problems(raw))


@given(st.lists(st.tuples(_NAME, _SEPARATOR), min_size=1, max_size=8))
@example([("Smith, John", " and and "), ("Brown, Terry", " and ")])
def test_no_person_is_made_of_and(pairs):
    """However the names are joined, each name is one person and empty names are reported."""
    raw = "".join(name + separator for name, separator in pairs)[:-1]
    people, complete = parse_names(raw)
    assert [f"{p.last}, {p.first}" for p in people] == [name for name, _ in pairs]
    assert complete
    assert not any(p.first.lower().startswith("and") or p.last.lower() == "and" for p in people)
    empties = len([n for n in split_names(raw) if not n])
    assert len(name_problems(raw)) == min(empties, 11)
