"""The review's claims where they are stated, and every "claim A6" on the site linked to them.

The claims (ID, part of the review, this site's paraphrase) are those of `seeds/review.yaml`,
shown as they are written there, never reworded. They are stated once, on the About page
(`STATED_ON`), where `<!-- review-claims -->` becomes a table with one row per claim: the row
has the anchor `claim-a6` and its ID is the permalink (`about/#claim-a6`). On every page, a
claim named in the text as pages name them ("(claim A6)", "claims A5, A6", "claims A8 and A9",
"claims A1–A9", "Claim A7"), and in the evidence overview a cell of claim IDs ("A5, A6"), gets
each ID linked to that row; IDs the review does not have stay
text (the page checks report them), and nothing is linked inside links, code, headings (the
table of contents is made from the Markdown), scripts, styles or figures.

Both hosts call `finish_page` on a page's finished HTML (citations and "Cite this page" in):
MkDocs and ProperDocs from hooks/readers.py (`on_env`), Zensical from its extension's last
postprocessor, so the articles are equal. Only the link's page part differs by host
(`stated_href`): the MkDocs adapter passes the built page's relative URL, Zensical the source
file's (which it rewrites).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

STATED_ON = "about.md"
MARKER = "<!-- review-claims -->"
# seeds/review.yaml calls the review's unheaded opening paragraph "Introduction"; the review has
# no heading of that name, so the table says what it is.
PART_SHOWN = {"Introduction": "Opening paragraph (no heading)"}

_ID = r"[AIC]\d+"
# "claim A6", "claims A5, A6", "claims A8 and A9", "claims A1–A9" (as hooks/pagemeta/checks.py
# reads claim mentions), and "Claim A7" at the start of a sentence.
_MENTION = re.compile(rf"\b([Cc]laims?\s+)({_ID}(?:\s*(?:,|and|or|to|-|–)\s*{_ID})*)\b")
_ONE_ID = re.compile(rf"\b{_ID}\b")
# The evidence overview (hooks/pagemeta/blocks.py) lists a row's claims as IDs alone: "A5, A6".
# Found with str.find, not a regex: '<div class="effects-overview">.*?</table>' scanned the rest of
# the page for every opening left without a table (quadratic: 8000 of them took 33 s).
_OVERVIEW_START, _OVERVIEW_END = '<div class="effects-overview">', "</table>"
_ID_CELL = re.compile(rf"(<td\b[^>]*>)(\s*{_ID}(?:\s*,\s*{_ID})*\s*)(</td>)")
# A tag or a comment; the text between them is what may be linked. A quoted attribute value may
# hold '>' (title="1 > 0, claim A6"): the tag ends at the first '>' outside quotes, or a link
# would be put inside the attribute and its quotes would end it.
# A quote opens a value only after '=' (alt=it's is an unquoted value holding an apostrophe).
# A comment never closed runs to the end, as in a browser (and one scan, not one per '<!--').
_MARKUP = re.compile(r"""<!--.*?(?:-->|\Z)|<[A-Za-z/!?](?:[^<>=]|=\s*(?:"[^"]*"|'[^']*'|(?=[^"'\s])))*>""", re.DOTALL)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
# Elements whose text is never linked: a link cannot hold a link; code is code; headings feed the
# table of contents; an SVG figure has its own links.
_NO_LINKS = {"a", "code", "pre", "script", "style", "textarea", "svg", "button", "title",
             "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Claim:
    id: str      # "A6"
    part: str    # the part of the review it is from ("Abstract")
    text: str    # this site's paraphrase, as seeds/review.yaml words it

    @property
    def anchor(self) -> str:
        """The row's id, escaped for the attributes it goes in: an ID of seeds/review.yaml holding
        a quote (`A6" onmouseover="…`) would otherwise add attributes to the row and its links."""
        return html.escape(f"claim-{self.id.lower()}")


def load(review_file: Path) -> list[Claim]:
    """The claims of `review_file` in its order; none when it cannot be read (hooks/effects.py
    reports that, located, so it is not reported twice)."""
    try:
        review = yaml.safe_load(review_file.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    found = review.get("claims") if isinstance(review, dict) else None
    return [Claim(str(c["id"]), str(c.get("section") or ""), str(c.get("text") or ""))
            for c in (found if isinstance(found, list) else []) if isinstance(c, dict) and "id" in c]


def claims_table(claims: list[Claim]) -> str:
    """The table that states the claims: one row per claim, anchored, its ID the permalink."""
    rows = "".join(
        f'<tr id="{c.anchor}"><td><a class="claim-permalink" href="#{c.anchor}" '
        f'title="Permanent link to claim {html.escape(c.id)}">{html.escape(c.id)}</a></td>'
        f"<td>{html.escape(PART_SHOWN.get(c.part, c.part))}</td><td>{html.escape(c.text)}</td></tr>"
        for c in claims)
    return ('<div class="review-claims"><table><thead><tr><th scope="col">Claim</th>'
            '<th scope="col">Part of the review</th><th scope="col">What the review states '
            f"(this site's paraphrase)</th></tr></thead><tbody>{rows}</tbody></table></div>")


def source_href(src_uri: str, sources) -> str | None:
    """`stated_href` for a host that links to source files (Zensical): the stating page's .md
    relative to this page's, "" on that page, None when the site has no such page."""
    if STATED_ON not in sources:
        return None
    return "" if src_uri == STATED_ON else posixpath.relpath(STATED_ON, posixpath.dirname(src_uri) or ".")


def review_file(extra: dict | None) -> str:
    """Where the claims are: extra.effects.review of the configuration, as hooks/effects.py reads it."""
    effects = (extra or {}).get("effects")
    return str((effects.get("review") if isinstance(effects, dict) else None) or "seeds/review.yaml")


def statement_problem(page_html: str, claims: list[Claim]) -> tuple[str, str] | None:
    """(message, hint) when the page that states the claims has lost its marker: every claim link
    of the site would then lead nowhere."""
    if not claims or MARKER in page_html:
        return None
    return (f"the review's claims are linked to this page (every 'claim A6' of the site), but it has no "
            f"'{MARKER}' line, where the table of claims goes",
            f"Put the line {MARKER} back where the claims are to be listed (under 'Claim labels')")


def finish_page(page_html: str, claims: list[Claim], stated_href: str | None) -> str:
    """The page with the claims table in place of the marker and every claim mention linked.

    `stated_href` is the link to the page that states the claims, from this page ("" on that
    page itself); None: no page states them, and nothing is linked.
    """
    if not claims or stated_href is None:
        return page_html
    if stated_href == "" and MARKER in page_html:
        page_html = page_html.replace(MARKER, claims_table(claims), 1)
    by_id = {c.id: c for c in claims}
    page_html = _link_overview_cells(page_html, by_id, stated_href)
    out: list[str] = []
    open_counts: dict[str, int] = {}
    position = 0
    for markup in _MARKUP.finditer(page_html):
        out.append(_link_text(page_html[position:markup.start()], by_id, stated_href, open_counts))
        out.append(markup.group())
        _track(markup.group(), open_counts)
        position = markup.end()
    out.append(_link_text(page_html[position:], by_id, stated_href, open_counts))
    return "".join(out)


def _link_overview_cells(page_html: str, by_id: dict[str, Claim], stated_href: str) -> str:
    """The IDs in the cells of every evidence overview (from its opening to its first `</table>`) linked."""
    def link_cell(cell: re.Match) -> str:
        return cell.group(1) + _ONE_ID.sub(lambda found: _link(found, by_id, stated_href), cell.group(2)) \
            + cell.group(3)

    out, position = [], 0
    while (start := page_html.find(_OVERVIEW_START, position)) >= 0:
        end = page_html.find(_OVERVIEW_END, start)
        if end < 0:
            break   # no table after this opening, so none after any later one either
        end += len(_OVERVIEW_END)
        out += [page_html[position:start], _ID_CELL.sub(link_cell, page_html[start:end])]
        position = end
    out.append(page_html[position:])
    return "".join(out)


def _track(markup: str, open_counts: dict[str, int]) -> None:
    found = _TAG_NAME.match(markup)
    if not found or markup.endswith("/>"):
        return
    closing, name = found.group(1) == "/", found.group(2).lower()
    if name in _NO_LINKS:
        open_counts[name] = max(0, open_counts.get(name, 0) + (-1 if closing else 1))


def _link_text(text: str, by_id: dict[str, Claim], stated_href: str, open_counts: dict[str, int]) -> str:
    if not text or any(open_counts.values()) or "laim" not in text:
        return text

    def link_ids(mention: re.Match) -> str:
        return mention.group(1) + _ONE_ID.sub(lambda found: _link(found, by_id, stated_href), mention.group(2))

    return _MENTION.sub(link_ids, text)


def _link(found: re.Match, by_id: dict[str, Claim], stated_href: str) -> str:
    claim = by_id.get(found.group())
    if claim is None:
        return found.group()
    return (f'<a class="claim-ref" href="{html.escape(stated_href)}#{claim.anchor}" '
            f'title="Claim {html.escape(claim.id)}: {html.escape(claim.text)}">{html.escape(claim.id)}</a>')
