"""The hook that shows the build's problems, all at once, and stops a build that has errors.

Every hook of the site adds what it finds to the build's report (sitebuild.py);
this hook resets it when a build starts and gates it: after every hook's
`on_files` (all problems of the sources are known, no page is written yet) and
again after every page is converted. It works whichever other hooks are listed,
and joins the build by itself when mkdocs.yml does not name it.

Under `mkdocs serve` the build is not stopped: every page served carries the list
of problems at its top, and live reload replaces it once the sources are fixed.

Advisories (an entry nobody cites, a missing DOI) never fail a build and are one
summary line; set VERBOSE=1 in the environment to list them.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

import sitebuild
from citekit.diagnostics import display_path, safe_text
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

IL6SITE_REPORT = True   # how sitebuild.py recognises this hook among the build's plugins

log = logging.getLogger("mkdocs.plugins.il6site")


def _own_logger(name: str, form: str) -> logging.Logger:
    # Not under "mkdocs": MkDocs counts those lines as warnings (and a strict build fails on them).
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(form))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


_advice_log = _own_logger("il6site.advice", "%(message)s")
_serve_log = _own_logger("il6site.serve", "%(levelname)-7s -  %(message)s")

# The command this process runs (set once, before the first build; not the state of a build).
_command = {"serving": False}


def verbose() -> bool:
    return os.environ.get("VERBOSE", "").lower() not in ("", "0", "no", "off", "false")


# ---- MkDocs events ------------------------------------------------------------

def on_startup(command: str, dirty: bool) -> None:
    _command["serving"] = command == "serve"


@event_priority(100)
def on_config(config):
    sitebuild.start(config, serving=_command["serving"])
    return config


@event_priority(-100)
def on_nav(nav, config, files):
    # Runs after every hook's on_files: all problems are known, none is written yet.
    gate(config)
    return nav


@event_priority(-100)
def on_env(env, config, files):
    # Every page is converted: what only converting could show (see citations.on_page_markdown).
    gate(config)
    return env


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    problems = sitebuild.of(config).shown_problems
    if not problems:
        return output
    at = output.find(">", output.find("<body")) + 1
    return output[:at] + problems_panel(problems) + output[at:] if at else problems_panel(problems) + output


# ---- the report -----------------------------------------------------------------

def gate(config) -> None:
    """Log every problem found since the last gate; stop the build if any is an error."""
    state = sitebuild.of(config)
    report = state.report
    errors, warnings = report.errors, report.warnings
    if config.strict:
        errors, warnings = errors + warnings, []
    # Causes before consequences: the configuration and the bibliography, then the pages.
    errors.sort(key=_reading_order)
    warnings.sort(key=_reading_order)
    if report.advice and logging.getLogger("mkdocs").getEffectiveLevel() <= logging.WARNING:   # not --quiet
        if verbose():
            for diag in report.advice:
                _advice_log.warning(f"WARNING -  {diag} (advisory: does not fail the build)")
        else:
            count = len(report.advice)
            _advice_log.warning(f"INFO    -  {count} advisor{'ies' if count != 1 else 'y'} (they do not fail "
                                "the build); run with VERBOSE=1 to list them")
    report.items.clear()   # logged: a later gate of the same build shows only what came after
    if state.serving:
        for diag in warnings + errors:
            _serve_log.log(logging.ERROR if diag in errors else logging.WARNING, str(diag))
        state.shown_problems.extend(str(d) for d in errors + warnings)
        return
    for diag in warnings:
        log.warning(str(diag))
    for diag in errors:
        log.error(str(diag))
    if errors:
        count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
        raise PluginError(f"{count} in the sources (listed above); nothing was built")


def problems_panel(problems: list[str]) -> str:
    """The list `mkdocs serve` puts at the top of every page while the sources have problems."""
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return ('<div class="il6site-problems" role="alert" data-search-exclude style="margin:0;padding:1em 2em;'
            'background:#fde8e8;color:#611;border-bottom:2px solid #c00;font:14px/1.5 monospace">'
            f'<strong>{count} in the sources</strong> (this page updates when they are fixed)'
            f'<ul style="margin:.5em 0 0">{items}</ul></div>')


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


def fail(config, message: str) -> None:
    """A problem found while writing a page: stop at once, saying where (under serve: show it)."""
    state = sitebuild.of(config)
    message = safe_text(message)   # it may quote page text: no control character reaches the terminal
    if state.serving:
        _serve_log.error(message)
        state.shown_problems.append(message)
        return
    log.error(message)
    raise PluginError("the build stopped on the problem above; nothing was published")
