"""Located problems: every message names a file and a line and says how to fix it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"
ADVICE = "advice"  # reported, never fails a build (e.g. an entry nobody cites)


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    message: str
    severity: str = ERROR
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        text = f"{where}: {self.message}"
        return f"{text}. {self.hint}" if self.hint else text


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
