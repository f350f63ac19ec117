"""Where a broken BibTeX entry went wrong, and the exact edit that fixes it.

When a value is not closed, the parser only notices later: at the next entry or the end
of the file, or at a field that a runaway value took in. This module finds the field
where the mistake is (the first value holding a line that starts like a field) and
says what to add on which line, so that no field or entry can swallow another: the
hints are exact edits ("Add '}' before the comma at the end of line 14"), which
tests/test_bibtex_errors.py carries out. It also makes values safe to echo (`shown`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A field written at the start of a line: inside a value, the sign that the value was not closed.
_FIELD_AT_LINE_START = re.compile(r"\n[ \t]*([A-Za-z_][\w\-:.+]*)[ \t]*=")
# A field at a line start whose value begins as values do (`issn = {`, `year = 2000,`, or where the
# value ends): the evidence that a closed value swallowed fields; prose ("n = 12 subjects") is not.
_SWALLOWED_FIELD = re.compile(r"\n[ \t]*[A-Za-z_][\w\-:.+]*[ \t]*=[ \t]*(?:[{\"]|\w+[ \t]*,?[ \t]*(?:\n|$)|$)")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def shown(value: str, limit: int = 40) -> str:
    """A value as a message may echo it: control characters and line breaks escaped, cut at `limit`."""
    cut = value[:limit]
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", cut.replace("\r", "\\r").replace("\n", "\\n"))


class SyntaxProblem(Exception):
    """A mistake at `pos` in the text: the message and the hint as the report shows them."""

    def __init__(self, pos: int, message: str, hint: str = "", structural: bool = True) -> None:
        super().__init__(message)
        self.pos, self.message, self.hint = pos, message, hint
        self.structural = structural   # False: a bound was passed, not a brace or comma missing


@dataclass
class ValueSpan:
    """Where a field's value was written: what the diagnosis of a runaway value needs."""

    name: str
    line: int
    start: int        # position of its first character (a '{', a '"', a digit or a name)
    end: int          # position after it
    opener: str       # '{', '"' or '' (a number or an @string name)


class Diagnosis:
    """Reads a broken entry in `text`; `line` turns a position into a line number."""

    def __init__(self, text: str, line: Callable[[int], int]) -> None:
        self.s = text
        self.line = line

    def runaway(self, values: list[ValueSpan], evidence: bool) -> SyntaxProblem | None:
        """The field whose value took in the fields after it (a line `name =` inside it), if any.

        With `evidence`, a value that was closed counts only if a whole line in it is a field.
        """
        s = self.s
        for value in values:
            if not value.opener:
                continue
            inside = _FIELD_AT_LINE_START.search(s, value.start, max(value.end - 1, value.start))
            if inside is None or (evidence and not _SWALLOWED_FIELD.search(s, value.start, value.end - 1)):
                continue
            next_line = self.line(inside.start() + 1)
            fix_line_end = s.rfind("\n", value.start, inside.start() + 1)
            # The last line that holds text before the swallowed field: the value ends there.
            while fix_line_end > value.start and not s[s.rfind("\n", 0, fix_line_end) + 1:fix_line_end].strip():
                fix_line_end = s.rfind("\n", 0, fix_line_end)
            closer, where = self.close_at(value, fix_line_end, comma=True)
            return SyntaxProblem(value.start, f"the value of field '{value.name}' opened here is never closed, "
                                 "so it takes in the fields after it",
                                 f"Add '{closer}' {where}, so that it ends before the next field "
                                 f"`{inside.group(1)} = ...` on line {next_line}")
        return None

    def close_at(self, value: ValueSpan, line_end: int, comma: bool) -> tuple[str, str]:
        """What to add to close `value` on the line that ends at `line_end`, and where: before the
        line's final comma if it has one (that comma then separates the fields), else at its end
        (with a comma when `comma`: a field follows)."""
        closer = self.closer(value, line_end)
        line_text = self.s[self.s.rfind("\n", 0, line_end) + 1:line_end].rstrip()
        line = self.line(line_end)
        if line_text.endswith(","):
            return closer, f"before the comma at the end of line {line}"
        return closer + ("," if comma else ""), f"at the end of line {line}"

    def closer(self, value: ValueSpan, upto: int) -> str:
        """What closes `value` at position `upto`: one '}' per brace still open, then its quote."""
        text = self.s[value.start + 1:upto]
        depth = text.count("{") - text.count("}")
        if value.opener == "{":
            return "}" * max(depth + 1, 1)
        return "}" * max(depth, 0) + '"'

    def unclosed_entry(self, key: str, values: list[ValueSpan], open_pos: int, close: str,
                        stop: int) -> SyntaxProblem:
        """The entry ran into the next one or the end of the file with every value closed."""
        s = self.s
        end = len(s.rstrip()) if stop >= len(s) else s.rfind("\n", 0, stop)
        while end > open_pos and not s[s.rfind("\n", 0, end) + 1:end].strip():
            end = s.rfind("\n", 0, end)
        last_line = self.line(end)
        where = "the file ends first" if stop >= len(s) else f"the next entry starts on line {self.line(stop)}"
        last = values[-1] if values else None
        if last is not None and last.opener == "{" and "\n" in s[last.start:last.end] \
                and not s[s.rfind("\n", 0, last.end - 1) + 1:last.end - 1].strip():
            # The value's '}' stands alone on its line: it was meant to close the entry.
            content_end = s.rfind("\n", 0, last.end - 1)
            while content_end > last.start and not s[s.rfind("\n", 0, content_end) + 1:content_end].strip():
                content_end = s.rfind("\n", 0, content_end)
            closer, at = self.close_at(last, content_end, comma=False)
            return SyntaxProblem(last.start, f"the value of field '{last.name}' opened here is never closed: "
                                 f"the '{close}' on line {self.line(last.end - 1)} that should close entry "
                                 f"'{key}' closes it instead", f"Add '{closer}' {at}")
        return SyntaxProblem(open_pos, f"entry '{key}' is not closed: {where}",
                             f"Add '{close}' on a new line after line {last_line}")

    def open_value(self, start: int, stop: int, name: str, opener: str) -> SyntaxProblem:
        """A value still open at the next entry (`stop`) or the end of the file."""
        value = ValueSpan(name or "?", self.line(start), start, stop, opener)
        problem = self.runaway([value], evidence=False) if name else None
        if problem is not None:
            return problem
        s = self.s
        end = len(s.rstrip()) if stop >= len(s) else s.rfind("\n", 0, stop)
        while end > start and not s[s.rfind("\n", 0, end) + 1:end].strip():
            end = s.rfind("\n", 0, end)
        what = f"the value of field '{name}'" if name else "this value"
        where = "the file ends first" if stop >= len(s) else f"the next entry starts on line {self.line(stop)}"
        closer, at = self.close_at(value, end, comma=False)
        return SyntaxProblem(start, f"{what} opened here is never closed: {where}",
                            f"Add '{closer}' {at}, and '}}' on a new line after it")
