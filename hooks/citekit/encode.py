"""Output encoding: every string from BibTeX or a citation, written for the one context it lands in.

Contexts, and the function for each:

- `text`: an HTML text node that Markdown may still read (a citation in a heading goes into
  the Markdown before it is converted, so that the table of contents shows it). `& < > " '`
  become character references, and so do the characters Markdown or a JavaScript string
  would act on (`* _ ` [ ] \\ @ ~ ^ =`): nothing the engine writes can close a tag, start
  Markdown, or end a quoted string in a script or JSON value.
- `attr`: a double-quoted attribute value.
- `inert`: a `title` that Material's tooltips insert as HTML: no tag and no character
  reference survives one decoding. Apply it before `attr`.
- `inline_markdown`: a citation's prefix or suffix, whose emphasis, strong emphasis, code
  and backslash escapes the author meant; everything else is text.
- `plain_title` and `repair_title_element`: a page title as MkDocs holds it (HTML with
  character references) back to text, and the page's `<title>` element made from that text.

Every context first replaces what HTML cannot carry (NUL and the other control characters,
lone surrogates, non-characters) with U+FFFD. LaTeX is decoded before any of this (Entry.get),
never after.
"""

from __future__ import annotations

import html
import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_REPLACEMENT = "\ufffd"

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
             "*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;",
             "\\": "&#92;", "@": "&#64;", "~": "&#126;", "^": "&#94;", "=": "&#61;"}
# Most values have nothing to escape, and one search says so quickly.
_TEXT_SPECIAL = re.compile(r"[&<>\"'*_`\[\]\\@~^=]")
# Markdown keeps tags whole, except for code spans and backslash escapes.
_ATTR_SPECIAL = re.compile(r"[&<>\"'`\\]")


def _entity(m: re.Match) -> str:
    return _ENTITIES[m.group()]


def _replacement(m: re.Match) -> str:
    # Controls that Python counts as white space become a space, so that a value reads the
    # same whether its white space was collapsed before (a preview) or not (a reference).
    return " " if m.group().isspace() else _REPLACEMENT


def clean(value: str) -> str:
    """The value without what HTML cannot carry (control characters become U+FFFD or a space)."""
    return _CONTROL.sub(_replacement, value) if _CONTROL.search(value) else value


def text(value: str) -> str:
    """Escape a string for an HTML text node that Markdown will not touch."""
    value = clean(value)
    return _TEXT_SPECIAL.sub(_entity, value) if _TEXT_SPECIAL.search(value) else value


def attr(value: str) -> str:
    """Escape a double-quoted attribute value."""
    value = clean(value)
    return _ATTR_SPECIAL.sub(_entity, value) if _ATTR_SPECIAL.search(value) else value


_CHAR_REF = re.compile(r"&(?=#?\w+;)")


def inert(value: str) -> str:
    """Text that stays text when a script reads it as HTML.

    Material's tooltips put a link's title into the page as markup, so a title must hold
    no tag and no character reference even after one decoding. A bare '&' is left alone
    so that the browser's own tooltip (no script) still reads naturally.
    """
    return _CHAR_REF.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")


# ---- a citation's prefix and suffix ----------------------------------------------------

# Backslash escapes (CommonMark: any ASCII punctuation), code spans, **strong** / __strong__,
# *emphasis* / _emphasis_; delimiters must touch the text they enclose, as in Markdown.
_INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|(?P<ticks>`+)(?P<code>.+?)(?P=ticks)"
    r"|(?P<strong_mark>\*\*|__)(?=\S)(?P<strong>.+?)(?<=\S)(?P=strong_mark)"
    r"|(?P<em_mark>[*_])(?=[^\s*_])(?P<em>.+?)(?<=[^\s*_])(?P=em_mark)", re.S)


def inline_markdown(value: str) -> str:
    """A prefix or suffix as HTML: its emphasis, strong emphasis and code as tags, the rest as text."""
    out, pos = [], 0
    for m in _INLINE.finditer(value):
        out.append(text(value[pos:m.start()]))
        if m.group("escaped") is not None:
            out.append(text(m.group("escaped")))
        elif m.group("code") is not None:
            out.append(f"<code>{text(m.group('code').strip())}</code>")
        elif m.group("strong") is not None:
            out.append(f"<strong>{inline_markdown(m.group('strong'))}</strong>")
        else:
            out.append(f"<em>{inline_markdown(m.group('em'))}</em>")
        pos = m.end()
    out.append(text(value[pos:]))
    return "".join(out)


# ---- page titles ---------------------------------------------------------------------

_COMMENT_OR_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def plain_title(title: str) -> str:
    """A page title as MkDocs holds it (HTML: tags stripped, character references kept) as text.

    A citation in an H1 puts escaped BibTeX text into the title; every consumer that
    writes the title as text (the cite block, "Cited on" links, `<title>`) must start
    from this, or it shows `&amp;` (escaping twice) or runs markup (decoding once).
    """
    return clean(" ".join(html.unescape(_COMMENT_OR_TAG.sub("", title)).split()))


def _as_template_strips(title: str) -> str:
    """What a Jinja template's `title | striptags` writes: tags gone, references decoded."""
    return html.unescape(" ".join(_COMMENT_OR_TAG.sub("", title).split()))


def repair_title_element(page: str, title: str) -> str:
    """The page with its `<title>` element's text written from the page title, escaped.

    Material writes `{{ page.title | striptags }}` into `<title>`: `striptags` decodes
    character references, so a title holding `&lt;/title&gt;&lt;script&gt;` (escaped text
    from a citation) would end the element and run the script. The text it wrote is
    found again and replaced with the same text, escaped.
    """
    written = _as_template_strips(title)
    head_end = page.find("</head>")
    at = page.find("<title>" + written, 0, head_end if head_end >= 0 else len(page))
    if not written or at < 0:
        return page
    start = at + len("<title>")
    return page[:start] + html.escape(plain_title(title), quote=False) + page[start + len(written):]
