"""The Python-Markdown extension Zensical loads for every page.

Three processors per page: before any other preprocessor, the page's Markdown
gets its generated blocks and a short token per citation (as on MkDocs, Markdown
then has nothing extra to parse); a treeprocessor that runs last marks the tree
as done; and the last postprocessor puts the citations, the reference list and
the "Cite this page" block in. Python-Markdown also runs the postprocessors on
each heading's text for the table of contents: those calls come before the tree
is done and pass through untouched.

Errors stop `zensical build` before the page is written, with every message
located (file:line) and exit status 1: Zensical would otherwise go on writing
pages. `zensical serve` reports them and keeps serving.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from citekit import export
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from readerkit import claims

from . import guard, hostbuild
from .sitefacts import SiteFacts

_lock = threading.Lock()
_current: tuple[tuple, SiteFacts] | None = None   # (what the facts were read from, the facts)


class CitekitExtension(Extension):
    """Citations for one page, from the whole site's facts (read once, again when a source changes)."""

    def __init__(self, **kwargs) -> None:
        # The options (options.py) hold for the whole site: they are read, and a wrong one
        # reported with its line, from the configuration with the site's facts, not here, where
        # Python-Markdown would raise a traceback for every page.
        super().__init__()
        self.facts: SiteFacts | None = None   # the facts this page was given its tokens from
        self.rendered = None      # what this page's tokens stand for
        self.src_uri = ""
        self.tree_done = False

    def extendMarkdown(self, md: Markdown) -> None:   # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        # Before snippets (32) and whitespace normalising (30): the Markdown as the page has it,
        # as the MkDocs hooks see it in on_page_markdown.
        md.preprocessors.register(_Tokens(md, self), "citekit", 100)
        md.treeprocessors.register(_TreeDone(md, self), "citekit-done", -100)
        md.postprocessors.register(_Finish(md, self), "citekit", -100)

    def reset(self) -> None:
        self.facts, self.rendered, self.src_uri, self.tree_done = None, None, "", False


class _Tokens(Preprocessor):
    def __init__(self, md: Markdown, ext: CitekitExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.reset()
        page = _host_page(self.md)
        if page is None:   # a Markdown instance of another extension, not a page
            return lines
        facts = site_facts()
        if facts is None:
            return lines
        self.ext.facts, self.ext.src_uri = facts, page.path
        text, self.ext.rendered = facts.markdown_for(page.path, "\n".join(lines))
        _stop_on_errors(facts)
        return text.split("\n")


class _TreeDone(Treeprocessor):
    def __init__(self, md: Markdown, ext: CitekitExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root) -> None:
        self.ext.tree_done = True


class _Finish(Postprocessor):
    def __init__(self, md: Markdown, ext: CitekitExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, text: str) -> str:
        if not self.ext.tree_done or self.ext.rendered is None:
            return text   # a heading's text for the table of contents, or a page we do not handle
        facts = self.ext.facts
        html = facts.html_for(self.ext.src_uri, text, self.ext.rendered)
        # The review's claims stated and linked, as hooks/readers.py does on MkDocs.
        found = facts.review_claims()
        problem = claims.statement_problem(html, found) if self.ext.src_uri == claims.STATED_ON else None
        if problem:
            facts.report.add(facts.pages[self.ext.src_uri].shown, 1, problem[0], hint=problem[1])
        html = claims.finish_page(html, found, claims.source_href(self.ext.src_uri, facts.pages))
        raw = raw_left(html, facts.known_keys())
        if raw:
            page = facts.pages[self.ext.src_uri].shown
            facts.report.add(page, 1, f"{len(raw)} citation(s) left as raw text after rendering "
                              f"({guard.printable(raw[0])})",
                             hint="Report this as a bug of the Zensical adapter (hooks/citekit_zensical)")
        _stop_on_errors(facts)
        self.ext.reset()
        return html


def raw_left(html: str, keys: frozenset[str]) -> list[str]:
    """The raw citations and bibliography markers a rendered page still shows (the host guard's
    reading of the page's text).

    Not narrowed by the engine's cheaper regex guard first: that one misses what the host guard
    finds (`[<em>see</em> @key]`, a citation across a line break, character references), and
    a snippet's citation left raw then reached the page (tests/test_attack_round3.py)."""
    return guard.raw_citations(html, keys)


# ---- the site's facts, read once per change of its sources --------------------

def site_facts() -> SiteFacts | None:
    """The facts of the site Zensical is building; read again when a source file has changed."""
    global _current
    config = _host_config()
    if config is None:
        return None
    config_file = _config_file(config)
    with _lock:
        if _current is not None and _one_build():
            stamp = _current[0]   # `zensical build`: the sources as they were when it started
        else:
            stamp = _stamp(config, config_file)
        fresh = _current is None or _current[0] != stamp
        if fresh:
            facts = SiteFacts.read(config, config_file)
            _current = (stamp, facts)
            _show(facts)
        _write_exports(_current[1], config, missing_only=not fresh)
        return _current[1]


def _write_exports(facts: SiteFacts, config: dict, *, missing_only: bool) -> None:
    """The exported reference files (citekit.export), written into the site folder.

    Zensical has no way for an extension to add files to a build, and it empties its site
    folder when a build starts: so they are written when the facts are read and again, before
    any page renders, when they are missing (a later build in the same `zensical serve`)."""
    if facts.errors():
        return
    site = Path(str(config.get("root_dir") or ".")) / str(config.get("site_dir") or "site")
    if missing_only and (site / f"{export.SITE_BASE}.bib").is_file():
        return
    for path, text in facts.export_files().items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _one_build(argv: list[str] | None = None) -> bool:
    """True in a `zensical build` process: it builds the site once, from the sources as they were
    when it started (as MkDocs reads each page once), so the facts are read once and never again.

    Anywhere else (`zensical serve`, a program calling Zensical's `render` itself) the sources
    are stamped before every page, for the next re-render must see an edit. Measured on the
    bench's N=500 site (500 pages, 5000 entries): stamping took 1.0 ms a page, so 0.5 s of a
    Zensical build that takes about 7.5 s without citations (7 %); N=100: 0.22 ms a page."""
    argv = sys.argv if argv is None else argv
    program = Path(argv[0]) if argv else Path()
    started_as_zensical = program.name == "zensical" or (program.name == "__main__.py"
                                                         and program.parent.name == "zensical")
    return started_as_zensical and argv[1:2] == ["build"]


def _stamp(config: dict, config_file: Path) -> tuple:
    """What the facts depend on: every file of the project's docs/, bib/ and seeds/, and the config."""
    root = config_file.parent
    found = []
    for folder in {str(config.get("docs_dir") or "docs"), "bib", "seeds"}:
        for path, _, files in os.walk(root / folder):
            for name in files:
                st = os.stat(os.path.join(path, name))
                # ctime and inode too: an edit that keeps the size and the time (cp -p, rsync -t).
                found.append((path, name, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size))
    st = config_file.stat()
    return tuple(sorted(found)) + ((str(config_file), st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size),)


def _show(facts: SiteFacts) -> None:
    """Advice (one summary line unless VERBOSE=1, as on MkDocs), warnings (when they do not stop
    the build) and errors of a fresh reading, each once."""
    errors = set(_show_errors(facts))
    listed = hostbuild.verbose()
    if not listed:
        for line in hostbuild.advisory_lines([d for d in facts.report.items if d.severity == "advice"]):
            print(line, file=sys.stderr)
    for diag in facts.report.items:
        if diag.severity == "advice" and listed:
            print(hostbuild.advisory_lines([diag])[0], file=sys.stderr)
        elif diag not in errors and diag.severity == "warning":
            print(f"WARNING -  {diag}", file=sys.stderr)


def _show_errors(facts: SiteFacts) -> list:
    """Every error not shown yet, shown; returns all errors."""
    errors = facts.errors()
    for diag in errors:
        if diag not in facts.shown:
            print(f"ERROR   -  {diag}", file=sys.stderr)
            facts.shown.add(diag)
    return errors


def _stop_on_errors(facts: SiteFacts) -> None:
    errors = _show_errors(facts)
    if not errors:
        return
    if _serving():
        return   # the development server stays up; the messages say what to fix
    count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
    print(f"ERROR   -  {count} in the sources (listed above); the build stopped", file=sys.stderr)
    sys.stderr.flush()
    sys.stdout.flush()
    # An exception would not stop Zensical: it reports it and writes the other pages.
    os._exit(1)


# ---- what Zensical tells an extension ----------------------------------------

def _host_page(md: Markdown):
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:   # pragma: no cover - not under Zensical
        return None
    found = ContextPreprocessor.from_markdown(md)
    return found.page if found is not None else None


def _host_config() -> dict | None:
    try:
        from zensical.config import get_config
    except ImportError:   # pragma: no cover - not under Zensical
        return None
    return get_config()


def _config_file(config: dict) -> Path:
    """The configuration file Zensical was started with (-f), else the one it looks for first.

    scripts/build.py starts Zensical on a wrapper that inherits the real file, and names that
    one in CITEKIT_CONFIG (messages then point at the file a contributor edits)."""
    if os.environ.get("CITEKIT_CONFIG"):
        return Path(os.environ["CITEKIT_CONFIG"]).resolve()
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg in ("-f", "--config-file") and i + 1 < len(args):
            return Path(args[i + 1]).resolve()
        if arg.startswith("--config-file="):
            return Path(arg.split("=", 1)[1]).resolve()
    root = Path(config.get("root_dir") or ".").resolve()
    return next((root / n for n in ("zensical.toml", "mkdocs.yml", "mkdocs.yaml") if (root / n).is_file()),
                root / "mkdocs.yml")


def _serving() -> bool:
    return "serve" in sys.argv[1:2]
