"""CHANGELOG.md (Keep a Changelog) as releases, as the Changes page's Markdown, and as Atom.

The Changes page includes the file itself (pymdownx.snippets); this module reads it for the feed.
A release is a second-level heading `## [VERSION] - YYYY-MM-DD`; `## [Unreleased]` holds what
is not released yet. Its text (### Added / Changed / Fixed and their lists) is kept as written.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown as python_markdown

ATOM_NS = "http://www.w3.org/2005/Atom"
UNRELEASED = "unreleased"
_RELEASE = re.compile(r"^##\s+\[(?P<version>[^\]]+)\](?:\s+-\s+(?P<date>\d{4}-\d{2}-\d{2}))?\s*$", re.MULTILINE)
_TITLE = re.compile(r"\A\s*#\s+[^\n]*\n")
_LINK_DEFINITION = re.compile(r"^\[[^\]]+\]:\s+\S+\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Release:
    version: str        # "0.2.0", or "Unreleased"
    date: str | None    # YYYY-MM-DD; None for Unreleased
    text: str           # the Markdown under the heading

    @property
    def released(self) -> bool:
        return self.version.casefold() != UNRELEASED and self.date is not None

    @property
    def anchor(self) -> str:
        """The id Python-Markdown's toc gives the release's heading on the Changes page."""
        heading = f"{self.version} - {self.date}" if self.date else self.version
        return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


def releases(changelog: str) -> list[Release]:
    """The releases in file order (newest first, as Keep a Changelog writes them)."""
    text = _LINK_DEFINITION.sub("", changelog)
    heads = list(_RELEASE.finditer(text))
    out = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out.append(Release(head.group("version"), head.group("date"), text[head.end():end].strip()))
    return out


_SECOND_LEVEL = re.compile(r"^##(?!#)[ \t]*(?P<text>.*)$", re.MULTILINE)
# A release heading written loosely ("0.3.0 - 2026-12-02", "v0.3.0 (2026-12-02)"): the fix is exact.
_LOOSE_RELEASE = re.compile(r"^\[?v?(?P<version>\d+(?:\.\d+)*[\w.+-]*?)\]?\s*[-–—:]?\s*"
                            r"\(?(?P<date>\d{4}-\d{2}-\d{2})\)?$")


def _shown(text: str) -> str:
    """`text` with characters a terminal would act on written as escapes."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                   for c in text)


def problems(changelog: str) -> list[tuple[int, str]]:
    """(line, message) for every second-level heading that is not a release heading, and for
    releases out of order: each would otherwise be left out of the feed or misdated in silence."""
    found = []
    dates: list[tuple[int, str]] = []
    for m in _SECOND_LEVEL.finditer(changelog):
        line = changelog.count("\n", 0, m.start()) + 1
        heading = m.group(0).rstrip()
        release = _RELEASE.match(heading)
        if release and (release.group("date") or release.group("version").casefold() == UNRELEASED):
            if release.group("date"):
                dates.append((line, release.group("date")))
            continue
        loose = _LOOSE_RELEASE.match(m.group("text").strip())
        fix = (f"'## [{loose.group('version')}] - {loose.group('date')}'" if loose
               else "'## [VERSION] - YYYY-MM-DD' (or '## [Unreleased]')")
        found.append((line, f"'{_shown(heading)}' is not a release heading, so the release would be missing "
                            f"from the feed. Write it as {fix} (Keep a Changelog)"))
    for (line, date), (_, newer) in zip(dates[1:], dates, strict=False):
        if date > newer:
            found.append((line, f"release dated {date} is listed below one dated {newer}. List releases newest "
                                "first (Keep a Changelog)"))
    return sorted(found)


def atom_feed(changelog: str, *, title: str, site_url: str, changes_url: str, updated: str) -> str:
    """An Atom feed with one entry per release (Unreleased is not a release and is left out).

    `changes_url` is the Changes page's absolute address; each entry links to its release there.
    A relative one (an offline copy with no hosted address) is resolved against the feed's own
    place, and the ids, which Atom wants absolute, are then `urn:uuid:`s made from the title and
    the release, the same in every build.
    `updated` (YYYY-MM-DD) is the feed's date when no release is dated.
    """
    ElementTree.register_namespace("", ATOM_NS)
    feed = ElementTree.Element(f"{{{ATOM_NS}}}feed")
    done = [r for r in releases(changelog) if r.released]

    def sub(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> ElementTree.Element:
        el = ElementTree.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        el.text = text
        return el

    sub(feed, "title", f"{title}: changes")
    def identifier(fragment: str = "") -> str:
        address = changes_url + (f"#{fragment}" if fragment else "")
        if urlsplit(changes_url).scheme:
            return address
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{title}/{address}')}"

    sub(feed, "id", identifier())
    sub(feed, "link", href=changes_url)
    sub(feed, "updated", f"{max([r.date for r in done] or [updated])}T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", title)
    sub(feed, "link", rel="related", href=site_url)
    for release in done:
        entry = sub(feed, "entry")
        sub(entry, "title", f"{release.version} ({release.date})")
        sub(entry, "id", identifier(release.anchor))
        sub(entry, "link", href=f"{changes_url}#{release.anchor}")
        sub(entry, "updated", f"{release.date}T00:00:00Z")
        sub(entry, "content", python_markdown.markdown(release.text), type="html")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"
