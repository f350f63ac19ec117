"""Front-matter fields that the theme writes into the page as they are, unescaped.

MkDocs renders its theme with Jinja's autoescape off, and Material inserts a page's
`title` and `subtitle` into `<title>`, the header and the navigation, `description` into a
`<meta content="...">` attribute, `status` into a class attribute and `icon` into a
template path, all without escaping. Markup in these fields is therefore run in a reader's
browser, a quote breaks out of the attribute, and an icon that does not exist stops the
build with a traceback. A citation is not rendered there either (the citation hook sees the
Markdown body only). So each such value is checked here, with one located error per field.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Protocol

from citekit.diagnostics import Report
from citekit.syntax import scan

from .yamlbounds import shown

# What starts markup in HTML text: a tag, an end tag, a comment, a declaration or a
# processing instruction. ('&' and '>' alone start nothing: "Steensberg & Schjerling" is text.)
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_CLASS_NAME = re.compile(r"[A-Za-z0-9_-]+")
_ICON_NAME = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)+")
_TEXT_FIELDS = ("title", "subtitle", "description")
_ATTRIBUTE_FIELDS = ("description",)   # written inside an attribute value in double quotes


class FrontMatterLike(Protocol):
    data: dict
    lines: dict[str, int]


def check(path: str, fm: FrontMatterLike, report: Report) -> None:
    """Report every theme-rendered field of `fm` that would be run, break out or crash."""
    for name in _TEXT_FIELDS:
        value = fm.data.get(name)
        if isinstance(value, str):
            _check_text(path, fm.lines.get(name, 1), name, value, report)
    status = fm.data.get("status")
    if isinstance(status, str) and status.strip() and not _CLASS_NAME.fullmatch(status):
        report.add(path, fm.lines.get("status", 1), f"front matter field 'status' is not a status name "
                   f"('{shown(status)}')",
                   hint="Write one word of letters, digits, '-' or '_' (e.g. status: new), "
                   "as named under extra.status in mkdocs.yml")
    icon = fm.data.get("icon")
    if isinstance(icon, str) and icon.strip():
        _check_icon(path, fm.lines.get("icon", 1), icon, report)


def _check_text(path: str, line: int, name: str, value: str, report: Report) -> None:
    markup = _MARKUP.search(value)
    if markup:
        report.add(path, line, f"front matter field '{name}' holds HTML ('{shown(_around(value, markup.start()))}'); "
                   "the theme inserts it into the page as written, so it would be run",
                   hint="Write plain text: no '<' directly before a letter, '/', '!' or '?' "
                   "(write 'less than', or put a space after '<')")
        return
    if name in _ATTRIBUTE_FIELDS and '"' in value:
        quoted = shown(_around(value, value.index('"')))
        report.add(path, line, f"front matter field '{name}' holds a double quote ('{quoted}'); "
                   "the theme writes it inside an attribute, which the quote would end",
                   hint="Use typographic quotes (“ ”) or single quotes instead")
        return
    citations = scan(value).citations
    if citations:
        first = citations[0]
        report.add(path, line, f"front matter field '{name}' holds a citation "
                   f"('{shown(value[first.start:first.end])}'); the theme shows it as raw text, "
                   "it is never rendered there",
                   hint="Name the study in words in the field, and cite it in the page's text")


def _around(value: str, at: int) -> str:
    return value[at:at + 40]


def _check_icon(path: str, line: int, icon: str, report: Report) -> None:
    hint = "Write the name of one of the theme's icons, as in icon: material/book-open-variant"
    if not _ICON_NAME.fullmatch(icon):
        report.add(path, line, f"front matter field 'icon' is not an icon name ('{shown(icon)}')", hint=hint)
        return
    icons = _theme_icons()
    if icons is not None and not (icons / f"{icon}.svg").is_file():
        report.add(path, line, f"front matter field 'icon' names no icon of the theme ('{shown(icon)}')",
                   hint=hint)


def _theme_icons() -> Path | None:
    """Material's icon folder, when Material is installed (None: the name cannot be checked)."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "templates" / ".icons"
        if folder.is_dir():
            return folder
    return None
