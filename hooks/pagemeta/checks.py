"""Checks on a page's Markdown that MkDocs does not locate: title, image text, links."""

from __future__ import annotations

import posixpath
import re
import unicodedata

from citekit.diagnostics import Report
from citekit.syntax import line_col, mask_code, scan

_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\((?P<target><[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_H1 = re.compile(r"^#(?!#)\s*\S", re.M)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_ATTR_ID = re.compile(r"\{[^}]*#([\w:.-]+)[^}]*\}")
_HTML_ID = re.compile(r"\bid=\"([^\"]+)\"")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Python-Markdown looks for a link's end from every '[' of a paragraph, in time that grows with
# the square of their number: 20 000 '[a](' in one paragraph took 4 minutes. The pages of this
# site have at most 71 in a paragraph (the abbreviations); 500 take under a second.
MAX_BRACKETS_PER_PARAGRAPH = 500


def check_title(path: str, data: dict, body: str, report: Report) -> None:
    if str(data.get("title") or "").strip() or _H1.search(mask_code(body)):
        return
    report.add(path, 1, "page has no title",
               hint="Add 'title: ...' to the front matter, or start the page with '# Title'")


def check_images(path: str, body: str, offset: int, report: Report) -> None:
    masked = mask_code(body)
    for m in _LINK.finditer(masked):
        if m.group("bang") and not m.group("text").strip():
            line, col = line_col(body, m.start())
            report.add(path, line + offset, "image without alternative text", column=col,
                       hint="Describe the image between the brackets: ![What it shows](file.svg)")
    for m in _IMG_TAG.finditer(masked):
        if not re.search(r"\balt\s*=\s*\"[^\"]+\"", m.group()):
            line, col = line_col(body, m.start())
            report.add(path, line + offset, "<img> without alternative text", column=col,
                       hint='Add alt="what the image shows"')


def slugify(text: str) -> str:
    """The heading ids Python-Markdown's toc extension makes by default."""
    text = re.sub(r"\[@[^\]]*\]|[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(body: str) -> set[str]:
    masked = mask_code(body)
    found: set[str] = set()
    for m in _HEADING.finditer(masked):
        title = m.group(2)
        explicit = _ATTR_ID.search(title)
        if explicit:
            found.add(explicit.group(1))
            continue
        slug = slugify(title)
        n, candidate = 0, slug
        while candidate in found:
            n += 1
            candidate = f"{slug}_{n}"
        found.add(candidate)
    found.update(_ATTR_ID.findall(masked))
    found.update(_HTML_ID.findall(masked))
    return found


def check_links(path: str, src_uri: str, body: str, offset: int, pages: dict[str, str],
                assets: set[str], report: Report) -> None:
    """Links to missing pages, files or headings. `pages` maps a page's src_uri to its body."""
    masked = mask_code(body)
    if not check_bracket_runs(path, masked, offset, report):
        return   # too many to look at: the build stops on this before Markdown renders the page
    for m in _LINK.finditer(masked):
        target = m.group("target").strip("<>")
        if not target or _SCHEME.match(target) or target.startswith("/") or target.startswith("#ref-"):
            continue
        file_part, _, fragment = target.partition("#")
        line, col = line_col(body, m.start("target"))
        if file_part:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), file_part))
            if resolved.endswith("/") or resolved in (".", ""):
                resolved = posixpath.join(resolved, "index.md")
            if resolved not in pages and resolved not in assets:
                report.add(path, line + offset, f"broken link: '{file_part}' does not exist", column=col,
                           hint=f"Link to an existing file relative to this page (resolved to docs/{resolved})")
                continue
        else:
            resolved = src_uri
        if fragment and resolved in pages and fragment not in anchors(pages[resolved]) and \
                fragment not in ("references",):
            report.add(path, line + offset, f"broken link: '{target}' has no heading '#{fragment}'", column=col,
                       hint="Use the id of an existing heading (lower case, spaces as '-')")


def check_bracket_runs(path: str, masked: str, offset: int, report: Report) -> bool:
    """False (and one located error) when a paragraph has more '[' than Markdown can parse in time."""
    start = 0
    for blank in [*_BLANK_LINE.finditer(masked), None]:
        end = blank.start() if blank else len(masked)
        count = masked.count("[", start, end)
        if count > MAX_BRACKETS_PER_PARAGRAPH:
            line = masked.count("\n", 0, start) + 1
            report.add(path, line + offset, f"this paragraph holds {count} '[' (at most {MAX_BRACKETS_PER_PARAGRAPH}); "
                       "Markdown's link parsing slows down with the square of their number",
                       hint="Split the paragraph with blank lines, or write the brackets in `code`")
            return False
        start = blank.end() if blank else end
    return True


# ---- chronology: studies under the dated evidence headings --------------------------------

# H3 headings of the "Evidence from primary studies" section (docs/_templates/effect-page.md).
EARLIER_HEADINGS = ("Evidence up to the review", "Evidence published before the review")
LATER_HEADINGS = ("Later evidence",)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def review_date(review: dict) -> tuple[int, int, int] | None:
    """The review's issue date from seeds/review.yaml (record.issue_date, YYYY-MM-DD), if given."""
    record = review.get("record") if isinstance(review, dict) else None
    text = str(record.get("issue_date", "")) if isinstance(record, dict) else ""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def placement(year: int, month: int, day: int, review: tuple[int, int, int]) -> str:
    """'before' or 'after' the review's date, or 'undetermined'.

    Decided conservatively: a date counts as before (after) only if every day it may stand
    for is before (after) the review's. A study dated only to the review's year, or to its
    month without a day, or to the same day, is undetermined.
    """
    known = (year, month, day) if month and day else (year, month) if month else (year,)
    reference = review[:len(known)]
    if known < reference:
        return "before"
    if known > reference:
        return "after"
    return "undetermined"


def describe_date(year: int, month: int, day: int) -> str:
    if not month or not 1 <= month <= 12:
        return f"{year} (no month given)"
    return f"{day} {_MONTH_NAMES[month - 1]} {year}" if day else f"{_MONTH_NAMES[month - 1]} {year}"


def check_chronology(path: str, body: str, offset: int, rules, report: Report) -> None:
    """Each study cited under a dated evidence heading was published on that side of the review's date.

    `rules` is a pagemeta.frontmatter.Rules with the review (seeds/review.yaml) and the
    bibliography; without the review's date there is nothing to compare with.
    """
    date = review_date(rules.review)
    bibliography = rules.bibliography
    if date is None or bibliography is None:
        return
    review_key = str(rules.review.get("key", ""))
    shown_review = describe_date(*date)
    masked = mask_code(body)
    headings = [(m.start(), len(m.group(1)), m.group(2).strip()) for m in _HEADING.finditer(masked)]
    citations = scan(body).citations
    for i, (start, level, title) in enumerate(headings):
        side = "before" if level == 3 and title.startswith(EARLIER_HEADINGS) else \
            "after" if level == 3 and title.startswith(LATER_HEADINGS) else None
        if side is None:
            continue
        end = next((s for s, lvl, _ in headings[i + 1:] if lvl <= 3), len(body))
        done: set[str] = set()
        for citation in citations:
            if not start <= citation.start < end:
                continue
            for key in citation.keys:
                entry = bibliography.entries.get(key) if hasattr(bibliography, "entries") else None
                # A key given twice names two papers: the date of the first says nothing of the one meant.
                if key in done or key == review_key or entry is None or not str(entry.year).isdigit() or \
                        key in getattr(bibliography, "duplicated", ()):
                    continue
                done.add(key)
                try:
                    month, day = entry.month, entry.day
                except ValueError:   # a malformed month or day: the bibliography check reports it
                    continue
                found = placement(int(entry.year), month, day, date)
                if found == side:
                    continue
                line = line_col(body, citation.start)[0] + offset
                where = f"{entry.path}:{entry.lines.get('month', entry.lines.get('year', entry.line))}"
                when = describe_date(int(entry.year), month, day)
                _report_misplaced(report, path, line, key, title, side, found, when, shown_review, where)


def _report_misplaced(report: Report, path: str, line: int, key: str, title: str, side: str, found: str,
                      when: str, review: str, where: str) -> None:
    heading = "'### Later evidence (published after the review)'" if found == "after" else \
        f"'### Evidence up to the review ({review})'"
    if found == "undetermined":
        report.add(path, line, f"'{key}' is cited under '{title}', but {where} dates it only to {when}, which "
                   f"cannot be placed {side} the review ({review}); decided conservatively, it is not accepted "
                   "under either dated heading",
                   hint="Add the month (and day) to the entry if a source gives them; otherwise cite it outside "
                   "the two dated headings and say that its date relative to the review is not known")
        return
    report.add(path, line, f"'{key}' is cited under '{title}', but it was published {when} ({where}), "
               f"{found} the review ({review})",
               hint=f"Move it under {heading} and fix the text around it")


# "claim A6", "claims A5, A6", "claims A1-A3": a claim named in the text, as pages name them.
_CLAIM_MENTION = re.compile(r"\bclaims?\s+([AIC]\d+(?:\s*(?:,|and|or|to|-|–)\s*[AIC]\d+)*)")
_CLAIM_ID = re.compile(r"[AIC]\d+")


def check_claim_mentions(path: str, body: str, offset: int, claims: set[str], review_file: str,
                         report: Report) -> None:
    """Every claim ID named in the text ("(claim A16)") is one of the review's (seeds/review.yaml)."""
    if not claims:   # the review's claims could not be read: that is reported where they are
        return
    for m in _CLAIM_MENTION.finditer(body):
        for found in _CLAIM_ID.finditer(m.group(1)):
            if found.group() not in claims:
                at = m.start(1) + found.start()
                line = body.count("\n", 0, at) + 1 + offset
                column = at - (body.rfind("\n", 0, at) + 1) + 1
                report.add(path, line, f"unknown claim ID '{found.group()}' in '{m.group(0)}'", column=column,
                           hint=f"Use a claim ID listed in {review_file} (A1-A9, I1-I7, C1)")
