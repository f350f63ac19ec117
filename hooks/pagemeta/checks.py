"""Checks on a page's Markdown that MkDocs does not locate: title, image text, links."""

from __future__ import annotations

import posixpath
import re
import unicodedata

from citekit.diagnostics import Report
from citekit.syntax import line_col, mask_code

_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\((?P<target><[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_H1 = re.compile(r"^#(?!#)\s*\S", re.M)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_ATTR_ID = re.compile(r"\{[^}]*#([\w:.-]+)[^}]*\}")
_HTML_ID = re.compile(r"\bid=\"([^\"]+)\"")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def check_title(path: str, data: dict, body: str, report: Report) -> None:
    if str(data.get("title") or "").strip() or _H1.search(mask_code(body)):
        return
    report.add(path, 1, "page has no title",
               hint="Add 'title: ...' to the front matter, or start the page with '# Title'")


def check_images(path: str, body: str, offset: int, report: Report) -> None:
    masked = mask_code(body)
    for m in _LINK.finditer(masked):
        if m.group("bang") and not m.group("text").strip():
            line, col = line_col(body, m.start())
            report.add(path, line + offset, "image without alternative text", column=col,
                       hint="Describe the image between the brackets: ![What it shows](file.svg)")
    for m in _IMG_TAG.finditer(masked):
        if not re.search(r"\balt\s*=\s*\"[^\"]+\"", m.group()):
            line, col = line_col(body, m.start())
            report.add(path, line + offset, "<img> without alternative text", column=col,
                       hint='Add alt="what the image shows"')


def slugify(text: str) -> str:
    """The heading ids Python-Markdown's toc extension makes by default."""
    text = re.sub(r"\[@[^\]]*\]|[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(body: str) -> set[str]:
    masked = mask_code(body)
    found: set[str] = set()
    for m in _HEADING.finditer(masked):
        title = m.group(2)
        explicit = _ATTR_ID.search(title)
        if explicit:
            found.add(explicit.group(1))
            continue
        slug = slugify(title)
        n, candidate = 0, slug
        while candidate in found:
            n += 1
            candidate = f"{slug}_{n}"
        found.add(candidate)
    found.update(_ATTR_ID.findall(masked))
    found.update(_HTML_ID.findall(masked))
    return found


def check_links(path: str, src_uri: str, body: str, offset: int, pages: dict[str, str],
                assets: set[str], report: Report) -> None:
    """Links to missing pages, files or headings. `pages` maps a page's src_uri to its body."""
    masked = mask_code(body)
    for m in _LINK.finditer(masked):
        target = m.group("target").strip("<>")
        if not target or _SCHEME.match(target) or target.startswith("/") or target.startswith("#ref-"):
            continue
        file_part, _, fragment = target.partition("#")
        line, col = line_col(body, m.start("target"))
        if file_part:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), file_part))
            if resolved.endswith("/") or resolved in (".", ""):
                resolved = posixpath.join(resolved, "index.md")
            if resolved not in pages and resolved not in assets:
                report.add(path, line + offset, f"broken link: '{file_part}' does not exist", column=col,
                           hint=f"Link to an existing file relative to this page (resolved to docs/{resolved})")
                continue
        else:
            resolved = src_uri
        if fragment and resolved in pages and fragment not in anchors(pages[resolved]) and \
                fragment not in ("references",):
            report.add(path, line + offset, f"broken link: '{target}' has no heading '#{fragment}'", column=col,
                       hint="Use the id of an existing heading (lower case, spaces as '-')")
