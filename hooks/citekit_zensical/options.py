"""The options of the Zensical extension, set in the configuration's markdown_extensions.

    markdown_extensions:
      - hooks.citekit_zensical:
          page_checks: false

They hold for the whole site, so they are read with the site's facts (sitefacts.py), once,
and a wrong one is reported with its file and line, rather than by Python-Markdown, which
would raise a traceback for every page.
"""

from __future__ import annotations

from pathlib import Path

from citekit.diagnostics import Report, display_path
from markdown.util import parseBoolValue

OPTIONS = {"page_checks": "true (the default) or false"}


def page_checks(config: dict, report: Report | None = None, config_file: Path | None = None) -> bool:
    """The extension's `page_checks` option (true unless the configuration says false).

    True: every page gets the checks and generated blocks of hooks/effects.py, which the
    MkDocs site loads as a hook of its own (front matter against the review's claims, images,
    links, figures, raw HTML, the evidence overview). False: citations only, as the MkDocs
    citation hook alone does (the bench compares the hosts that way). An unknown option or a
    value that is not a yes/no goes into `report`, located in the configuration (the checks
    then stay on)."""
    options = config.get("mdx_configs") or {}
    named = next((n for n in ("hooks.citekit_zensical", "citekit_zensical") if isinstance(options.get(n), dict)), None)
    chosen = options.get(named) or {}
    known = ", ".join(f"{k} ({v})" for k, v in OPTIONS.items())
    problems = [(key, f"unknown option '{key}' of {named}", f"Correct its name or remove it; the options are: {known}")
                for key in chosen if key not in OPTIONS]
    value = chosen.get("page_checks", True)
    # Python-Markdown's reading of yes/no words ("false", "off", "no"...); an empty or other value
    # is an error (its bool() would turn the checks off).
    value = parseBoolValue(value, fail_on_errors=False) if isinstance(value, (bool, str)) else None
    if value is None:
        problems.append(("page_checks", f"page_checks of {named} is {_shown(chosen['page_checks'])}, "
                         "not a yes/no value", "Write page_checks: true or page_checks: false"))
        value = True
    if report is not None and config_file is not None:
        for key, message, hint in problems:
            written = setting_file(Path(config_file), f"{key}:")
            report.add(display_path(written, Path(config_file).parent), config_line(written, f"{key}:"), message,
                       hint=hint)
    return value


def config_line(config_file: Path, word: str) -> int:
    """The line of the configuration where a setting starts (1 when it is not written there)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.strip().startswith(word)), 1)


def setting_file(config_file: Path, word: str) -> Path:
    """The configuration file that writes a setting: `config_file`, or the file it INHERITs from
    (zensical.yml inherits site_url from mkdocs.yml), followed a few steps at most."""
    current = config_file
    for _ in range(5):
        try:
            lines = current.read_text(encoding="utf-8").splitlines()
        except OSError:
            break
        if any(line.strip().startswith(word) for line in lines):
            return current
        parent = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("INHERIT:")), "")
        if not parent:
            break
        current = current.parent / parent
    return config_file


def _shown(value: object) -> str:
    """A YAML value as a contributor wrote it (not as Python prints it)."""
    return "empty" if value is None else f"'{value}'"
