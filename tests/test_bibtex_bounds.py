"""Hostile .bib input: bounded work, no exception, nothing unsafe kept (issue 16, BibTeX part)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from citekit.bibliography import parse_string
from citekit.bibparse import MAX_BRACE_DEPTH, MAX_STRING_DEPTH, MAX_VALUE_CHARS

ROOT = Path(__file__).resolve().parent.parent
OK = "author = {Tester, A.}, title = {T}, year = 2001"


def messages(bib) -> list[str]:
    return [str(d) for d in bib.report.items]


def test_a_string_bomb_stops_at_the_bound_with_one_located_error():
    lines = ["@string{s0 = {xxxxxxxxxx}}"]
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1} # s{i - 1} # s{i - 1}}}" for i in range(1, 30)]
    lines.append("@article{k, journal = s29, " + OK + "}")
    bib = parse_string("\n".join(lines), "bib/t.bib")
    assert messages(bib) == [f"bib/t.bib:8: the value of @string 's7' grows past {MAX_VALUE_CHARS} characters "
                             "once its @strings are expanded. Write the value out in braces instead of joining @strings"]
    assert "k" in bib and len(bib["k"].raw["journal"]) == 0


def test_many_uses_of_a_long_string_stop_at_the_file_budget():
    text = "@string{big = {" + "x" * 40_000 + "}}\n" + "".join(
        f"@article{{k{i}, title = big # big, author = {{A, B}}, year = 1}}\n" for i in range(400))
    bib = parse_string(text, "bib/t.bib")
    errors = [str(d) for d in bib.report.errors]
    assert len(errors) <= 2 and any("@strings expand to more than" in e for e in errors), errors
    # The budget: ten times the file, plus a million characters.
    assert sum(len(v) for e in bib.entries.values() for v in e.raw.values()) <= 10 * len(text) + 1_000_000


def test_strings_nested_past_the_bound_are_an_error():
    lines = ["@string{s0 = {x}}"] + [f"@string{{s{i} = s{i - 1}}}" for i in range(1, MAX_STRING_DEPTH + 2)]
    bib = parse_string("\n".join(lines), "bib/t.bib")
    assert [str(d).split(". ")[0] for d in bib.report.errors] == [
        f"bib/t.bib:{MAX_STRING_DEPTH + 1}: @string 's{MAX_STRING_DEPTH}' is built from @strings nested more than "
        f"{MAX_STRING_DEPTH} deep"]


@pytest.mark.parametrize("depth", [MAX_BRACE_DEPTH + 1, 1000, 100_000])
def test_deep_braces_are_an_error_not_a_recursion_error(depth):
    text = "@article{k, title = {" + "{" * depth + "x" + "}" * depth + "}, author = {A, B}, year = 1}"
    bib = parse_string(text, "bib/t.bib")
    assert messages(bib) == [f"bib/t.bib:1: braces are nested more than {MAX_BRACE_DEPTH} deep in field 'title'. "
                             "Remove the extra braces"]


def test_braces_within_the_bound_are_read_and_decoded():
    depth = MAX_BRACE_DEPTH - 1
    bib = parse_string("@article{k, title = {" + "{" * depth + "x" + "}" * depth + "}, author = {A, B}, year = 1}",
                       "bib/t.bib")
    assert bib["k"].get("title") == "x"


@pytest.mark.parametrize("month", ["²", "١٢", "13", "0", "99"])
def test_a_month_that_is_not_a_month_is_located_and_never_raises(month):
    bib = parse_string(f"@article{{k, {OK},\n month = {{{month}}}}}", "bib/t.bib")
    assert bib["k"].month == 0
    assert messages(bib) == [f"bib/t.bib:2: field 'month' of entry 'k' is not a month ('{month}'). Write a number "
                             "from 1 to 12 or a month name, as in month = {mar}; it is not used until then"]


@pytest.mark.parametrize("month, number", [("mar", 3), ("{March}", 3), ("12", 12), ("{03}", 3), ("jan # {--} # feb", 1)])
def test_months_as_written(month, number):
    bib = parse_string(f"@article{{k, {OK}, month = {month}}}", "bib/t.bib")
    assert bib["k"].month == number and bib.report.items == []


def test_a_day_in_superscript_digits_never_raises():
    assert parse_string(f"@article{{k, {OK}, day = {{²}}}}")["k"].day == 0


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_control_characters_in_values_are_removed_and_reported_escaped(char):
    bib = parse_string(f"@article{{k, author = {{Tester, A.}}, year = 2001, title = {{A{char}B}}}}", "bib/t.bib")
    assert bib["k"].raw["title"] == "AB"
    assert messages(bib) == [f"bib/t.bib:1: field 'title' of entry 'k' holds the control character "
                             f"'\\x{ord(char):02x}'. Delete it (it was left out of the page)"]


def test_a_key_with_a_terminal_escape_is_reported_escaped():
    bib = parse_string(f"@article{{evil\x1b[2J\x1b]0;title\x07, {OK}}}", "bib/t.bib")
    assert len(bib) == 0 and bib.failed == [("bib/t.bib", 1)]
    assert messages(bib) == ["bib/t.bib:1: the key 'evil\\x1b[2J\\x1b]0;title\\x07' holds a control character. "
                             "Keys are letters, digits and - _ : . /; retype the key"]


def test_no_message_echoes_a_control_character():
    text = ("@article{k\x1b, title={x}}\n@article{j, title = {x}\x1b year = 1}\n@article{i, title = \x1b}\n"
            "@article{h, journal = j\x1b, " + OK + "}\n@\x1b\n@article{\x1bz}\n")
    for message in messages(parse_string(text, "bib/t.bib")):
        assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in message), repr(message)


@pytest.mark.parametrize("field", ["title", "author", "journal", "note"])
@pytest.mark.parametrize("hidden", ["{<}script{>}alert(1){<}/script{>}", "{<}img src=x o{n}error=alert(1){>}",
                                    "<{s}cript>", "o{n}load = x"])
def test_markup_hidden_behind_braces_is_reported(field, hidden):
    fields = {"author": "{Tester, A.}", "title": "{T}", "year": "2001", field: "{" + hidden + "}"}
    bib = parse_string("@article{k, " + ", ".join(f"{n} = {v}" for n, v in fields.items()) + "}", "bib/t.bib")
    assert [d.severity for d in bib.report.items] == ["warning"], messages(bib)
    assert f"field '{field}' of entry 'k' contains HTML" in messages(bib)[0]


def test_plain_markup_is_reported_once():
    bib = parse_string(f"@article{{k, {OK}, note = {{<b>bold</b>}}}}", "bib/t.bib")
    assert [m.split(". ")[0] for m in messages(bib)] == ["bib/t.bib:1: field 'note' of entry 'k' contains HTML ('<b>')"]


def _run(code: str, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={"PYTHONPATH": str(ROOT / "hooks")})


def test_a_comment_line_of_millions_of_at_signs_parses_in_linear_time():
    """3 million '@' in a '%' line took more than 120 s (quadratic); linear, it takes well under a second."""
    code = ("from citekit.bibliography import parse_string\n"
            "b = parse_string('% ' + '@' * 3_000_000 + '\\n@article{k, author={A, B}, title={T}, year=1}')\n"
            "assert list(b.entries) == ['k'] and not b.report.items, b.report.items\n")
    proc = _run(code, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_long_line_of_entries_parses_in_linear_time():
    code = ("from citekit.bibliography import parse_string\n"
            "b = parse_string(' '.join('@misc{k%d, author={A, B}, title={T}, year=1}' % i for i in range(100_000)))\n"
            "assert len(b) == 100_000\n")
    proc = _run(code, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_text_between_entries_full_of_at_signs_is_one_message_per_line():
    bib = parse_string("x@y " * 10_000 + "\n@article{k, " + OK + "}", "bib/t.bib")
    assert "k" in bib and len(bib.report.errors) == 1
