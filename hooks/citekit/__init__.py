"""A small author-year citation engine: parse -> syntax -> style -> render.

Plain Python that knows nothing of MkDocs. `build_site` (site.py) is the API every
host calls; hooks/citations.py adapts it to MkDocs.
"""

from .bibliography import Bibliography, Entry, find_sources, load, load_cached, parse_string
from .diagnostics import Diagnostic, Report
from .guard import RawCitation, raw_citations
from .site import Backlink, PageCitations, PageSource, Site, SiteBuild, build_site

__all__ = ["Backlink", "Bibliography", "Diagnostic", "Entry", "PageCitations", "PageSource", "RawCitation",
           "Report", "Site", "SiteBuild", "build_site", "find_sources", "load", "load_cached", "parse_string",
           "raw_citations"]
