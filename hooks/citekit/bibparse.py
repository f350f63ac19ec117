"""The BibTeX parser: source text in, raw entries and located problems out.

It splits the text with regular expressions and keeps field values raw (LaTeX is decoded
later, by the model, when a field is read). It never recurses and every scan moves
forward, so its time is linear in the size of the text, whatever the text holds. When an
entry is broken it reports where the mistake most likely is, with a fix that cannot make
one field or entry swallow another, and resumes at the next line that starts with '@'.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from .bibfix import CONTROL, Diagnosis, SyntaxProblem, ValueSpan, shown
from .diagnostics import WARNING, Report

MAX_BRACE_DEPTH = 64          # braces nested deeper than this in one value: an error, not a RecursionError later
MAX_VALUE_CHARS = 100_000     # a value assembled from @strings may not grow past this
MAX_STRING_DEPTH = 32         # @strings built from @strings built from ... at most this deep

_AT = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*")
_KEY = re.compile(r"[ \t\r\n]*([^\s,{}()=\"#%'~\\]+)[ \t\r\n]*")
_FIELD = re.compile(r"[ \t\r\n]*([A-Za-z_][\w\-:.+]*)[ \t\r\n]*")
_WS = re.compile(r"(?:[ \t\r\n]+|%[^\n]*\n?)*")  # white space and % comment lines
_COMMENT_LINE = re.compile(r"[ \t]*%")
# A line that starts a new entry cannot be inside a value: seeing one means a brace was not closed.
_ENTRY_LINE = r"\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]"
_BRACE = re.compile(r"[{}]|" + _ENTRY_LINE)
_QUOTE_OR_BRACE = re.compile(r'[{}"]|' + _ENTRY_LINE)
_NUMBER = re.compile(r"[0-9]+")
_NEXT_ENTRY = re.compile(r"@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]")
_NAME = re.compile(r"[A-Za-z_][\w\-:.+]*")
_LINE_START_AT = re.compile(r"^[ \t]*@", re.M)


@dataclass
class RawEntry:
    """One entry as written: values raw, each field's line remembered."""

    key: str
    type: str
    line: int
    raw: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class ParseResult:
    entries: list[RawEntry] = field(default_factory=list)
    preambles: list[str] = field(default_factory=list)
    failed_lines: list[int] = field(default_factory=list)   # entries starting here could not be read


def parse(text: str, path: str, report: Report, macros: dict[str, str],
          string_depths: dict[str, int] | None = None) -> ParseResult:
    """Parse one file's text; problems go to `report`, @string definitions to `macros`."""
    parser = _Parser(text, path, report, macros, {} if string_depths is None else string_depths)
    parser.run()
    return parser.result


class _Parser:
    def __init__(self, text: str, path: str, report: Report, macros: dict[str, str],
                 string_depths: dict[str, int]) -> None:
        self.s = text
        self.path = path
        self.report = report
        self.macros = macros
        self.string_depths = string_depths
        self.result = ParseResult()
        self.fix = Diagnosis(text, self.line)
        self._line_pos, self._line_no = 0, 1        # a cursor: lines are counted once, moving forward
        self._scanned_to, self._line_start = 0, 0    # where the current line starts (for '%' lines)
        self.expanded = 0                            # characters @strings have contributed so far
        self.budget = 10 * len(text) + 1_000_000
        self.value_end = 0
        self.depth_of_value = 0
        self.broken_strings: set[str] = set()   # @strings whose definition failed (reported there)

    def line(self, pos: int) -> int:
        if pos >= self._line_pos:
            self._line_no += self.s.count("\n", self._line_pos, pos)
        else:
            self._line_no -= self.s.count("\n", pos, self._line_pos)
        self._line_pos = pos
        return self._line_no

    def run(self) -> None:
        s, pos = self.s, 0
        while True:
            at = s.find("@", pos)
            if at < 0:
                return
            newline = s.rfind("\n", self._scanned_to, at)
            if newline >= 0:
                self._line_start = newline + 1
            self._scanned_to = at
            # Text between entries is a comment, as in BibTeX; so is a line starting with %:
            # the rest of that line is skipped at once, whatever it holds.
            if _COMMENT_LINE.match(s, self._line_start, at):
                end = s.find("\n", at)
                if end < 0:
                    return
                pos = self._scanned_to = end
                continue
            try:
                pos = self.item(at)
            except SyntaxProblem as err:
                self.report.add(self.path, self.line(err.pos), err.message, hint=err.hint)
                pos = self._next_item(err.pos, at)
            self._scanned_to = max(self._scanned_to, min(pos, len(s)))

    def _next_item(self, pos: int, start: int) -> int:
        """Resume at the next line that starts with '@' (error recovery)."""
        m = _LINE_START_AT.search(self.s, max(pos, start + 1))
        if m is None:
            return len(self.s)
        # Never resume inside the failed entry's own first line.
        return m.end() - 1 if m.end() - 1 > start else start + 1

    def item(self, at: int) -> int:
        m = _AT.match(self.s, at)
        kind = m.group(1).lower() if m else ""
        try:
            return self._item(at, m)
        except SyntaxProblem:
            if kind not in ("comment", "preamble", "string"):   # an entry may be missing from here on
                self.result.failed_lines.append(self.line(at))
            raise

    def _item(self, at: int, m: re.Match | None) -> int:
        s = self.s
        if not m:
            raise SyntaxProblem(at, "'@' is not followed by an entry type",
                                "Write @article{key, ...}; to write a literal @ outside entries, drop it")
        kind = sys.intern(m.group(1).lower())
        pos = m.end()
        if kind == "comment":
            if pos < len(s) and s[pos] in "{(":
                return self._skip_group(pos)
            return pos
        if pos >= len(s) or s[pos] not in "{(":
            raise SyntaxProblem(at, f"expected '{{' or '(' after '@{m.group(1)}'",
                                "An entry looks like @article{key, title = {...}}")
        close = "}" if s[pos] == "{" else ")"
        open_pos = pos
        pos += 1
        if kind == "preamble":
            value, pos = self.value(pos, open_pos)
            self.result.preambles.append(value)
            return self._expect_close(pos, close, "@preamble")
        if kind == "string":
            return self.string(pos, close, open_pos)
        return self.entry(at, pos, kind, m.group(1), close, open_pos)

    def entry(self, at: int, pos: int, kind: str, written_kind: str, close: str, open_pos: int) -> int:
        s = self.s
        km = _KEY.match(s, pos)
        if km and km.end() >= len(s):
            raise SyntaxProblem(at, f"entry '{shown(km.group(1))}' is cut off at the end of the file",
                                "Finish the entry and close it with '}'")
        if not km or s[km.end():km.end() + 1] not in (",", close):
            found = shown(s[pos:pos + 20].split("\n")[0].strip())
            raise SyntaxProblem(pos, f"entry '@{written_kind}' has no key (found '{found}')",
                                "Write @" + written_kind + "{key, ...} with a key such as steensberg2000")
        key = km.group(1)
        if CONTROL.search(key):
            raise SyntaxProblem(at, f"the key '{shown(key)}' holds a control character",
                                "Keys are letters, digits and - _ : . /; retype the key")
        entry = RawEntry(key=key, type=kind, line=self.line(at))
        pos = self.fields(km.end(), close, open_pos, entry)
        self.result.entries.append(entry)
        return pos

    def string(self, pos: int, close: str, open_pos: int) -> int:
        pos = _WS.match(self.s, pos).end()
        nm = _NAME.match(self.s, pos)
        if not nm:
            raise SyntaxProblem(pos, "@string needs a name", "Write @string{jphysiol = {J Physiol}}")
        pos = _WS.match(self.s, nm.end()).end()
        if self.s[pos:pos + 1] != "=":
            raise SyntaxProblem(pos, f"expected '=' after @string name '{nm.group()}'",
                                "Write @string{name = {value}}")
        self.depth_of_value = 0
        name = nm.group().lower()
        self.broken_strings.add(name)   # until it is defined: its uses are not reported again
        value, pos = self.value(pos + 1, open_pos, what=f"@string '{nm.group()}'")
        depth = self.depth_of_value + 1
        if depth > MAX_STRING_DEPTH:
            raise SyntaxProblem(nm.start(), f"@string '{nm.group()}' is built from @strings nested more than "
                                f"{MAX_STRING_DEPTH} deep", "Write its value out in braces")
        self.macros[name] = value
        self.string_depths[name] = depth
        self.broken_strings.discard(name)
        return self._expect_close(pos, close, "@string")

    def fields(self, pos: int, close: str, open_pos: int, entry: RawEntry) -> int:
        values: list[ValueSpan] = []
        try:
            return self._fields(pos, close, open_pos, entry, values)
        except SyntaxProblem as err:
            raise (self.fix.runaway(values, evidence=True) if err.structural else None) or err from None

    def _fields(self, pos: int, close: str, open_pos: int, entry: RawEntry, values: list[ValueSpan]) -> int:
        s = self.s
        key = shown(entry.key)
        while True:
            pos = _WS.match(s, pos).end()
            if pos >= len(s):
                raise self.fix.unclosed_entry(shown(entry.key), values, open_pos, close, pos)
            ch = s[pos]
            if ch == close:
                return pos + 1
            if ch == ",":
                pos = _WS.match(s, pos + 1).end()
                if pos < len(s) and s[pos] == close:
                    return pos + 1
                fm = _FIELD.match(s, pos)
                if not fm:
                    if pos >= len(s) or _NEXT_ENTRY.match(s, pos):
                        raise self.fix.unclosed_entry(shown(entry.key), values, open_pos, close, pos)
                    found = shown(s[pos:pos + 15].splitlines()[0] if s[pos:pos + 15].strip() else s[pos])
                    raise SyntaxProblem(pos, f"expected a field name in entry '{key}', found '{found}'",
                                        "Fields look like: title = {...},")
                # Interned: thousands of entries then share one string per field name.
                name = sys.intern(fm.group(1).lower())
                npos = _WS.match(s, fm.end()).end()
                if npos >= len(s):
                    raise SyntaxProblem(fm.start(1), f"entry '{key}' is cut off at the end of the file",
                                        "Finish the entry and close it with '}'")
                if s[npos] != "=":
                    raise SyntaxProblem(npos, f"expected '=' after field name '{fm.group(1)}' in entry "
                                        f"'{key}'", "Fields look like: title = {...},")
                field_line = self.line(fm.start(1))
                vstart = _WS.match(s, npos + 1).end()
                values.append(ValueSpan(name, field_line, vstart, vstart, s[vstart:vstart + 1]
                                     if s[vstart:vstart + 1] in ('{', '"') else ""))
                value, pos = self.value(npos + 1, open_pos, entry.key, name)
                values[-1].end = self.value_end
                if CONTROL.search(value):
                    self.report.add(self.path, field_line, f"field '{name}' of entry '{key}' holds the control "
                                    f"character '{shown(CONTROL.search(value).group())}'", severity=WARNING,
                                    hint="Delete it (it was left out of the page)")
                    value = CONTROL.sub("", value)
                if name in entry.raw:
                    self.report.add(self.path, field_line,
                                    f"field '{name}' is given twice in entry '{key}' "
                                    f"(first on line {entry.lines[name]})",
                                    severity=WARNING, hint="Keep one of them; the first is used")
                else:
                    entry.raw[name] = value
                    entry.lines[name] = field_line
                continue
            if not values:
                raise SyntaxProblem(pos, f"expected ',' after the key '{key}'",
                                    "Write @article{key, title = {...}}")
            if _NEXT_ENTRY.match(s, pos):
                raise self.fix.unclosed_entry(shown(entry.key), values, open_pos, close, pos)
            word = shown(s[pos:pos + 20].split()[0] if s[pos:pos + 20].split() else s[pos])
            last = values[-1]
            # Point at the line where the comma belongs, not where the next field starts.
            line = self.line(last.end)
            line_end = s.find("\n", last.end)
            at_line_end = not s[last.end:line_end if line_end >= 0 else len(s)].strip()
            raise SyntaxProblem(last.end, f"missing ',' after field '{last.name}' in entry '{key}' "
                                f"(found '{word}')", f"Add ',' at the end of line {line}" if at_line_end else
                                f"Add ',' after the value of '{last.name}'")

    # ---- values ---------------------------------------------------------------------------

    def value(self, pos: int, open_pos: int, key: str = "", name: str = "", what: str = "") -> tuple[str, int]:
        """A value: pieces joined with '#'. Returns (raw text, position after)."""
        s = self.s
        what = f"the value of {what}" if what else (f"the value of field '{name}'" if name else "the value")
        pieces: list[str] = []
        size = 0
        from_strings = False
        while True:
            pos = _WS.match(s, pos).end()
            if pos >= len(s):
                named = f" '{shown(key)}'" if key else ""
                raise SyntaxProblem(open_pos, f"entry{named} is cut off at the end of the file",
                                    "Finish the entry and close it with '}'")
            ch = s[pos]
            if ch == "{":
                end = self._balanced(pos, name)
                pieces.append(s[pos + 1:end])
                pos = end + 1
            elif ch == '"':
                end = self._quoted(pos, name)
                pieces.append(s[pos + 1:end])
                pos = end + 1
            elif (num := _NUMBER.match(s, pos)) is not None:
                pieces.append(num.group())
                pos = num.end()
            elif (nm := _NAME.match(s, pos)) is not None:
                pieces.append(self._macro(nm))
                from_strings = True
                pos = nm.end()
            else:
                raise SyntaxProblem(pos, "expected a value in {braces}, \"quotes\", a number or a @string "
                                    f"name, found '{shown(ch)}'", "Write the value in braces: title = {...}")
            size += len(pieces[-1])
            if from_strings and size > MAX_VALUE_CHARS:
                raise SyntaxProblem(pos, f"{what} grows past "
                                    f"{MAX_VALUE_CHARS} characters once its @strings are expanded",
                                    "Write the value out in braces instead of joining @strings", structural=False)
            self.value_end = pos
            pos = _WS.match(s, pos).end()
            if s[pos:pos + 1] != "#":
                return "".join(pieces), pos
            pos += 1

    def _macro(self, nm: re.Match) -> str:
        name = nm.group().lower()
        if name in self.broken_strings:
            return ""
        if name not in self.macros:
            self.report.add(self.path, self.line(nm.start()), f"undefined @string '{nm.group()}'",
                            hint=f"Define it with @string{{{nm.group()} = {{...}}}} in a .bib file, "
                                 f"or write the value in braces: {{{nm.group()}}}")
            return ""
        value = self.macros[name]
        self.depth_of_value = max(self.depth_of_value, self.string_depths.get(name, 0))
        self.expanded += len(value)
        if self.expanded > self.budget:
            if self.expanded - len(value) > self.budget:
                return ""   # reported once, at the first use past the budget
            raise SyntaxProblem(nm.start(), f"@strings expand to more than {self.budget} characters in this "
                                "file", "Write long values out in braces instead of repeating @strings",
                                structural=False)
        return value

    def _balanced(self, start: int, name: str) -> int:
        s = self.s
        # Most values hold no inner brace and no '@': one search each, no scan brace by brace.
        end = s.find("}", start + 1)
        if end > 0 and s.find("{", start + 1, end) < 0 and s.find("@", start + 1, end) < 0:
            return end
        depth = 0
        for m in _BRACE.finditer(s, start):
            if m.group() == "{":
                depth += 1
                if depth > MAX_BRACE_DEPTH:
                    raise SyntaxProblem(m.start(), f"braces are nested more than {MAX_BRACE_DEPTH} deep"
                                        f"{' in field ' + repr(name) if name else ''}",
                                        "Remove the extra braces", structural=False)
            elif m.group() != "}":
                raise self.fix.open_value(start, m.start() + 1, name, "{")
            else:
                depth -= 1
                if depth == 0:
                    return m.start()
        raise self.fix.open_value(start, len(s), name, "{")

    def _quoted(self, start: int, name: str) -> int:
        s = self.s
        end = s.find('"', start + 1)
        if end > 0 and s.find("{", start + 1, end) < 0 and s.find("}", start + 1, end) < 0 \
                and s.find("@", start + 1, end) < 0:
            return end
        depth = 0
        for m in _QUOTE_OR_BRACE.finditer(s, start + 1):
            c = m.group()
            if len(c) > 1:
                raise self.fix.open_value(start, m.start() + 1, name, '"')
            if c == "{":
                depth += 1
                if depth > MAX_BRACE_DEPTH:
                    raise SyntaxProblem(m.start(), f"braces are nested more than {MAX_BRACE_DEPTH} deep"
                                        f"{' in field ' + repr(name) if name else ''}",
                                        "Remove the extra braces", structural=False)
            elif c == "}":
                depth -= 1
            elif depth <= 0:
                return m.start()
        raise self.fix.open_value(start, len(s), name, '"')

    def _expect_close(self, pos: int, close: str, what: str) -> int:
        pos = _WS.match(self.s, pos).end()
        if self.s[pos:pos + 1] != close:
            raise SyntaxProblem(pos, f"{what} is not closed with '{close}'", f"Add '{close}'")
        return pos + 1

    def _skip_group(self, pos: int) -> int:
        """Past an @comment's braces or parentheses."""
        if self.s[pos] == "{":
            try:
                return self._balanced(pos, "") + 1
            except SyntaxProblem as err:
                if not err.structural:
                    raise
                raise SyntaxProblem(pos, "this @comment is never closed",
                                    "Add '}' where the comment ends") from None
        end = self.s.find(")", pos)
        return len(self.s) if end < 0 else end + 1
