"""Zensical adapter for the citation engine in hooks/citekit: a Python-Markdown extension.

Zensical has no hooks: it converts each page with Python-Markdown and the
extensions its configuration lists. This package is one of them
(`markdown_extensions: [hooks.citekit_zensical]` in zensical.yml, found when
Zensical runs as `python -m zensical` from the project root). Before the first
page converts it reads the whole site once (sitefacts), then finishes each page
the way the MkDocs hooks do: citations with previews, per-page reference lists,
the site-wide list with "Cited on" links, the evidence overview, the glossary and
Figure 1. guard.py checks built pages for citations left raw; hostbuild.py is
`scripts/build.py --host zensical`.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The engine and page metadata live beside this package (hooks/), as for the MkDocs hooks.
_HOOKS = str(Path(__file__).resolve().parent.parent)
if _HOOKS not in sys.path:
    sys.path.insert(0, _HOOKS)

# The names a configuration may load this extension by.
EXTENSION_NAMES = frozenset({"hooks.citekit_zensical", "citekit_zensical"})


def makeExtension(**kwargs):   # noqa: N802 - the name Python-Markdown looks for
    """The extension Python-Markdown loads for each page."""
    from .extension import CitekitExtension
    return CitekitExtension(**kwargs)
