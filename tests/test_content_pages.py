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


# ---- issue 14: what the sources say, exactly ------------------------------------------------------

DOCS = ROOT / "docs"


def page_front_matter(rel: str) -> dict:
    return yaml.safe_load((DOCS / rel).read_text(encoding="utf-8").split("---")[1])


def relations(rel: str) -> dict[str, str]:
    return {e["key"]: e["relation"] for e in page_front_matter(rel)["evidence"]}


# Statements the fact-check found wrong (beyond the sources, or without the source's hedge).
WRONG = ["about 2.5 kg", "160 kDa", "Protein kinase B", "each lasting 3 h", "reproducing the sequence of claim I3",
         "the authors argue that working muscle uses IL-6", "Strenuous exercise changes the blood levels",
         "five on the possible effects the review takes up", "The two results are compatible",
         "none of them identifies what supplies the early arterial rise",
         "The sources here do not say what supplies IL-6 in the first hours"]


@pytest.mark.parametrize("phrase", WRONG)
def test_no_statement_the_fact_check_found_wrong(phrase):
    pages = [p for p in DOCS.rglob("*.md") if phrase in p.read_text(encoding="utf-8")]
    pages += [p for p in (DOCS / "_snippets").glob("*.md") if phrase in p.read_text(encoding="utf-8")]
    assert pages == []


@pytest.mark.parametrize("page, key, relation", [
    ("effects/liver-glucose-homeostasis.md", "stouthard1995", "compatible"),
    ("effects/liver-glucose-homeostasis.md", "febbraio2003", "context"),
    ("production/muscle-damage.md", "ostrowski1998a", "compatible"),
    ("production/kinetics.md", "keller2001", "context"),
    ("effects/adipose-and-immune-il6.md", "pedersen2008", "review"),
    ("production/characteristics.md", "akira1993", "review"),
])
def test_evidence_labels_match_the_studies_own_findings(page, key, relation):
    assert relations(page)[key] == relation


@pytest.mark.parametrize("page, keys", [
    ("production/kinetics.md", {"steensberg2001", "nehlsencannarella1997"}),
    ("production/muscle-as-source.md", {"steensberg2001"}),
    ("effects/adipose-tissue-lipolysis.md", {"mohamedali1997", "keller2003", "pedersen2001"}),
    ("effects/anti-inflammatory-tnf.md", {"kern2001", "mohamedali1997", "bruunsgaard1999", "bartoccioni1994",
                                          "starkie2001a"}),
    ("effects/adipose-and-immune-il6.md", {"wallenius2002", "ostrowski1998a"}),
    ("effects/liver-glucose-homeostasis.md", {"plomgaard2005"}),
])
def test_the_evidence_the_sources_give_is_used(page, keys):
    assert keys <= set(relations(page))


def test_what_the_review_only_asks_is_marked_and_site_readings_are_shown():
    assert page_front_matter("effects/local-effects-in-muscle.md")["review_stance"] == "asks"
    assert page_front_matter("effects/adipose-and-immune-il6.md")["review_stance"] == "asks"
    for rel in ("effects/liver-glucose-homeostasis.md", "effects/adipose-tissue-lipolysis.md"):
        assert "this site's reading" in page_front_matter(rel)["caveat"]


@pytest.mark.parametrize("page", sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")))
def test_pages_that_mix_units_say_they_are_the_same(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    if re.search(r"pg (?:ml⁻¹|/ml)|pg/ml", text) and re.search(r"ng (?:l⁻¹|/l)\b|ng/l\b", text):
        assert "1 pg ml⁻¹ = 1 ng l⁻¹" in text


def test_figure_1_says_which_box_rests_on_which_source():
    svg = (DOCS / "assets" / "figure-1.svg").read_text(encoding="utf-8")
    title = re.search(r"<title id=\"f1-title\">(.*?)</title>", svg, re.S).group(1)
    desc = re.search(r"<desc id=\"f1-desc\">(.*?)</desc>", svg, re.S).group(1)
    assert "Curr Opin Hematol" in title
    assert '"glucose output ↑" is NOT from the review' in desc
    for claim in ("A1", "A3", "A5", "A6", "A7", "A8", "A9"):
        assert f"claim {claim}" in desc or f"claims {claim}" in desc
