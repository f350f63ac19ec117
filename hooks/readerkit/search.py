"""Search that finds `IL-1ra`, `TNF-α`, `MIP-1β` and `VO₂max` as words.

Two halves must agree. Indexing splits text at `SEPARATOR` (mkdocs.yml, `plugins: search:
separator:`), which keeps hyphens, Greek letters and sub-/superscript digits inside words.
Querying goes through lunr's query lexer, whose term separator Material leaves at lunr's
default `[\\s\\-]+`: a query `IL-1ra` becomes `IL` and a *prohibited* `1ra` (lunr reads a
hyphen after a separator as "must not contain"), so the page most about IL-1ra was marked
"Missing: 1ra". `patch_worker` makes the lexer use the configured separator too.
"""

from __future__ import annotations

import re

# Whitespace, brackets, quotes, sentence punctuation, slashes and dashes between words (en and
# em dash, as in "A1–A9"); a full stop only when no digit follows ("2.5 h" stays one token).
# Hyphens are NOT separators. The same text is set in mkdocs.yml (checked by a test).
SEPARATOR = r'[\s\u200b,;:!?()\[\]{}"“”‘’/|–—]+|\.(?!\d)'
# In Material's search worker (minified): where it sets lunr's tokenizer separator.
_SET_SEPARATOR = re.compile(r"lunr\.tokenizer\.separator=new RegExp\((\w+)\.separator\)")
PATCH_MARK = "lunr.QueryLexer.termSeparator="


class WorkerNotPatched(Exception):
    """Material's search worker no longer has the statement the patch extends."""


def patch_worker(source: str) -> str:
    """The worker's JavaScript with the query lexer splitting where the indexer splits.

    Idempotent; raises WorkerNotPatched when the worker's code has changed (a Material
    upgrade), so that the build fails instead of quietly losing hyphenated search terms.
    """
    if PATCH_MARK in source:
        return source
    patched, count = _SET_SEPARATOR.subn(
        lambda m: f"lunr.tokenizer.separator={PATCH_MARK}new RegExp({m.group(1)}.separator)", source)
    if count != 1:
        raise WorkerNotPatched(f"expected one 'lunr.tokenizer.separator=new RegExp(...)' in the "
                               f"search worker, found {count}")
    return patched
