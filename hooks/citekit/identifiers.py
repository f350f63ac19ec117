"""DOI, PMID and PMCID as contributors write them (Zotero, PubMed, publishers' pages), normalised.

Each function returns (the identifier to link, or "" when there is none to link; what is
wrong with the field, or None). Nothing that fails these checks is ever linked: a wrong
link is worse than none.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|\bon[a-z]+\s*=", re.I)
_DOI = re.compile(r"10\.[0-9]{4,9}/\S+")
_DOI_PREFIX = re.compile(r"(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*)", re.I)
_WEB = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
_PMID = re.compile(r"[0-9]{1,9}")
_PMID_PREFIX = re.compile(r"pmid:?\s*", re.I)
_PMCID = re.compile(r"PMC[0-9]{1,9}", re.I)
NOTE_PMID = re.compile(r"\bPMID:?\s*([0-9]{1,9})\b")
NOTE_PMCID = re.compile(r"\bPMCID:?\s*(PMC[0-9]{1,9})\b", re.I)


class Problem(NamedTuple):
    message: str      # completes "field 'doi' of entry 'k' ..."
    hint: str
    markup: bool = False


def doi(written: str) -> tuple[str, Problem | None]:
    """A DOI from the `doi` field: a doi.org address or a `doi:` prefix is accepted and dropped."""
    text = " ".join(written.split())
    if not text:
        return "", None
    if MARKUP.search(text):
        return "", Problem("contains HTML", "A DOI holds no markup: remove it; the DOI is not linked", True)
    prefix = _DOI_PREFIX.match(text)
    if prefix:
        text = text[prefix.end():]
    if _WEB.match(text):
        return "", Problem("holds a web address, not a DOI",
                           "Move the address to url = {...}; it is not linked as a DOI")
    if " " in text:
        return "", Problem("holds a space", "A DOI has no spaces: copy it again from the publisher's page; "
                           "it is not linked until then")
    if not _DOI.fullmatch(text):
        return "", Problem("is not a DOI", "A DOI starts with '10.', then digits, a '/' and the rest; "
                           "it is not linked until then")
    return text, None


def pmid(written: str) -> tuple[str, Problem | None]:
    """A PubMed id: digits only (a leading `PMID:` is accepted)."""
    text = _PMID_PREFIX.sub("", " ".join(written.split()), count=1)
    if not text:
        return "", None
    if not _PMID.fullmatch(text):
        return "", Problem("is not a PubMed number", "Write the digits only, as in pmid = {11600669}; "
                           "it is not linked until then")
    return text, None


def pmcid(written: str) -> tuple[str, Problem | None]:
    """A PubMed Central id: PMC and digits (any case), shown as PMC123."""
    text = "".join(written.split())
    if not text:
        return "", None
    if not _PMCID.fullmatch(text):
        return "", Problem("is not a PubMed Central id", "Write PMC followed by the digits, as PubMed Central "
                           "shows it; it is not linked until then")
    return "PMC" + text[3:], None
