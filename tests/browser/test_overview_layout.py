"""The evidence overview fits (issue 15, point 5): no sideways scrolling at 390 px (a phone) and
1366 px (a laptop), one card per row with labelled cells on screen (Material's text column is
too narrow for nine columns), and a table with every column in print (checked under print media
emulation at an A4 width; the PDF is printed too, and its text read when pdftotext is installed).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from browser_support import Site

pytestmark = pytest.mark.browser

OVERVIEW = ".effects-overview table"
# The page scrolls sideways when its content is wider than the window; so does the table's own
# wrapper when the table is wider than the text column (Material scrolls tables inside it).
WIDTHS = """() => {
  const table = document.querySelector('.effects-overview table');
  const boxes = [];
  for (let el = table; el && el !== document.body; el = el.parentElement) {
    if (el.scrollWidth > el.clientWidth + 1) boxes.push(el.className || el.tagName);
  }
  return {page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,
          table: table.getBoundingClientRect().width, overflowing: boxes};
}"""


def _open_home(open_context, site: Site, width: int, height: int = 900):
    context, guard = open_context()
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url("index.md"), wait_until="load")
    page.wait_for_function("() => document.readyState === 'complete' && typeof window.document$ !== 'undefined'")
    page.locator(OVERVIEW).scroll_into_view_if_needed()
    return page, guard


@pytest.mark.parametrize("width", [390, 1366])
def test_overview_needs_no_sideways_scrolling(site: Site, open_context, width: int):
    page, guard = _open_home(open_context, site, width)
    sizes = page.evaluate(WIDTHS)
    assert sizes["page"] <= sizes["window"], f"the page scrolls sideways at {width} px: {sizes}"
    assert not sizes["overflowing"], f"the overview scrolls sideways at {width} px inside {sizes['overflowing']}"
    guard.assert_clean()


def test_overview_is_cards_with_labels_on_a_phone(site: Site, open_context):
    page, guard = _open_home(open_context, site, 390)
    cards = page.locator(f"{OVERVIEW} tbody tr")
    assert cards.count() >= 5
    first = cards.first
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
    headings = page.locator(f"{OVERVIEW} thead th").all_inner_texts()
    cells = first.locator("td")
    labels = [cells.nth(i).evaluate("td => getComputedStyle(td, '::before').content") for i in range(cells.count())]
    # The first cell (the effect's name) heads the card; every other cell says its column.
    assert labels[1:] == [f'"{h.strip()}: "' for h in headings[1:]]
    # The cells sit under each other, full width: the row label is never scrolled away.
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(b["x"] == boxes[0]["x"] for b in boxes) and all(b["width"] > 300 for b in boxes), [(b["x"], b["width"]) for b in boxes]
    guard.assert_clean()


def test_overview_keeps_every_column_in_print(site: Site, open_context, tmp_path):
    # An A4 page is about 794 CSS px wide: lay the page out at that width, as print does.
    page, guard = _open_home(open_context, site, 794)
    page.emulate_media(media="print")
    # Under print media the table is a table again, every column inside the page width.
    sizes = page.evaluate(WIDTHS)
    columns = page.locator(f"{OVERVIEW} thead th")
    last = columns.nth(columns.count() - 1).bounding_box()
    article = page.locator("article").bounding_box()
    assert last["x"] + last["width"] <= article["x"] + article["width"] + 1, (last, article)
    assert not sizes["overflowing"], sizes
    pdf = tmp_path / "home.pdf"
    page.pdf(path=str(pdf), format="A4")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        flat = " ".join(text.split())
        for heading in columns.all_inner_texts()[-3:]:
            assert heading.strip() in flat, f"column {heading!r} missing from the printed PDF"
    guard.assert_clean()
