"""BibTeX mistakes are reported where they are, and the fix each message suggests is right.

The hints say exactly what to add and where ("Add '}' before the comma at the end of line
14"): `apply_hint` does that to the text, and the result must parse into the fields the
contributor wrote, one per `name =` line, none swallowed by another.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from citekit.bibliography import parse_string

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "bad_input"

ENTRY = """@article{first2000,
  author  = {First, A. and Second, B.},
  title   = {A first paper},
  journal = {The Journal of Physiology},
  year    = {2000},
  pages   = {329--337},
  issn    = {0022-3751},
  doi     = {10.1111/j.1469-7793.2001.0329c.xd},
}

@article{middle2001,
  author  = {Middle, C.},
  title   = {A paper in the middle},
  journal = {The Journal of Physiology},
  year    = {2001},
  pages   = {1--10},
  keywords = {muscle, interleukin-6},
}

@article{last2002,
  author  = {Last, D.},
  title   = "The last paper",
  year    = {2002},
  pmid    = {11600669}
}
"""


def broken(old: str, new: str, count: int = 1) -> str:
    assert old in ENTRY
    return ENTRY.replace(old, new, count)


# (name, text with one mistake, the first line of the message expected)
MISTAKES = [
    ("brace of pages dropped, middle of the first entry", broken("{329--337},", "{329--337,"),
     "bib/t.bib:6: the value of field 'pages' opened here is never closed, so it takes in the fields after it. "
     "Add '}' before the comma at the end of line 6, so that it ends before the next field `issn = ...` on line 7"),
    ("brace of title dropped in the middle entry", broken("{A paper in the middle},", "{A paper in the middle,"),
     "bib/t.bib:13: the value of field 'title' opened here is never closed, so it takes in the fields after it. "
     "Add '}' before the comma at the end of line 13, so that it ends before the next field `journal = ...` "
     "on line 14"),
    ("inner brace left open", broken("{A first paper}", "{A {first paper}"),
     "bib/t.bib:3: the value of field 'title' opened here is never closed, so it takes in the fields after it. "
     "Add '}' before the comma at the end of line 3, so that it ends before the next field `journal = ...` "
     "on line 4"),
    ("quote left open", broken('"The last paper",', '"The last paper,'),
     "bib/t.bib:22: the value of field 'title' opened here is never closed, so it takes in the fields after it. "
     "Add '\"' before the comma at the end of line 22, so that it ends before the next field `year = ...` "
     "on line 23"),
    ("brace and comma dropped", broken("{329--337},", "{329--337"),
     "bib/t.bib:6: the value of field 'pages' opened here is never closed, so it takes in the fields after it. "
     "Add '},' at the end of line 6, so that it ends before the next field `issn = ...` on line 7"),
    ("last field's brace dropped, entry brace on its own line", broken("interleukin-6},\n}", "interleukin-6,\n}"),
     "bib/t.bib:17: the value of field 'keywords' opened here is never closed: the '}' on line 18 that should "
     "close entry 'middle2001' closes it instead. Add '}' before the comma at the end of line 17"),
    ("entry brace dropped", broken("interleukin-6},\n}\n", "interleukin-6},\n\n"),
     "bib/t.bib:11: entry 'middle2001' is not closed: the next entry starts on line 20. "
     "Add '}' on a new line after line 17"),
    ("last entry cut off while typing", ENTRY[:ENTRY.index("The last paper") + 8],
     "bib/t.bib:22: the value of field 'title' opened here is never closed: the file ends first. "
     "Add '\"' at the end of line 22, and '}' on a new line after it"),
    ("last entry not closed at the end of the file", ENTRY.rstrip()[:-1],
     "bib/t.bib:20: entry 'last2002' is not closed: the file ends first. Add '}' on a new line after line 24"),
    ("comma between fields dropped", broken("{A first paper},", "{A first paper}"),
     "bib/t.bib:3: missing ',' after field 'title' in entry 'first2000' (found 'journal'). "
     "Add ',' at the end of line 3"),
]

def apply_hint(text: str, message: str) -> str | None:
    """The text with the message's hint carried out, or None when the hint is not an exact edit."""
    m = re.search(r"Add '(?P<add>[^']+)' (?P<where>before the comma at the end of|at the end of|on a new line "
                  r"after) line (?P<line>\d+)(?P<close>, and '\}' on a new line after it)?", message)
    if m is None:
        return None
    lines = text.split("\n")
    i = int(m.group("line")) - 1
    line = lines[i].rstrip()
    add = m.group("add")
    if m.group("where") == "before the comma at the end of":
        assert line.endswith(","), (line, message)
        line = line[:-1] + add + ","
    elif m.group("where") == "at the end of":
        line += add
    else:
        line += "\n" + add
    if m.group("close"):
        line += "\n}"
    lines[i] = line
    return "\n".join(lines)


def intended_fields(text: str) -> dict[str, list[str]]:
    """Entry key -> the field names written at the start of a line in it, as the contributor meant them."""
    out: dict[str, list[str]] = {}
    key = None
    for line in text.split("\n"):
        if (m := re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)", line)) and not line.lstrip().lower().startswith(
                ("@string", "@comment", "@preamble")):
            key = m.group(1)
            out[key] = []
            rest = line[m.end():]
        else:
            rest = line if key else ""
        out.setdefault(key, []) if key else None
        for name in re.findall(r"(?:^|,)\s*([A-Za-z_][\w\-:.+]*)\s*=", rest):
            out[key].append(name.lower())
    return out


def assert_parses_as_intended(text: str) -> None:
    bib = parse_string(text, "bib/t.bib")
    assert not bib.failed and not bib.report.errors, [str(d) for d in bib.report.errors]
    for key, names in intended_fields(text).items():
        entry = bib[key]
        assert sorted(entry.raw) == sorted(set(names)), (key, sorted(entry.raw), names)
        for name, value in entry.raw.items():
            assert not re.search(r"\n\s*[A-Za-z_][\w-]*\s*=\s*[{\"]", value), f"{key}.{name} swallowed: {value!r}"


def test_the_example_parses_as_intended():
    assert_parses_as_intended(ENTRY)


@pytest.mark.parametrize("name, text, message", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_located_at_its_field(name, text, message):
    bib = parse_string(text, "bib/t.bib")
    assert [str(d) for d in bib.report.errors] == [message]


@pytest.mark.parametrize("name, text, message", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_hint_carried_out_gives_the_intended_fields(name, text, message):
    fixed = apply_hint(text, message)
    assert fixed is not None, f"the hint is not an exact edit: {message}"
    assert_parses_as_intended(fixed)


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*/bib/**/*.bib") if not p.is_symlink())


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_every_hint_of_the_corpus_is_safe(path: Path):
    """Every exact edit the bad-input corpus suggests gives a file with the fields as written."""
    text = path.read_text(encoding="utf-8")
    for diag in parse_string(text, "bib/t.bib").report.errors:
        fixed = apply_hint(text, str(diag))
        if fixed is None:
            continue
        bib = parse_string(fixed, "bib/t.bib")
        assert bib.failed == [], f"{diag} -> {[str(d) for d in bib.report.errors]}"
        for key, names in intended_fields(fixed).items():
            if key not in bib:
                continue
            entry = bib[key]
            assert sorted(set(entry.raw) - entry.inherited) == sorted(set(names)), (str(diag), key, names)
            for name, value in entry.raw.items():
                assert not re.search(r"\n\s*[A-Za-z_][\w-]*\s*=\s*[{\"]", value), f"{key}.{name} swallowed: {value!r}"


def test_the_corpus_has_hints_to_try():
    tried = [d for p in _corpus_files()
             for d in parse_string(p.read_text(encoding="utf-8"), "b").report.errors
             if apply_hint(p.read_text(encoding="utf-8"), str(d)) is not None]
    assert len(tried) >= 3, tried


def test_a_broken_middle_entry_keeps_the_entries_after_it():
    text = broken("{A paper in the middle},", "{A paper in the middle,")
    bib = parse_string(text, "bib/t.bib")
    assert list(bib.entries) == ["first2000", "last2002"]
    assert bib.failed == [("bib/t.bib", 11)]   # the middle entry's first line
    assert len(bib.report.errors) == 1 and "'title'" in str(bib.report.errors[0])


def test_failed_lists_each_entry_that_did_not_load():
    text = broken("{329--337},", "{329--337,") + "\n@article key2003, title = {x}}\n"
    bib = parse_string(text, "bib/t.bib")
    assert bib.failed == [("bib/t.bib", 1), ("bib/t.bib", 27)]
    assert "middle2001" in bib and "last2002" in bib and bib.incomplete


@pytest.mark.parametrize("text, message", [
    ("@article{k", "bib/t.bib:1: entry 'k' is cut off at the end of the file. Finish the entry and close it with '}'"),
    ("@article{k,\n  title", "bib/t.bib:2: entry 'k' is cut off at the end of the file. Finish the entry and "
     "close it with '}'"),
    ("@article{k,\n  title = ", "bib/t.bib:1: entry 'k' is cut off at the end of the file. Finish the entry and "
     "close it with '}'"),
    ("@article{k,\n  title = {A,\n", "bib/t.bib:2: the value of field 'title' opened here is never closed: the file "
     "ends first. Add '}' before the comma at the end of line 2, and '}' on a new line after it"),
])
def test_an_entry_cut_off_at_the_end_is_located(text, message):
    bib = parse_string(text, "bib/t.bib")
    assert [str(d) for d in bib.report.errors] == [message]
    assert bib.failed == [("bib/t.bib", 1)]


def test_prose_that_looks_like_a_field_is_not_blamed():
    """'n = 12 subjects' at a line start in an abstract is text: a later missing comma is reported as such."""
    text = "@article{k,\n  abstract = {We studied\n  n = 12 subjects},\n  title = {x}\n  year = 2000}\n"
    assert [str(d) for d in parse_string(text, "bib/t.bib").report.errors] == [
        "bib/t.bib:4: missing ',' after field 'title' in entry 'k' (found 'year'). Add ',' at the end of line 4"]


def test_a_missing_comma_between_fields_on_one_line_is_not_sent_to_the_line_end():
    bib = parse_string("@article{k, title = {x} year = 2000}", "bib/t.bib")
    assert [str(d) for d in bib.report.errors] == [
        "bib/t.bib:1: missing ',' after field 'title' in entry 'k' (found 'year'). Add ',' after the value of 'title'"]


def test_an_unclosed_comment_is_named_and_the_next_entry_loads():
    bib = parse_string("@comment{ jabref-meta: {groups\n\n@article{k, author = {A, B}, title = {T}, year = 1}",
                       "bib/t.bib")
    assert [str(d) for d in bib.report.items] == ["bib/t.bib:1: this @comment is never closed. "
                                                  "Add '}' where the comment ends"]
    assert "k" in bib
