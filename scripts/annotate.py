"""Turn `make check` output into GitHub workflow commands, so problems show on the PR's lines.

Usage: `python scripts/annotate.py check.log` (or the output on standard input). Every located
problem line, `ERROR   -  path:LINE[:COL]: message` or `WARNING -  ...`, becomes
`::error file=path,line=LINE,col=COL::message` (advisories become `::notice`, other warnings
`::warning`); a problem without a location is annotated without a file. The summary line
(`N problems in the sources ...`) is left out: every problem it counts has its own annotation.
Values are escaped as GitHub's workflow commands require: `%`, CR and LF in the message, and
also `:` and `,` in the properties. Exit 0 always: the check's own exit code fails the job.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

PROBLEM = re.compile(r"^(?P<level>ERROR|WARNING) +-  (?P<text>\S.*)$")
LOCATED = re.compile(r"^(?P<file>\S.*?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.+)$")
SUMMARY = re.compile(r"^\d+ problems? in the sources \(listed above\)")
ADVISORY = " (advisory: does not fail the build)"
TITLE = "make check"


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded (`%` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: as data, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, *, file: str = "", line: str = "", col: str = "") -> str:
    """One workflow command: `::kind file=...,line=...,col=...,title=...::message`."""
    props = [("file", file), ("line", line), ("col", col), ("title", TITLE)]
    shown = ",".join(f"{name}={escape_property(value)}" for name, value in props if value)
    return f"::{kind} {shown}::{escape_data(message)}"


def annotations(lines: Iterable[str]) -> list[str]:
    """The workflow commands for the problem lines among `lines` (other lines are skipped)."""
    out = []
    for raw in lines:
        problem = PROBLEM.match(raw.rstrip("\r\n"))
        if not problem or SUMMARY.match(problem.group("text")):
            continue
        text = problem.group("text")
        if problem.group("level") == "ERROR":
            kind = "error"
        elif text.endswith(ADVISORY):
            kind, text = "notice", text[: -len(ADVISORY)]
        else:
            kind = "warning"
        where = LOCATED.match(text)
        if where:
            out.append(command(kind, where.group("message"), file=where.group("file"),
                               line=where.group("line"), col=where.group("col") or ""))
        else:
            out.append(command(kind, text))
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        with open(args[0], encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    else:
        lines = sys.stdin.read().splitlines()
    for line in annotations(lines):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
