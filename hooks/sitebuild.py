"""The state of one MkDocs build, shared by the site's hooks: one object, made per build.

MkDocs loads each hook once per process, so anything a hook module kept would
outlive a `mkdocs serve` rebuild. Everything a build learns lives here instead, on
the build's own config object (a rebuild loads a new config, so starts empty):
the report every hook adds to, each page's text (read from disk once), each page's
citation scan (made once), and the citation engine's results.

Pages are keyed by `src_uri` everywhere; `shown(uri)` is how messages name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekit.diagnostics import Report, display_path
from citekit.syntax import Scan, scan
from pagemeta import frontmatter

_ATTRIBUTE = "_il6site_build"


@dataclass
class BuildState:
    root: Path                                   # the folder of mkdocs.yml
    config_file: str
    serving: bool = False                        # `mkdocs serve`: problems go into the pages
    report: Report = field(default_factory=Report)
    sources: dict[str, str] = field(default_factory=dict)          # src_uri -> the file's text
    bodies: dict[str, tuple[str, int]] = field(default_factory=dict)   # src_uri -> (Markdown, lines above)
    scans: dict[str, Scan] = field(default_factory=dict)           # src_uri -> its citations
    shown_paths: dict[str, str] = field(default_factory=dict)      # src_uri -> docs/x.md
    shown_problems: list[str] = field(default_factory=list)        # what `mkdocs serve` shows in pages
    citations: Any = None                                          # citations.py's results
    bib: Any = None                                                # the bibliography, loaded once
    effect_rows: list = field(default_factory=list)                # effects.py: the overview's rows

    def add_files(self, files) -> None:
        """Note every page of the build; read when first asked for."""
        for file in files.documentation_pages():
            if file.src_uri not in self.shown_paths:
                self.shown_paths[file.src_uri] = (display_path(file.abs_src_path, self.root)
                                                  if file.abs_src_path else file.src_uri)
                self._files[file.src_uri] = file

    def source(self, uri: str) -> str:
        """A page's text, read from disk once per build however many hooks check it."""
        if uri not in self.sources:
            self.sources[uri] = self._files[uri].content_string
        return self.sources[uri]

    def body(self, uri: str) -> tuple[str, int]:
        """(Markdown after the front matter, lines above it), as MkDocs will split the page."""
        if uri not in self.bodies:
            self.bodies[uri] = frontmatter.split(self.source(uri))
        return self.bodies[uri]

    def scan(self, uri: str) -> Scan:
        """The page's citations, scanned once per build."""
        if uri not in self.scans:
            self.scans[uri] = scan(self.body(uri)[0])
        return self.scans[uri]

    def shown(self, uri: str) -> str:
        return self.shown_paths.get(uri, uri)

    def __post_init__(self) -> None:
        self._files: dict[str, Any] = {}


def start(config, *, serving: bool = False) -> BuildState:
    """A new, empty state for the build that `config` is about to run."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    state = BuildState(root, config.config_file_path or "mkdocs.yml", serving=serving)
    setattr(config, _ATTRIBUTE, state)
    return state


def of(config, files=None) -> BuildState:
    """The build's state (made on first use), with the report's hook taking part in the build."""
    state = getattr(config, _ATTRIBUTE, None)
    if state is None:
        state = start(config)
    if files is not None:
        state.add_files(files)
        _ensure_gate(config)
    return state


def _ensure_gate(config) -> None:
    # A site that lists only some of the hooks still gets its problems shown and the build
    # stopped: the report's hook joins the build here if mkdocs.yml does not name it.
    # (Called from on_files: only events that have not started yet are added to.)
    plugins = config.plugins
    if any(getattr(p, "IL6SITE_REPORT", False) for p in plugins.values()):
        return
    import buildreport
    plugins["il6site-report"] = buildreport
