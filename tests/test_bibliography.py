from pathlib import Path

import pytest
from citekit.bibliography import find_sources, load, load_cached, parse_string

REAL_WORLD = r"""
% Exported by Better BibTeX for Zotero
@preamble{ "\newcommand{\noopsort}[1]{}" }
@String{jphysiol = "The Journal of Physiology"}
@string{ ex = {Exercise} }
@comment{ JabRef meta: this is not an entry @article{no, title={no}} }

@ARTICLE{Steensberg:2000/J.Physiol-529_1,
  Author = {Steensberg, A. and van Hall, G. and Osada, T. and Sacchetti, M. and Saltin, B. and Klarlund Pedersen, B.},
  Title = {Production of {Interleukin-6} in contracting human skeletal muscles},
  JournalTitle = jphysiol,
  Date = {2000-11-15},
  Volume = 529, Pages = {237--242},
  DOI = {10.1111/j.1469-7793.2000.00237.x},
  url = {https://example.org/a_b%20c~d},
  file = {C:\papers\steensberg~2000.pdf},
}
@Book{akira1993book,
  title = ex # { and } # "{IL-6}",
  author = {Akira, S. and others},
  year = 1993, month = mar,
  publisher = {Academic Press},
}
@InCollection{chapter2000,
  author = "M{\o}ller, K.", title = {A chapter}, crossref = {akira1993book}, pages = {1--10},
}
@dataset{unknowntype2020, author = {Doe, J.}, title = {Data}, year = {2020}, weirdfield = {kept}}
"""


def test_real_world_export_parses_completely():
    bib = parse_string(REAL_WORLD, "bib/zotero.bib")
    assert bib.report.items == []
    assert list(bib.entries) == ["Steensberg:2000/J.Physiol-529_1", "akira1993book", "chapter2000",
                                 "unknowntype2020"]
    e = bib["Steensberg:2000/J.Physiol-529_1"]
    assert e.type == "article" and e.line == 8
    assert e.get("title") == "Production of Interleukin-6 in contracting human skeletal muscles"
    assert e.get("journaltitle") == "The Journal of Physiology"
    assert e.year == "2000" and e.month == 11 and e.day == 15
    assert e.get("pages") == "237–242"
    assert e.lines["doi"] == 14
    # Identifiers and paths are never LaTeX-decoded.
    assert e.get("url") == "https://example.org/a_b%20c~d"
    assert e.get("file") == r"C:\papers\steensberg~2000.pdf"
    assert [p.family for p in e.authors[0]] == ["Steensberg", "van Hall", "Osada", "Sacchetti", "Saltin",
                                               "Klarlund Pedersen"]
    book = bib["akira1993book"]
    assert book.get("title") == "Exercise and IL-6"
    assert book.month == 3 and book.authors[1] is False
    chapter = bib["chapter2000"]
    assert chapter.get("booktitle") == "Exercise and IL-6"      # from the crossref, renamed
    assert chapter.get("publisher") == "Academic Press"
    assert chapter.authors[0][0].family == "Møller"
    assert bib["unknowntype2020"].get("weirdfield") == "kept"
    assert bib.preambles


@pytest.mark.parametrize("source, message", [
    ("@article{a, title = {x}\n  year = {2000}}", "bib/t.bib:1: missing ',' after field 'title' in entry 'a' (found 'year')"),
    ("@article{a,\n title = {unclosed,\n year = 2000}\n",
     "bib/t.bib:2: the value of field 'title' opened here is never closed, so it takes in the fields after it. "
     "Add '}' before the comma at the end of line 2, so that it ends before the next field `year = ...` on line 3"),
    ("@article a, title={x}}", "bib/t.bib:1: expected '{' or '(' after '@article'"),
    ("@article{a, journal = jphys, title={x}, year=1, author={A, B}}", "bib/t.bib:1: undefined @string 'jphys'"),
    ("@article{a, title={x}, year=1, author={A, B}}\n\n@article{a, title={y}}",
     "bib/t.bib:3: duplicate key 'a': it is already defined at bib/t.bib:1"),
    ("@article{, title={x}}", "bib/t.bib:1: entry '@article' has no key"),
    ("@article{a, title {x}}", "bib/t.bib:1: expected '=' after field name 'title' in entry 'a'"),
    ("@article{a, title = {x}, crossref = {nothere}, year=1, author={A, B}}",
     "bib/t.bib:1: entry 'a' has crossref 'nothere', which is not in any loaded .bib file"),
])
def test_errors_name_file_and_line(source, message):
    bib = parse_string(source, "bib/t.bib")
    assert any(str(d).startswith(message) for d in bib.report.items), [str(d) for d in bib.report.items]


def test_an_error_does_not_hide_later_entries():
    bib = parse_string("@article{bad, title = {x} year = 1}\n@article{good, title={y}, year=2, author={A, B}}", "b")
    assert "good" in bib and "bad" not in bib
    assert len(bib.report.errors) == 1


def test_missing_required_fields_are_warnings_unless_marked():
    bib = parse_string("@article{a, author={A, B}, year=2003}\n@article{b, author={A, B}, year=2003, missing={title}}",
                       "bib/t.bib")
    assert [str(d) for d in bib.report.warnings] == [
        "bib/t.bib:1: entry 'a' has no title. Add a title field, or mark the gap as deliberate with missing = {title}"]


def test_duplicate_keys_across_files_name_both(tmp_path):
    (tmp_path / "a.bib").write_text("@article{k, title={x}, year=1, author={A, B}}\n", encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n\n@article{k, title={y}, year=1, author={A, B}}\n", encoding="utf-8")
    bib = load(find_sources(tmp_path, ["*.bib"]), tmp_path)
    assert [str(d).split(". ")[0] for d in bib.report.errors] == [
        "b.bib:3: duplicate key 'k': it is already defined at a.bib:1"]
    assert bib["k"].get("title") == "x"          # nothing silently overwritten


def test_strings_defined_in_an_earlier_file_are_usable(tmp_path):
    (tmp_path / "0-strings.bib").write_text("@string{jp = {J Physiol}}\n", encoding="utf-8")
    (tmp_path / "1-refs.bib").write_text("@article{k, journal = jp, title={x}, year=1, author={A, B}}\n",
                                         encoding="utf-8")
    bib = load(find_sources(tmp_path, ["*.bib"]), tmp_path)
    assert bib.report.items == [] and bib["k"].get("journal") == "J Physiol"


def test_non_utf8_file_is_reported_with_its_line(tmp_path):
    (tmp_path / "latin.bib").write_bytes(b"@article{k,\n  author = {M\xfcller, A.},\n}\n")
    bib = load([tmp_path / "latin.bib"], tmp_path)
    assert str(bib.report.errors[0]).startswith("latin.bib:2: the file is not UTF-8 (byte 0xfc is not valid here)")


def test_load_cached_parses_again_only_when_a_file_changes(tmp_path):
    path = tmp_path / "r.bib"
    path.write_text("@article{k, title={x}, year=1, author={A, B}}\n", encoding="utf-8")
    first = load_cached([path], tmp_path)
    assert load_cached([path], tmp_path) is first
    path.write_text("@article{k, title={changed}, year=1, author={A, B}}\n", encoding="utf-8")
    second = load_cached([path], tmp_path)
    assert second is not first and second["k"].get("title") == "changed"


def test_the_project_bibliography_is_clean():
    root = Path(__file__).resolve().parent.parent
    bib = load(find_sources(root, ["bib/**/*.bib"]), root)
    assert bib.report.errors == [] and bib.report.warnings == []
    assert len(bib) >= 40


def test_markup_and_non_web_urls_are_reported():
    bib = parse_string('@article{x, author = {<img src=x onerror=alert(1)>}, year = 2000,\n'
                       '  title = {<script>alert(1)</script>}, url = {javascript:alert(1)}}', "bib/t.bib")
    assert [str(d).split(". ")[0] for d in bib.report.warnings] == [
        "bib/t.bib:1: field 'author' of entry 'x' contains HTML ('<img src=x onerror=alert(1)>')",
        "bib/t.bib:2: field 'title' of entry 'x' contains HTML ('<script>')",
        "bib/t.bib:2: field 'url' of entry 'x' is not an http(s) address ('javascript:alert(1)')",
    ]
