"""The review's claims: stated once (About page, anchored, with a permalink, in the words of
seeds/review.yaml) and every "claim A6" on every page linked to that statement."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from readerkit import claims

ROOT = Path(__file__).resolve().parent.parent
REVIEW = yaml.safe_load((ROOT / "seeds" / "review.yaml").read_text(encoding="utf-8"))
CLAIMS = claims.load(ROOT / "seeds" / "review.yaml")
# A claim named in running text, as pages name them (hooks/pagemeta/checks.py reads the same forms).
MENTION = re.compile(r"\b[Cc]laims?\s+[AIC]\d+")
NEVER_LINKED = {"a", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6"}


# ---- the function on its own --------------------------------------------------------------

def test_claims_are_read_as_the_review_file_words_them():
    assert [(c.id, c.text) for c in CLAIMS] == [(c["id"], c["text"]) for c in REVIEW["claims"]]


@pytest.mark.parametrize(("given", "linked"), [
    ("<p>as proposed (claim A6).</p>", ["A6"]),
    ("<p>(claims A5, A6)</p>", ["A5", "A6"]),
    ("<p>claims A8 and A9</p>", ["A8", "A9"]),
    ("<p>claims A1–A9</p>", ["A1", "A9"]),
    ("<p>Claim A7, that</p>", ["A7"]),
    ("<p>claim A16 is no claim of the review</p>", []),
    ("<p><code>claim A6</code> <a href='x'>claim A6</a></p>", []),
    ("<h2 id='x'>On claim A6</h2>", []),
    ("<p>A6 without the word</p>", []),
])
def test_mentions_linked(given, linked):
    soup = BeautifulSoup(claims.finish_page(given, CLAIMS, "../about/"), "html.parser")
    found = soup.select("a.claim-ref")
    assert [a.get_text() for a in found] == linked
    assert all(a["href"] == f"../about/#claim-{a.get_text().lower()}" for a in found)
    assert soup.get_text() == BeautifulSoup(given, "html.parser").get_text()   # the text is unchanged


def test_overview_cells_of_claim_ids_linked():
    overview = ('<div class="effects-overview"><table><tr><td>A5, A6</td><td>A5 and more</td>'
                '<td data-label="x">A16</td></tr></table></div><table><tr><td>A5</td></tr></table>')
    soup = BeautifulSoup(claims.finish_page(overview, CLAIMS, "../about/"), "html.parser")
    assert [a.get_text() for a in soup.select("a.claim-ref")] == ["A5", "A6"]
    assert soup.get_text() == BeautifulSoup(overview, "html.parser").get_text()


def test_nothing_linked_without_a_stating_page():
    assert claims.finish_page("<p>claim A6</p>", CLAIMS, None) == "<p>claim A6</p>"


def test_the_marker_becomes_the_table_only_on_the_stating_page():
    assert claims.MARKER in claims.finish_page(claims.MARKER, CLAIMS, "../about/")
    assert 'id="claim-a6"' in claims.finish_page(claims.MARKER, CLAIMS, "")


def test_source_links_for_a_host_that_rewrites_them():
    pages = {"about.md": 1, "effects/x.md": 1}
    assert claims.source_href("effects/x.md", pages) == "../about.md"
    assert claims.source_href("index.md", pages) == "about.md"
    assert claims.source_href("about.md", pages) == ""
    assert claims.source_href("index.md", {"index.md": 1}) is None


# ---- the built site -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, BeautifulSoup]:
    return {p.relative_to(built_site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in built_site.rglob("*.html") if p.name != "404.html"}


def test_every_claim_is_stated_once_with_anchor_and_permalink(pages):
    about = pages["about/index.html"]
    for claim in REVIEW["claims"]:
        anchor = f"claim-{claim['id'].lower()}"
        rows = [el for soup in pages.values() for el in soup.select(f"#{anchor}")]
        assert len(rows) == 1, anchor
        row = about.select_one(f"tr#{anchor}")
        assert row is not None, anchor
        cells = row.find_all("td")
        permalink = cells[0].find("a")
        assert permalink["href"] == f"#{anchor}" and permalink.get_text() == claim["id"]
        assert cells[2].get_text() == claim["text"]


def test_every_mention_links_to_its_claim(pages):
    linked = 0
    for name, soup in pages.items():
        article = soup.find("article")
        for text in article.find_all(string=MENTION):
            if not {p.name for p in text.parents} & NEVER_LINKED:
                pytest.fail(f"{name}: unlinked claim mention {str(text)!r}")
        for link in article.select("a.claim-ref"):
            target = urlsplit(urljoin(f"https://site.test/{name}", link["href"]))
            assert target.path.removesuffix("index.html") == "/about/" and target.fragment == f"claim-{link.get_text().lower()}", name
            assert pages["about/index.html"].select_one(f"tr#{target.fragment}") is not None
            linked += 1
    assert linked >= 60   # the home page alone names about 25 claims
    overview = pages["index.html"].select_one(".effects-overview")
    for row in overview.select("tbody tr"):
        cell = row.find_all("td")[3]   # "Review's claims"
        ids = [i.strip() for i in cell.get_text().split(",") if i.strip() and cell.get_text() != "none readable"]
        assert [a.get_text() for a in cell.select("a.claim-ref")] == ids


# ---- the stating page without its marker --------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("host", ["mkdocs", "zensical"])
def test_a_stating_page_without_its_marker_stops_the_build(tmp_path: Path, host: str):
    import subprocess
    import sys

    from project_copy import copy_project

    project = copy_project(tmp_path / "copy")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace(claims.MARKER + "\n", ""), encoding="utf-8")
    proc = subprocess.run([sys.executable, "scripts/build.py", "--host", host, "--out", str(tmp_path / "site")],
                          cwd=project, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert ("docs/about.md:1: the review's claims are linked to this page (every 'claim A6' of the site), but it "
            f"has no '{claims.MARKER}' line, where the table of claims goes. Put the line {claims.MARKER} back "
            "where the claims are to be listed (under 'Claim labels')") in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "site").exists()
