"""HTML for in-text citations, reference entries and reference lists.

Everything that comes from BibTeX is HTML-escaped, and also escaped for
Markdown, because a citation in a heading goes into the Markdown before it is
converted (so that the table of contents shows it).
Only http(s) addresses become links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from .bibliography import Entry
from .style import Card, Labels, card_of, format_reference, plain_text, sort_key
from .syntax import Citation, Item

_MD_SPECIAL = {"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;",
               "\\": "&#92;", "@": "&#64;", "~": "&#126;", "^": "&#94;", "=": "&#61;"}
_MD_CHARS = re.compile(r"[*_`\[\]\\@~^=]")
_MD_IN_TAGS = re.compile(r"[`\\]")
_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+", re.I)


def _md_escape(m: re.Match) -> str:
    return _MD_SPECIAL[m.group()]


# str.translate with a table of strings is slow (it was a tenth of the hook's time); most
# values have nothing to escape, and one search says so quickly.
_TEXT_SPECIAL = re.compile(r"[&<>*_`\[\]\\@~^=]")
_ATTR_SPECIAL = re.compile(r"[&<>\"'`\\]")


def text(value: str) -> str:
    """Escape a string for an HTML text node that Markdown will not touch."""
    return _escaped(value, _TEXT_SPECIAL, _MD_CHARS, quote=False)


def attr(value: str) -> str:
    """Escape an attribute value; Markdown keeps tags whole, except for code spans and escapes."""
    return _escaped(value, _ATTR_SPECIAL, _MD_IN_TAGS, quote=True)


def _escaped(value: str, special: re.Pattern, markdown: re.Pattern, *, quote: bool) -> str:
    if special.search(value):
        value = html.escape(value, quote=quote)
        if markdown.search(value):
            value = markdown.sub(_md_escape, value)
    return value if value.isascii() else _latin1(value)


def _latin1(value: str) -> str:
    # A character beyond Latin-1 ('–', 'ł') as a character reference: Python stores a string
    # with even one such character at two or four bytes a character, and one en dash in a
    # reference would make the whole page (150 KB with a large navigation) twice as costly
    # for every later step of the build (search indexing, templates, writing it out).
    return value.encode("latin-1", "xmlcharrefreplace").decode("latin-1")


_CHAR_REF = re.compile(r"&(?=#?\w+;)")


def inert(value: str) -> str:
    """Text that stays text when a script reads it as HTML.

    Material's tooltips put a link's title into the page as markup, so a title must hold
    no tag and no character reference even after one decoding. A bare '&' is left alone
    so that the browser's own tooltip (no script) still reads naturally.
    """
    return _CHAR_REF.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")


def anchor(key: str) -> str:
    return "ref-" + key


def _href_fragment(key: str) -> str:
    return "#" + quote(anchor(key), safe=":/.-_~!$&'()*+,;=@")


@dataclass
class Resolver:
    """What rendering needs from the site: entries and labels, and what is made of them.

    Everything here is made once and reused on every page that needs it: a popular paper
    is cited hundreds of times. `cards` and `made` may be kept between builds.
    """

    entries: dict[str, Entry]
    labels: Labels
    cards: dict[str, Card] = field(default_factory=dict, repr=False)   # see style.Card
    # key -> (its year label, its <li> without the closing tag, its preview)
    made: dict[str, tuple[str, str, str]] = field(default_factory=dict, repr=False)
    _links: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _sort_keys: dict[str, tuple] = field(default_factory=dict, repr=False)
    _parenthetical: dict[str, str] = field(default_factory=dict, repr=False)

    def card(self, key: str) -> Card:
        return card_of(self.entries, key, self.cards)

    def parts(self, key: str) -> list:
        return format_reference(self.entries[key], self.labels, self.card(key))

    def _made(self, key: str) -> tuple[str, str, str]:
        year = self.labels.years.get(key, "")
        made = self.made.get(key)
        if made is None or made[0] != year:   # new, or the letter after its year changed
            parts = self.parts(key)
            item = reference(self.entries[key], self.labels, parts=parts)
            made = self.made[key] = (year, item.removesuffix("</li>"), attr(inert(plain_text(parts))))
        return made

    def reference_item(self, key: str, extra: str = "") -> str:
        """The entry's <li>, with `extra` HTML at its end."""
        return f"{self._made(key)[1]}{extra}</li>"

    def preview(self, key: str) -> str:
        """The formatted reference as a title attribute's value."""
        return self._made(key)[2]

    def link(self, key: str, label: str) -> str:
        """A link to the entry in the page's reference list, showing `label`."""
        html = self._links.get((key, label))
        if html is None:
            preview = self.preview(key)
            title = f' title="{preview}"' if preview else ""
            html = f'<a class="citation-ref" href="{_href_fragment(key)}"{title}>{text(label)}</a>'
            self._links[(key, label)] = html
        return html

    def parenthetical(self, key: str) -> str:
        label = self._parenthetical.get(key)
        if label is None:
            label = self._parenthetical[key] = self.labels.parenthetical(key)
        return label

    def sort_key(self, key: str) -> tuple:
        if key not in self._sort_keys:
            self._sort_keys[key] = sort_key(self.entries[key], self.labels, self.card(key))
        return self._sort_keys[key]


def citation(cit: Citation, res: Resolver, keys: list[str] | None = None) -> str:
    """A citation's HTML: a span with a link (and its preview) for every key."""
    cites = attr(" ".join(keys if keys is not None else cit.keys))
    if cit.narrative:
        item = cit.items[0]
        link = res.link(item.key, res.labels.narrative(item.key))
        return f'<span class="citation citation--narrative" data-cites="{cites}">{link}</span>'
    pieces: list[str] = []
    previous: Item | None = None
    authors, years = res.labels.authors, res.labels.years
    for item in cit.items:
        key = item.key
        if (previous is not None and not item.prefix and not previous.suffix and not item.year_only
                and not previous.year_only and authors[key] == authors[previous.key]):
            # Same authors as the item before: "1998a, b, 1999".
            year = years[key]
            same_year = year[:4] == years[previous.key][:4]
            shown = year[4:] if same_year and len(year) > 4 else year
            pieces.append(", " + res.link(key, shown) + _suffix(item.suffix))
        else:
            lead = "; " if pieces else ""
            prefix = text(item.prefix) + " " if item.prefix else ""
            shown = years[key] if item.year_only else res.parenthetical(key)
            pieces.append(lead + prefix + res.link(key, shown) + _suffix(item.suffix))
        previous = item
    return f'<span class="citation" data-cites="{cites}">(' + "".join(pieces) + ")</span>"


def _suffix(suffix: str) -> str:
    if not suffix:
        return ""
    return text(suffix if suffix[0] in ",;.:" else " " + suffix)


def reference(entry: Entry, labels: Labels, extra: str = "", parts: list | None = None) -> str:
    body = []
    for part in parts if parts is not None else format_reference(entry, labels):
        t = text(part.text)
        tag = {"italic": "em", "bold": "strong"}.get(part.style)
        body.append(f"<{tag}>{t}</{tag}>" if tag else t)
    links = identifier_links(entry)
    tail = f' <span class="reference-links">{links}</span>' if links else ""
    return (f'<li class="reference" id="{attr(anchor(entry.key))}" data-key="{attr(entry.key)}">'
            f'{"".join(body)}{tail}{extra}</li>')


def identifier_links(entry: Entry) -> str:
    links = []
    doi = entry.get("doi").strip()
    if doi:
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.I)
        links.append(_external(f"https://doi.org/{quote(doi, safe='/:;()<>-._')}", f"doi:{doi}"))
    pmid = entry.get("pmid").strip()
    if pmid.isdigit():
        links.append(_external(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", f"PubMed {pmid}"))
    pmcid = entry.get("pmcid").strip()
    if re.fullmatch(r"PMC\d+", pmcid):
        links.append(_external(f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/", pmcid))
    url = entry.get("url").strip()
    if url and _SAFE_URL.fullmatch(url) and not doi:
        links.append(_external(url, "Link"))
    return " · ".join(links)


def _external(url: str, label: str) -> str:
    return f'<a class="reference-link" href="{attr(url)}">{text(label)}</a>'

