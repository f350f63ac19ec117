"""Reference export: every exported file is read back, by our parser and by pandoc.

The corpus is the site's own bib/ plus a few entries of our own with the shapes that break
exporters (braces, accents, an incomplete author list, an editor-only book, a local file path).
pandoc's BibTeX, RIS and CSL-JSON readers are the outside oracle: what it reads from our
three files must agree with the entries.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from citekit import export
from citekit.bibliography import find_sources, load, parse_string

ROOT = Path(__file__).resolve().parent.parent

OWN = r"""
@article{tricky2001,
  author = {M{\"u}ller, J{\"o}rg and de la Vall{\'e}e Poussin, Charles and others},
  title = {{IL-6} and 37$^{\circ}$C: a test entry},
  journal = {Test Journal}, year = {2001}, month = dec, volume = {5}, number = {2},
  pages = {101--109}, doi = {10.1000/test.1}, pmid = {12345678},
  file = {/home/someone/Zotero/storage/ABC/paper.pdf},
}
@book{edited1999,
  editor = {Smith, Anne and Jones, Bob}, title = {An Edited Book}, publisher = {Press},
  address = {London}, year = {1999}, edition = {2},
}
"""


def corpus():
    bib = load(find_sources(ROOT, ["bib/**/*.bib"]), ROOT)
    own = parse_string(OWN, "own.bib")
    assert not bib.report.errors and not own.report.errors
    return list(bib.entries.values()) + list(own.entries.values())


def pandoc(fmt: str, text: str) -> list[dict]:
    pypandoc = pytest.importorskip("pypandoc")
    out = subprocess.run([pypandoc.get_pandoc_path(), "-f", fmt, "-t", "csljson"], input=text,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_bibtex_export_reads_back_to_the_same_fields():
    entries = corpus()
    back = parse_string(export.bibtex(entries), "export.bib")
    assert not back.report.errors, [str(d) for d in back.report.errors]
    assert list(back.entries) == [e.key for e in entries]
    for entry in entries:
        again = back[entry.key]
        assert again.type == entry.type
        for name in export.EXPORTED_FIELDS:
            assert again.get(name) == " ".join(entry.get(name).split()), (entry.key, name)
        assert "file" not in again and "missing" not in again   # never published


def test_ris_export_follows_the_tag_grammar():
    entries = corpus()
    text = export.ris(entries)
    records = [r for r in text.split("ER  - \n") if r.strip()]
    assert len(records) == len(entries)
    for record, entry in zip(records, entries, strict=True):
        lines = record.strip("\n").split("\n")
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - \S.*", line) for line in lines), lines
        assert lines[0].startswith("TY  - ")
        tags = [line[:2] for line in lines]
        people, _ = entry.authors
        assert tags.count("AU") + tags.count("A2") == len(people)
        assert f"ID  - {entry.key}" in lines


def test_csl_json_agrees_with_pandocs_reading_of_our_bibtex():
    entries = corpus()
    ours = {item["id"]: item for item in json.loads(export.csl_json(entries))}
    theirs = {item["id"]: item for item in pandoc("bibtex", export.bibtex(entries))}
    assert ours.keys() == theirs.keys()
    for key, item in ours.items():
        other = theirs[key]
        for name in ("volume", "issue", "page", "DOI", "publisher"):
            assert str(item.get(name, "")) == str(other.get(name, "")), (key, name)
        assert item["issued"]["date-parts"][0][0] == int(other["issued"]["date-parts"][0][0])
        role = "author" if "author" in other else "editor"
        # pandoc reads BibTeX's "and others" as a person named "others"; CSL-JSON has no
        # such marker, so ours ends the list (the RIS file says the list is incomplete).
        named = [p for p in other[role] if p.get("literal") != "others"]
        assert [_family(p) for p in item[role]] == [_family(p) for p in named], key


def _family(name: dict) -> str:
    # pandoc calls a lower-case von part a dropping particle, we a non-dropping one (it stays
    # with the family name in this site's style): the words are what must agree.
    particle = name.get("non-dropping-particle") or name.get("dropping-particle") or ""
    # pandoc's BibTeX reader also makes a typewriter apostrophe typographic ("O’Reilly").
    return f"{particle} {name.get('family', '')}".strip().replace("\u2019", "'")


def test_pandoc_reads_our_ris_and_csl_json_files():
    entries = corpus()
    from_ris = {item.get("DOI") for item in pandoc("ris", export.ris(entries))}
    from_csl = pandoc("csljson", export.csl_json(entries))
    assert {e.get("doi") for e in entries if e.get("doi")} <= from_ris
    assert [item["id"] for item in from_csl] == [e.key for e in entries]


def test_control_characters_and_line_breaks_never_reach_an_exported_line():
    entry = parse_string("@article{k, author = {A, B}, title = {One\x07 line\nand another}, "
                         "year = {2001}, journal = {J}}", "x.bib")["k"]
    for text in (export.bibtex([entry]), export.ris([entry]), export.csl_json([entry])):
        assert "\x07" not in text
    assert "TI  - One line and another\n" in export.ris([entry])


def test_coins_carries_the_entry_as_an_openurl_query():
    from urllib.parse import parse_qs

    entry = next(e for e in corpus() if e.key == "pedersen2001jphysiol")
    query = parse_qs(export.coins(entry))
    assert query["ctx_ver"] == ["Z39.88-2004"]
    assert query["rft.atitle"] == ["Muscle-derived interleukin-6: possible biological effects"]
    assert query["rft.jtitle"] == ["The Journal of Physiology"]
    assert query["rft.spage"] == ["329"] and query["rft.epage"] == ["337"]
    assert query["rft_id"] == ["info:doi/10.1111/j.1469-7793.2001.0329c.xd", "info:pmid/11600669"]
    assert query["rft.au"][0] == "Pedersen, B. K."
