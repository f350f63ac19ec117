"""What a reader does, on the hosted build (http://127.0.0.1) and on the offline copy (file://):
navigate, search, follow and preview citations, use Figure 1, read glossary abbreviations.
Every test also asserts that no request left the machine and that no console error occurred.
The tests taking `any_site` run on the MkDocs and the Zensical builds; search runs here on
MkDocs only (Zensical's search dialog is its own: tests/browser/test_zensical_reading.py).
"""

from __future__ import annotations

import html
import re

import pytest
from browser_support import (
    DOCS,
    EffectPage,
    Site,
    effect_pages,
    figure_links,
    open_page,
    search_term,
    wait_for_material,
    without_fragment,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EFFECTS = effect_pages()
EFFECT_IDS = [p.slug for p in EFFECTS]
# In-text citations: in the article, outside the reference list and the "Cite this page" block.
IN_TEXT_CITATION = "article .citation a.citation-ref"
TOOLTIP = ".md-tooltip2.md-tooltip2--active"
FIGURE_SVG = DOCS / "assets" / "figure-1.svg"


def test_effect_pages_exist():
    assert EFFECTS, "docs/effects/ has no pages"


# ---------------------------------------------------------------------------------------------
# Navigation
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("effect", EFFECTS, ids=EFFECT_IDS)
def test_navigation_reaches_effect_page(any_site: Site, guarded_page, effect: EffectPage):
    page, guard = guarded_page
    open_page(page, any_site.url("index.md"))
    link = page.locator("nav.md-nav--primary a.md-nav__link", has_text=effect.title).first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(any_site.url(effect.src))
    expect(page.locator("article h1").first).to_contain_text(effect.title)
    wait_for_material(page)
    guard.assert_clean()


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("effect", EFFECTS, ids=EFFECT_IDS)
def test_search_finds_and_highlights(site: Site, guarded_page, effect: EffectPage):
    page, guard = guarded_page
    term = search_term(effect)
    target = site.url(effect.src)
    open_page(page, site.url("index.md"))

    # At this (desktop) width the search box sits in the header; clicking it opens the dialog.
    query = page.locator("input.md-search__input")
    query.click()
    expect(query).to_be_focused()
    query.press_sequentially(term)

    # The page is among the results (the link to the page itself, not to a section of it).
    page.wait_for_function(
        """([target]) => [...document.querySelectorAll('.md-search-result__link')].some(a => {
            const u = new URL(a.href); return u.origin + u.pathname === target && !u.hash;
        })""",
        arg=[without_fragment(target)])
    # Found and clicked in one step: the list is redrawn while the search settles, so an element
    # located first and clicked later may already be another result (seen under load in CI).
    page.evaluate(
        """([target]) => [...document.querySelectorAll('.md-search-result__link')].find(a => {
            const u = new URL(a.href); return u.origin + u.pathname === target && !u.hash;
        }).click()""",
        [without_fragment(target)])

    page.wait_for_url(re.compile(re.escape(target) + r"\?h="))
    mark = page.locator("article mark").first
    expect(mark).to_be_visible()
    marked = [t.strip().lower() for t in page.locator("article mark").all_inner_texts()]
    assert any(term in t or t in term for t in marked if t), \
        f"search term {term!r} is not among the highlighted words {marked}"
    guard.assert_clean()


# ---------------------------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------------------------

def in_text_citations(page) -> list[dict]:
    return page.locator(IN_TEXT_CITATION).evaluate_all(
        """els => els.filter(a => !a.closest('.references, .cite-this-page'))
                     .map((a, i) => ({href: a.getAttribute('href'), title: a.getAttribute('title'),
                                      text: a.textContent}))""")


def open_effect_citations(page, site: Site, effect: EffectPage) -> list[dict]:
    """Open an effect page; its in-text citations (there must be some)."""
    open_page(page, site.url(effect.src))
    cites = in_text_citations(page)
    assert cites, f"{effect.src}: no in-text citation (a.citation-ref)"
    return cites


@pytest.mark.parametrize("effect", EFFECTS, ids=EFFECT_IDS)
def test_citation_link_lands_on_reference(any_site: Site, guarded_page, effect: EffectPage):
    page, guard = guarded_page
    cites = open_effect_citations(page, any_site, effect)
    # Every in-text citation points at an entry of this page's reference list.
    for cite in cites:
        assert re.fullmatch(r"#ref-[^\s#]+", cite["href"] or ""), f"unexpected href {cite['href']!r}"
        key = cite["href"][len("#ref-"):]
        expect(page.locator(f"ul.references li.reference[id='ref-{key}']")).to_have_count(1)
    # Clicking the first and the last lands on their entries.
    for position in sorted({0, len(cites) - 1}):
        href = cites[position]["href"]
        link = page.locator(f"article .citation a.citation-ref[href='{href}']").first
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_url(re.compile(re.escape(href) + "$"))
        entry = page.locator(f"[id='{href[1:]}']")
        expect(entry).to_be_in_viewport()
        page.evaluate("window.scrollTo(0, 0)")
    guard.assert_clean()


REFERENCE_HEAD = """el => {
    // The entry's text before its first <em> (the journal or book): "Authors (year). Title."
    let out = '';
    for (const node of el.childNodes) {
        // An <em> inside "(2001<em>a</em>)" is the year's letter (italic, as the CSL prints it).
        if (node.nodeType === 1 && ['EM', 'SPAN'].includes(node.tagName) && /\\)\\.\\s/.test(out)) break;
        out += node.textContent;
    }
    return out;
}"""


def reference_title(page, href: str) -> str:
    """The title of the cited work, read from the page's reference entry `href`."""
    head = " ".join(page.locator(f"[id='{href[1:]}']").evaluate(REFERENCE_HEAD).split())
    match = re.search(r"\(\d{4}[a-z]?\)\.\s+(.+?)\.?$", head)
    assert match, f"cannot find the work's title in the reference entry {head!r}"
    return match.group(1)


def tooltip_text(page) -> str:
    return " ".join(page.locator(TOOLTIP).inner_text().split())


@pytest.mark.parametrize("effect", EFFECTS, ids=EFFECT_IDS)
def test_citation_preview_on_hover_and_focus(any_site: Site, guarded_page, effect: EffectPage):
    page, guard = guarded_page
    cites = open_effect_citations(page, any_site, effect)
    # The first citation, and one whose reference holds an ampersand (two or more authors),
    # which must show as "&", not as an entity.
    chosen = [cites[0]] + [c for c in cites[1:] if "&" in (c["title"] or "")][:1]
    for cite in chosen:
        formatted = " ".join(html.unescape(cite["title"] or "").split())
        assert formatted, f"{effect.src}: citation {cite['href']} has no title (the formatted reference)"
        title = reference_title(page, cite["href"])
        link = page.locator(f"article .citation a.citation-ref[href='{cite['href']}']").first
        link.scroll_into_view_if_needed()

        # Hover: Material's tooltip (role=tooltip, class md-tooltip2--active) shows the reference.
        link.hover()
        expect(page.locator(TOOLTIP)).to_be_visible()
        expect(page.locator(TOOLTIP)).to_have_count(1)
        expect(page.locator(TOOLTIP)).to_contain_text(title)
        assert tooltip_text(page) == formatted

        # Leave: it goes away. Keyboard focus: it comes back.
        page.mouse.move(0, 0)
        expect(page.locator(TOOLTIP)).to_have_count(0)
        link.focus()
        expect(page.locator(TOOLTIP)).to_be_visible()
        expect(page.locator(TOOLTIP)).to_contain_text(title)
        assert tooltip_text(page) == formatted
        link.blur()
        expect(page.locator(TOOLTIP)).to_have_count(0)
    guard.assert_clean()


# ---------------------------------------------------------------------------------------------
# Figure 1
# ---------------------------------------------------------------------------------------------

FIGURE_LINKS = figure_links() if FIGURE_SVG.is_file() else []


def test_figure_has_links():
    assert FIGURE_LINKS, "docs/assets/figure-1.svg has no links"


@pytest.mark.parametrize("position,src", list(enumerate(FIGURE_LINKS)), ids=FIGURE_LINKS)
def test_figure_link_opens_its_page(any_site: Site, guarded_page, position: int, src: str):
    page, guard = guarded_page
    open_page(page, any_site.url("index.md"))
    links = page.locator("article svg:has(a) a")
    expect(links).to_have_count(len(FIGURE_LINKS))
    link = links.nth(position)
    link.scroll_into_view_if_needed()
    link.click()
    expected = any_site.url(src)
    page.wait_for_url(expected)
    assert page.url == expected
    wait_for_material(page)
    guard.assert_clean()


# ---------------------------------------------------------------------------------------------
# Glossary abbreviations
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("src", ["index.md", "glossary.md"])
def test_abbreviation_shows_tooltip(any_site: Site, guarded_page, src: str):
    page, guard = guarded_page
    open_page(page, any_site.url(src))
    abbrs = page.locator("article abbr[title]")
    expect(abbrs.first).to_be_attached()
    abbr = next((abbrs.nth(i) for i in range(abbrs.count()) if abbrs.nth(i).is_visible()), None)
    assert abbr is not None, f"no visible abbreviation on {src}"
    expected = " ".join(abbr.get_attribute("title").split())
    assert expected, "an abbreviation with an empty title"
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    assert " ".join(tooltip.inner_text().split()) == expected
    guard.assert_clean()
