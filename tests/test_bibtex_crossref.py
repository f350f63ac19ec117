"""Crossrefs, biblatex aliases (`ids`) and keys that differ only in case, as BibTeX and biblatex users expect."""

from __future__ import annotations

from citekit import Site
from citekit.bibcheck import MAX_CROSSREF_DEPTH
from citekit.bibliography import parse_string

OK = "author = {Tester, A.}, year = 2001"


def messages(bib) -> list[str]:
    return [str(d) for d in bib.report.items]


def test_an_alias_finds_its_entry():
    bib = parse_string(f"@article{{real2001, ids = {{alias2001, other2001}}, title = {{T}}, {OK}}}", "bib/t.bib")
    assert bib.report.items == []
    assert "alias2001" in bib and bib["other2001"] is bib["real2001"] and bib.canonical("alias2001") == "real2001"
    assert list(bib.entries) == ["real2001"] and len(bib) == 1     # listed once, under its key


def test_a_crossref_may_name_an_alias():
    bib = parse_string(f"@book{{book2001, ids = {{thebook}}, title = {{The book}}, publisher = {{P}}, {OK}}}\n"
                       f"@incollection{{part2001, crossref = {{thebook}}, title = {{A part}}, {OK}}}", "bib/t.bib")
    assert bib.report.items == [] and bib["part2001"].get("booktitle") == "The book"


def test_an_alias_that_is_already_a_key_is_reported():
    bib = parse_string(f"@article{{a, ids = {{b}}, title = {{T}}, {OK}}}\n@article{{b, title = {{U}}, {OK}}}",
                       "bib/t.bib")
    assert messages(bib) == ["bib/t.bib:1: alias 'b' of entry 'a' cannot be used: it is already a key (entry 'b', "
                             "bib/t.bib:2). Remove it from ids, or rename one of the entries"]
    assert bib["b"].get("title") == "U"


def test_a_page_citing_an_alias_renders_the_entry():
    bib = parse_string(f"@article{{real2001, ids = {{alias2001}}, title = {{T}}, {OK}, doi = {{10.1/x}}}}", "b.bib")
    site = Site(bib)
    site.scan_page("docs/index.md", "See [@alias2001].\n", 0)
    site.finish()
    site.render_all()
    done = site.page("docs/index.md", "See [@alias2001].\n")
    assert site.report.items == [] and "[@alias2001]" not in done.markdown
    assert done.references == ["real2001"] and "real2001" in done.swap(done.markdown)


def test_keys_that_differ_only_in_case_are_a_warning():
    bib = parse_string(f"@article{{f1, title = {{T}}, {OK}}}\n\n@article{{F1, title = {{U}}, {OK}}}", "bib/t.bib")
    assert messages(bib) == ["bib/t.bib:3: key 'F1' differs from 'f1' (bib/t.bib:1) only in case. BibTeX treats "
                             "such keys as one: give this entry a key of its own in lower case (a letter after the "
                             "year for another paper) and leave the other key as it is, since pages cite it"]
    assert [d.severity for d in bib.report.items] == ["warning"]


def test_a_crossref_cycle_is_located_and_nothing_loops():
    bib = parse_string(f"@incollection{{a, crossref = {{b}}, title = {{A}}, {OK}}}\n"
                       f"@incollection{{b,\n crossref = {{c}}, title = {{B}}, {OK}}}\n"
                       f"@book{{c, crossref = {{a}}, title = {{C}}, {OK}}}", "bib/t.bib")
    assert messages(bib) == ["bib/t.bib:1: crossrefs form a cycle: 'a' → 'b' → 'c' → 'a'. A crossref names the "
                             "book or proceedings that holds the entry; remove the one that points back"]


def test_an_entry_crossref_to_itself_is_a_cycle():
    bib = parse_string(f"@incollection{{a, crossref = {{a}}, title = {{A}}, {OK}}}", "bib/t.bib")
    assert [m.split(". ")[0] for m in messages(bib)] == ["bib/t.bib:1: crossrefs form a cycle: 'a' → 'a'"]


def test_crossrefs_are_inherited_down_a_chain():
    bib = parse_string(f"@incollection{{part, crossref = {{book}}, title = {{Part}}, {OK}}}\n"
                       f"@book{{book, crossref = {{series}}, title = {{Book}}, {OK}}}\n"
                       f"@book{{series, title = {{Series}}, publisher = {{P}}, {OK}}}", "bib/t.bib")
    assert bib.report.items == []
    assert bib["part"].get("booktitle") == "Book" and bib["part"].get("publisher") == "P"
    assert bib["part"].inherited == {"booktitle", "publisher"}


def test_a_crossref_chain_past_the_bound_is_an_error():
    n = MAX_CROSSREF_DEPTH + 3
    text = "\n".join(f"@book{{e{i}, crossref = {{e{i + 1}}}, title = {{T}}, {OK}}}" for i in range(n))
    bib = parse_string(text + f"\n@book{{e{n}, title = {{T}}, {OK}}}", "bib/t.bib")
    assert [m.split(". ")[0] for m in messages(bib)] == [
        f"bib/t.bib:1: the crossrefs from entry 'e0' go more than {MAX_CROSSREF_DEPTH} deep"]


def test_inherited_fields_are_checked_once_at_their_own_entry():
    bib = parse_string(f"@book{{book, title = {{<b>Book</b>}}, {OK}}}\n"
                       f"@incollection{{part, crossref = {{book}}, title = {{Part}}, {OK}}}", "bib/t.bib")
    assert [m.split(". ")[0] for m in messages(bib)] == ["bib/t.bib:1: field 'title' of entry 'book' contains HTML "
                                                         "('<b>')"]
