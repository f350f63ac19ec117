"""A small author-year citation engine: parse -> syntax -> style -> render.

Plain Python that knows nothing of MkDocs; hooks/citations.py adapts it.
"""

from .bibliography import Bibliography, Entry, find_sources, load, load_cached, parse_string
from .diagnostics import Diagnostic, Report
from .site import Site

__all__ = ["Bibliography", "Diagnostic", "Entry", "Report", "Site", "find_sources", "load", "load_cached",
           "parse_string"]
