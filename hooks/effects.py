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

from pathlib import Path

import buildreport
import sitebuild
import siteconfig
import unrendered
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pagemeta import blocks, checks, frontmatter, rawhtml, snippets

# The plain parts, shared with the Zensical extension (which must not import MkDocs for them):
from pagerules import check_evidence_cited, check_figures, complete_row, load_rules

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
        if kind == "effect" and complete_row(fm.data):
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
