"""What a reader does that the MkDocs-only tests could not check on the Zensical builds, hosted
(http://127.0.0.1) and from the offline copy (file://, its index inlined as search.js and read
through the iframe-worker shim): Zensical's own search dialog finds a page's text and never a
reference list's; and, on every build (MkDocs and Zensical), the References page's "Cited on"
links open the citing page at the section with the citation, and Back returns.

Citations, previews, Back after a citation, downloads and the rest run on the Zensical builds
through the `any_site` fixture (test_browser_reading.py, test_anchors.py,
test_reference_export.py). Every test also asserts that no request left the machine and that
no console error or uncaught exception occurred.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import EffectPage, Site, effect_pages, open_page, search_term, strip_query, without_fragment
from bs4 import BeautifulSoup
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EFFECTS = effect_pages()
# Zensical's search: a button in the header opens a <dialog> (in a shadow root, which
# Playwright's CSS locators enter) with a combobox, a status line and a list of options.
DIALOG = "dialog[aria-label='Search']"
QUERY = f"{DIALOG} input[role=combobox]"
STATUS = f"{DIALOG} [role=status]"
RESULT = f"{DIALOG} ol[role=listbox] a[role=option]"
# The page whose reference list the search must not see, and how many of its words to try.
CITING_PAGE = "production/kinetics.md"
TRIED_WORDS = 3
# Edits: Zensical 0.0.73 finds words two edits away ("bailey" finds "failed"); of the words
# three edits away from all page text that were tried, none was found. Four leaves a margin.
FAR = 4
# Only in lists and blocks that are not the page's text: what search must not find.
NOT_PAGE_TEXT = ("ul.references", ".cite-this-page", "p.reference-downloads")


# ---------------------------------------------------------------------------------------------
# Search (Zensical's dialog)
# ---------------------------------------------------------------------------------------------

def open_search(page):
    page.locator("button.md-search__button").click()
    expect(page.locator(DIALOG)).to_be_visible()
    expect(page.locator(QUERY)).to_be_focused()


def _asked(href: str) -> list[str]:
    return parse_qs(urlsplit(href).query).get("h", [])


def search(page, query: str) -> tuple[str, list[str]]:
    """Type `query` into the open dialog; its status line and result links once they show the
    results of the whole query (each link asks to highlight it) and are the same twice, 250 ms apart."""
    box = page.locator(QUERY)
    box.fill("")
    box.press_sequentially(query)
    previous = None
    for _ in range(60):
        page.wait_for_timeout(250)
        current = (page.locator(STATUS).inner_text().strip(),
                   page.locator(RESULT).evaluate_all("els => els.map(a => a.href)"))
        final = all(_asked(h) == [query] for h in current[1]) and (current[1] or current[0] == "No results")
        if final and current == previous:
            return current
        previous = current
    raise AssertionError(f"the results of {query!r} did not settle: last {previous}")


def page_of(href: str) -> str:
    return strip_query(without_fragment(href))


def assert_counted(status: str, links: list[str]) -> None:
    """The status line counts the results; the list shows them, the first ten at least."""
    count = re.fullmatch(r"(\d+) results?", status)
    assert count and int(count.group(1)) >= len(links) == min(int(count.group(1)), 10), (status, links)


@pytest.mark.parametrize("effect", EFFECTS, ids=[p.slug for p in EFFECTS])
def test_search_finds_and_highlights(zensical_build: Site, guarded_page, effect: EffectPage):
    """As test_browser_reading.py's search test does on MkDocs, with Zensical's dialog."""
    site = zensical_build
    page, guard = guarded_page
    term = search_term(effect)
    target = without_fragment(site.url(effect.src))
    open_page(page, site.url("index.md"))
    open_search(page)
    status, links = search(page, term)
    assert_counted(status, links)
    # The page itself is among the results (not only sections of it).
    assert any(page_of(link) == target and not urlsplit(link).fragment
               for link in links), f"{term!r}: no result for {target} in {links}"
    # Found and clicked in one step (as on MkDocs: the list may be redrawn in between).
    page.locator(DIALOG).evaluate(
        """(dialog, target) => [...dialog.querySelectorAll('a[role=option]')].find(a => {
            const u = new URL(a.href); return u.origin + u.pathname === target && !u.hash;
        }).click()""", target)
    page.wait_for_url(re.compile(re.escape(target) + r"\?h="))
    expect(page.locator("article mark").first).to_be_visible()
    # Every mark is the term (those in the closed "Cite this page" block included, unseen).
    marked = [t.strip().lower() for t in page.locator("article mark").all_text_contents()]
    assert marked and all(t == term for t in marked), f"{term!r} highlighted as {marked}"
    guard.assert_clean()


def page_words(site: Site) -> tuple[dict[str, set[str]], set[str]]:
    """The words of each built page's article outside the reference lists (and "Cite this
    page", and the download links), by page; and every word of CITING_PAGE's reference list."""
    seen, listed = {}, set()
    for path in sorted(site.root.rglob("*.html")):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is None:
            continue
        if path == site.file(CITING_PAGE):
            listed = {w.lower() for li in article.select("ul.references li.reference")
                      for w in re.findall(r"[A-Za-z]+", li.get_text(" "))}
        for tag in article.select(", ".join(NOT_PAGE_TEXT)):
            tag.decompose()
        seen[path.relative_to(site.root).as_posix()] = {w.lower() for w in re.findall(r"[A-Za-z]+", article.get_text(" "))}
    return seen, listed


def prefix_distance(word: str, other: str) -> int:
    """Edits that turn `word` into the beginning of `other` (Levenshtein, any prefix of `other`)."""
    row = list(range(len(other) + 1))
    for i, c in enumerate(word, 1):
        new = [i]
        for j, d in enumerate(other, 1):
            new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (c != d)))
        row = new
    return min(row)


def reference_only_words(seen: dict[str, set[str]], listed: set[str]) -> list[str]:
    """Words of CITING_PAGE's reference list (journals, co-authors, titles) that no page's text
    comes near: Zensical's search finds words by their beginning, with typos ("bailey" finds
    "failed", "andersen" finds "Pedersen"), so each is FAR edits from the beginning of every word."""
    everywhere = set().union(*seen.values())
    alone = [w for w in sorted(listed) if len(w) >= 6
             and all(prefix_distance(w, other) >= FAR for other in everywhere)]
    return alone[:TRIED_WORDS]


def test_search_finds_the_citing_text_and_not_the_reference_list(zensical_build: Site, guarded_page):
    """A name the page's citations show is found on the page; words only its reference list
    says (a journal, a co-author) are not found at all."""
    site = zensical_build
    page, guard = guarded_page
    seen, listed = page_words(site)
    words = reference_only_words(seen, listed)
    assert len(words) == TRIED_WORDS, f"{CITING_PAGE}: too few words only in its reference list: {words}"
    open_page(page, site.url(CITING_PAGE))
    # An author's name as the page's citations show it (the one that the fewest pages say, so
    # that this page is among the first ten results): page text, so it is found on this page,
    # and never in a "References" section.
    shown = page.locator("article .citation a.citation-ref").all_inner_texts()
    names = sorted({m.group(0) for m in (re.match(r"[^\W\d_]+", t) for t in shown) if m})
    author = min(names, key=lambda n: sum(n.lower() in said for said in seen.values()))
    open_search(page)
    status, links = search(page, author)
    assert_counted(status, links)
    here = without_fragment(site.url(CITING_PAGE))
    assert any(page_of(link) == here for link in links), f"{author!r} is not found on {CITING_PAGE}: {links}"
    assert not [link for link in links if urlsplit(link).fragment == "references"], links
    # Words that only its reference list says: nothing is found.
    for word in words:
        assert search(page, word) == ("No results", []), f"{word!r} (only in reference lists) is found"
    guard.assert_clean()


# ---------------------------------------------------------------------------------------------
# "Cited on" (every build)
# ---------------------------------------------------------------------------------------------

# The heading a "Cited on" link names, and whether its section (up to the next heading of the
# same or a higher level) cites the work: a citation link to the page's entry for the key.
SECTION = """([id, key]) => {
    const heading = document.getElementById(id);
    if (!heading || !/^H[1-6]$/.test(heading.tagName)) return null;
    const copy = heading.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(a => a.remove());
    const level = Number(heading.tagName[1]);
    let cites = 0;
    for (let el = heading.nextElementSibling; el; el = el.nextElementSibling) {
        if (/^H[1-6]$/.test(el.tagName) && Number(el.tagName[1]) <= level) break;
        cites += el.querySelectorAll(`a.citation-ref[href="#ref-${key}"]`).length;
    }
    return {text: copy.textContent.trim(), cites};
}"""


def test_cited_on_links_open_the_citing_section(any_site: Site, guarded_page):
    """The first, middle and last entries of the References page: their first and last "Cited on"
    links ("Page › Heading") open the page they name at the heading they name, whose section
    cites the work, in view below the header; Back returns to the entry."""
    site = any_site
    page, guard = guarded_page
    references = site.url("references.md")
    open_page(page, references)
    entries = page.locator("article ul.references > li.reference")
    count = entries.count()
    assert count > 2
    for position in sorted({0, count // 2, count - 1}):
        entry = entries.nth(position)
        key = entry.get_attribute("data-key")
        assert entry.get_attribute("id") == f"ref-{key}"
        links = entry.locator(".cited-on a")
        assert links.count() > 0, f"{key}: no 'Cited on' link"
        for index in sorted({0, links.count() - 1}):
            link = links.nth(index)
            # "Page › Heading"; just "Page" when the heading is the page's title.
            title, _, heading = link.inner_text().partition(" › ")
            heading = heading or title
            href = link.evaluate("a => a.href")
            anchor = urlsplit(href).fragment
            assert title and anchor, f"{key}: 'Cited on' link {link.inner_text()!r} -> {href}"
            link.scroll_into_view_if_needed()
            link.click()
            page.wait_for_url(href)
            # The page is the one named: its entry in the navigation is the current one.
            current = page.locator("nav.md-nav--primary a.md-nav__link--active:not([href^='#'])")
            expect(current).to_have_text(title)
            section = page.evaluate(SECTION, [anchor, key])
            assert section is not None, f"{key}: {href} leads to no heading"
            assert section["text"] == heading, f"{key}: {href} leads to {section['text']!r}"
            assert section["cites"] > 0, f"{key}: {href} names a section that does not cite it"
            target = page.locator(f"[id='{anchor}']")
            expect(target).to_be_in_viewport()
            header = page.locator("header.md-header").bounding_box()
            assert target.bounding_box()["y"] >= header["y"] + header["height"] - 1, f"{href}: under the header"
            page.go_back()
            page.wait_for_url(references)
            expect(entry).to_be_in_viewport()
    guard.assert_clean()
