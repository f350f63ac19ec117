"""The site's bibliography as the hooks load it: one set of settings, one parse per build.

Settings (mkdocs.yml):  extra: citations: bibliography: ["bib/**/*.bib"]
"""

from __future__ import annotations

import sitebuild
import siteconfig
from citekit import Bibliography, find_sources, load_cached
from citekit.diagnostics import Report


def settings(config) -> tuple[siteconfig.CitationSettings, list]:
    """extra.citations, checked (the problems are for the citation hook to report)."""
    return siteconfig.check_citations(config.extra, siteconfig.yaml_lines(config.config_file_path))


def load(config) -> Bibliography:
    """Every .bib file the settings name, read once per build (and not again under `mkdocs serve`
    while no .bib file changes); a missing file set is reported here, once."""
    state = sitebuild.of(config)
    if state.bib is None:
        patterns = settings(config)[0].bibliography
        bib = load_cached(find_sources(state.root, patterns), state.root)
        state.bib = bib
        if not bib.sources:
            missing = Report()
            missing.add("mkdocs.yml", siteconfig.yaml_lines(config.config_file_path)("extra", "citations",
                                                                                    "bibliography"),
                        f"no BibTeX file matches {', '.join(map(repr, patterns))}",
                        hint="Add a .bib file to bib/, or fix extra.citations.bibliography in mkdocs.yml")
            state.report.extend(missing)
        state.report.extend(bib.report)
    return state.bib
