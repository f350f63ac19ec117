from bs4 import BeautifulSoup
from citekit.bibliography import parse_string
from citekit.render import Resolver, citation, identifier_links, reference
from citekit.style import assign_labels
from citekit.syntax import scan

BIB = r"""
@article{o1998a, author = {Ostrowski, K. and Rohde, T. and Pedersen, B. K.}, year = 1998, month = may, title = {A}, journal = {J Physiol}}
@article{o1998b, author = {Ostrowski, K. and Hermann, C. and Pedersen, B. K.}, year = 1998, month = dec, title = {B}, journal = {J Physiol}}
@article{o1999, author = {Ostrowski, K. and Rohde, T. and Pedersen, B. K.}, year = 1999, title = {C}, journal = {J Physiol},
  doi = {10.1111/j.1469-7793.1999.287ad.x}, pmid = {9925898}, pmcid = {PMC2269132}}
@article{evil, author = {<img src=x onerror=alert(1)> and Smith, J.}, year = 2000,
  title = {<script>alert("x")</script> *not emphasis* [@o1999]}, journal = {J}, url = {javascript:alert(1)}}
@article{web, author = {Doe, J.}, year = 2001, title = {T}, url = {https://example.org/x?a=1&b=2}}
@article{wide, author = {Kowalczyk, Pawe{\l} and Dvo{\v{r}}{\'a}k, Ji{\v{r}}{\'\i}}, year = 2002, title = {Caf{\'e} {$\alpha$}-waves},
  journal = {J Physiol}, volume = 540, pages = {1328--1334}}
"""
bib = parse_string(BIB)
LABELS = assign_labels(bib, bib.entries)
RES = Resolver(bib.entries, LABELS)


def render(text):
    return citation(scan(text).citations[0], RES)


def test_collapsed_group_links_every_item():
    html = render("[@o1998a; @o1998b; @o1999]")
    soup = BeautifulSoup(html, "html.parser")
    # Letters follow the list (Hermann before Rohde); cites follow their dates (May, December).
    assert soup.get_text() == "(Ostrowski et al. 1998b, 1998a, 1999)"
    assert [a["href"] for a in soup.select("a.citation-ref")] == ["#ref-o1998a", "#ref-o1998b", "#ref-o1999"]
    assert soup.span["data-cites"] == "o1998a o1998b o1999"


def test_preview_is_the_formatted_reference():
    a = BeautifulSoup(render("[@o1999]"), "html.parser").a
    assert a["title"] == "Ostrowski K, Rohde T & Pedersen BK (1999). C. J Physiol."


def test_prefix_locator_and_year_only():
    assert BeautifulSoup(render("[see @o1999, p. 33]"), "html.parser").get_text() == \
        "(see Ostrowski et al. 1999, p. 33)"
    assert BeautifulSoup(render("[-@o1999]"), "html.parser").get_text() == "(1999)"
    assert BeautifulSoup(render("as @o1999 found"), "html.parser").get_text() == "Ostrowski et al. (1999)"


def test_bibtex_strings_are_escaped_not_executed():
    li = reference(bib["evil"], LABELS)
    soup = BeautifulSoup(li, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert not any(tag.has_attr("onerror") for tag in soup.find_all(True))
    assert '<script>alert("x")</script>' in soup.get_text()
    # Markdown runs after the hook: emphasis and citation syntax in titles must stay literal.
    assert "*" not in li and "[@" not in li


def test_only_http_urls_become_links():
    assert "javascript" not in identifier_links(bib["evil"])
    assert identifier_links(bib["web"]) == \
        '<a class="reference-link" href="https://example.org/x?a=1&amp;b=2">Link</a>'


def test_identifier_links():
    links = BeautifulSoup(identifier_links(bib["o1999"]), "html.parser").find_all("a")
    assert [a["href"] for a in links] == ["https://doi.org/10.1111/j.1469-7793.1999.287ad.x",
                                          "https://pubmed.ncbi.nlm.nih.gov/9925898/",
                                          "https://pmc.ncbi.nlm.nih.gov/articles/PMC2269132/"]


def test_characters_beyond_latin1_are_written_as_they_are():
    pieces = [reference(bib["wide"], LABELS), render("[@wide]"), render("@wide said")]
    assert "Dvořák" in pieces[0] and "1328–1334" in pieces[0]
    li = BeautifulSoup(pieces[0], "html.parser").li
    assert li.get_text().startswith("Kowalczyk P & Dvořák J (2002). Café α-waves. J Physiol 540, 1328–1334.")
    a = BeautifulSoup(pieces[1], "html.parser").a
    assert a.get_text() == "Kowalczyk & Dvořák, 2002" and "1328–1334" in a["title"]


def test_reference_entry_has_the_pandoc_anchor():
    li = BeautifulSoup(reference(bib["o1998a"], LABELS), "html.parser").li
    assert li["id"] == "ref-o1998a" and li.find("em", string="J Physiol") is not None


def test_preview_stays_text_when_read_as_html():
    # Material's tooltips insert the title as markup: one decoding must leave only text.
    a = BeautifulSoup(render("[@evil]"), "html.parser").a
    as_tooltip = BeautifulSoup(a["title"], "html.parser")
    assert as_tooltip.find() is None
    assert '<script>alert("x")</script>' in as_tooltip.get_text()


def _rendered(text: str):
    """A page through the engine's two steps, with Markdown in between: (converted page, Rendered)."""
    import markdown
    from citekit import Site
    site = Site(bib)
    site.scan_page("p.md", text)
    site.finish()
    tokens, rendered = site.render_page(text)
    assert "[@" not in tokens and "<" not in tokens        # Markdown gets plain tokens
    return markdown.markdown(tokens, extensions=["attr_list"]), rendered


def test_search_sees_a_citation_as_its_text_and_the_page_gets_its_markup():
    html, rendered = _rendered("Shown [@o1999].\n")
    filled = BeautifulSoup(rendered.fill(html), "html.parser")
    assert filled.p.get_text() == "Shown (Ostrowski et al. 1999)."
    assert filled.find("a") is None and filled.find("li") is None   # nothing more for search to parse
    page = BeautifulSoup(rendered.finish(rendered.fill(html)), "html.parser")
    assert page.p.get_text() == "Shown (Ostrowski et al. 1999)."
    assert page.p.select_one("a.citation-ref")["href"] == "#ref-o1999"
    assert page.p.select_one("a.citation-ref")["title"].startswith("Ostrowski K, Rohde T & Pedersen BK (1999)")
    assert [li["id"] for li in page.select("ul.references li")] == ["ref-o1999"]
    assert "citekit" not in str(page)


def test_a_citation_changed_between_the_two_steps_is_left_as_text():
    html, rendered = _rendered("Shown [@o1999].\n")
    finished = rendered.finish(rendered.fill(html).replace("Ostrowski", "Someone"))
    page = BeautifulSoup(finished, "html.parser")
    assert page.p.get_text() == "Shown (Someone et al. 1999)." and page.p.find("a") is None
    assert "citekit:" not in finished


def test_bibliography_marker_becomes_the_list_where_it_stands():
    html, rendered = _rendered("Shown [@o1999].\n\n\\bibliography\n\nAfter the list.\n")
    finished = rendered.finish(rendered.fill(html), "<p>tail</p>")
    page = BeautifulSoup(finished, "html.parser")
    blocks = [tag.name for tag in page.find_all(recursive=False)]
    assert blocks == ["p", "ul", "p", "p"]   # the list is a block of its own, not inside a <p>
    assert [li["id"] for li in page.ul.select("li")] == ["ref-o1999"]
    assert page.find_all("p")[-1].get_text() == "tail" and "citekit" not in finished


def test_bibliography_marker_on_a_page_that_cites_nothing_leaves_nothing():
    html, rendered = _rendered("Nothing cited.\n\n\\bibliography\n")
    finished = rendered.finish(rendered.fill(html))
    assert BeautifulSoup(finished, "html.parser").find("ul") is None and "citekit" not in finished


def test_pages_rendered_ahead_are_used_only_while_their_text_is_unchanged():
    from citekit import Site
    site = Site(bib)
    site.scan_page("a.md", "First [@o1999].\n")
    site.scan_page("b.md", "Second [@o1998a].\n")
    site.scan_page("c.md", "Third [@o1998b].\n")
    site.finish()
    site.render_all()
    ahead = site.rendered["a.md"][1]
    tokens, rendered = site.page("a.md", "First [@o1999].\n")
    assert tokens == ahead and rendered.listed == ["o1999"]
    # Another hook changed b.md's Markdown after the scan: its own text is rendered instead.
    tokens, rendered = site.page("b.md", "Second [@o1998b].\n")
    assert rendered.listed == ["o1998b"] and "[@" not in tokens
    assert set(site.rendered) == {"c.md"}   # each result is used once, then let go


def test_et_al_and_year_letters_are_italic_in_citations():
    a = BeautifulSoup(render("[@o1998a]"), "html.parser").a
    assert [em.get_text() for em in a.find_all("em")] == ["et al.", "b"]
    assert a.get_text() == "Ostrowski et al. 1998b"
    li = BeautifulSoup(reference(bib["o1998a"], LABELS), "html.parser").li
    assert li.find("em").get_text() == "b"   # the letter; et al. is roman in the list


def test_cites_in_a_group_are_sorted_by_date_unless_a_prefix_is_written():
    sorted_ = BeautifulSoup(render("[@o1999; @wide; @o1998b]"), "html.parser")
    assert sorted_.get_text() == "(Ostrowski et al. 1998a, 1999; Kowalczyk & Dvořák, 2002)"
    kept = BeautifulSoup(render("[see @o1999; also @o1998b]"), "html.parser")
    assert kept.get_text() == "(see Ostrowski et al. 1999; also Ostrowski et al. 1998a)"
    located = BeautifulSoup(render("[@wide, p. 3; @o1999]"), "html.parser")
    assert located.get_text() == "(Ostrowski et al. 1999; Kowalczyk & Dvořák, 2002, p. 3)"


def test_narrative_citation_with_a_suffix():
    item = scan("@o1999").citations[0].items[0]._replace(suffix="p. 33")
    html = citation(scan("@o1999").citations[0]._replace(items=(item,)), RES)
    assert BeautifulSoup(html, "html.parser").get_text() == "Ostrowski et al. (1999, p. 33)"
    item = item._replace(suffix=", p. 34")
    html = citation(scan("@o1999").citations[0]._replace(items=(item,)), RES)
    assert BeautifulSoup(html, "html.parser").get_text() == "Ostrowski et al. (1999, p. 34)"


def test_markdown_in_prefix_and_suffix_is_rendered_and_nothing_else():
    soup = BeautifulSoup(render("[*see* @o1999, p. **32** and `code <b>`]"), "html.parser")
    assert soup.get_text() == "(see Ostrowski et al. 1999, p. 32 and code <b>)"
    assert [t.name for t in soup.span.find_all(["em", "strong", "code"])] == ["em", "em", "strong", "code"]
    assert soup.find("b") is None and "*" not in soup.get_text()


def test_an_escaped_at_sign_in_a_prefix_shows_no_backslash():
    from citekit.syntax import Citation, Item
    html = citation(Citation(0, 1, (Item("o1999", prefix=r"mail \@team and"),)), RES)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.get_text() == "(mail @team and Ostrowski et al. 1999)"
