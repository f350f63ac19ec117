"""Front matter schemas, Markdown checks and generated blocks (hooks/pagemeta), as plain Python."""

from __future__ import annotations

import pytest
from citekit.diagnostics import Report
from pagemeta import blocks, checks, frontmatter

RULES = frontmatter.Rules(targets=["liver", "adipose tissue"], directions=["increases", "inhibits"],
                          claims={"A5", "A6", "I3"}, sections=["Muscle derived IL-6 may act as a hormone"],
                          keys={"stouthard1995", "hiscock2005"})
GOOD = """---
title: Adipose tissue and lipolysis
review_section: Muscle derived IL-6 may act as a hormone
target: adipose tissue
effect: Lipolysis
direction: increases
claims: [A5, A6]
evidence:
  - {key: stouthard1995, relation: supports}
  - {key: hiscock2005, relation: contradicts}
---

Body text.
"""


def problems(source: str, kind: str = "effect") -> list[str]:
    report = Report()
    fm = frontmatter.read("docs/effects/x.md", source, report)
    if fm is not None:
        frontmatter.validate("docs/effects/x.md", kind, fm, RULES, report)
    return [str(d) for d in report.items]


def test_valid_front_matter_passes():
    assert problems(GOOD) == []


@pytest.mark.parametrize("change, expected", [
    (("target: adipose tissue", "tagret: adipose tissue"),
     # One cause, one message: the misspelling is not also reported as a missing 'target'.
     ["docs/effects/x.md:4: unknown front matter field 'tagret' (did you mean 'target'?)"]),
    (("claims: [A5, A6]", "claims: A5"), ["docs/effects/x.md:7: front matter field 'claims' must be a list such as "
                                          "[A5, A6], not the text 'A5'"]),
    (("target: adipose tissue", "target: lung"), ["docs/effects/x.md:4: unknown target tissue 'lung'"]),
    (("claims: [A5, A6]", "claims: [A5, A10]"), ["docs/effects/x.md:7: unknown claim ID 'A10'"]),
    (("direction: increases", "direction: up"), ["docs/effects/x.md:6: unknown direction 'up'"]),
    (("{key: hiscock2005, relation: contradicts}", "{key: hiscok2005, relation: contradicts}"),
     ["docs/effects/x.md:10: unknown reference key 'hiscok2005' in evidence (did you mean 'hiscock2005'?)"]),
    (("{key: hiscock2005, relation: contradicts}", "{key: hiscock2005, relation: refutes}"),
     ["docs/effects/x.md:10: unknown relation 'refutes' for 'hiscock2005'"]),
    (("review_section: Muscle derived IL-6 may act as a hormone", "review_section: IL-6 as a hormone"),
     ["docs/effects/x.md:3: 'IL-6 as a hormone' is not a heading of the review"]),
])
def test_schema_errors_name_the_line(change, expected):
    found = problems(GOOD.replace(*change))
    for message in expected:
        assert any(p.startswith(message) for p in found), found
    assert len(found) == len(expected), found


def test_missing_field_and_hint():
    found = problems(GOOD.replace("direction: increases\n", ""))
    assert found == ["docs/effects/x.md:1: missing front matter field 'direction'. Every effect page has: title, "
                     "review_section, target, effect, direction, claims, evidence"]


def test_invalid_yaml_is_located():
    found = problems(GOOD.replace("effect: Lipolysis", "effect: [Lipolysis"))
    assert len(found) == 1 and found[0].startswith("docs/effects/x.md:6: invalid YAML front matter")


def test_production_pages_reject_effect_fields():
    found = problems(GOOD, kind="production")
    assert sorted(p.split(". ")[0] for p in found) == [
        f"docs/effects/x.md:{line}: front matter field '{name}' belongs on effect pages, not on production pages"
        for line, name in ((4, "target"), (5, "effect"), (6, "direction"))]


def test_page_checks():
    report = Report()
    body = "Intro\n\n![](figure.png)\n\n<img src='a.png'>\n\n[gone](nowhere.md) [bad](other.md#nope) [ok](other.md#a-heading)\n"
    checks.check_title("docs/p.md", {}, body, report)
    checks.check_images("docs/p.md", body, 2, report)
    checks.check_links("docs/p.md", "p.md", body, 2, {"p.md": body, "other.md": "## A heading\n"}, set(), report)
    assert [str(d).split(". ")[0] for d in report.items] == [
        "docs/p.md:1: page has no title",
        "docs/p.md:5:1: image without alternative text",
        "docs/p.md:7:1: <img> without alternative text",
        "docs/p.md:5:5: broken link: 'figure.png' does not exist",
        "docs/p.md:9:8: broken link: 'nowhere.md' does not exist",
        "docs/p.md:9:26: broken link: 'other.md#nope' has no heading '#nope'",
    ]


def test_overview_rows_come_from_front_matter():
    rows = [blocks.EffectRow("effects/b.md", "B effect", "liver", "Glucose output", "increases", ("A5",),
                             (("stouthard1995", "supports"),)),
            blocks.EffectRow("effects/a.md", "A effect", "adipose tissue", "Lipolysis", "increases", (),
                             (("hiscock2005", "contradicts"), ("stouthard1995", "context")))]
    table = blocks.overview_table(rows, "index.md").splitlines()[2:-2]
    assert table[0] == ("| Effect | Target | What the review says | Review's claims | Supporting | Compatible | "
                        "Contradicting | Context | Reviews |")
    assert table[2] == ("| [A effect](effects/a.md) | adipose tissue | Proposes: Lipolysis (increases) | none readable | "
                        "— | — | @hiscock2005 | @stouthard1995 | — |")
    assert table[3].startswith("| [B effect](effects/b.md) | liver |")


def test_overview_shows_a_question_and_this_sites_reading():
    """The review only asks: no direction is shown; a caveat is shown as this site's reading; reviews apart."""
    data = {"title": "Local", "target": "skeletal muscle", "effect": "A local action", "direction": "modulates",
            "claims": [], "review_stance": "asks", "caveat": "The heading is a question",
            "evidence": [{"key": "serrano2008", "relation": "supports"}, {"key": "pedersen2008", "relation": "review"},
                         {"key": "mckay2009", "relation": "compatible"}]}
    row = blocks.EffectRow.from_front_matter("effects/l.md", data)
    line = blocks.overview_table([row], "index.md").splitlines()[4]
    assert line == ("| [Local](effects/l.md) | skeletal muscle | Asks, does not claim: A local action. "
                    "*This site's reading:* The heading is a question | none readable | @serrano2008 | @mckay2009 | "
                    "— | — | @pedersen2008 |")
    assert "modulates" not in line


REVIEW_RULES = frontmatter.Rules(targets=["liver", "adipose tissue"], directions=["increases", "inhibits"],
                                 claims={"A5", "A6"}, sections=["Muscle derived IL-6 may act as a hormone"],
                                 keys={"stouthard1995", "hiscock2005", "pedersen2008"},
                                 review={"claims": [{"id": "A6", "note": "The pairing is a reading"}],
                                         "review_articles": ["pedersen2008"]})


def review_problems(source: str) -> list[str]:
    report = Report()
    fm = frontmatter.read("docs/effects/x.md", source, report)
    frontmatter.validate("docs/effects/x.md", "effect", fm, REVIEW_RULES, report)
    return [str(d) for d in report.items]


def test_a_claim_with_a_note_needs_a_caveat():
    assert review_problems(GOOD) == [
        "docs/effects/x.md:7: claim A6 carries a caveat in seeds/review.yaml (The pairing is a reading), which the "
        "overview must show. Add caveat: ... saying which part of this page's effect is this site's reading"]
    assert review_problems(GOOD.replace("claims:", "caveat: Pairing is ours\nclaims:")) == []


def test_a_page_without_claims_cannot_propose():
    source = GOOD.replace("claims: [A5, A6]", "claims: []")
    assert review_problems(source) == [
        "docs/effects/x.md:7: the page names no claim of the review (claims: []), so the overview would show the "
        "review proposing an effect that it does not state. Write review_stance: asks (the review raises the "
        "question), or list the claims"]
    assert review_problems(source.replace("claims: []", "review_stance: asks\nclaims: []")) == []
    assert review_problems(source.replace("claims: []", "review_stance: claims\nclaims: []"))[0].startswith(
        "docs/effects/x.md:7: unknown review_stance 'claims'. Use one of: proposes, asks")


def test_a_review_is_never_supporting_evidence():
    source = GOOD.replace("caveat", "").replace("claims:", "caveat: ours\nclaims:").replace(
        "{key: hiscock2005, relation: contradicts}", "{key: pedersen2008, relation: supports}")
    assert review_problems(source) == [
        "docs/effects/x.md:11: 'pedersen2008' is a review article, listed as 'supports' evidence. Write relation: "
        "review (reviews are listed apart from primary studies; seeds/review.yaml, review_articles)"]
    assert review_problems(source.replace("pedersen2008, relation: supports", "pedersen2008, relation: review")) == []
    assert review_problems(source.replace("pedersen2008, relation: supports", "hiscock2005, relation: review")) == [
        "docs/effects/x.md:11: 'hiscock2005' is listed with relation: review, but seeds/review.yaml does not list it "
        "under review_articles. Use supports, compatible, contradicts or context for a primary study, or add the key "
        "to review_articles if its source says it is a review"]


def test_glossary_and_figure_blocks():
    assert blocks.glossary("*[TG]: Triglyceride\n*[FFA]: Free fatty acid\n") == \
        "FFA\n:   Free fatty acid\n\nTG\n:   Triglyceride"
    missing = []
    svg = blocks.inline_svg('<?xml version="1.0"?>\n<svg>\n\n<a href="effects/a.md"><text>A</text></a>'
                            '<a href="effects/none.md"/></svg>',
                            lambda t: "../effects/a/" if t == "effects/a.md" else None, missing.append)
    assert 'href="../effects/a/"' in svg and "<?xml" not in svg and "\n\n" not in svg
    assert missing == ["effects/none.md"]


def test_a_claim_named_in_the_text_must_be_one_of_the_reviews():
    """'(claim A16)' in the text was checked only by the source tests, without a line."""
    from citekit.diagnostics import Report
    from pagemeta import checks
    report = Report()
    checks.check_claim_mentions("docs/effects/x.md", "Intro.\nBody (claim A16) and claims A5, A17.\n", 8,
                                {"A5", "A6"}, "seeds/review.yaml", report)
    assert [str(d) for d in report.items] == [
        "docs/effects/x.md:10:13: unknown claim ID 'A16' in 'claim A16'. Use a claim ID listed in "
        "seeds/review.yaml (A1-A9, I1-I7, C1)",
        "docs/effects/x.md:10:33: unknown claim ID 'A17' in 'claims A5, A17'. Use a claim ID listed in "
        "seeds/review.yaml (A1-A9, I1-I7, C1)"]
