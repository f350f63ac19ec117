"""Search ranks the right page (issue 15, point 4), on the hosted build and the offline copy.

Each query of RANKING is typed into Material's search box as a reader would; the first result
must be the expected page (or a section of it). The table mixes terms with hyphens, Greek
letters and digits (IL-1ra, TNF-α, MIP-1β, VO₂max), which must be found as words (no
"Missing: 1ra"), with plain words and authors' names, for which the References page used to
take a top place. The figure printed at the end is the number of top-1 hits.
"""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from browser_support import DOCS, Site, strip_query, without_fragment

pytestmark = pytest.mark.browser
FIGURE = DOCS / "assets" / "figure-1.svg"

# query -> the page (docs-relative source) whose result must come first, and why.
RANKING: dict[str, str] = {
    "IL-1ra": "effects/anti-inflammatory-tnf.md",          # IL-1ra after exercise, IL-6 drives it
    "TNF-α": "effects/adipose-and-immune-il6.md",          # TNF-α in its title, sources of TNF-α
    "MIP-1β": "index.md",                                   # claim I4 names it
    "VO₂max": "effects/adipose-and-immune-il6.md",
    "IL-10": "effects/anti-inflammatory-tnf.md",
    "IL-8": "index.md",                                     # claim I4 names it
    "IL-6": "index.md",
    "eccentric": "production/muscle-damage.md",
    "muscle damage": "production/muscle-damage.md",
    "lipolysis": "effects/adipose-tissue-lipolysis.md",
    "hepatic": "effects/liver-glucose-homeostasis.md",
    "glucose output": "effects/liver-glucose-homeostasis.md",
    "catecholamine": "effects/adipose-tissue-lipolysis.md",
    "glycogen": "production/glycogen-and-carbohydrate.md",
    "intensity": "production/intensity-and-duration.md",
    "Steensberg": "index.md",
    "licence": "about.md",
}
# Terms that must be found whole: their results may not say "Missing: ...".
WHOLE_TERMS = ["IL-1ra", "TNF-α", "MIP-1β", "VO₂max", "IL-10", "IL-6"]


def _open(page, site: Site) -> None:
    page.goto(site.url("about.md"), wait_until="load")
    page.wait_for_function("() => document.readyState === 'complete' && typeof window.document$ !== 'undefined'")


def _results(page, query: str) -> list[dict]:
    """The result list once it has settled for `query` (same list twice, 250 ms apart)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    previous = None
    for _ in range(40):
        page.wait_for_timeout(250)
        current = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
            "els => els.map(a => ({href: a.href, text: a.innerText}))")
        if current and current == previous:
            return current
        previous = current
    return previous or []


def _page_of(href: str) -> str:
    return without_fragment(strip_query(href))


@pytest.fixture
def searched(site: Site, guarded_page):
    page, guard = guarded_page
    _open(page, site)
    found = {}
    for query in RANKING:
        found[query] = _results(page, query)
        page.keyboard.press("Escape")
    guard.assert_clean()
    return site, found


def test_top_result_is_the_expected_page(searched):
    site, found = searched
    misses = []
    for query, src in RANKING.items():
        results = found[query]
        top = _page_of(results[0]["href"]) if results else "(no result)"
        if top != site.url(src):
            misses.append(f"{query!r}: first result {top}, expected {site.url(src)}")
    hits = len(RANKING) - len(misses)
    print(f"\nsearch top-1 on the {site.kind} build: {hits}/{len(RANKING)}")
    assert not misses, "\n".join(misses)


def test_hyphenated_and_greek_terms_are_found_whole(searched):
    site, found = searched
    partial = {q: [r["text"] for r in found[q] if "Missing:" in r["text"]] for q in WHOLE_TERMS}
    assert not any(partial.values()), f"results missing part of the term: {partial}"


def test_references_page_is_not_a_result(searched):
    site, found = searched
    listed = {q for q, results in found.items()
              if any(_page_of(r["href"]) == site.url("references.md") for r in results)}
    assert not listed, f"the References page is a result for {sorted(listed)}"


def _figure_label_runs() -> list[str]:
    """Two consecutive box labels of Figure 1 joined by a space, where the page's own text never
    says them so: what a preview shows when the drawing's labels are indexed as text."""
    labels = [" ".join("".join(el.itertext()).split()) for el in ElementTree.parse(FIGURE).iter()
              if el.tag.rsplit("}", 1)[-1] == "text"]
    home_text = " ".join((DOCS / "index.md").read_text(encoding="utf-8").split())
    runs = [f"{a} {b}" for a, b in zip(labels, labels[1:], strict=False) if a and b]
    return [run for run in runs if run not in home_text]


def test_home_preview_is_readable_text(searched):
    """Figure 1's labels are not indexed: no result of the home page runs them together."""
    site, found = searched
    home = site.url("index.md")
    previews = [" ".join(r["text"].split()) for results in found.values() for r in results
                if _page_of(r["href"]) == home]
    runs = _figure_label_runs()
    assert previews and runs, "no query found the home page, or Figure 1 has no labels"
    shown = sorted({run for run in runs for p in previews if run in p})
    assert not shown, f"home page previews show Figure 1's labels run together: {shown}"
