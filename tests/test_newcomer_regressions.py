"""What a newcomer met following CONTRIBUTING.md to the letter, kept as regressions.

Each test reproduces one mistake a contributor makes (a typo in front matter, in a .bib file or
in seeds/provenance.yaml) and asserts the exact message, and that its advice, applied as
written, is right. Tests marked xfail(strict=True) describe problems in files this round could
not change (the MkDocs adapters, the citation syntax, the names module): they fail today and
will pass, loudly, once the lead fixes them.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from citekit.bibliography import parse_string
from citekit.diagnostics import Report
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pagemeta import frontmatter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import sourcecheck  # noqa: E402
from test_bad_input import BASE, HOOKS, build, located_errors, problems  # noqa: E402

PAGE = "docs/effects/x.md"
EFFECT_PAGE = """---
title: Adipose tissue and lipolysis
review_section: Muscle derived IL-6 may act as a hormone
target: adipose tissue
effect: Lipolysis
direction: increases
claims: [A5]
evidence:
  - {key: stouthard1995, relation: supports}
---

Body [@stouthard1995].
"""
GOOD_BIB = """@article{stouthard1995,
  author = {Stouthard, J. M.},
  title  = {T},
  year   = {1995},
  doi    = {10.5555/stouthard}
}
"""


def rules(bib_text: str = GOOD_BIB) -> frontmatter.Rules:
    bib = parse_string(bib_text, "bib/refs.bib")
    return frontmatter.Rules(targets=["adipose tissue"], directions=["increases"], claims={"A5"},
                             sections=["Muscle derived IL-6 may act as a hormone"], keys=set(bib.entries),
                             bibliography=bib)


def page_problems(source: str, page_rules: frontmatter.Rules | None = None) -> list[str]:
    report = Report()
    fm = frontmatter.read(PAGE, source, report)
    if fm is not None:
        frontmatter.validate(PAGE, "effect", fm, page_rules or rules(), report)
    return [str(d) for d in report.items]


# --------------------------------------------------------------------------- front matter
def test_a_misspelled_evidence_field_is_named():
    found = page_problems(EFFECT_PAGE.replace("relation: supports", "relaton: supports"))
    assert found == ["docs/effects/x.md:9: evidence item has an unknown field 'relaton' (did you mean "
                     "'relation'?); each evidence item must be {key: ..., relation: ...}. For example: "
                     "- {key: stouthard1995, relation: supports}"]


def test_an_evidence_item_without_relation_says_so():
    found = page_problems(EFFECT_PAGE.replace(", relation: supports", ""))
    assert found == ["docs/effects/x.md:9: evidence item has no 'relation'; each evidence item must be "
                     "{key: ..., relation: ...}. For example: - {key: stouthard1995, relation: supports}"]


def test_a_misspelled_top_level_field_is_one_message():
    found = page_problems(EFFECT_PAGE.replace("evidence:", "evidense:"))
    assert len(found) == 1 and found[0].startswith(
        "docs/effects/x.md:8: unknown front matter field 'evidense' (did you mean 'evidence'?)")


def test_an_evidence_key_in_an_unreadable_entry_gets_no_did_you_mean():
    """A missing comma drops the entry: its evidence item must not send the reader elsewhere."""
    broken = GOOD_BIB.replace("title  = {T},", "title  = {T}") + \
        "@article{stouthard1996, author = {S, J.}, title = {U}, year = {1996}}\n"
    found = page_problems(EFFECT_PAGE, rules(broken))
    assert found == ["docs/effects/x.md:9: unknown reference key 'stouthard1995' in evidence. It may be in an "
                     "entry that could not be read (bib/refs.bib:1): fix the BibTeX errors listed first"]


def test_a_list_item_out_of_line_is_said_plainly():
    found = page_problems(EFFECT_PAGE.replace("evidence:\n", "evidence:\n   - {key: a, relation: context}\n"))
    assert found == ["docs/effects/x.md:10: invalid YAML front matter: this list item does not line up with the "
                     "lines above it. Start every item of the list ('  - ...') in the same column, with spaces; "
                     "check this line and the one above it"]


# --------------------------------------------------------------------------- seeds/provenance.yaml
NEW_ENTRY = """% a made-up paper (TEST DATA)
@article{quillfeather2004,
  author = {Quillfeather, R. and Ondatje, M.},
  title  = {Imaginary release of IL-6 from a fictitious calf muscle},
  year   = {2004},
  doi    = {10.5555/newcomer.2004}
}
"""
NEW_RECORD = """  quillfeather2004:
    bib_file: bib/evidence.bib
    authors: ["Quillfeather, R.", "Ondatje, M."]
    authors_complete: true
    doi: 10.5555/newcomer.2004
    seen_in:
      all_fields: 'https://example.org/made-up (TEST DATA)'
"""
OTHER_RECORD = NEW_RECORD.replace("quillfeather2004", "older2000").replace("10.5555/newcomer.2004", "10.5555/o")


def provenance_check(tmp_path: Path, bib: str = NEW_ENTRY, records: str = NEW_RECORD) -> list[str]:
    """sourcecheck over a project of one .bib file and one provenance.yaml, as `make test` runs it."""
    (tmp_path / "bib").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "bib" / "evidence.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "seeds" / "provenance.yaml").write_text("entries:\n" + records, encoding="utf-8")
    return sourcecheck.provenance_problems(sourcecheck.bib_entries(tmp_path), sourcecheck.provenance(tmp_path),
                                           tmp_path)


def test_the_new_reference_and_its_record_agree(tmp_path: Path):
    assert provenance_check(tmp_path) == []


def test_a_missing_record_names_the_entry_line_and_the_right_step(tmp_path: Path):
    assert provenance_check(tmp_path, records=OTHER_RECORD) == [
        "bib/evidence.bib:2: quillfeather2004: no record in seeds/provenance.yaml; add one as CONTRIBUTING.md "
        "says (\"Adding a reference\", step 7)",
        "seeds/provenance.yaml:2: older2000: no entry with this key in bib/"]


def test_a_wrong_doi_in_the_record_is_located(tmp_path: Path):
    found = provenance_check(tmp_path, records=NEW_RECORD.replace("newcomer.2004", "newcomer.2005"))
    assert found == ["bib/evidence.bib:2: quillfeather2004: doi '10.5555/newcomer.2004' in bib, "
                     "'10.5555/newcomer.2005' in its record; check both against the page its seen_in names, and correct "
                     "the one that differs"]


def test_a_record_under_a_misspelled_key_is_one_message(tmp_path: Path):
    found = provenance_check(tmp_path, records=NEW_RECORD.replace("quillfeather2004", "quilfeather2004"))
    assert found == ["bib/evidence.bib:2: quillfeather2004: its record seems to be 'quilfeather2004' "
                     "(seeds/provenance.yaml:2); write the record's key exactly as the entry's, quillfeather2004"]


def test_a_record_given_twice_is_named_not_silently_replaced(tmp_path: Path):
    found = provenance_check(tmp_path, records=NEW_RECORD + NEW_RECORD.replace("Ondatje", "Ondatie"))
    assert found[0] == ("seeds/provenance.yaml:9: quillfeather2004: a second record for this key (the first is "
                        "on line 2); YAML keeps only this one. Keep one record per key, with the key of its "
                        "entry in bib/")


def test_a_doi_pasted_as_an_address_gets_the_fix(tmp_path: Path):
    found = provenance_check(tmp_path, bib=NEW_ENTRY.replace("{10.5555", "{https://doi.org/10.5555"))
    assert found == ["bib/evidence.bib:2: quillfeather2004: doi 'https://doi.org/10.5555/newcomer.2004' in bib, "
                     "'10.5555/newcomer.2004' in its record; write it in bib without the address, "
                     "doi = {10.5555/newcomer.2004} (CONTRIBUTING.md, \"Adding a reference\", step 5)"]
    fixed = NEW_ENTRY.replace("{10.5555", "{https://doi.org/10.5555").replace("https://doi.org/", "")
    assert provenance_check(tmp_path / "again", bib=fixed) == []


def test_a_pmid_in_note_is_checked_against_the_record(tmp_path: Path):
    """The site links a `note = {PMID: ...}` (Zotero's habit): the record must carry it too."""
    found = provenance_check(tmp_path, bib=NEW_ENTRY.replace("}\n}", "},\n  note   = {PMID: 99999999}\n}"))
    assert found == ["bib/evidence.bib:2: quillfeather2004: pmid '99999999' (in note) is in bib but not in its "
                     "record; write it as pmid = {99999999} in bib and add pmid: '99999999' to its record"]


# --------------------------------------------------------------------------- a key given twice
def test_a_duplicate_key_draws_no_chronology_advice():
    """A new 2004 paper pasted under an existing key: the duplicate-key error alone.

    The dated-heading check used to compare the citation with the *first* entry of that key (a
    paper of 2000) and advise moving the 2004 paper under "Evidence up to the review".
    """
    from pagemeta import checks

    bib = parse_string(GOOD_BIB.replace("{1995}", "{2000}") + GOOD_BIB.replace("{1995}", "{2004}"),
                       "bib/refs.bib")
    review_rules = frontmatter.Rules(targets=[], directions=[], claims=set(), sections=[], keys=set(bib.entries),
                                     review={"key": "r", "record": {"issue_date": "2001-10-15"}}, bibliography=bib)
    report = Report()
    checks.check_chronology(PAGE, "### Later evidence (published after the review)\n\nNew [@stouthard1995].\n",
                            0, review_rules, report)
    assert [str(d) for d in bib.report.errors] == [
        "bib/refs.bib:7: duplicate key 'stouthard1995': it is already defined at bib/refs.bib:1. Delete this "
        "copy if it is the same paper; if it is another paper, give this entry a key of its own (a letter after "
        "the year) and leave the other key as it is, since pages cite it; nothing was overwritten"]
    assert [str(d) for d in report.items] == []


# --------------------------------------------------------------------------- for the lead (adapters)
X_PAGE = EFFECT_PAGE.replace("stouthard1995", "steensberg2000").replace(
    "title: Adipose", "description: Fixture page.\ntitle: Adipose")


def build_site(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """The bad-input base site with `files` laid over it, built as `make build`; its problem lines."""
    src = tmp_path / "src"
    shutil.copytree(BASE, src)
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    template = src / "mkdocs.yml.in"
    (src / "mkdocs.yml").write_text(template.read_text(encoding="utf-8").replace("@HOOKS@", HOOKS.as_posix()),
                                    encoding="utf-8")
    template.unlink()
    proc = build(src / "mkdocs.yml", tmp_path / "site")
    assert "Traceback" not in proc.stdout + proc.stderr
    return located_errors(proc) if proc.returncode else problems(proc)


def test_a_yaml_slip_is_one_message_not_also_broken_links(tmp_path: Path):
    found = build_site(tmp_path, {
        "docs/effects/x.md": X_PAGE.replace("  - {key", "\t- {key"),
        "docs/index.md": "---\ntitle: Home\n---\n\nSee [the effect](effects/x.md) [@pedersen2001jphysiol].\n"})
    assert found == ["docs/effects/x.md:10: invalid YAML front matter: a tab character; YAML indents with spaces "
                     "only. Replace the tab on this line with spaces, lined up with the lines above"]


def test_a_narrative_citation_of_a_missing_key_is_reported(tmp_path: Path):
    found = build_site(tmp_path, {
        "docs/index.md": "---\ntitle: Home\n---\n\nAs @smith2020 showed [@pedersen2001jphysiol; "
                         "@steensberg2000; @ostrowski1998a].\n"})
    # A narrative '@key' with no close match may be text ('@media'): a warning, which strict makes fatal.
    assert found == ["docs/index.md:5:5: unknown citation key 'smith2020' in '@smith2020'. Write \\@ if it is no "
                     "citation, or add the entry to a .bib file"]


def test_a_misspelled_citation_is_one_message(tmp_path: Path):
    found = build_site(tmp_path, {"docs/effects/x.md": X_PAGE.replace("Body [@steensberg2000]",
                                                                        "Body [@steensburg2000]")})
    assert found == ["docs/effects/x.md:13:8: unknown citation key 'steensburg2000' (did you mean 'steensberg2000'?)"]


def test_an_unknown_claim_named_in_the_text_is_a_build_error(tmp_path: Path):
    found = build_site(tmp_path, {"docs/effects/x.md": X_PAGE.replace("Body [", "Body (claim A16) [")})
    assert any(p.startswith("docs/effects/x.md:13:") and "A16" in p for p in found), found


def test_and_others_in_the_middle_gets_safe_advice():
    """'put it last' would move the names after it up the list (Ondatje would become the second
    author): the hint must not reorder authors."""
    bib = parse_string("@article{k, author = {Quillfeather, R. and others and Ondatje, M.}, title = {T}, "
                       "year = {2004}, doi = {10.5555/k}}\n", "bib/refs.bib")
    (message,) = [str(d) for d in bib.report.items]
    assert "put it last" not in message and "missing" in message, message


def test_citations_of_an_unreadable_entry_are_one_line(tmp_path: Path):
    bib = (BASE / "bib" / "refs.bib").read_text(encoding="utf-8")
    broken = bib.replace("  year    = {2000},\n", "  year    = {2000}\n", 1)
    assert broken != bib
    found = build_site(tmp_path, {"bib/refs.bib": broken})
    assert len(found) == 2 and "could not be checked because bib/refs.bib:" in found[1], found


# --------------------------------------------------------------------------- make check sees the records
def test_make_check_reports_a_record_that_disagrees(tmp_path: Path):
    """`make check` (build.py --check) names what `make test` would, located; it used to say 'no errors'."""
    import subprocess

    from project_copy import copy_project

    project = copy_project(tmp_path / "muscle-il6")
    provenance = project / "seeds" / "provenance.yaml"
    text = provenance.read_text(encoding="utf-8")
    assert text.count("    doi: 10.1111/j.1469-7793.2000.00237.x\n") == 1
    provenance.write_text(text.replace("    doi: 10.1111/j.1469-7793.2000.00237.x\n",
                                       "    doi: 10.1111/j.1469-7793.2000.00238.x\n"), encoding="utf-8")
    line = (project / "bib" / "evidence.bib").read_text(encoding="utf-8").splitlines().index(
        "@article{steensberg2000,") + 1
    proc = subprocess.run([sys.executable, "scripts/build.py", "--check"], cwd=project, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert [p for p in problems(proc) if not p.endswith("(advisory: does not fail the build)")] == [
        f"bib/evidence.bib:{line}: steensberg2000: doi '10.1111/j.1469-7793.2000.00237.x' in bib, "
        "'10.1111/j.1469-7793.2000.00238.x' in its record; check both against the page its seen_in names, "
        "and correct the one that differs",
        "1 problem in the sources (listed above): bib/ and seeds/provenance.yaml disagree"]
    assert "Traceback" not in proc.stderr


def test_make_check_survives_a_provenance_file_it_cannot_read(tmp_path: Path):
    """A record file that is not `entries:` and records: one located line, no traceback."""
    import build

    (tmp_path / "bib").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "bib" / "x.bib").write_text(NEW_ENTRY, encoding="utf-8")
    (tmp_path / "seeds" / "provenance.yaml").write_text(NEW_RECORD, encoding="utf-8")
    (found,) = build.provenance_problems(tmp_path)
    assert found.startswith("seeds/provenance.yaml:1: the records could not be compared with bib/ (")
    assert found.endswith("Check that the file starts with 'entries:' and each record is indented under it as "
                          "CONTRIBUTING.md shows")


def test_items_under_the_templates_empty_evidence_list_get_the_fix():
    """docs/_templates/effect-page.md has `evidence: []`; items added below it keep the '[]'."""
    source = EFFECT_PAGE.replace("evidence:\n", "evidence: []\n")
    found = page_problems(source)
    assert found == ["docs/effects/x.md:9: invalid YAML front matter: list items follow a field already given as "
                     "empty ('[]' on the line above). Delete the '[]' on the line above, so that the items below "
                     "make the list"]
    assert page_problems(source.replace("evidence: []\n", "evidence:\n")) == []
    template = (ROOT / "docs" / "_templates" / "effect-page.md").read_text(encoding="utf-8")
    assert "delete the [] after `evidence:`" in template


# --------------------------------------------------------------------------- never a traceback
_BIB_PIECES = st.sampled_from(["@article{", "@string{", "@comment{", "k2004", ",", " = ", "{", "}", '"', "#",
                               "author", "doi", "note", "PMID: 123", "https://doi.org/10.5555/x", "\n", " ",
                               "and others", "(", ")", "%", "@"])
_YAML_PIECES = st.sampled_from(["entries:\n", "  k2004:\n", "    doi: 10.5555/x\n", "    authors: [A]\n",
                                "    seen_in: {all_fields: 'https://e.org'}\n", "  - a\n", "\t", ": ", "[", "{",
                                "*a", "&a ", "\n", "    bib_file: bib/x.bib\n", "null\n", "42\n"])


@pytest.mark.fuzz
@example(bib="", records="entries:\n  - a\n")   # found by Hypothesis: a list under entries
@given(bib=st.lists(_BIB_PIECES, max_size=40).map("".join), records=st.lists(_YAML_PIECES, max_size=20).map("".join))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_make_checks_provenance_step_never_raises(tmp_path: Path, bib: str, records: str):
    """Whatever bib/ and seeds/provenance.yaml hold, make check's comparison gives located lines only."""
    import build

    for sub in ("bib", "seeds"):
        (tmp_path / sub).mkdir(exist_ok=True)
    (tmp_path / "bib" / "x.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "seeds" / "provenance.yaml").write_text(records, encoding="utf-8")
    found = build.provenance_problems(tmp_path)
    assert all(isinstance(p, str) and re.match(r"^[^\s:]+:\d+: \S", p) for p in found), found


def test_records_written_as_a_list_are_one_located_line(tmp_path: Path):
    """`entries:` followed by `- key` items (a list) used to be an AttributeError in make check."""
    found = provenance_check(tmp_path, records="  - quillfeather2004\n")
    assert found == ["seeds/provenance.yaml:1: 'entries' must hold one record per key ('  key:' and its fields "
                     "indented under it), not a list or a value. Copy the example record of CONTRIBUTING.md"]
