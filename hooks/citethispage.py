"""The site's own "Cite this page" block (plain text and BibTeX), kept out of search results.

Site-specific (the `il6site:` keys), so it lives beside the adapters, not in the engine. Every
host makes it through `page_citation`, from the same facts:

- the address is the hosted one (`readerkit.addresses.page_address`): the configured `site_url`
  and the page's path as the hosted site has it (directory URLs, `effects/x/`), also in the
  offline copy, whose files are `effects/x.html`; an offline copy built without a hosted address
  (SITE_URL not set, so `site_url` is this machine's) names none rather than a loopback address;
- the version is the day the page's source last changed (git), or, without git history, the
  latest release of CHANGELOG.md; the year is that version's;
- where the reader's date of access goes, a placeholder `YYYY-MM-DD` (docs/assets/javascripts/
  cite.js puts in the reader's date; without scripts the placeholder stays), and a copy button
  for each form, hidden until that script runs.
"""

from __future__ import annotations

import datetime
import functools
import html
import re
from pathlib import Path

from citekit.export import balanced_braces
from citekit.render import plain_title, text
from readerkit import changelog, history
from readerkit.addresses import page_address

ACCESSED_PLACEHOLDER = "YYYY-MM-DD"


def page_key(src_uri: str) -> str:
    """The BibTeX key of a page: its path in lower case, words joined by '-' ('home' for the root)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "home"


def site_version(changelog_file: Path) -> tuple[str, str] | None:
    """(version, date) of the newest dated release in `changelog_file` (CHANGELOG.md), or None."""
    try:
        stamp = changelog_file.stat().st_mtime_ns
    except OSError:
        return None
    return _newest_release(changelog_file, stamp)


@functools.lru_cache(maxsize=4)
def _newest_release(changelog_file: Path, stamp: int) -> tuple[str, str] | None:
    # Asked for every page without a git date: the file is read and parsed once per version of
    # it (`stamp`), not once per page.
    try:
        found = changelog.releases(changelog_file.read_text(encoding="utf-8"))
    except OSError:
        return None
    return next(((r.version, r.date) for r in found if r.released and r.date), None)


def page_citation(*, title: str, site_url: str | None, src_uri: str, site_name: str, author: str,
                  source: Path | None, project: Path | None, offline: bool) -> str:
    """The block for one page, as every host makes it (see the module docstring): `source` is the
    page's file, `project` the folder of the configuration (where CHANGELOG.md is)."""
    day = history.last_changed(source) if source is not None else None
    release = None if day or project is None else site_version(project / "CHANGELOG.md")
    version = f"version of {day}" if day else f"version {release[0]} ({release[1]})" if release else None
    dated = day or (release[1] if release else None)
    year = int(dated[:4]) if dated else datetime.date.today().year
    return cite_this_page(title=title, url=page_address(site_url, src_uri, offline=offline), site_name=site_name,
                          author=author, year=year, key=page_key(src_uri), version=version)


def cite_this_page(*, title: str, url: str | None, site_name: str, author: str, year: int, key: str,
                   version: str | None = None) -> str:
    """A 'Cite this page' block: plain text and BibTeX, each with a copy button.

    `title` is the page title as MkDocs holds it (HTML, see `citekit.render.plain_title`): decoded
    once here, so that the block shows "&" and not "&amp;".
    """
    title = plain_title(title)
    accessed = f'<span class="cite-accessed">{ACCESSED_PLACEHOLDER}</span>'
    where = f"{site_name}, {version}" if version else site_name
    plain = text(f"{author} ({year}). {title}. In: {where}.") + (f" {text(url)}" if url else "") + \
        f" [accessed {accessed}]"
    # A lone brace in a title ("Cytokines }"), the site's name or its author would end the
    # BibTeX field early, or take in the rest of the entry: only braces that pair are kept.
    lines = [
        f"@misc{{il6site:{key},",
        f"  author = {{{{{balanced_braces(author)}}}}},",
        f"  title = {{{balanced_braces(title)}}},",
        f"  howpublished = {{{balanced_braces(site_name)}}},",
        f"  year = {{{year}}},",
    ]
    if version:
        lines.append(f"  version = {{{version.removeprefix('version ').removeprefix('of ')}}},")
    if url:
        lines.append(f"  url = {{{balanced_braces(url)}}},")
    bibtex = text("\n".join(lines))
    if url:
        bibtex += text("\n  urldate = {") + accessed + text("},")
    bibtex += text(f"\n  note = {{{version.capitalize() + '; a' if version else 'A'}ccessed ") + \
        accessed + text("},\n}")
    return ('<section class="cite-this-page" data-search-exclude>'
            '<details><summary>Cite this page</summary>'
            f'<p class="cite-plain">{plain}</p>'
            f'<p class="cite-actions">{_button("plain", "Copy citation")}</p>'
            f'<pre class="cite-bibtex"><code>{bibtex}</code></pre>'
            f'<p class="cite-actions">{_button("bibtex", "Copy BibTeX")}'
            '<span class="cite-status" role="status"></span></p>'
            '</details></section>')


def _button(form: str, label: str) -> str:
    # Hidden until docs/assets/javascripts/cite.js runs: without scripts it could not copy.
    return (f'<button type="button" class="cite-copy" data-cite-copy="{html.escape(form)}" hidden>'
            f"{html.escape(label)}</button>")
