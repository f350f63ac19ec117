"""HTML for in-text citations, reference entries and reference lists.

Every string from BibTeX or from a citation goes through `encode` for the context it
lands in (see there). Only http(s) addresses become links. Each reference entry carries its
COinS span (`export.coins`), which reference managers detect on the page.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .bibliography import Entry
from .encode import attr, clean, inert, inline_markdown, plain_title, repair_title_element, text
from .export import record
from .style import ET_AL, Card, Labels, card_of, format_reference, plain_text, sort_key
from .syntax import Citation, Item

__all__ = ["Resolver", "anchor", "attr", "citation", "clean", "identifier_links", "inert",
           "inline_markdown", "plain_title", "reference", "repair_title_element", "text"]

_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+", re.I)


def anchor(key: str) -> str:
    return "ref-" + key


def _href_fragment(key: str) -> str:
    return "#" + quote(anchor(key), safe=":/.-_~!$&'()*+,;=@")


class Resolver:
    """What rendering needs from the site: entries and labels, and what is made of them."""

    def __init__(self, entries: dict[str, Entry], labels: Labels, cards: dict[str, Card] | None = None) -> None:
        self.entries = entries
        self.labels = labels
        # Each entry's card (style.card), made once: shared with the labels and the disk cache.
        self.cards = {} if cards is None else cards
        # key -> (its <li> without the closing tag, its preview). The one cache kept: every
        # citation carries its reference as a preview, and a popular paper is cited hundreds of
        # times. Without it the engine took 1.9 s instead of 0.5 s on the bench's site at
        # N=500 (500 entries), whose whole build took 8.4 s of CPU: 16 % (wall time in one
        # process, best of 5; valgrind was too slow for the shared machine). The four other
        # caches and the Latin-1 step together were worth 0.15 s there (under 2 %): gone.
        self._made: dict[str, tuple[str, str]] = {}

    def card(self, key: str) -> Card:
        return card_of(self.entries, key, self.cards)

    def parts(self, key: str) -> list:
        return format_reference(self.entries[key], self.labels, self.card(key))

    def _formatted(self, key: str) -> tuple[str, str]:
        made = self._made.get(key)
        if made is None:
            parts = self.parts(key)
            item = reference(self.entries[key], self.labels, parts=parts)
            made = self._made[key] = (item.removesuffix("</li>"), attr(inert(plain_text(parts))))
        return made

    def reference_item(self, key: str, extra: str = "") -> str:
        """The entry's <li>, with `extra` HTML at its end."""
        return f"{self._formatted(key)[0]}{extra}</li>"

    def preview(self, key: str) -> str:
        """The formatted reference as a title attribute's value."""
        return self._formatted(key)[1]

    def link(self, key: str, label: str) -> str:
        """A link to the entry in the page's reference list, showing `label` (HTML)."""
        preview = self.preview(key)
        title = f' title="{preview}"' if preview else ""
        return f'<a class="citation-ref" href="{_href_fragment(key)}"{title}>{label}</a>'

    def names(self, key: str) -> str:
        """The in-text names as HTML, *et al.* in italics."""
        names = self.labels.authors[key]
        if names.endswith(" " + ET_AL):
            return f"{text(names[:-len(ET_AL)])}<em>{ET_AL}</em>"
        return text(names)

    def year(self, key: str) -> str:
        """The year as HTML, its letter in italics."""
        year, letter = self.labels.years[key], self.labels.letters.get(key, "")
        return f"{text(year[:len(year) - len(letter)])}<em>{text(letter)}</em>" if letter else text(year)

    def parenthetical(self, key: str) -> str:
        return self.names(key) + self.labels.separator(key) + self.year(key)

    def cite_order(self, item: Item) -> tuple:
        """Where a cite goes in its citation: date, then author (from the labels when there)."""
        key, labels = item.key, self.labels
        if key in labels.dates:
            return labels.dates[key], labels.orders[key][0]
        made = self.card(key)
        return made.date, made.order[0]

    def sort_key(self, key: str) -> tuple:
        return sort_key(self.entries[key], self.labels)


# A suffix that is only a locator ("p. 33", ", pp. 3-5", "chap. 2"): pandoc still sorts such cites.
_LOCATOR = re.compile(r",?\s*(?:p|pp|page|pages|para|paras|chap|chapter|ch|fig|figs|figure|figures|sec|section|"
                      r"vol|volume|table|tab|no|line|lines|note|notes|col|column|§)\.?\s*[\w\u2013.,:-]+", re.I)


def _sortable(items: tuple[Item, ...]) -> bool:
    return all(not i.prefix and (not i.suffix or _LOCATOR.fullmatch(i.suffix)) for i in items)


def citation(cit: Citation, res: Resolver, keys: list[str] | None = None) -> str:
    """A citation's HTML: a span with a link (and its preview) for every key."""
    cites = attr(" ".join(keys if keys is not None else cit.keys))
    if cit.narrative:
        item = cit.items[0]
        suffix = item.suffix if not item.suffix or item.suffix[0] in ",;.:" else ", " + item.suffix
        label = f"{res.names(item.key)} ({res.year(item.key)}{_suffix(suffix)})"
        return f'<span class="citation citation--narrative" data-cites="{cites}">{res.link(item.key, label)}</span>'
    items = list(cit.items)
    if len(items) > 1 and _sortable(cit.items):
        # The CSL's citation <sort>: date, then author.
        items.sort(key=res.cite_order)
    groups: list[list[Item]] = []
    authors = res.labels.authors
    for item in items:
        # Cites by the same authors join the first one's group: "1998b, 1998a, 1999".
        joined = next((g for g in groups if not item.prefix and not item.year_only and not g[0].year_only
                       and not g[-1].suffix and authors[g[0].key] == authors[item.key]), None)
        if joined is not None:
            joined.append(item)
        else:
            groups.append([item])
    pieces = []
    for group in groups:
        first = group[0]
        prefix = inline_markdown(first.prefix) + " " if first.prefix else ""
        shown = res.year(first.key) if first.year_only else res.parenthetical(first.key)
        piece = prefix + res.link(first.key, shown) + _suffix(first.suffix)
        piece += "".join(", " + res.link(i.key, res.year(i.key)) + _suffix(i.suffix) for i in group[1:])
        pieces.append(piece)
    return f'<span class="citation" data-cites="{cites}">(' + "; ".join(pieces) + ")</span>"


def _suffix(suffix: str) -> str:
    if not suffix:
        return ""
    return inline_markdown(suffix if suffix[0] in ",;.:" else " " + suffix)


def reference(entry: Entry, labels: Labels, extra: str = "", parts: list | None = None) -> str:
    body = []
    for part in parts if parts is not None else format_reference(entry, labels):
        t = text(part.text)
        tag = {"italic": "em", "bold": "strong"}.get(part.style)
        body.append(f"<{tag}>{t}</{tag}>" if tag else t)
    links = identifier_links(entry)
    tail = f' <span class="reference-links">{links}</span>' if links else ""
    return (f'<li class="reference" id="{attr(anchor(entry.key))}" data-key="{attr(entry.key)}">'
            f'{"".join(body)}{tail}{_coins_span(entry)}{extra}</li>')


def _coins_span(entry: Entry) -> str:
    """The entry for reference managers (COinS: Zotero's connector reads `span.Z3988[title]`).

    Empty, so nothing shows; `aria-hidden` so that a screen reader does not read the query
    out as the span's description. The query is percent-encoded (only letters, digits and
    `%+=&._-~` remain), and `attr` escapes its `&`: no value can end the attribute.
    """
    return f'<span class="Z3988" title="{attr(record(entry, "coins"))}" aria-hidden="true"></span>'



def identifier_links(entry: Entry) -> str:
    """Links to the DOI, PubMed and PubMed Central: only identifiers the entry's checks accept."""
    links = []
    if entry.doi:
        links.append(_external(f"https://doi.org/{quote(entry.doi, safe='/:;()<>-._')}", f"doi:{entry.doi}"))
    if entry.pmid:
        links.append(_external(f"https://pubmed.ncbi.nlm.nih.gov/{entry.pmid}/", f"PubMed {entry.pmid}"))
    if entry.pmcid:
        links.append(_external(f"https://pmc.ncbi.nlm.nih.gov/articles/{entry.pmcid}/", entry.pmcid))
    url = entry.get("url").strip()
    if url and _SAFE_URL.fullmatch(url) and not entry.doi:
        links.append(_external(url, "Link"))
    return " · ".join(links)


def _external(url: str, label: str) -> str:
    return f'<a class="reference-link" href="{attr(url)}">{text(label)}</a>'
