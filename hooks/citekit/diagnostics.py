"""Located problems: every message names a file and a line and says how to fix it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"
ADVICE = "advice"  # reported, never fails a build (e.g. an entry nobody cites)

# Characters that would let an echoed value act on the terminal or the log instead of being
# read: C0 controls (newline forges a log line, ESC starts a terminal command), DEL, C1
# controls, the bidirectional overrides and isolates (they reorder what is shown), and the
# Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: object) -> str:
    """Text as a message may echo it: every control or reordering character shown escaped.

    `\\n`, `\\r`, `\\t` by name, others as `\\x1b` or `\\u202e`, so that a key, a file
    name or a field value can never start a line of its own or command the terminal.
    """
    text = str(text)
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    message: str
    severity: str = ERROR
    hint: str = ""

    def __str__(self) -> str:
        """`path:line[:column]: message. hint`, with every echoed value made safe to print."""
        where = f"{safe_text(self.path)}:{self.line}" + (f":{self.column}" if self.column else "")
        text = f"{where}: {safe_text(self.message)}"
        return f"{text}. {safe_text(self.hint)}" if self.hint else text


@dataclass
class Report:
    """Collects every problem of a build so that all are shown together."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, path: str | Path, line: int, message: str, *, column: int = 0,
            severity: str = ERROR, hint: str = "") -> Diagnostic:
        diag = Diagnostic(str(path), line, column, message, severity, hint)
        self.items.append(diag)
        return diag

    def extend(self, other: Report) -> None:
        self.items.extend(other.items)

    def of(self, severity: str) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == severity)

    @property
    def errors(self) -> list[Diagnostic]:
        return self.of(ERROR)

    @property
    def warnings(self) -> list[Diagnostic]:
        return self.of(WARNING)

    @property
    def advice(self) -> list[Diagnostic]:
        return self.of(ADVICE)


def display_path(path: str | Path, root: str | Path | None) -> str:
    """A path as messages show it: relative to the project root when it lies inside it."""
    path = Path(path)
    if root is not None:
        # As written first: resolving asks the disk about every part of both paths, and a
        # build names every page. Resolved only for a root reached through a symbolic link.
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class CitationError(Exception):
    """Raised by the engine when a caller asks for something that does not exist."""
