"""The last check of every host: no built page may show a citation as raw text.

A host that ignores our adapter (Zensical skips `hooks:`; a misspelt extension name
is skipped too) still builds with exit 0, and readers would see `[@key]` where a
citation should be. This guard reads the built HTML, outside code, and names each
page that shows a raw citation of a key the bibliography knows, or a raw
`\\bibliography` / `\\full_bibliography` marker.

Written for the ProperDocs and Zensical hosts; the MkDocs adapter's own guard is to
be unified with this one (the function names here are what scripts/build.py calls).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .engine import KEY, load_bibliography

# `[@key]`, `[see @key, p. 3]`, `[-@key]`, `[@a; @b]`: an '@' inside square brackets.
_BRACKETED = re.compile(r"\[[^\[\]]*?-?@(?:\{([^{}]+)\}|(" + KEY + r"))[^\[\]]*\]")
_MARKER = re.compile(r"\\(?:full_)?bibliography\b")
# Text in these is shown as written (or is no text at all): a citation there is an example.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "template"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})


class _Text(HTMLParser):
    """The page's text outside code, in one string."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # how many verbatim elements are open
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VERBATIM:
            self.depth += 1
        elif tag not in _VOID:
            self.parts.append("")   # an element boundary: text on both sides does not join up

    def handle_endtag(self, tag: str) -> None:
        if tag in _VERBATIM and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The text a reader sees outside code (inline elements joined, as the browser shows them)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def raw_citations(html: str, known: set[str] | frozenset[str]) -> list[str]:
    """Raw citations of known keys (and raw bibliography markers) in a page's text, in order."""
    text = page_text(html)
    found = [m.group(0) for m in _BRACKETED.finditer(text)
             if (m.group(1) or m.group(2)).rstrip(".,;:") in known or m.group(1) in known]
    found.extend(m.group(0) for m in _MARKER.finditer(text))
    return found


def check_site(site_dir: Path, known: set[str] | frozenset[str], docs_dir: Path | None = None,
               root: Path | None = None) -> list[str]:
    """One message per built page that shows raw citations, naming the page; [] when none does.

    The message names the Markdown page and the line of its first raw citation when the built
    page can be traced back to one (`docs_dir`), else the built file.
    """
    problems = []
    for path in sorted(Path(site_dir).rglob("*.html")):
        found = raw_citations(path.read_text(encoding="utf-8", errors="replace"), known)
        if not found:
            continue
        built = path.relative_to(site_dir).as_posix()
        source = _source_of(built, docs_dir)
        if source is not None:
            text = source.read_text(encoding="utf-8", errors="replace")
            at = text.find(found[0])
            line = text.count("\n", 0, at) + 1 if at >= 0 else 1
            shown = source.relative_to(root).as_posix() if root and source.is_relative_to(root) else source.as_posix()
            where = f"{shown}:{line}"
        else:
            where = f"{built}:1"
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        problems.append(f"{where}: citation '{printable(found[0])}'{more} is raw text in the built page "
                        f"{built}: the citation adapter did not run on it. Check that the configuration loads "
                        f"it (MkDocs, ProperDocs: hooks; Zensical: markdown_extensions: hooks.citekit_zensical)")
    return problems


def _source_of(built: str, docs_dir: Path | None) -> Path | None:
    """The Markdown file a built page most likely came from (None when none is found)."""
    if docs_dir is None:
        return None
    stem = built[:-len(".html")]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[:-len("index")].rstrip("/")
        candidates = [f"{folder}/index.md" if folder else "index.md", f"{folder}.md", f"{folder}/README.md"]
    else:
        candidates = [f"{stem}.md"]
    return next((docs_dir / name for name in candidates if (docs_dir / name).is_file()), None)


def printable(text: str) -> str:
    """`text` with control characters escaped."""
    # A message never echoes control characters raw: they are shown escaped.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads a MkDocs/Zensical configuration without its Python and !ENV tags' meaning."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_AnyTagLoader.add_multi_constructor("", _plain)


def read_config(path: Path) -> dict:
    """A YAML configuration with its INHERIT parents merged in (the child's settings win)."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}   # noqa: S506 - safe loader
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        data = _merged(read_config(Path(path).parent / parent), data)
    return data


def _merged(base: dict, child: dict) -> dict:
    out = dict(base)
    for key, value in child.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def check_build(site_dir: Path, config_path: Path) -> list[str]:
    """`check_site` for a site built from a configuration file (its bibliography, its docs_dir)."""
    config = read_config(config_path)
    root = Path(config_path).resolve().parent
    return check_site(site_dir, known_keys(config, root), root / str(config.get("docs_dir") or "docs"), root)


def known_keys(config: dict, root: Path) -> frozenset[str]:
    """Every key of the bibliography a configuration names (extra.citations.bibliography)."""
    settings = ((config.get("extra") or {}).get("citations") or {})
    return frozenset(load_bibliography(root, settings.get("bibliography")).entries)
