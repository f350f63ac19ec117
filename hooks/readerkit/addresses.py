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
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


def hosted_path(src_uri: str) -> str:
    """The page's path on the hosted site (directory URLs): 'effects/x/', '' for the home page."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


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
    return root + hosted_path(src_uri) if root else None


def is_offline_copy(extra: object) -> bool:
    """Whether the configuration's `extra` marks the offline copy (mkdocs-offline.yml, zensical-offline.yml)."""
    # MkDocs hands `extra` over as a mapping of its own, not a dict.
    return isinstance(extra, Mapping) and bool(extra.get("offline_copy"))
