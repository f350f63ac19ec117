"""Checks on what a page's Markdown hands the reader's browser unchanged (issue 16).

Markdown publishes a page's raw HTML as written, and Python-Markdown checks no link
address. So a page (or a file it includes with `--8<--`) could run a script in every
reader's browser. Refused, each with a located message saying what to write instead:

- elements that run code or load another document: `<script>`, `<iframe>`, `<object>`,
  `<embed>`, `<frame>`, `<base>`, `<meta>`, `<link>` ... (`ACTIVE_ELEMENTS`); a `<script>`
  whose type makes it a data block a browser never runs (`application/ld+json`,
  `application/json`, `text/plain`) is allowed;
- event-handler attributes (`onclick=`, `onload=` ...) and `srcdoc=`, in raw HTML or in an
  attribute list (`{: onclick="..." }`);
- `javascript:` and `vbscript:` addresses anywhere, and `data:` addresses except images, in
  raw HTML, Markdown links (`[x](javascript:...)`), link definitions and attribute lists,
  read as a browser reads them: character references decoded (`&#106;avascript:`), case
  ignored (`JaVaScRiPt:`), tabs and line breaks removed (`java&#9;script:`).

Also reported here: a citation in a raw HTML attribute (an attribute holds text only, so it
would be published as `[@key]`), and invisible or direction-changing characters in a
citation (U+202E and the like reorder what the reader sees).

Code (fenced, indented, inline) is shown as text and is not looked at. Comments are found
as a browser finds them (`<!-->` is a whole comment), not as Markdown does, so that a
"comment" the browser ends early hides nothing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Container
from html.parser import HTMLParser

from citekit import syntax_tokens
from citekit.diagnostics import Report
from citekit.guard import known_citations
from citekit.syntax import blank_spans, line_col, scan
from citekit.syntax_blocks import blocks

# Elements that run code, embed another document or change where the page's links go.
ACTIVE_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                             "meta", "link", "portal", "noembed"})
# A <script> of one of these types is a data block: a browser never runs it (HTML standard).
DATA_BLOCK_TYPES = frozenset({"application/json", "application/ld+json", "text/plain"})
# Attributes whose value a browser follows as an address.
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                             "srcset", "codebase", "cite", "longdesc", "lowsrc", "dynsrc", "ping", "to", "from",
                             "values", "manifest", "icon"})
_BAD_SCHEME = re.compile(r"(javascript|vbscript|livescript|data):", re.I)
_IMAGE_DATA = re.compile(r"data:image/(?:png|gif|jpeg|webp|avif)[;,]", re.I)
# A browser removes these from an address before reading its scheme (WHATWG URL standard).
_URL_NOISE = re.compile(r"[\t\n\r]")
_URL_LEAD = re.compile(r"^[\x00-\x20]+")
# Markdown link destinations: inline `](dest`, definitions `[label]: dest` (not footnotes `[^1]:`).
_INLINE_DEST = re.compile(r"\]\([ \t]*\n?[ \t]*<?((?:[^\s()<>]|\([^\s()<>]*\))*)")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\n?[ \t]*<?(\S*)", re.M)
# Attribute lists of attr_list: `{: #id .class key="value" }` and `{ key=value }`.
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
_ATTR_SPAN = re.compile(r"\{[^{}\n]*\}")
_ATTR_PAIR = re.compile(r"""([^\s=]+)=("[^"\n]*"|'[^'\n]*'|[^\s}]*)""")
# Invisible and direction-changing characters (Unicode "format" characters, and line and
# paragraph separators): in a citation they change what the reader sees, never what it says.
# Written out: listing them from unicodedata at import takes 0.2 s per build (Unicode 14;
# tests/test_attack_regressions.py checks the list against unicodedata).
_INVISIBLE = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
                        "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
                        "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                        "\U000e0020-\U000e007f]")
_SCRIPT_HINT = ("Put scripts in docs/javascripts/ and list them under extra_javascript in mkdocs.yml (a "
                "maintainer reviews them as code); to show HTML, put it in a fenced code block (```html)")


def check_page(path: str, body: str, offset: int, keys: Container[str], report: Report) -> None:
    """Every check of this module on one Markdown text (`offset`: lines above it in the file)."""
    # Links and attribute lists are looked for outside code on one line (taking less for code
    # finds more); comments are left in, a link in one is text to the browser.
    one_line, multiline = _without_code(body)
    masked = _without_comments(one_line)
    if "<" in body:
        # Several readings, and every problem of any: the tags as written (a block of raw HTML
        # reaches the browser as it is: `<iframe <style>` is an iframe there), and as Python-
        # Markdown leaves them in a paragraph (comments out, and in `<scr<script>` the first '<'
        # made text, so that the browser reads a <script>); each with code on several lines
        # taken for code and not (a line that starts with a tag can end a paragraph's code).
        # A reading the same as one already made finds the same problems: made once (on most
        # pages all four are the same text, and tokenizing it was most of the checks' time).
        found = Report()
        readings: dict[str, None] = {}
        for code_free in (one_line, multiline):
            readings[code_free] = None
            readings[_NOT_A_TAG.sub(" ", _without_comments(code_free))] = None
        for reading in readings:
            _Tags(path, reading, offset, keys, found).run()
        report.items.extend(dict.fromkeys(found.items))
    if "](" in masked or "]:" in masked:
        for pattern in (_INLINE_DEST, _DEFINITION):
            for m in pattern.finditer(masked):
                _check_address(path, body, m.start(1), offset, "link", m.group(1), report)
    if "=" in masked and "{" in masked:
        _check_attribute_lists(path, body, masked, offset, report)
    if _INVISIBLE.search(body):
        _check_invisible_in_citations(path, body, offset, report)


def _without_code(text: str) -> tuple[str, str]:
    """Code blanked out (same length, same lines), as Python-Markdown makes code: taking inline
    code on one line only, and also on several lines.

    Fenced and indented blocks, then inline code found in what is left, where a `<!--`
    inside backticks is code (`` `<!--` <script>... `` runs the script). The second reading
    also blanks code on several lines, which a line that starts with a tag may end for
    Python-Markdown (a block of raw HTML in the middle of a paragraph). Both from one
    tokenization (it was made three times per page)."""
    found = blocks(text)
    fenced = [(a, b) for a, b in found.protected if text[a] != "<" and not _ATTR_SPAN.fullmatch(text, a, b)]
    masked = blank_spans(text, fenced)
    if "`" not in masked:
        return masked, masked
    _, atoms = syntax_tokens.tokens(masked, found.breaks)
    inline = [(a, b) for a, b in atoms if masked[a] == "`"]
    return (blank_spans(masked, [(a, b) for a, b in inline if "\n" not in masked[a:b]]),
            blank_spans(masked, inline))


def _without_comments(text: str) -> str:
    """Comments blanked out, looked for after code is (so a `<!--` in code hides nothing)."""
    return blank_spans(text, _comments(text)) if "<!--" in text else text


# Python-Markdown keeps an inline tag only if no '<' comes before its '>'.
_NOT_A_TAG = re.compile(r"<(?=[^<>]*<)")
_COMMENT_END = re.compile(r"--!?>")


def _comments(text: str) -> list[tuple[int, int]]:
    """HTML comments that both Python-Markdown and the browser take for comments.

    The browser ends one at `-->`, `--!>`, or at once for `<!-->` and `<!--->`. Inside a
    paragraph Python-Markdown keeps a comment only when it closes before a blank line and
    holds no other `<!--`; otherwise its `<!--` becomes text and what follows is live. An
    unclosed `<!--` hides nothing here (in a paragraph it is text)."""
    spans, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0:
        pos = start + 4
        if text.startswith(">", start + 4) or text.startswith("->", start + 4):
            end = text.index(">", start + 4) + 1
        else:
            m = _COMMENT_END.search(text, start + 4)
            if m is None:
                continue
            end = m.end()
        line_start = text.rfind("\n", 0, start) + 1
        block = not text[line_start:start].strip(" ")
        if not block and (_BLANK_LINE.search(text, start, end) or text.find("<!--", start + 4, end) >= 0):
            continue   # text to Markdown: look again from the next '<!--'
        spans.append((start, end))
        pos = end
    return spans


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def normal_address(value: str) -> str:
    """An address as a browser reads its scheme: references decoded, tabs and breaks gone, lower case."""
    return _URL_LEAD.sub("", _URL_NOISE.sub("", html.unescape(value))).lower()


def bad_scheme(value: str, *, image: bool = False) -> str:
    """'javascript:', 'vbscript:' or 'data:' when the address uses one ('' if not); `image`: data images pass."""
    address = normal_address(value)
    m = _BAD_SCHEME.match(address)
    if m is None or (image and _IMAGE_DATA.match(address)):
        return ""
    return m.group(0)


def _check_address(path: str, text: str, at: int, offset: int, what: str, value: str, report: Report,
                   image: bool = False) -> None:
    scheme = bad_scheme(value, image=image)
    if scheme:
        line, col = line_col(text, at)
        report.add(path, line + offset, f"{what} to a '{scheme}' address ('{_shown(value)}'): it would run "
                   "in the reader's browser", column=col,
                   hint="Link to an https:// address or to a page of the site")


def _check_attribute_lists(path: str, body: str, masked: str, offset: int, report: Report) -> None:
    for m in _ATTR_LIST.finditer(masked):
        for pair in _ATTR_PAIR.finditer(m.group(1)):
            name, value = pair.group(1).lower(), pair.group(2).strip("\"'")
            at = m.start(1) + pair.start()
            if name.startswith("on") or name == "srcdoc":
                line, col = line_col(body, at)
                report.add(path, line + offset, f"attribute list sets '{_shown(name)}', which runs a script "
                           "in the reader's browser", column=col, hint="Remove it; " + _SCRIPT_HINT)
            else:
                _check_address(path, body, at, offset, f"attribute '{_shown(name)}' of an attribute list "
                               "links", value, report)


def _check_invisible_in_citations(path: str, body: str, offset: int, report: Report) -> None:
    for cit in scan(body).citations:
        written = body[cit.start:cit.end]
        m = _INVISIBLE.search(written)
        if m is None:
            continue
        char = m.group()
        line, col = line_col(body, cit.start + m.start())
        report.add(path, line + offset, f"citation '{_shown(written)}' holds the invisible character "
                   f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')}), which changes how the text "
                   "around it is shown, not what it says", column=col,
                   hint="Delete the character (retype the citation if your editor does not show it)")


def _shown(text: str, limit: int = 80) -> str:
    """Text as a message echoes it: invisible characters as \\uXXXX, cut at `limit`."""
    text = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class _Tags(HTMLParser):
    """Raw HTML tags of the (code-masked) Markdown, read by a real HTML tokenizer."""

    def __init__(self, path: str, text: str, offset: int, keys: Container[str], report: Report) -> None:
        super().__init__(convert_charrefs=True)
        # Not `self.offset`: HTMLParser keeps its own column there.
        self.path, self.text, self.line_offset, self.keys, self.report = path, text, offset, keys, report

    def run(self) -> None:
        self.feed(self.text)
        self.close()

    def _where(self) -> tuple[int, int]:
        line, col = self.getpos()
        return line + self.line_offset, col + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self._where()
        data_block = tag == "script" and (dict(attrs).get("type") or "").strip().lower() in DATA_BLOCK_TYPES
        if tag in ACTIVE_ELEMENTS and not data_block:
            self.report.add(self.path, line, f"raw <{_shown(tag)}> element: it would run code or load another "
                            "document in the reader's browser", column=col,
                            hint="Remove it. " + _SCRIPT_HINT)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "srcdoc":
                self.report.add(self.path, line, f"attribute '{_shown(name)}' of <{_shown(tag)}> runs a script in "
                                "the reader's browser", column=col, hint="Remove the attribute. " + _SCRIPT_HINT)
                continue
            scheme = bad_scheme(value, image=tag in ("img", "source", "picture") and name in ("src", "srcset"))
            if scheme and (name in _URL_ATTRIBUTES or scheme != "data:"):
                self.report.add(self.path, line, f"attribute '{_shown(name)}' of <{_shown(tag)}> holds a "
                                f"'{scheme}' address ('{_shown(value)}'): it would run in the reader's browser",
                                column=col, hint="Use an https:// address or a page of the site. " + _SCRIPT_HINT)
                continue
            for group, _ in known_citations(value, self.keys)[:1]:
                self.report.add(self.path, line, f"citation '{_shown(group.group())}' in the attribute "
                                f"'{_shown(name)}' of <{_shown(tag)}> is not rendered: an HTML attribute "
                                "holds text only", column=col,
                                hint="Move the citation out of the tag, into the page's text")

    handle_startendtag = handle_starttag
