"""Places where a citation would reach the reader as raw `[@key]` text: each one a located error.

The engine renders a page's Markdown. Some text reaches the page by another road and
is never handed to it: the files pymdownx.snippets appends to every page (the
abbreviations, whose definitions become tooltips) and snippets included with `--8<--`.
A citation there cannot be rendered, so it is reported where it is written. (A citation
in a front-matter title or description is reported by pagemeta/themefields.py, for
every host.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Container, Iterable
from pathlib import Path

from citekit.diagnostics import Report, display_path
from citekit.syntax import Citation, line_col, scan

# --8<-- "file.md" on one line, or a block of file names between two --8<-- lines.
_INLINE_SNIPPET = re.compile(r"^[ \t]*-+8<-+[ \t]+([\"']?)([^\"'\n]+?)\1[ \t]*$", re.M)
_BLOCK_SNIPPET = re.compile(r"^[ \t]*-+8<-+[ \t]*\n(.*?)^[ \t]*-+8<-+[ \t]*$", re.M | re.S)


def _citations(text: str, keys: Container[str]) -> list[Citation]:
    """Bracketed citations of any key, narrative ones of known keys ('@media' is no citation)."""
    return [c for c in scan(text).citations if not c.narrative or c.items[0].key in keys]


def snippet_settings(mdx_configs: object, root: Path) -> tuple[list[Path], list[str]]:
    """pymdownx.snippets' base folders and auto-appended files, as configured (none if not used)."""
    snippets = mdx_configs.get("pymdownx.snippets") if isinstance(mdx_configs, dict) else None
    if not isinstance(snippets, dict):
        return [], []
    bases = snippets.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases if isinstance(bases, list) else []
    appended = snippets.get("auto_append", [])
    appended = [appended] if isinstance(appended, str) else appended if isinstance(appended, list) else []
    return [root / b for b in bases if isinstance(b, str)], [a for a in appended if isinstance(a, str)]


def _find(name: str, bases: list[Path]) -> Path | None:
    """The file pymdownx.snippets includes for `name`: only inside a base folder, as its
    restrict_base_path does (a '../' or absolute name is not read; pagemeta/snippets.py
    reports it)."""
    name = re.sub(r":[^/\\]*$", "", name.strip())   # 'file.md:section' or 'file.md:1:3'
    for base in bases:
        path = Path(os.path.abspath(base / name))
        if path.is_file() and path.is_relative_to(os.path.abspath(base)):
            return path
    return None


def check_snippets(pages: Iterable[tuple[str, str, int]], bases: list[Path], appended: list[str], root: Path,
                   keys: Container[str], report: Report) -> None:
    """Citations in the appended files, and in files included with --8<-- by any page
    (`pages`: shown path, Markdown body, lines above the body)."""
    reported: set[Path] = set()
    for name in appended:
        path = _find(name, bases)
        if path is not None and path not in reported:
            reported.add(path)
            _check_snippet(path, root, keys, report, "is appended to every page after citations are rendered")
    for shown, body, offset in pages:
        if "8<" not in body:
            continue
        names = [(m.start(2), m.group(2)) for m in _INLINE_SNIPPET.finditer(body)]
        for block in _BLOCK_SNIPPET.finditer(body):
            at = block.start(1)
            for line in block.group(1).splitlines(keepends=True):
                if line.strip() and not line.lstrip().startswith(";"):
                    names.append((at, line.strip()))
                at += len(line)
        for at, name in names:
            path = _find(name, bases)
            if path is not None and path not in reported:
                reported.add(path)
                where = f"{shown}:{line_col(body, at)[0] + offset}"
                _check_snippet(path, root, keys, report, f"is included by {where} after citations are rendered")


def _check_snippet(path: Path, root: Path, keys: Container[str], report: Report, how: str) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return   # pymdownx.snippets reports a file it cannot read
    shown = display_path(path, root)
    for cit in _citations(text, keys):
        line, col = line_col(text, cit.start)
        line_text = text[text.rfind("\n", 0, cit.start) + 1:]
        what = "an abbreviation definition (shown as a tooltip)" if line_text.startswith("*[") else "this snippet"
        report.add(shown, line, f"citation '{text[cit.start:cit.end]}' in {what} is not rendered: the file {how}",
                   column=col, hint="Write it without the citation, and cite in the page text")
