"""What a newcomer met following CONTRIBUTING.md to the letter, kept as regressions.

Each test reproduces one mistake a contributor makes (a typo in front matter, in a .bib file or
in seeds/provenance.yaml) and asserts the exact message, and that its advice, applied as
written, is right. Tests marked xfail(strict=True) describe problems in files this round could
not change (the MkDocs adapters, the citation syntax, the names module): they fail today and
will pass, loudly, once the lead fixes them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from citekit.bibliography import parse_string
from citekit.diagnostics import Report
from pagemeta import frontmatter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

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
