"""One report for the whole build, shared by the hooks, shown all at once.

MkDocs would otherwise stop at the first hook that fails, or count problems
only after writing the site. Each hook adds what it finds; `gate` logs every
problem and stops the build before a single page is written.
"""

from __future__ import annotations

import logging
from pathlib import Path

from citekit.diagnostics import Report, display_path
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.il6site")
_advice_log = logging.getLogger("il6site.advice")
if not _advice_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s (advisory: does not fail the build)"))
    _advice_log.addHandler(_handler)
    _advice_log.propagate = False

current = Report()
_sources: dict[str, str] = {}   # page file -> its text, until every hook's on_files has read it


def reset() -> None:
    global current
    current = Report()
    _sources.clear()


def source(file) -> str:
    """A page's text, read from disk once per build however many hooks check it."""
    key = file.abs_src_path or file.src_uri
    if key not in _sources:
        _sources[key] = file.content_string
    return _sources[key]


def gate(*, strict: bool) -> None:
    """Log every problem found since the last gate; stop the build if any is an error."""
    _sources.clear()   # every hook has read the pages; MkDocs reads them again to render
    errors, warnings = current.errors, current.warnings
    if strict:
        errors, warnings = errors + warnings, []
    # Causes before consequences: the configuration and the bibliography, then the pages.
    errors.sort(key=_reading_order)
    warnings.sort(key=_reading_order)
    if logging.getLogger("mkdocs").getEffectiveLevel() <= logging.WARNING:   # not under --quiet
        for diag in current.advice:
            _advice_log.warning(str(diag))
    for diag in warnings:
        log.warning(str(diag))
    for diag in errors:
        log.error(str(diag))
    current.items.clear()   # logged: a later gate of the same build shows only what came after
    if errors:
        count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
        raise PluginError(f"{count} in the sources (listed above); nothing was built")


def shown_file(file, root: Path) -> str:
    """A MkDocs File as messages show it (docs/effects/x.md)."""
    return display_path(file.abs_src_path, root) if file.abs_src_path else file.src_uri


def config_line(config_file: str | None, word: str) -> int:
    """The line of mkdocs.yml where a setting starts (1 when it is not written there)."""
    try:
        lines = Path(config_file or "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.strip().startswith(word)), 1)


def _reading_order(diag) -> tuple:
    first = diag.path.endswith((".yml", ".yaml", ".bib"))
    return (not first, diag.path, diag.line, diag.column, diag.message)


def fail(message: str) -> None:
    """A problem found while rendering a page: stop at once, saying where."""
    log.error(message)
    raise PluginError("the build stopped on the problem above; nothing was published")
