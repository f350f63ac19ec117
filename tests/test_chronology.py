"""Chronology by date: studies under "Evidence up to the review" came before 15 October 2001.

hooks/pagemeta/checks.py (check_chronology) compares the date of every study cited under
the two dated H3 headings of an evidence section with the review's date in
seeds/review.yaml, using the year, month and day the entry has in bib/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from citekit import find_sources, load, parse_string
from citekit.diagnostics import ADVICE, Report
from pagemeta import checks, frontmatter

ROOT = Path(__file__).resolve().parent.parent
REVIEW = {"key": "review2001", "record": {"issue_date": "2001-10-15"}}
BIB = """
@article{review2001, author = {Pedersen, B. K.}, title = {The review}, journal = {J}, year = 2001, month = oct,
  day = 15}
@article{early2001, author = {Early, A.}, title = {Early}, journal = {J}, year = 2001, month = may}
@article{late2001, author = {Late, B.}, title = {Late}, journal = {J}, year = 2001,
  month = dec}
@article{vague2001, author = {Vague, C.}, title = {Vague}, journal = {J}, year = 2001}
@article{old1998, author = {Old, D.}, title = {Old}, journal = {J}, year = 1998}
@article{dayone2001, author = {Day, E.}, title = {Day one}, journal = {J}, year = 2001, month = oct, day = 1}
"""


def rules(review: dict = REVIEW, bib: str = BIB) -> frontmatter.Rules:
    bibliography = parse_string(bib, "bib/x.bib")
    return frontmatter.Rules(targets=[], directions=[], claims=set(), sections=[], keys=set(bibliography.entries),
                             review=review, bibliography=bibliography)


def problems(body: str, offset: int = 4, **kwargs) -> list[str]:
    report = Report()
    checks.check_chronology("docs/p.md", body, offset, rules(**kwargs), report)
    assert all(d.severity != ADVICE for d in report.items)
    return [str(d) for d in report.items]


PAGE = """## Evidence from primary studies

### Evidence up to the review (15 October 2001)

Findings [@early2001; @old1998] and @dayone2001, as the review says [@review2001].

### Later evidence (published after the review)

Later work [@late2001].

## Open questions

Compare [@early2001] with [@late2001].
"""


@pytest.mark.parametrize("date, expected", [
    ((2001, 12, 0), "after"), ((2002, 1, 0), "after"), ((2001, 10, 16), "after"),
    ((2001, 10, 1), "before"), ((2001, 5, 0), "before"), ((2000, 12, 31), "before"), ((1998, 0, 0), "before"),
    ((2001, 0, 0), "undetermined"), ((2001, 10, 0), "undetermined"), ((2001, 10, 15), "undetermined"),
])
def test_placement_is_decided_conservatively(date, expected):
    assert checks.placement(*date, (2001, 10, 15)) == expected


def test_a_page_filed_by_date_passes():
    assert problems(PAGE) == []


def test_a_december_2001_study_under_the_earlier_heading_is_located():
    body = PAGE.replace("[@early2001; @old1998]", "[@early2001; @late2001]")
    assert problems(body) == [
        "docs/p.md:9: 'late2001' is cited under 'Evidence up to the review (15 October 2001)', but it was "
        "published December 2001 (bib/x.bib:6), after the review (15 October 2001). Move it under "
        "'### Later evidence (published after the review)' and fix the text around it"]


def test_an_earlier_study_under_the_later_heading_is_located():
    body = PAGE.replace("Later work [@late2001]", "Later work [@late2001], unlike @early2001")
    assert problems(body) == [
        "docs/p.md:13: 'early2001' is cited under 'Later evidence (published after the review)', but it was "
        "published May 2001 (bib/x.bib:4), before the review (15 October 2001). Move it under "
        "'### Evidence up to the review (15 October 2001)' and fix the text around it"]


def test_a_study_dated_only_to_2001_is_not_accepted_under_either_heading():
    for body in (PAGE.replace("@old1998", "@vague2001"), PAGE.replace("[@late2001]", "[@late2001; @vague2001]")):
        found = problems(body)
        assert len(found) == 1
        assert "'vague2001' is cited under" in found[0]
        assert ("but bib/x.bib:7 dates it only to 2001 (no month given), which cannot be placed" in found[0])
        assert "decided conservatively, it is not accepted under either dated heading" in found[0]
        assert found[0].endswith("cite it outside the two dated headings and say that its date relative to the "
                                 "review is not known")


def test_outside_the_dated_headings_anything_may_be_cited():
    body = PAGE.replace("## Open questions\n\nCompare [@early2001] with [@late2001].",
                        "## Open questions\n\nCompare [@vague2001] with [@late2001].")
    assert problems(body) == []


def test_code_is_not_a_citation_and_without_a_review_date_nothing_is_checked():
    assert problems(PAGE.replace("[@early2001; @old1998]", "`[@late2001]`")) == []
    assert problems(PAGE.replace("@old1998", "@late2001"), review={"key": "review2001"}) == []


def test_the_review_date_is_read_from_the_record():
    review = yaml.safe_load((ROOT / "seeds" / "review.yaml").read_text(encoding="utf-8"))
    assert checks.review_date(review) == (2001, 10, 15)
    assert review["record"]["online_date"] == "2001-10-01"
    assert checks.review_date({"record": {"issue_date": "15 Oct 2001"}}) is None
    assert checks.review_date({"record": "x"}) is None


def test_every_page_of_the_site_is_filed_by_date():
    """Fails on the pages before issue 14: keller2001 and steensberg2001 (December 2001) sat under
    "Evidence up to the review (2001)" on four pages."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    bibliography = load(find_sources(ROOT, config["extra"]["citations"]["bibliography"]), ROOT)
    review = yaml.safe_load((ROOT / "seeds" / "review.yaml").read_text(encoding="utf-8"))
    site_rules = frontmatter.Rules(targets=[], directions=[], claims=set(), sections=[],
                                   keys=set(bibliography.entries), review=review, bibliography=bibliography)
    report = Report()
    pages = sorted(p for p in (ROOT / "docs").rglob("*.md") if "_" not in p.relative_to(ROOT / "docs").parts[0][:1])
    for page in pages:
        body, offset = frontmatter.split(page.read_text(encoding="utf-8"))
        checks.check_chronology(page.relative_to(ROOT).as_posix(), body, offset, site_rules, report)
    assert [str(d) for d in report.items] == []
    dated = [p for p in pages if "### Evidence up to the review" in p.read_text(encoding="utf-8")]
    assert len(dated) == 11


@pytest.mark.parametrize("key, month", [("keller2001", 12), ("steensberg2001", 12), ("pedersen2001jphysiol", 10)])
def test_the_december_papers_are_dated_in_bib(key, month):
    bibliography = load(sorted((ROOT / "bib").glob("*.bib")), ROOT)
    entry = bibliography.entries[key]
    assert (entry.year, entry.month) == ("2001", month)
