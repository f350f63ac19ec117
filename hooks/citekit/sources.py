"""Which .bib files the settings name: glob patterns relative to the project root.

Unlike `Path.glob`, `**` here also enters folders reached through a symbolic link (each
real folder once, so a link that loops is harmless), and a symbolic link to a missing
file is listed (so that `load` names it) instead of being silently left out. A pattern
that matches nothing while others match something is a typo more often than not: it is
reported, located in mkdocs.yml when the pattern is written there. A file or folder that a
link takes outside the project is neither read nor walked: a pull request could otherwise
point `bib/x.bib` at a file of the machine that builds it, and the parse errors would show
its text in the log.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .bibfix import shown
from .diagnostics import ERROR, WARNING, Diagnostic


class SourceList(list):
    """The files found (Paths, in order), and what was wrong with the patterns (`problems`)."""

    def __init__(self, paths: Iterable[Path] = (), problems: Iterable[Diagnostic] = ()) -> None:
        super().__init__(paths)
        self.problems: list[Diagnostic] = list(problems)


def find_sources(root: Path, patterns: Iterable[str], config: Path | None = None) -> SourceList:
    """Files matching the glob patterns (relative to root), sorted per pattern, each once."""
    root = Path(root)
    config = Path(config) if config is not None else root / "mkdocs.yml"
    found = SourceList()
    unmatched: list[str] = []
    for pattern in patterns:
        if Path(pattern).is_absolute() or pattern.startswith(("/", "\\")):
            found.problems.append(_problem(config, pattern, f"the bibliography pattern '{shown(pattern, 80)}' is "
                                           "an absolute path", "Write it relative to the folder of mkdocs.yml, "
                                           "as in bib/**/*.bib"))
            continue
        matches = _glob(root, pattern)
        if not matches:
            unmatched.append(pattern)
        for path in matches:
            if path in found:
                continue
            if _inside(path, root):
                found.append(path)
            elif not any(d.path == _relative(path, root) for d in found.problems):
                found.problems.append(Diagnostic(
                    _relative(path, root), 1, 0, "this is a symbolic link to a place outside the project; "
                    "it is not read", ERROR, "Put the .bib files themselves in the project (in bib/), not links"))
    if found:   # no file at all is the adapter's own message
        for pattern in unmatched:
            found.problems.append(_problem(config, pattern, f"the bibliography pattern '{shown(pattern, 80)}' "
                                           "matches no file", "Check the folder and the extension in the pattern "
                                           "(extra.citations.bibliography in mkdocs.yml)"))
    return found


def _glob(root: Path, pattern: str) -> list[Path]:
    if "**" not in pattern:
        return sorted(p for p in root.glob(pattern) if p.is_file() or (p.is_symlink() and not p.exists()))
    parts = pattern.split("/")
    fixed = []
    for part in parts:
        if re.search(r"[*?\[]", part):
            break
        fixed.append(part)
    base = root.joinpath(*fixed)
    matcher = _regex(pattern)
    hits = []
    visited: set[str] = set()
    inside = os.path.realpath(root)
    for folder, subfolders, files in os.walk(base, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:
            subfolders[:] = []
            continue
        visited.add(real)
        if real != inside and not real.startswith(inside + os.sep):
            hits.append(Path(folder))   # a link out of the project (it may lead to '/'): reported, not walked
            subfolders[:] = []
            continue
        subfolders.sort()
        for name in files:
            path = Path(folder, name)
            if matcher.fullmatch(path.relative_to(root).as_posix()) and (path.is_file() or not path.exists()):
                hits.append(path)
    return sorted(hits)


def _inside(path: Path, root: Path) -> bool:
    """Whether `path`, its links followed, is in the project (a dangling link counts where it points)."""
    return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(root)))


def _relative(path: Path, root: Path) -> str:
    try:
        return shown(path.relative_to(root).as_posix(), 200)
    except ValueError:
        return shown(path.as_posix(), 200)


def _regex(pattern: str) -> re.Pattern:
    """A glob pattern as a regular expression over '/'-separated relative paths."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(r"(?:[^/]+/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(r".*")
            i += 2
        elif pattern[i] == "*":
            out.append(r"[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append(r"[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body.replace("\\", "\\\\")) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _problem(config: Path, pattern: str, message: str, hint: str) -> Diagnostic:
    line = 1
    try:
        lines = config.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for number, text in enumerate(lines, 1):
        if pattern in text:
            line = number
            break
    return Diagnostic(config.name, line, 0, message, WARNING, hint)
