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
import sitebib
import yaml
from citekit.diagnostics import display_path
from citekit.syntax import scan
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pagemeta import blocks, checks, frontmatter

DEFAULT_SCHEMAS = {"effects/": "effect", "production/": "production"}
_rows: list[blocks.EffectRow] = []


# ---- MkDocs events ------------------------------------------------------------

@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    settings = (config.extra or {}).get("effects") or {}
    rules = load_rules(settings, config, root)
    schemas = settings.get("schemas", DEFAULT_SCHEMAS)
    report = buildreport.current
    pages = {f.src_uri: f for f in files.documentation_pages()}
    sources: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for uri, f in pages.items():
        try:
            sources[uri] = buildreport.source(f)
        except UnicodeDecodeError:   # located once here; the page is dropped so no hook reads it again
            frontmatter.check_utf8(buildreport.shown_file(f, root), Path(f.abs_src_path).read_bytes(), report)
            files.remove(f)
            bodies[uri] = ""   # the file exists: links to it are not broken
    parsed: dict[str, frontmatter.FrontMatter] = {}
    for uri, source in sources.items():
        path = buildreport.shown_file(pages[uri], root)
        fm = frontmatter.read(path, source, report)
        if fm is None:
            continue
        parsed[uri] = fm
        bodies[uri] = fm.body
    assets = {f.src_uri for f in files if not f.is_documentation_page()}
    _rows.clear()
    for uri, fm in parsed.items():
        path, body, offset = buildreport.shown_file(pages[uri], root), bodies[uri], fm.body_offset
        checks.check_title(path, fm.data, body, report)
        checks.check_images(path, body, offset, report)
        checks.check_links(path, uri, body, offset, bodies, assets, report)
        check_figures(path, body, offset, Path(config.docs_dir), root, set(pages), report)
        checks.check_chronology(path, body, offset, rules, report)
        kind = next((k for prefix, k in schemas.items() if uri.startswith(prefix)), None)
        if kind is None:
            continue
        frontmatter.validate(path, kind, fm, rules, report)
        check_evidence_cited(path, fm, body, report)
        if kind == "effect" and _complete(fm.data):
            _rows.append(blocks.EffectRow.from_front_matter(uri, fm.data))
    return files


@event_priority(50)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if blocks.OVERVIEW_MARKER in markdown:
        markdown = markdown.replace(blocks.OVERVIEW_MARKER, blocks.overview_table(_rows, page.file.src_uri))
    if blocks.GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(blocks.GLOSSARY_MARKER, blocks.glossary(_abbreviations(config)))
    if "<!--" in markdown:
        markdown = blocks.FIGURE_MARKER.sub(lambda m: _figure(m.group("path"), page, config, files), markdown)
    return markdown


# ---- helpers ------------------------------------------------------------------

def load_rules(settings: dict, config: MkDocsConfig, root: Path) -> frontmatter.Rules:
    review_file = settings.get("review", "seeds/review.yaml")
    review_path = root / review_file
    review: dict = {}
    try:
        review = yaml.safe_load(review_path.read_text(encoding="utf-8")) or {}
    except OSError as err:
        buildreport.current.add("mkdocs.yml", buildreport.config_line(config.config_file_path, "review:"),
                                f"cannot read the review's claims from '{review_file}' "
                                f"({err.strerror.lower() if err.strerror else 'unreadable'})",
                                hint="Fix extra.effects.review in mkdocs.yml, or restore the file")
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        buildreport.current.add(review_file, mark.line + 1 if mark else 1,
                                f"invalid YAML: {getattr(err, 'problem', None) or err}",
                                hint="Check indentation and quoting")
    bib = sitebib.load(config)
    return frontmatter.Rules(
        targets=list(settings.get("targets", [])),
        directions=list(settings.get("directions", [])),
        claims={str(c["id"]) for c in review.get("claims", []) if isinstance(c, dict) and "id" in c},
        sections=[str(s) for s in review.get("sections", [])],
        keys=set(bib.entries),
        review_file=review_file,
        review=review if isinstance(review, dict) else {},
        bibliography=bib,
    )


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


def check_evidence_cited(path: str, fm: frontmatter.FrontMatter, body: str, report) -> None:
    evidence = fm.data.get("evidence")
    if not isinstance(evidence, list):
        return
    cited = {k for c in scan(body).citations for k in c.keys}
    for i, item in enumerate(evidence):
        if isinstance(item, dict) and "key" in item and str(item["key"]) not in cited:
            line = fm.item_lines.get("evidence", [fm.lines.get("evidence", 1)] * (i + 1))[i]
            report.add(path, line, f"evidence key '{item['key']}' is not cited in the page text",
                       hint="Cite it where its finding is described, or remove it from evidence")


def _complete(data: dict) -> bool:
    return all(isinstance(data.get(k), str) for k in ("title", "target", "effect", "direction")) and \
        isinstance(data.get("claims"), list) and isinstance(data.get("evidence"), list)


def _abbreviations(config: MkDocsConfig) -> str:
    """The abbreviation files pymdownx.snippets appends to every page, as configured."""
    snippets = config.mdx_configs.get("pymdownx.snippets") or {}
    bases = snippets.get("base_path", ["."])
    root = Path(config.config_file_path).parent
    texts = []
    for name in snippets.get("auto_append", []):
        found = next((root / b / name for b in ([bases] if isinstance(bases, str) else bases)
                      if (root / b / name).is_file()), None)
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
        buildreport.fail(f"docs/{rel_path}: link to '{target}', which is not a page. "
                         f"Use a docs-relative path such as effects/adipose-tissue-lipolysis.md")

    return blocks.inline_svg(svg_path.read_text(encoding="utf-8"), resolve, missing)
