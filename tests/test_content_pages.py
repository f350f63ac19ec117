"""The effect and production pages: schema-valid front matter, citations, the agreed structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from citekit import find_sources, load
from citekit.diagnostics import Report
from citekit.syntax import scan
from pagemeta import frontmatter

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SETTINGS = CONFIG["extra"]["effects"]
SCHEMAS = SETTINGS["schemas"]
PAGES = sorted(p for prefix in SCHEMAS for p in (ROOT / "docs" / prefix).glob("*.md"))
SECTIONS = ["What the review proposes", "Evidence from primary studies", "Where the evidence disagrees",
            "Open questions"]


@pytest.fixture(scope="module")
def rules() -> frontmatter.Rules:
    review = yaml.safe_load((ROOT / SETTINGS["review"]).read_text(encoding="utf-8"))
    bib = load(find_sources(ROOT, CONFIG["extra"]["citations"]["bibliography"]), ROOT)
    return frontmatter.Rules(targets=SETTINGS["targets"], directions=SETTINGS["directions"],
                             claims={c["id"] for c in review["claims"]}, sections=review["sections"],
                             keys=set(bib.entries), review_file=SETTINGS["review"], review=review, bibliography=bib)


def kind_of(page: Path) -> str:
    rel = page.relative_to(ROOT / "docs").as_posix()
    return next(kind for prefix, kind in SCHEMAS.items() if rel.startswith(prefix))


def test_there_are_pages_of_both_kinds():
    assert {kind_of(p) for p in PAGES} == {"effect", "production"}
    assert len([p for p in PAGES if kind_of(p) == "effect"]) >= 5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_front_matter_is_valid(page, rules):
    report = Report()
    rel = page.relative_to(ROOT).as_posix()
    fm = frontmatter.read(rel, page.read_text(encoding="utf-8"), report)
    assert fm is not None
    frontmatter.validate(rel, kind_of(page), fm, rules, report)
    assert [str(d) for d in report.items] == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_cites_the_review_and_its_evidence(page):
    text = page.read_text(encoding="utf-8")
    fm = yaml.safe_load(text.split("---")[1])
    cited = {k for c in scan(text.split("---", 2)[2]).citations for k in c.keys}
    assert cited, "the page cites nothing"
    if fm["claims"]:
        assert "pedersen2001jphysiol" in cited, "claims of the review are cited to the review"
    assert {e["key"] for e in fm["evidence"]} <= cited


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_sections_in_the_agreed_order(page):
    headings = re.findall(r"^## (.+?)\s*$", page.read_text(encoding="utf-8"), re.M)
    known = [h for h in headings if h in SECTIONS]
    assert known[:2] == SECTIONS[:2] and known[-1] == "Open questions"
    assert known == sorted(known, key=SECTIONS.index)
