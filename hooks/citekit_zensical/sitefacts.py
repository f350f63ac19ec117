"""Whole-site facts for a host that renders one page at a time (Zensical).

Zensical has no event for "all pages are known": it hands each page to
Python-Markdown on its own. So before the first page renders, `SiteFacts.read`
does what the MkDocs hooks do in `on_files` and `on_env`: it reads every page of
docs/ from disk, checks front matter, titles, images, links and figures, scans
the citations (a/b letters for the whole site) and renders them, learning from
each page's Markdown under which heading each citation stands (citekit/headings.py,
as on MkDocs), so that the site-wide list has every "Cited on" link whatever the
order in which the pages are rendered later.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import unrendered
from citekit import export
from citekit.diagnostics import ADVICE, ERROR, display_path
from pagemeta import blocks, checks, frontmatter, rawhtml, snippets
from readerkit import addresses, claims

from . import engine, navigation
from .options import page_checks

DEFAULT_SCHEMAS = {"effects/": "effect", "production/": "production"}


@dataclass
class PageFacts:
    """One Markdown page as the whole-site pass saw it."""

    src_uri: str          # effects/x.md
    shown: str            # docs/effects/x.md, as messages name it
    body: str             # the Markdown without front matter
    url: str              # effects/x/, as the host builds it
    title: str = ""
    prepared: tuple[str, str, engine.Rendered] | None = None   # (Markdown in, with tokens, their meaning)


@dataclass
class SiteFacts:
    """Everything about the site that one page cannot tell."""

    config: dict
    root: Path
    docs_dir: Path
    pages: dict[str, PageFacts] = field(default_factory=dict)     # src_uri -> facts
    report: engine.Report = field(default_factory=engine.Report)
    citations: engine.CitationSite | None = None
    rows: list = field(default_factory=list)                       # the evidence overview
    abbreviations: str = ""
    by_url: dict[str, str] = field(default_factory=dict)           # page URL -> src_uri
    shown: set = field(default_factory=set)                        # problems printed already
    _claims: list | None = field(default=None, repr=False)        # the review's claims, read once
    _by_shown: dict | None = field(default=None, repr=False)
    _ranks: dict | None = field(default=None, repr=False)

    # ---- reading the site ------------------------------------------------------

    @classmethod
    def read(cls, config: dict, config_file: Path, *, prepare: bool = True) -> SiteFacts:
        """Read, check and scan every page; convert each once for its backlinks (when no error
        and `prepare`: a check before the host runs needs no conversion)."""
        root = Path(config_file).resolve().parent
        facts = cls(config, root, (root / str(config.get("docs_dir") or "docs")).resolve())
        sources = facts._read_pages()
        patterns = ((config.get("extra") or {}).get("citations") or {}).get("bibliography")
        bib = engine.load_bibliography(root, patterns)   # parsed once: the page checks use it too
        facts._check_pages(sources, Path(config_file), bib)
        if not bib.sources:
            shown = display_path(config_file, root)
            named = engine.DEFAULT_SOURCES if patterns is None else [patterns] if isinstance(patterns, str) \
                else patterns
            facts.report.add(shown, _config_line(Path(config_file), "bibliography:"),
                             f"no BibTeX file matches {', '.join(map(repr, named))}",
                             hint=f"Add a .bib file to bib/, or fix extra.citations.bibliography in {shown}")
        site_url = str(config.get("site_url") or "")
        url_problem = addresses.site_url_problem(site_url)
        if url_problem:   # written into every page (canonical link, "Cite this page"), as on MkDocs
            written = _setting_file(Path(config_file), "site_url:")
            facts.report.add(display_path(written, root), _config_line(written, "site_url:"),
                             addresses.site_url_message(site_url, url_problem))
        facts.report.extend(bib.report)
        facts.citations = engine.CitationSite(bib)
        for page in facts.pages.values():
            body, offset = frontmatter.split(sources[page.src_uri])
            facts.citations.scan(page.shown, body, offset)
        facts.citations.finish()
        facts.report.extend(facts.citations.report)
        if prepare and not facts.errors():
            facts._prepare_pages()
        return facts

    def _read_pages(self) -> dict[str, str]:
        excluded = _exclusions(self.config.get("exclude_docs"))
        sources: dict[str, str] = {}
        for folder, dirs, files in os.walk(self.docs_dir):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                rel = Path(folder, name).relative_to(self.docs_dir).as_posix()
                if not name.endswith(".md") or name.startswith(".") or excluded(rel):
                    continue
                shown = display_path(Path(folder, name), self.root)
                data = Path(folder, name).read_bytes()
                try:
                    sources[rel] = data.decode("utf-8-sig")
                except UnicodeDecodeError as err:
                    self.report.add(shown, data.count(b"\n", 0, err.start) + 1,
                                    f"the page is not UTF-8 (byte 0x{data[err.start]:02x} is not valid here)",
                                    hint="Save it as UTF-8")
                    continue
                body, _ = frontmatter.split(sources[rel])
                self.pages[rel] = PageFacts(rel, shown, body,
                                            _page_url(rel, bool(self.config.get("use_directory_urls", True))))
        self.by_url = {p.url: uri for uri, p in self.pages.items()}
        return sources

    def _check_pages(self, sources: dict[str, str], config_file: Path, bib: engine.Bibliography) -> None:
        """The checks of the MkDocs adapter's on_files (hooks/effects.py), on the same functions."""
        extra = self.config.get("extra") or {}
        settings = extra.get("effects") or {}
        with_rules = page_checks(self.config, config_file, self.report)
        rules = engine.load_rules(config_file, extra, bib, self.report) if with_rules else None
        keys = set(bib.entries)
        schemas = settings.get("schemas", DEFAULT_SCHEMAS)
        parsed = {}
        for uri, source in sources.items():
            fm = frontmatter.read(self.pages[uri].shown, source, self.report)
            if fm is not None:
                parsed[uri] = fm
        bodies = {uri: fm.body for uri, fm in parsed.items()}
        assets = {Path(folder, name).relative_to(self.docs_dir).as_posix()
                  for folder, _, files in os.walk(self.docs_dir) for name in files if not name.endswith(".md")}
        for asset in sorted(assets):   # a file of docs/ that the reference export would replace
            if export.taken_by_export(asset):
                message, hint = export.taken_message(asset)
                self.report.add(f"{display_path(self.docs_dir, self.root)}/{asset}", 1, message, hint=hint)
        for page in self.pages.values():   # a page published where the export writes
            written = page.url + "index.html" if page.url.endswith("/") or not page.url else page.url
            if export.taken_by_export(written):
                message, hint = export.taken_message(written)
                self.report.add(page.shown, 1, message, hint=hint)
        titles = navigation.titles(self.config.get("nav") or [])
        for uri, fm in parsed.items():
            path, body, offset = self.pages[uri].shown, fm.body, fm.body_offset
            self.pages[uri].title = titles.get(uri) or str(fm.data.get("title") or "")
            if rules is None:
                continue
            checks.check_title(path, fm.data, body, self.report)
            checks.check_images(path, body, offset, self.report)
            checks.check_links(path, uri, body, offset, bodies, assets, self.report)
            engine.check_figures(path, body, offset, self.docs_dir, self.root, set(self.pages), self.report)
            checks.check_chronology(path, body, offset, rules, self.report)
            checks.check_claim_mentions(path, body, offset, rules.claims, rules.review_file, self.report)
            rawhtml.check_page(path, body, offset, rules.keys, self.report)
            kind = next((k for prefix, k in schemas.items() if uri.startswith(prefix)), None)
            if kind is None:
                continue
            frontmatter.validate(path, kind, fm, rules, self.report)
            engine.check_evidence_cited(path, fm, body, self.report, rules.keys)
            row = engine.effect_row(uri, fm.data) if kind == "effect" else None
            if row is not None:
                self.rows.append(row)
        # Zensical runs in the project folder (hostbuild.py): base_path is read from there.
        if rules is not None:
            snippets.check_includes(((self.pages[u].shown, fm.body, fm.body_offset) for u, fm in parsed.items()),
                                    self.config.get("mdx_configs"), self.root, self.root, keys, self.report,
                                    Path(config_file))
        # Citations in included or appended snippets, which the engine never sees (the same check
        # and message as the MkDocs adapter's on_files).
        bases, appended = unrendered.snippet_settings(self.config.get("mdx_configs"), self.root)
        unrendered.check_snippets(((self.pages[u].shown, fm.body, fm.body_offset) for u, fm in parsed.items()),
                                  bases, appended, self.root, keys, self.report)
        self.abbreviations = self._read_abbreviations()

    def _read_abbreviations(self) -> str:
        """The abbreviation files pymdownx.snippets appends to every page, as configured."""
        snippets = (self.config.get("mdx_configs") or {}).get("pymdownx.snippets") or {}
        bases = snippets.get("base_path", ["."])
        texts = []
        for name in snippets.get("auto_append", []):
            found = next((self.root / b / name for b in ([bases] if isinstance(bases, str) else bases)
                          if (self.root / b / name).is_file()), None)
            if found is not None:
                texts.append(found.read_text(encoding="utf-8"))
        return "\n".join(texts)

    def _prepare_pages(self) -> None:
        """Each page's tokens made once, and its title where neither the nav nor the front matter
        gives one: the first H1, as the engine read it from the Markdown (`citekit.site`, the
        headings its backlinks come from), else the file's name.

        Measured (bench/deep.py --icount 10:70): this pass used to convert every page once more
        with Python-Markdown, to read the H1 and to run the raw-citation guard on each finished
        page before Zensical wrote one; Zensical with our extension took 3.596 G instructions
        against 2.394 G for its floor (1.50). The guard still runs on every page Zensical
        renders (extension.py, `_Finish`), and stops the build there."""
        for page in self.pages.values():
            markdown_in = self.generated_blocks(page.src_uri, page.body)
            tokens, rendered = self.citations.tokens(page.shown, markdown_in)
            self._check_added(page, rendered)
            if not page.title:
                page.title = self.citations.title(page.shown) or \
                    posixpath.splitext(posixpath.basename(page.src_uri))[0].replace("-", " ").capitalize()
            page.prepared = (markdown_in, tokens, rendered)

    def _check_added(self, page: PageFacts, rendered: engine.Rendered) -> None:
        for key in engine.CitationSite.added_keys(rendered):
            self.report.add(page.shown, 1, f"citation key '{key}' was added to this page during the build "
                            f"(by another extension), after citations were collected from the pages' source "
                            f"files", hint="Cite it in the page's Markdown file instead")

    # ---- what a page render asks for -----------------------------------------

    def errors(self, strict: bool | None = None) -> list:
        """The problems that stop a build (warnings too under strict), in reading order.

        Strict is the configuration's `strict`, unless scripts/build.py says otherwise
        (CITEKIT_STRICT, set from its --no-strict)."""
        if strict is None:
            told = os.environ.get("CITEKIT_STRICT")
            strict = bool(self.config.get("strict")) if told is None else told == "1"
        found = [d for d in self.report.items if d.severity == ERROR or (strict and d.severity != ADVICE)]
        return sorted(found, key=lambda d: (not d.path.endswith((".yml", ".yaml", ".bib", ".toml")),
                                            d.path, d.line, d.column, d.message))

    def generated_blocks(self, src_uri: str, text: str) -> str:
        """The overview, glossary and figure markers replaced, as hooks/effects.py replaces them."""
        if blocks.OVERVIEW_MARKER in text:
            text = text.replace(blocks.OVERVIEW_MARKER, blocks.overview_table(self.rows, src_uri))
        if blocks.GLOSSARY_MARKER in text:
            text = text.replace(blocks.GLOSSARY_MARKER, blocks.glossary(self.abbreviations))
        if "<!--" in text:
            text = blocks.FIGURE_MARKER.sub(lambda m: self._figure(m.group("path"), src_uri), text)
        return text

    def _figure(self, rel_path: str, src_uri: str) -> str:
        # Zensical rewrites a link in the page's HTML as if it were relative to the page's
        # source file, so the figure links to the .md files, relative to this one.
        here = posixpath.dirname(src_uri) or "."

        def resolve(target: str) -> str | None:
            return posixpath.relpath(target, here) if target in self.pages else None

        def missing(target: str) -> None:
            self.report.add(f"{display_path(self.docs_dir, self.root)}/{rel_path}", 1,
                            f"link to '{target}', which is not a page",
                            hint="Use a docs-relative path such as effects/adipose-tissue-lipolysis.md")

        svg = (self.docs_dir / rel_path).read_text(encoding="utf-8")
        return blocks.inline_svg(svg, resolve, missing)

    def markdown_for(self, src_uri: str, text: str) -> tuple[str, engine.Rendered | None]:
        """The Markdown Python-Markdown is to convert for a page, and what its tokens stand for."""
        page = self.pages.get(src_uri)
        if page is None or self.citations is None or self.errors():
            return text, None   # under `zensical serve` the page is shown as written until fixed
        if page.prepared is not None and page.prepared[0] == self.generated_blocks(src_uri, text):
            return page.prepared[1], page.prepared[2]
        tokens, rendered = self.citations.tokens(page.shown, self.generated_blocks(src_uri, text))
        self._check_added(page, rendered)
        return tokens, rendered

    def html_for(self, src_uri: str, converted: str, rendered: engine.Rendered) -> str:
        """A converted page finished: citations, lists and the 'Cite this page' block."""
        page = self.pages[src_uri]
        here = posixpath.dirname(src_uri) or "."

        by_shown, ranks = self._lookups()

        def href(key: str) -> str:
            # To the .md file, relative to this page's source: Zensical turns it into the page's URL.
            target = by_shown.get(key)
            return posixpath.relpath(target, here) if target else key

        def title(key: str) -> str:
            target = by_shown.get(key)
            return self.pages[target].title if target else key

        config = self.config
        site_name = str(config.get("site_name") or "")
        extra = config.get("extra") or {}
        tail = "\n" + engine.cite_block(title=page.title or site_name, site_url=str(config.get("site_url") or ""),
                                        site_name=site_name, author=str(config.get("site_author") or site_name),
                                        src_uri=src_uri, source=self.docs_dir / src_uri, project=self.root,
                                        offline=bool(isinstance(extra, dict) and extra.get("offline_copy")))

        def order(key: str) -> tuple:
            uri = by_shown.get(key, key)
            return (ranks.get(uri, len(ranks)), uri)

        def link(path: str) -> str:
            # A path in the site, relative to this page's source: Zensical rewrites it for the page's URL.
            return posixpath.relpath(path, here)

        return self.citations.html(rendered, converted, tail, href, title, order, page_path=src_uri, link=link,
                                   site_name=site_name)

    def _lookups(self) -> tuple[dict[str, str], dict[str, int]]:
        """Page key -> src_uri, and src_uri -> its place in the navigation: made once, not for
        every page (each is as long as the site)."""
        if self._by_shown is None:
            self._by_shown = {p.shown: uri for uri, p in self.pages.items()}
            self._ranks = {uri: i for i, uri in enumerate(navigation.pages(self.config.get("nav") or []))}
        return self._by_shown, self._ranks

    def export_files(self) -> dict[str, str]:
        """The exported reference files of the site (citekit.export): path in the site -> text."""
        if self.citations is None:
            return {}
        return self.citations.export_files({page.shown: uri for uri, page in self.pages.items()})

    def review_claims(self) -> list:
        """The review's claims (readerkit.claims), read once per reading of the site's facts
        (seeds/ is part of what makes them be read again): every page asks for them."""
        if self._claims is None:
            self._claims = claims.load(self.root / claims.review_file(self.config.get("extra")))
        return self._claims

    def known_keys(self) -> frozenset[str]:
        return frozenset(self.citations.bib.entries) if self.citations else frozenset()


# ---- helpers ------------------------------------------------------------------

def _config_line(config_file: Path, word: str) -> int:
    """The line of the configuration where a setting starts (1 when it is not written there)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.strip().startswith(word)), 1)


def _setting_file(config_file: Path, word: str) -> Path:
    """The configuration file that writes a setting: `config_file`, or the file it INHERITs from
    (zensical.yml inherits site_url from mkdocs.yml), followed a few steps at most."""
    current = config_file
    for _ in range(5):
        try:
            lines = current.read_text(encoding="utf-8").splitlines()
        except OSError:
            break
        if any(line.strip().startswith(word) for line in lines):
            return current
        parent = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("INHERIT:")), "")
        if not parent:
            break
        current = current.parent / parent
    return config_file


def _page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL a page is built at, as MkDocs and Zensical build it."""
    stem = src_uri[:-3]
    base = posixpath.basename(stem)
    if base in ("index", "README"):
        folder = posixpath.dirname(stem)
        return (folder + "/" if folder else "") if directory_urls else posixpath.join(folder, "index.html")
    return stem + "/" if directory_urls else stem + ".html"


def _exclusions(patterns: str | None):
    """A test for docs-relative paths that `exclude_docs` (gitignore patterns) leaves out."""
    if not patterns:
        return lambda rel: False
    import pathspec
    spec = pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())
    return spec.match_file
