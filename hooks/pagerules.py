"""Page-metadata rules and the checks that need them, for every host (no MkDocs import).

hooks/effects.py (MkDocs) and the Zensical extension (citekit_zensical/engine.py) both use
these: the front matter rules read from `extra.effects` and seeds/review.yaml, the figure and
evidence checks, and when an effect page makes a row of the overview. Zensical builds import
this module instead of effects.py, which imports MkDocs (a third of the extension's import time).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Container
from pathlib import Path

import sitebib
import sitebuild
import siteconfig
import yaml
from citekit.diagnostics import display_path
from pagemeta import blocks, frontmatter


def load_rules(settings: siteconfig.EffectSettings, config, root: Path) -> frontmatter.Rules:
    """The front matter rules of extra.effects over the build's bibliography; problems go into
    the build's report. `config`: the host's configuration (MkDocs's, or a stand-in with
    `config_file_path` and `extra`)."""
    report = sitebuild.of(config).report
    review_file = settings.review
    review_path = root / review_file
    review: object = {}
    try:
        review = yaml.safe_load(review_path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or ("not UTF-8" if isinstance(err, UnicodeDecodeError) else "")
        report.add("mkdocs.yml", siteconfig.yaml_lines(config.config_file_path)("extra", "effects", "review"),
                   f"cannot read the review's claims from '{review_file}' "
                   f"({reason.lower() if reason else 'unreadable'})",
                   hint="Fix extra.effects.review in mkdocs.yml, or restore the file")
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        report.add(review_file, mark.line + 1 if mark else 1,
                   f"invalid YAML: {getattr(err, 'problem', None) or err}",
                   hint="Check indentation and quoting")
    if not isinstance(review, dict):
        review = {}
    claims, sections = review.get("claims"), review.get("sections")
    bib = sitebib.load(config)
    ids = {str(c["id"]) for c in (claims if isinstance(claims, list) else []) if isinstance(c, dict) and "id" in c}
    for claim_id in sorted(ids - {i for i in ids if CLAIM_ID.fullmatch(i)}):
        ids.discard(claim_id)
        report.add(review_file, _id_line(review_path, claim_id),
                   f"claim ID '{claim_id}' is not an ID: pages name claims by such IDs and the About "
                   "page anchors each one (claim-a6)",
                   hint="Write the ID as one capital letter and a number, as the review labels its "
                        "claims (A6, I3, C1)")
    return frontmatter.Rules(
        targets=list(settings.targets),
        directions=list(settings.directions),
        claims=ids,
        sections=[str(s) for s in (sections if isinstance(sections, list) else [])],
        keys=set(bib.entries),
        review_file=review_file,
        review=review if isinstance(review, dict) else {},
        bibliography=bib,
    )


# What a claim ID of seeds/review.yaml may be: a letter for the part of the review, a number.
CLAIM_ID = re.compile(r"[A-Z][0-9]{1,3}")


def _id_line(review_path: Path, claim_id: str) -> int:
    """The line of `id: <claim_id>` in the review file (1 when it cannot be told)."""
    try:
        root = yaml.compose(review_path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1
    for key, value in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        if key.value == "claims" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                for field, node in item.value if isinstance(item, yaml.MappingNode) else []:
                    if field.value == "id" and str(node.value) == claim_id:
                        return node.start_mark.line + 1
    return 1


def check_figures(path: str, body: str, offset: int, docs: Path, root: Path, pages: set[str], report) -> None:
    """Each figure marker names an SVG that exists and links only to pages that exist."""
    for m in blocks.FIGURE_MARKER.finditer(body):
        line = body.count("\n", 0, m.start()) + 1 + offset
        svg_path = docs / m.group("path")
        if not svg_path.is_file():
            report.add(path, line, f"figure '{m.group('path')}' does not exist",
                       hint="Put the SVG in docs/ and give its path relative to docs/")
            continue
        for svg_line, target in blocks.svg_page_links(svg_path.read_text(encoding="utf-8")):
            if target not in pages:
                report.add(display_path(svg_path, root), svg_line, f"link to '{target}', which is not a page",
                           hint="Use a path relative to docs/, such as effects/adipose-tissue-lipolysis.md")


def check_evidence_cited(path: str, fm: frontmatter.FrontMatter, found, report,
                         known: Container[str] = ()) -> None:
    """Each evidence key is cited in the page's text (`found`: the page's citation scan).

    A key that a misspelled citation on the page stands for is not reported again: the
    unknown key's message already says "did you mean" it (one cause, one message)."""
    evidence = fm.data.get("evidence")
    if not isinstance(evidence, list):
        return
    cited = {k for c in found.citations for k in c.keys}
    meant = {m for k in cited if k not in known
             for m in difflib.get_close_matches(k, [str(e.get("key")) for e in evidence if isinstance(e, dict)],
                                                n=1, cutoff=0.8)} if known else set()
    for i, item in enumerate(evidence):
        if isinstance(item, dict) and "key" in item and str(item["key"]) not in cited | meant:
            line = fm.item_lines.get("evidence", [fm.lines.get("evidence", 1)] * (i + 1))[i]
            report.add(path, line, f"evidence key '{item['key']}' is not cited in the page text",
                       hint="Cite it where its finding is described, or remove it from evidence")


def complete_row(data: dict) -> bool:
    """Whether an effect page's front matter is complete enough for its row of the overview."""
    return all(isinstance(data.get(k), str) for k in ("title", "target", "effect", "direction")) and \
        isinstance(data.get("claims"), list) and isinstance(data.get("evidence"), list)
