"""HTML for in-text citations, reference entries and reference lists.

Everything that comes from BibTeX is HTML-escaped, and also escaped for
Markdown, because the hook puts this HTML into Markdown before it is converted.
Only http(s) addresses become links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from .bibliography import Entry
from .style import Labels, format_reference, plain_text
from .syntax import Citation, Item

_MD_SPECIAL = str.maketrans({"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;",
                             "\\": "&#92;", "@": "&#64;", "~": "&#126;", "^": "&#94;", "=": "&#61;"})
_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+", re.I)


def text(value: str) -> str:
    """Escape a string for an HTML text node that Markdown will not touch."""
    return html.escape(value, quote=False).translate(_MD_SPECIAL)


_MD_IN_TAGS = str.maketrans({"`": "&#96;", "\\": "&#92;"})


def attr(value: str) -> str:
    """Escape an attribute value; Markdown keeps tags whole, except for code spans and escapes."""
    return html.escape(value, quote=True).translate(_MD_IN_TAGS)


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
    """What rendering needs from the site: entries, labels and plain-text previews."""

    entries: dict[str, Entry]
    labels: Labels
    _previews: dict[str, str] = field(default_factory=dict, repr=False)

    _items: dict[str, str] = field(default_factory=dict, repr=False)

    def reference_item(self, key: str) -> str:
        """The entry's <li>, formatted once per build however many pages list it."""
        if key not in self._items:
            self._items[key] = reference(self.entries[key], self.labels, parts=self.parts(key))
        return self._items[key]

    _parts: dict[str, list] = field(default_factory=dict, repr=False)

    def parts(self, key: str) -> list:
        if key not in self._parts:
            self._parts[key] = format_reference(self.entries[key], self.labels)
        return self._parts[key]

    def preview(self, key: str) -> str:
        if key not in self._previews:   # formatted once per build, however often it is cited
            self._previews[key] = attr(inert(plain_text(self.parts(key))))
        return self._previews[key]


def citation(cit: Citation, res: Resolver, href_prefix: str = "", previews: bool = True) -> str:
    """A citation's HTML; without previews, `add_previews` puts them in later."""
    if not previews:
        res = _NoPreview(res)
    keys = " ".join(cit.keys)
    if cit.narrative:
        item = cit.items[0]
        link = _link(item.key, res.labels.narrative(item.key), res, href_prefix)
        return f'<span class="citation citation--narrative" data-cites="{attr(keys)}">{link}</span>'
    pieces: list[str] = []
    previous: Item | None = None
    for item in cit.items:
        label = res.labels
        if (previous is not None and not item.prefix and not previous.suffix and not item.year_only
                and not previous.year_only and label.authors[item.key] == label.authors[previous.key]):
            # Same authors as the item before: "1998a, b, 1999".
            same_year = label.years[item.key][:4] == label.years[previous.key][:4]
            shown = label.years[item.key][4:] if same_year and len(label.years[item.key]) > 4 else label.years[item.key]
            pieces.append(", " + _link(item.key, shown, res, href_prefix) + text(_suffix(item.suffix)))
        else:
            lead = "; " if pieces else ""
            prefix = text(item.prefix) + " " if item.prefix else ""
            shown = label.years[item.key] if item.year_only else label.parenthetical(item.key)
            pieces.append(lead + prefix + _link(item.key, shown, res, href_prefix) + text(_suffix(item.suffix)))
        previous = item
    return f'<span class="citation" data-cites="{attr(keys)}">(' + "".join(pieces) + ")</span>"


def _suffix(suffix: str) -> str:
    if not suffix:
        return ""
    return suffix if suffix[0] in ",;.:" else " " + suffix


def _link(key: str, label: str, res: Resolver, href_prefix: str) -> str:
    preview = res.preview(key)
    title = f' title="{preview}"' if preview else ""
    return f'<a class="citation-ref" href="{href_prefix}{_href_fragment(key)}"{title}>{text(label)}</a>'


class _NoPreview:
    def __init__(self, res: Resolver) -> None:
        self.labels = res.labels

    @staticmethod
    def preview(key: str) -> str:
        return ""


_UNTITLED_LINK = re.compile(r'(<a class="citation-ref" href="[^"#]*#ref-([^"]+)")>')


def add_previews(html_text: str, res: Resolver) -> str:
    """Give every citation link without a title its formatted reference as title.

    Done on the finished page, after search has indexed it: the long titles would
    otherwise cost the search plugin's HTML parser as much as the rest of the page.
    """
    def swap(m: re.Match) -> str:
        key = unquote(html.unescape(m.group(2)))
        return f'{m.group(1)} title="{res.preview(key)}">' if key in res.entries else m.group(0)

    return _UNTITLED_LINK.sub(swap, html_text)


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


def reference_list(entries: Iterable[Entry], labels: Labels, extras: dict[str, str] | None = None) -> str:
    extras = extras or {}
    items = "".join(reference(e, labels, extras.get(e.key, "")) for e in entries)
    return f'<ul class="references">{items}</ul>'


def cite_this_page(*, title: str, url: str, site_name: str, author: str, year: int, key: str) -> str:
    """A 'Cite this page' block: plain text and BibTeX, kept out of search results."""
    plain = f"{author} ({year}). {title}. In: {site_name}. {url}"
    bibtex = "\n".join([
        f"@misc{{il6site:{key},",
        f"  author = {{{{{author}}}}},",
        f"  title = {{{title}}},",
        f"  howpublished = {{{site_name}}},",
        f"  year = {{{year}}},",
        f"  url = {{{url}}},",
        "}",
    ])
    return ('<section class="cite-this-page" data-search-exclude>'
            '<details><summary>Cite this page</summary>'
            f'<p class="cite-plain">{text(plain)}</p>'
            f'<pre class="cite-bibtex"><code>{html.escape(bibtex, quote=False).translate(_MD_SPECIAL)}</code></pre>'
            '</details></section>')
