"""Fuzzing the BibTeX parser (issue 16, point 2): it returns, and every problem is located and safe to print.

Two properties:

- any text built from BibTeX's own pieces (entries, fields, names, @strings, crossrefs,
  braces, backslashes, quotes, < > &, control characters, astral-plane Unicode, deep
  nesting): `parse_string` returns, every problem is a Diagnostic with the file and a line
  inside the text, no message holds a control character, no kept value holds one, and
  every field an entry kept can be read;
- well-formed generated entries: pybtex reads the same keys and the same field values.
  Deliberate differences, left out of the comparison: pybtex moves `author` and `editor`
  into person objects (compared in the names tests instead), keeps the case of field names
  (ours are lower case), and collapses white space in values where we keep it raw (we
  collapse it when a field is read); so values are compared with white space collapsed.

`make test` runs the bounded "test" profile, `make fuzz` the long campaign. Every failing
example found is kept below as an @example.
"""

from __future__ import annotations

import re

import pytest
from citekit.bibliography import parse_string
from citekit.bibparse import CONTROL
from citekit.diagnostics import Diagnostic
from hypothesis import example, given
from hypothesis import strategies as st

PATH = "bib/f.bib"

PIECES = ["@article{", "@book(", "@incollection{", "@string{", "@comment{", "@preamble{", "@", "}", "{", ")", "(",
          ",", "=", "#", '"', "%", "\n", "\r", "\r\n", " ", "\\", "\\'", '\\"', "<", ">", "&", "<script>", "{<}",
          "\x00", "\x1b[2J", "\x07", "\x7f", "title = ", "author = {", "crossref = {", "ids = {", "month = ",
          "doi = {", "pmid = ", "note = {PMID: ", " and ", "others", "jan", "k1", "K1", "𝔸", "😀", "é", "²",
          "{" * 70, "}" * 70, "$", "^", "_", "~", "--", "\\textit{", "\\v{", "https://doi.org/", "10.1113/x y"]

bibtex_soup = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


def _check(text: str) -> None:
    bib = parse_string(text, PATH)
    lines = text.count("\n") + text.count("\r") + 2
    for diag in bib.report.items:
        assert isinstance(diag, Diagnostic) and diag.path == PATH
        assert 1 <= diag.line <= lines, (diag, lines)
        assert diag.message and diag.severity in ("error", "warning", "advice")
        assert not CONTROL.search(diag.message + diag.hint), repr(diag)
        assert "\n" not in diag.message + diag.hint and "\r" not in diag.message + diag.hint, repr(diag)
    for entry in bib.entries.values():
        assert not CONTROL.search(entry.key)
        for name, value in entry.raw.items():
            assert not CONTROL.search(value), (name, value)
            entry.get(name)
        entry.month, entry.day, entry.year, entry.doi, entry.pmid, entry.pmcid, entry.authors  # noqa: B018
    for path, line in bib.failed:
        assert path == PATH and 1 <= line <= lines


@pytest.mark.fuzz
@given(bibtex_soup)
@example("@article{k, title = {" + "{" * 2000 + "}")
@example("% " + "@" * 5000)
@example("@article{k, month = {²}}")
@example("@string{a = {x}}\n@string{b = a # a # a # a}\n@string{c = b # b # b # b}")
@example("@incollection{a, crossref = {b}}\n@book{b, crossref = {a}}")
@example("@article{a, ids = {a, b, b}}\n@article{b, ids = {a}}")
@example("@article{k\x1b[2J, title = {x}}")
@example("@article{k,\r title = {x\r")
@example("@article{k, title = \"{\"}")
@example("@article{k, title = {x},\n@article{j, title = {y}}")
@example("@article{k,\n title = {x,\n year = {2000}\n")
@example("@article{k,\n title = \"x,\n year = \"2000\"\n}")
def test_any_bibtex_text_is_parsed_or_reported(text: str):
    _check(text)


# ---- well-formed entries, compared with pybtex ------------------------------------------

_SAFE_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs"), blacklist_characters='{}"\\@%#')
_word = st.text(_SAFE_CHARS, min_size=1, max_size=8)
_macro = st.from_regex(r"[a-z][a-z0-9]{1,6}", fullmatch=True).filter(
    lambda m: m[:3] not in {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"})


def _braced(depth: int = 2):
    inner = st.lists(st.one_of(_word, st.sampled_from([" ", "\\'e", "\\textit{x}", "<", "&", ">", '"', "𝔸"])),
                     max_size=6).map("".join)
    if depth == 0:
        return inner
    return st.lists(st.one_of(inner, _braced(depth - 1).map(lambda t: "{" + t + "}")), max_size=4).map(" ".join)


_value = st.one_of(_braced().map(lambda t: ("{" + t + "}", t)),
                   _braced().filter(lambda t: '"' not in t).map(lambda t: ('"' + t + '"', t)),
                   st.integers(0, 99999).map(lambda n: (str(n), str(n))))
_field_name = st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True).filter(
    lambda n: n not in ("author", "editor", "crossref", "ids"))
_key = st.from_regex(r"[A-Za-z][A-Za-z0-9:_./-]{0,12}", fullmatch=True)


@st.composite
def well_formed(draw) -> tuple[str, dict[str, dict[str, str]]]:
    strings = draw(st.dictionaries(_macro, _braced(1), max_size=3))
    text = "".join(f"@string{{{name} = {{{value}}}}}\n" for name, value in strings.items())
    keys = draw(st.lists(_key, min_size=1, max_size=5, unique_by=str.lower))
    expected = {}
    for key in keys:
        fields = draw(st.dictionaries(_field_name, _value, min_size=1, max_size=5))
        body, values = [], {}
        for name, (written, meant) in fields.items():
            if strings and draw(st.booleans()):
                macro = draw(st.sampled_from(sorted(strings)))
                written, meant = f"{macro} # {written}", strings[macro] + meant
            body.append(f"  {name} = {written}")
            values[name] = meant
        text += f"@{draw(st.sampled_from(['article', 'book', 'misc']))}{{{key},\n" + ",\n".join(body) + "\n}\n\n"
        expected[key] = values
    return text, expected


def _collapse(value: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", value).strip()


@pytest.mark.fuzz
@given(well_formed())
def test_well_formed_entries_read_as_pybtex_reads_them(case):
    from pybtex.database.input.bibtex import Parser

    text, expected = case
    ours = parse_string(text, PATH)
    assert ours.failed == [] and ours.report.errors == [], [str(d) for d in ours.report.errors]
    theirs = Parser().parse_string(text)
    assert list(ours.entries) == list(theirs.entries) == list(expected)
    for key, entry in theirs.entries.items():
        their_fields = {name.lower(): _collapse(value) for name, value in entry.fields.items()}
        our_fields = {name: _collapse(value) for name, value in ours[key].raw.items()}
        assert our_fields == their_fields, key
        assert our_fields == {name: _collapse(v) for name, v in expected[key].items()}, key
