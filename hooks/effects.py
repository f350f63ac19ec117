"""MkDocs adapter for page metadata (hooks/pagemeta): schemas, checks, generated blocks.

Before any page is rendered, every page's front matter and Markdown are checked
(effect and production pages against their schemas; titles, image text and
links everywhere) and problems go into the build's shared report. While pages
render, markers become generated content: `<!-- effects-overview -->` (the
home page table), `<!-- glossary -->` and `<!-- figure: assets/x.svg -->`.

Settings (mkdocs.yml):
  extra: effects: {review: seeds/review.yaml, targets: [...], directions: [...],
                   schemas: {effects/: effect, production/: production}}
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Container
from pathlib import Path

import buildreport
import sitebib
import sitebuild
import siteconfig
import unrendered
import yaml
from citekit.diagnostics import display_path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pagemeta import blocks, checks, frontmatter, rawhtml, snippets

# ---- MkDocs events ------------------------------------------------------------

@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = sitebuild.of(config, files)
    root = state.root
    settings, problems = siteconfig.check_effects(config.extra, siteconfig.yaml_lines(config.config_file_path))
    state.report.items.extend(problems)
    rules = load_rules(settings, config, root)
    schemas = settings.schemas
    report = state.report
    pages = {f.src_uri: f for f in files.documentation_pages()}
    dropped: list[str] = []
    for uri, f in list(pages.items()):
        try:
            state.source(uri)
        except UnicodeDecodeError:   # located once here; the page is dropped so no hook reads it again
            frontmatter.check_utf8(state.shown(uri), Path(f.abs_src_path).read_bytes(), report)
            files.remove(f)
            state.sources[uri] = ""
            del pages[uri]
            dropped.append(uri)
    # Every page's body, also of a page whose front matter is wrong or whose bytes are not UTF-8:
    # the file exists, so links to it are not broken.
    bodies: dict[str, str] = {uri: state.body(uri)[0] for uri in pages} | dict.fromkeys(dropped, "")
    parsed: dict[str, frontmatter.FrontMatter] = {}
    for uri in pages:
        fm = frontmatter.read(state.shown(uri), state.source(uri), report)
        if fm is not None:
            parsed[uri] = fm
    assets = {f.src_uri for f in files if not f.is_documentation_page()}
    state.effect_rows = rows = []
    for uri, fm in parsed.items():
        path, body, offset = state.shown(uri), fm.body, fm.body_offset
        checks.check_title(path, fm.data, body, report)
        checks.check_images(path, body, offset, report)
        checks.check_links(path, uri, body, offset, bodies, assets, report)
        check_figures(path, body, offset, Path(config.docs_dir), root, set(pages), report)
        checks.check_chronology(path, body, offset, rules, report)
        checks.check_claim_mentions(path, body, offset, rules.claims, rules.review_file, report)
        rawhtml.check_page(path, body, offset, rules.keys, report)
        kind = next((k for prefix, k in schemas.items() if uri.startswith(prefix)), None)
        if kind is None:
            continue
        frontmatter.validate(path, kind, fm, rules, report)
        check_evidence_cited(path, fm, state.scan(uri), report, rules.keys)
        if kind == "effect" and _complete(fm.data):
            rows.append(blocks.EffectRow.from_front_matter(uri, fm.data))
    # base_path read from the configuration's folder, as unrendered.py reads it (MkDocs reads it
    # from the folder it runs in, which is that folder when run as README says).
    snippets.check_includes(((state.shown(u), fm.body, fm.body_offset) for u, fm in parsed.items()),
                            config.mdx_configs, root, root, rules.keys, report, Path(config.config_file_path))
    return files


@event_priority(50)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if blocks.OVERVIEW_MARKER in markdown:
        rows = sitebuild.of(config).effect_rows
        markdown = markdown.replace(blocks.OVERVIEW_MARKER, blocks.overview_table(rows, page.file.src_uri))
    if blocks.GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(blocks.GLOSSARY_MARKER, blocks.glossary(_abbreviations(config)))
    if "<!--" in markdown:
        markdown = blocks.FIGURE_MARKER.sub(lambda m: _figure(m.group("path"), page, config, files), markdown)
    return markdown


# ---- helpers ------------------------------------------------------------------

def load_rules(settings: siteconfig.EffectSettings, config: MkDocsConfig, root: Path) -> frontmatter.Rules:
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


def _complete(data: dict) -> bool:
    return all(isinstance(data.get(k), str) for k in ("title", "target", "effect", "direction")) and \
        isinstance(data.get("claims"), list) and isinstance(data.get("evidence"), list)


def _abbreviations(config: MkDocsConfig) -> str:
    """The abbreviation files pymdownx.snippets appends to every page, as configured."""
    bases, appended = unrendered.snippet_settings(config.mdx_configs, Path(config.config_file_path).parent)
    texts = []
    for name in appended:
        found = next((b / name for b in bases if (b / name).is_file()), None)
        if found is not None:
            texts.append(found.read_text(encoding="utf-8"))
    return "\n".join(texts)


def _figure(rel_path: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # check_figures has vetted the file and its links before any page was rendered.
    svg_path = Path(config.docs_dir) / rel_path

    def resolve(target: str) -> str | None:
        file = files.get_file_from_path(target)
        return get_relative_url(file.url, page.url) if file is not None else None

    def missing(target: str) -> None:
        buildreport.fail(config, f"docs/{rel_path}: link to '{target}', which is not a page. "
                         f"Use a docs-relative path such as effects/adipose-tissue-lipolysis.md")

    return blocks.inline_svg(svg_path.read_text(encoding="utf-8"), resolve, missing)
