"""The address a page has on the hosted site, whatever build it is in.

The hosted site uses directory URLs (`effects/x/`); the offline copy is files (`effects/x.html`).
A reader who cites, shares or reports a page of either must name the hosted address, so
"Cite this page", the canonical link, the JSON-LD, the Atom feed and the correction form all
take it from here (overrides/main.html computes the same in the template). The hosted site's
root is `site_url` (SITE_URL in the environment, see mkdocs.yml); in an offline copy
(`extra.offline_copy`) built without SITE_URL, `site_url` is this machine's development server,
which is no address for anyone else: the copy then names none.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from urllib.parse import quote, urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}
# What an address written into pages as is (the canonical link, "Cite this page", the feed) may
# not hold: a quote or '<' would end the attribute or open a tag, a space or a control character
# split the address. A hosted address needs none of them (percent-encode what it has).
_NOT_IN_AN_ADDRESS = set("\"'<>`\\{}|^") | {chr(c) for c in range(33)} | {chr(127)}


def hosted_path(src_uri: str) -> str:
    """The page's path on the hosted site (directory URLs): 'effects/x/', '' for the home page."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


def site_url_problem(site_url: str | None) -> str | None:
    """Why `site_url` (SITE_URL) cannot be the hosted site's address, or None when it can."""
    if not site_url:
        return None
    # Also what is not printable (U+202E would show the address reversed, U+200B hide in it).
    bad = sorted({c for c in site_url if c in _NOT_IN_AN_ADDRESS or not c.isprintable()})
    if bad:
        return f"holds {', '.join(repr(c) for c in bad)}, which no web address holds as is"
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "is not an http:// or https:// address with a host name"
    # A page's address is this root plus its path: after '?x=1' or '#top' that path would be part
    # of the query or the fragment (every address wrong); a user name and password would be published.
    if parts.query or parts.fragment or "?" in site_url or "#" in site_url:
        return "has a query ('?') or a fragment ('#'), after which no page's path can follow"
    if "@" in parts.netloc:
        return "names a user (and perhaps a password) before '@', which every page would publish"
    return None


def site_url_message(site_url: str, problem: str) -> str:
    """The error for a `site_url` with `problem`: what it is, and how to fix it."""
    shown = site_url.encode("unicode_escape").decode("ascii")
    return (f"site_url (SITE_URL) '{shown}' {problem}. Set SITE_URL to the hosted site's address, "
            "as https://example.org/site/ (percent-encode any other character)")


def is_loopback(site_url: str | None) -> bool:
    return (urlsplit(site_url or "").hostname or "") in LOOPBACK_HOSTS


def site_address(site_url: str | None, *, offline: bool) -> str | None:
    """The hosted site's root ('https://…/', ending in '/'), or None when the build has none."""
    if not site_url or (offline and is_loopback(site_url)):
        return None
    return site_url.rstrip("/") + "/"


def page_address(site_url: str | None, src_uri: str, *, offline: bool) -> str | None:
    """The hosted address of the page built from `src_uri`, or None (see `site_address`)."""
    root = site_address(site_url, offline=offline)
    # Percent-encoded as MkDocs encodes page URLs (the canonical link): a page named `a#b.md`
    # is at `a%23b/`, and 'a#b/' would send a reader to the page 'a'.
    return root + quote(hosted_path(src_uri)) if root else None


def is_offline_copy(extra: object) -> bool:
    """Whether the configuration's `extra` marks the offline copy (mkdocs-offline.yml, zensical-offline.yml)."""
    # MkDocs hands `extra` over as a mapping of its own, not a dict.
    return isinstance(extra, Mapping) and bool(extra.get("offline_copy"))
