"""The site's own "Cite this page" block (plain text and BibTeX), kept out of search results.

Site-specific (the `il6site:` keys), so it lives beside the adapter, not in the engine.
"""

from __future__ import annotations

import re

from citekit.render import plain_title, text


def page_key(src_uri: str) -> str:
    """The BibTeX key of a page: its path in lower case, words joined by '-' ('home' for the root)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "home"


def cite_this_page(*, title: str, url: str, site_name: str, author: str, year: int, key: str) -> str:
    """A 'Cite this page' block: plain text and BibTeX.

    `title` is the page title as MkDocs holds it (HTML, see `citekit.render.plain_title`): decoded
    once here, so that the block shows "&" and not "&amp;".
    """
    title = plain_title(title)
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
            f'<pre class="cite-bibtex"><code>{text(bibtex)}</code></pre>'
            '</details></section>')
