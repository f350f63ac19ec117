"""The exported files are joined from each entry's record, made once per site (citekit/export.py):
the same text as the one-call writers, and CSL-JSON the same as json.dumps writes it."""

from __future__ import annotations

import json

import pytest
from citekit import export, parse_string

BIB = r"""
@article{alpha2001, author = {M{\"u}ller, Anna and {\O}berg, Bo}, title = {Line\\ one {NF-$\kappa$B}},
  journal = {J Test}, year = {2001}, month = {mar}, volume = {3}, pages = {1--9}, doi = {10.5555/a1}}
@book{beta1999, editor = {Quote, "Q."}, title = {A "book" with \\ and tabs}, publisher = {P}, year = {1999}}
@misc{gamma, title = {No year, no people}}
"""


def _entries():
    bib = parse_string(BIB, "records.bib")
    return list(bib.entries.values())


def test_site_files_are_the_writers_output_for_every_file():
    entries = _entries()
    pages = {"a.md": entries[:2], "b/c.md": entries[1:], "empty.md": []}
    files = export.site_files(pages, entries)
    for base, group in ((export.page_base("a.md"), entries[:2]), (export.page_base("b/c.md"), entries[1:]),
                        (export.SITE_BASE, entries)):
        assert files[f"{base}.bib"] == export.bibtex(group)
        assert files[f"{base}.ris"] == export.ris(group)
        assert files[f"{base}.json"] == json.dumps([export.csl_item(e) for e in group],
                                                   ensure_ascii=False, indent=2) + "\n"
    assert not any(path.startswith(export.page_base("empty.md")) for path in files)


@pytest.mark.parametrize("value", [
    {"a": "é\n\"\\\u2028\x7f\ud800 <&>"}, {"a": [], "b": {}, "c": [[2001, 3, 4]], "d": 1.5, "e": None, "f": True},
    {"author": [{"family": "Müller", "given": "Anna"}]}, "text", 0, -3, [], {}])
def test_indented_writes_what_json_dumps_writes(value):
    for items in ([value], [value, value]):
        ours = export._csl_array(["  " + export._indented(v, "  ") for v in items])   # noqa: SLF001
        assert ours == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    assert export.csl_json([]) == json.dumps([], indent=2) + "\n"
