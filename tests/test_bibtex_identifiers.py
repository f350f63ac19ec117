"""DOI, PMID and PMCID as Zotero, PubMed and publishers write them: linked when readable, else an advisory."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citekit.bibliography import parse_string
from citekit.render import identifier_links
from test_bad_input import build_case, shown

DOI = "10.1111/j.1469-7793.2001.0329c.xd"


def entry(fields: str):
    bib = parse_string(f"@article{{k, author = {{Tester, A.}}, title = {{T}}, year = 2001,\n  {fields}}}", "bib/t.bib")
    return bib["k"], [(d.severity, str(d)) for d in bib.report.items]


def links(fields: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(identifier_links(entry(fields)[0]), "html.parser")
    return [(a["href"], a.get_text()) for a in soup.find_all("a")]


@pytest.mark.parametrize("written", [DOI, f"https://doi.org/{DOI}", f"http://dx.doi.org/{DOI}", f"doi:{DOI}",
                                     f"DOI: {DOI}", f"https://www.doi.org/{DOI}", f" {DOI} "])
def test_a_doi_is_linked_however_it_is_written(written):
    e, problems = entry(f"doi = {{{written}}}")
    assert e.doi == DOI and problems == []
    assert links(f"doi = {{{written}}}") == [(f"https://doi.org/{DOI}", f"doi:{DOI}")]


@pytest.mark.parametrize("written, message", [
    ("10.1111/j.1469-7793.2001. 0329c.xd", "holds a space ('10.1111/j.1469-7793.2001. 0329c.xd')"),
    ("https://www.example.org/article/329", "holds a web address, not a DOI ('https://www.example.org/article/329')"),
    ("j.1469-7793.2001.0329c.xd", "is not a DOI ('j.1469-7793.2001.0329c.xd')"),
])
def test_a_doi_that_cannot_be_read_is_an_advisory_and_not_linked(written, message):
    e, problems = entry(f"doi = {{{written}}}")
    assert e.doi == "" and links(f"doi = {{{written}}}") == []
    assert [(s, p[:p.index("'). ") + 2]) for s, p in problems] == [
        ("advice", f"bib/t.bib:2: field 'doi' of entry 'k' {message}")]


@pytest.mark.parametrize("written", ['10.1/x"><script>alert(1)</script>', "10.1/<img src=x onerror=alert(1)>"])
def test_a_doi_holding_markup_is_a_warning_and_never_linked(written):
    e, problems = entry(f"doi = {{{written}}}")
    assert e.doi == "" and links(f"doi = {{{written}}}") == []
    assert [s for s, _ in problems] == ["warning"] and "contains HTML" in problems[0][1]


def test_an_old_wiley_doi_with_angle_brackets_is_still_a_doi():
    sici = "10.1002/(SICI)1097-4636(199706)35:4<467::AID-JBM8>3.0.CO;2-I"
    e, problems = entry(f"doi = {{{sici}}}")
    assert e.doi == sici and problems == []


def test_a_pmid_in_note_is_linked_with_an_advisory():
    e, problems = entry("note = {PMID: 11600669}")
    assert e.pmid == "11600669"
    assert problems == [("advice", "bib/t.bib:2: entry 'k' gives its PMID in field 'note' ('PMID: 11600669'). "
                                   "Write it as pmid = {11600669}; it is linked meanwhile")]
    assert links("note = {PMID: 11600669}") == [("https://pubmed.ncbi.nlm.nih.gov/11600669/", "PubMed 11600669")]


def test_a_pmcid_in_note_is_linked_with_an_advisory():
    e, problems = entry("note = {PMID: 11600669 PMCID: pmc0000001}")
    assert (e.pmid, e.pmcid) == ("11600669", "PMC0000001")
    assert [p.split(" (")[0] for _, p in problems] == ["bib/t.bib:2: entry 'k' gives its PMID in field 'note'",
                                                       "bib/t.bib:2: entry 'k' gives its PMCID in field 'note'"]


@pytest.mark.parametrize("written, pmid", [("11600669", "11600669"), ("PMID: 11600669", "11600669"),
                                           (" 11600669 ", "11600669")])
def test_a_pmid_is_digits(written, pmid):
    assert entry(f"pmid = {{{written}}}") == (entry(f"pmid = {{{written}}}")[0], [])
    assert entry(f"pmid = {{{written}}}")[0].pmid == pmid


@pytest.mark.parametrize("written", ["11600669x", "n/a", "²³", "١٢٣"])
def test_a_pmid_that_is_not_a_number_is_an_advisory_and_not_linked(written):
    e, problems = entry(f"pmid = {{{written}}}")
    assert e.pmid == "" and links(f"pmid = {{{written}}}") == []
    assert [s for s, _ in problems] == ["advice"] and "is not a PubMed number" in problems[0][1]


@pytest.mark.parametrize("written", ["11600669", "PMC12a", "PMC"])
def test_a_malformed_pmcid_is_an_advisory_and_not_linked(written):
    e, problems = entry(f"pmcid = {{{written}}}")
    assert e.pmcid == "" and links(f"pmcid = {{{written}}}") == []
    assert [s for s, _ in problems] == ["advice"] and "is not a PubMed Central id" in problems[0][1]


def test_the_url_is_linked_when_the_doi_cannot_be():
    assert links("doi = {10.1/a b}, url = {https://example.org/a}") == [("https://example.org/a", "Link")]


def test_the_zotero_case_links_only_what_can_be_read(tmp_path: Path):
    proc, site = build_case("bibx_zotero_identifiers", tmp_path)
    assert proc.returncode == 0, shown(proc)
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")

    def hrefs(key: str) -> list[str]:
        item = soup.select_one(f"li#ref-{key}")
        assert item is not None, key
        return [a["href"] for a in item.select("a.reference-link")]

    assert hrefs("pmidinnote2001") == ["https://pubmed.ncbi.nlm.nih.gov/11600669/"]
    assert hrefs("doiasurl2001") == hrefs("doiprefix2001") == [f"https://doi.org/{DOI}"]
    for key in ("doiwithspace2001", "doinotadoi2001", "pmidnotanumber2001", "pmcidmalformed2001"):
        assert hrefs(key) == [], key
