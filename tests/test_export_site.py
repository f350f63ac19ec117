"""Reference export in the built site: every download link followed, every file read back.

The real site is built once (`built_site`, conftest.py). On every page with a reference list
the links above it are followed with html.parser's reading of the page, and each file is
read back with an outside reader where there is one and compared with what the page cites:

- BibTeX with our parser and with pybtex;
- RIS by its tag grammar (every line `XX  - value`, `TY` first, `ER` last);
- CSL-JSON against the CSL-JSON schema of the Citation Style Language project, `csl-data.json`
  as the citepy package ships it (the schema's draft-03 version; see requirements-dev.txt).

What a page cites is read from its HTML (the keys of its citations, `data-cites`), not from
the engine, so that a file holding one entry too many or too few fails.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import distribution
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from citekit import export
from citekit.bibliography import find_sources, load, parse_string

ROOT = Path(__file__).resolve().parent.parent
RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - \S.*")
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def csl_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(Path(distribution("citepy").locate_file("citepy/csl-data.json")).read_text(encoding="utf-8"))
    assert schema["description"] == "JSON schema for CSL input data"
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


@pytest.fixture(scope="module")
def entries():
    bib = load(find_sources(ROOT, ["bib/**/*.bib"]), ROOT)
    return bib.entries


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def reference_lists(site: Path):
    """(page, its downloads paragraph, the keys of the list below it) for every list of the site."""
    for page in sorted(site.rglob("*.html")):
        for downloads in soup(page).select("article p.reference-downloads"):
            listed = downloads.find_next_sibling("ul", class_="references")
            assert listed is not None, f"{page}: download links with no list below them"
            yield page, downloads, [li["data-key"] for li in listed.find_all("li", class_="reference", recursive=False)]


def followed(page: Path, downloads) -> dict[str, Path]:
    """Each format's file, found by following the link from the page's own location."""
    links = downloads.find_all("a", class_="reference-download")
    assert [a.get_text() for a in links] == list(FORMATS.values())
    found = {}
    for a, extension in zip(links, FORMATS, strict=True):
        href = a["href"]
        assert not urlsplit(href).scheme and not href.startswith("/"), f"{page}: {href} is not relative"
        target = (page.parent / unquote(href)).resolve()
        assert target.is_file(), f"{page}: {href} reaches no file"
        assert a.has_attr("download") and a["download"].endswith("." + extension), a
        found[extension] = target
    return found


def cited_keys(page: Path) -> set[str]:
    article = soup(page).find("article")
    return {key for span in article.select("span.citation[data-cites]") for key in span["data-cites"].split()}


def read_ris(text: str) -> list[list[tuple[str, str]]]:
    records, current = [], []
    for line in text.split("\n"):
        if not line:
            assert not current, "a blank line inside an RIS record"
            continue
        if line == "ER  - ":
            assert current and current[0][0] == "TY", "a record that does not start with TY"
            records.append(current)
            current = []
            continue
        assert RIS_LINE.fullmatch(line), f"not an RIS tag line: {line!r}"
        current.append((line[:2], line[6:]))
    assert not current, "the last record does not end with ER"
    return records


def _family(person) -> str:
    return person.family


# ---- the links ---------------------------------------------------------------------------

def test_every_reference_list_links_its_three_files(built_site: Path):
    lists = list(reference_lists(built_site))
    pages_with_a_list = {p for p in built_site.rglob("*.html") if soup(p).select("article ul.references")}
    assert {page for page, _, _ in lists} == pages_with_a_list
    assert len(lists) >= 14
    for page, downloads, _ in lists:
        followed(page, downloads)
        # Out of search, like the lists (Material's search skips data-search-exclude).
        assert downloads.has_attr("data-search-exclude"), page


def test_the_references_page_links_the_site_wide_files(built_site: Path, entries):
    page = built_site / "references" / "index.html"
    [(_, downloads, keys)] = [(p, d, k) for p, d, k in reference_lists(built_site) if p == page]
    assert downloads.get_text().startswith("Download every reference:")
    files = followed(page, downloads)
    assert files["bib"] == (built_site / "references" / "all.bib").resolve()
    assert sorted(keys) == sorted(entries)   # every entry of bib/ is cited, so listed


def test_the_download_links_are_not_searchable(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The download blocks' own words (the Changes page may name the formats in prose).
    shown = ("Download these references", "Download every reference", "BibTeX · RIS · CSL-JSON")
    assert not any(words in doc["text"] for words in shown for doc in index["docs"])


# ---- the files, read back ----------------------------------------------------------------

def test_every_file_holds_exactly_what_its_list_holds_and_its_page_cites(built_site: Path, entries):
    pybtex = pytest.importorskip("pybtex.database")
    validator = csl_validator()
    for page, downloads, keys in reference_lists(built_site):
        files = followed(page, downloads)
        if page != built_site / "references" / "index.html":
            assert set(keys) == cited_keys(page), f"{page}: the list is not what the page cites"
        # BibTeX: our parser and pybtex read the same entries, in the list's order.
        text = files["bib"].read_text(encoding="utf-8")
        ours = parse_string(text, files["bib"].name)
        assert not ours.report.errors, [str(d) for d in ours.report.errors]
        assert list(ours.entries) == keys, page
        theirs = pybtex.parse_string(text, "bibtex")
        assert list(theirs.entries.keys()) == keys, page
        for key in keys:
            entry, back = entries[key], ours[key]
            assert back.get("title") == entry.get("title") and back.get("doi") == entry.get("doi"), key
            assert [_family(p) for p in back.authors[0]] == [_family(p) for p in entry.authors[0]], key
            assert theirs.entries[key].fields.get("title", "") == " ".join(entry.raw.get("title", "").split()), key
            assert len(theirs.entries[key].persons.get("author", [])) == len(entry.raw.get("author", "").split(" and "))
        # RIS: the tag grammar, one record per entry, in the same order.
        records = read_ris(files["ris"].read_text(encoding="utf-8"))
        assert [dict(r)["ID"] for r in records] == keys, page
        for record, key in zip(records, keys, strict=True):
            entry, tags = entries[key], dict(record)
            assert tags["TY"] == "JOUR" and tags.get("TI", "") == entry.get("title"), key
            assert tags.get("DO", "") == entry.get("doi"), key
            assert [v.split(",")[0] for t, v in record if t == "AU"] == [_family(p) for p in entry.authors[0]], key
        # CSL-JSON: valid against the schema, the same items.
        items = json.loads(files["json"].read_text(encoding="utf-8"))
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(items)]
        assert not problems, f"{files['json']}: {problems}"
        assert [item["id"] for item in items] == keys, page
        for item in items:
            entry = entries[item["id"]]
            assert item.get("title", "") == entry.get("title") and item.get("DOI", "") == entry.get("doi"), item["id"]
            names = [" ".join(filter(None, (p.get("non-dropping-particle"), p["family"]))) for p in item["author"]]
            assert names == [_family(p) for p in entry.authors[0]], item["id"]


def test_only_pages_with_a_list_have_files(built_site: Path):
    written = {p.relative_to(built_site).as_posix() for p in (built_site / "references").rglob("*")
               if p.suffix in (".bib", ".ris", ".json")}
    linked = {(page.parent / a["href"]).resolve().relative_to(built_site.resolve()).as_posix()
              for page, downloads, _ in reference_lists(built_site) for a in downloads.find_all("a")}
    assert written == linked
    assert "references/pages/glossary.bib" not in written   # the glossary cites nothing


# ---- COinS ---------------------------------------------------------------------------------

def test_every_entry_carries_its_coins(built_site: Path, entries):
    items = [li for page in (built_site / "production" / "kinetics" / "index.html", built_site / "references" /
                             "index.html") for li in soup(page).select("article ul.references > li.reference")]
    assert len(items) > len(entries)
    for li in items:
        [span] = li.select("span.Z3988")
        assert span.get_text() == "" and span["aria-hidden"] == "true"
        query = parse_qs(span["title"], strict_parsing=True)
        entry = entries[li["data-key"]]
        assert query["ctx_ver"] == ["Z39.88-2004"] and query["rft.jtitle"] == [entry.get("journal")]
        assert query.get("rft.atitle") == ([entry.get("title")] if entry.get("title") else None)
        if entry.get("doi"):
            assert f"info:doi/{entry.get('doi')}" in query["rft_id"]
    # The text of the entries is unchanged: the span adds none.
    assert all(li.get_text() == li.get_text().rstrip() for li in items)


HOSTILE = r"""
@article{evil, author = {{<}/span{>}{<}script{>}x{<}/script{>}, A" and O'B, B & C},
  title = {Quote " apostrophe ' ampersand & lt < gt > %22 end}, journal = {J "x" <i>},
  year = 2001, volume = {1}, pages = {1--2}, doi = {10.5555/a"b<c>}}
"""


def test_a_hostile_value_stays_inside_the_coins_attribute():
    from citekit.render import reference
    from citekit.style import assign_labels

    bib = parse_string(HOSTILE, "hostile.bib")
    entry = bib["evil"]
    entry.raw["title"] = "Quote \" apostrophe ' ampersand & lt < gt > %22 end\x00\x1b[2J\x07\ud800"
    html = reference(entry, assign_labels(bib, bib.entries))
    li = BeautifulSoup(html, "html.parser").li
    # Journal, volume, COinS: the DOI holds markup, so it is not linked (and the entry's text is its own).
    assert [t.name for t in li.find_all(True)] == ["em", "strong", "span"]
    span = li.find("span", class_="Z3988")
    assert span.get_text() == "" and set(span.attrs) == {"class", "title", "aria-hidden"}
    assert not re.search(r"[\x00-\x1f\"'<>]", span["title"])   # percent-encoded, nothing raw
    query = parse_qs(span["title"])
    # LaTeX decoding makes ' typographic (as pandoc does); controls go, a lone surrogate is U+FFFD.
    assert query["rft.atitle"] == ["Quote \" apostrophe \u2019 ampersand & lt < gt > %22 end[2J\ufffd"]
    assert query["rft.au"][0] == "</span><script>x</script>, A\""


def test_hostile_values_keep_every_exported_file_readable():
    bib = parse_string(HOSTILE, "hostile.bib")
    entry = bib["evil"]
    entry.raw["title"] = "Line\nbreak\x07 and a lone \ud800 surrogate }"
    files = export.site_files({"x.md": [entry]}, [entry])
    for text in files.values():
        text.encode("utf-8")   # no lone surrogate survives
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
    assert read_ris(files["references/pages/x.ris"])[0][0] == ("TY", "JOUR")
    assert json.loads(files["references/pages/x.json"])[0]["title"] == "Line break and a lone \ufffd surrogate"
    back = parse_string(files["references/all.bib"], "all.bib")
    assert not back.report.errors and back["evil"].get("title") == "Line break and a lone \ufffd surrogate"
    assert not list(csl_validator().iter_errors(json.loads(files["references/all.json"])))


def test_a_quoted_value_with_lone_braces_is_exported_as_bibtex_that_reads_back():
    """`title = "a } b { c"` reads without an error; written inside braces it would end the field early."""
    pybtex = pytest.importorskip("pybtex.database")
    bib = parse_string('@article{k, author = {A, B}, title = "a } b { c", journal = {J}, year = 2001}\n', "q.bib")
    text = export.bibtex(bib.entries.values())
    back = parse_string(text, "export.bib")
    assert not back.report.errors, [str(d) for d in back.report.errors]
    assert back["k"].get("title") == bib["k"].get("title") and back["k"].get("journal") == "J"
    assert pybtex.parse_string(text, "bibtex").entries["k"].fields["title"].split() == ["a", "b", "c"]
