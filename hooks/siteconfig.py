"""The settings the hooks read from mkdocs.yml (`extra.citations`, `extra.effects`), checked.

Whatever shape a setting has, the hooks get usable values (the default where a
setting is wrong) and a located message for each mistake, with a fix hint: never a
traceback. Plain Python (no MkDocs import), so that it can be tested on any shape.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

import yaml
from citekit.diagnostics import Diagnostic

DEFAULT_BIBLIOGRAPHY = ["bib/**/*.bib"]
DEFAULT_SCHEMAS = {"effects/": "effect", "production/": "production"}
SCHEMA_KINDS = ("effect", "production")
# The settings each section holds, with an example value of each.
CITATION_KEYS = {"bibliography": '["bib/**/*.bib"]'}
EFFECT_KEYS = {"review": "seeds/review.yaml", "schemas": "{effects/: effect, production/: production}",
               "targets": "[liver, adipose tissue]", "directions": "[increases, decreases]"}

Lines = Callable[..., int]   # line(*path) -> the line of mkdocs.yml where that setting is written


@dataclass
class CitationSettings:
    bibliography: list[str] = field(default_factory=lambda: list(DEFAULT_BIBLIOGRAPHY))


@dataclass
class EffectSettings:
    review: str = "seeds/review.yaml"
    schemas: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SCHEMAS))
    targets: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)


class _Checker:
    def __init__(self, lines: Lines | None, config_name: str) -> None:
        self.lines = lines or (lambda *path: 1)
        self.name = config_name
        self.found: list[Diagnostic] = []

    def problem(self, path: tuple[str, ...], message: str, hint: str, at: tuple[str, ...] = ()) -> None:
        """A message about the setting at `path`, located at `at` (by default the setting itself)."""
        shown = ".".join(_printable(p) for p in path)
        self.found.append(Diagnostic(self.name, self.lines(*(at or path)), 0, f"{shown} {message}", hint=hint))

    def section(self, extra: object, name: str, known: dict[str, str]) -> dict:
        """extra.<name> as a mapping ({} when it is missing or wrong), unknown keys reported."""
        if extra is None:
            return {}
        if isinstance(extra, Mapping) and not isinstance(extra, dict):
            extra = dict(extra)   # MkDocs hands `extra` over as its own mapping type
        if not isinstance(extra, dict):
            if name != "citations":
                return {}   # said once, by the first section's check
            self.problem(("extra",), f"is {_describe(extra)}, not a mapping",
                         f"Write it as 'extra:' followed by indented settings such as '{name}:'")
            return {}
        value = extra.get(name)
        if value is None:
            return {}
        if not isinstance(value, dict):
            first = next(iter(known))
            self.problem(("extra", name), f"is {_describe(value)}, not a mapping",
                         f"Write it as '{name}:' with its settings indented below it, such as "
                         f"'{first}: {known[first]}'")
            return {}
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = (f"Did you mean '{close[0]}'?" if close else
                        f"The settings read here are: {', '.join(known)}")
                self.problem(("extra", name), f"has a setting '{_printable(str(key))}', which the site's hooks "
                             "do not read", hint, at=("extra", name, str(key)))
        return value

    def words(self, path: tuple[str, ...], value: object, example: str) -> list[str] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(path, f"is {_describe(value)}, not a list of texts", f"Write it as {example}")
            return None
        return list(value)


def check_citations(extra: object, lines: Lines | None = None, config_name: str = "mkdocs.yml"
                    ) -> tuple[CitationSettings, list[Diagnostic]]:
    """extra.citations: usable settings and the problems found."""
    check = _Checker(lines, config_name)
    section = check.section(extra, "citations", CITATION_KEYS)
    settings = CitationSettings()
    if "bibliography" in section:
        path, value = ("extra", "citations", "bibliography"), section["bibliography"]
        example = "bibliography: [\"bib/**/*.bib\"]"
        if value is None or value == [] or value == "":
            check.problem(path, "is empty", f"Give one or more glob patterns relative to mkdocs.yml: {example}")
        else:
            patterns = check.words(path, value, example)
            if patterns is not None:
                absolute = [p for p in patterns if _absolute(p)]
                for pattern in absolute:
                    check.problem(path, f"'{_printable(pattern)}' is an absolute path",
                                  "Give a pattern relative to the folder of mkdocs.yml, such as bib/**/*.bib")
                # Python's glob accepts '**' only as a whole part of the path.
                stray = [p for p in patterns if any("**" in part and part != "**" for part in p.split("/"))]
                for pattern in stray:
                    check.problem(path, f"'{_printable(pattern)}' has '**' inside a name",
                                  "Write '**' alone between slashes (any folders), as in bib/**/*.bib")
                if not absolute and not stray:
                    settings.bibliography = patterns
    return settings, check.found


def check_effects(extra: object, lines: Lines | None = None, config_name: str = "mkdocs.yml"
                  ) -> tuple[EffectSettings, list[Diagnostic]]:
    """extra.effects: usable settings and the problems found."""
    check = _Checker(lines, config_name)
    section = check.section(extra, "effects", EFFECT_KEYS)
    settings = EffectSettings()
    base = ("extra", "effects")
    if "review" in section:
        value = section["review"]
        if isinstance(value, str) and value.strip() and not _absolute(value):
            settings.review = value
        else:
            check.problem((*base, "review"), f"is {_describe(value)}, not a file name relative to mkdocs.yml",
                          "Write it as review: seeds/review.yaml")
    if "schemas" in section:
        value = section["schemas"]
        if isinstance(value, dict) and all(isinstance(k, str) and v in SCHEMA_KINDS for k, v in value.items()):
            settings.schemas = dict(value)
        else:
            check.problem((*base, "schemas"), f"is {_describe(value)}, not a mapping of folder to "
                          f"{' or '.join(SCHEMA_KINDS)}", f"Write it as schemas: {EFFECT_KEYS['schemas']}")
    for name in ("targets", "directions"):
        if name in section:
            found = check.words((*base, name), section[name], f"{name}: {EFFECT_KEYS[name]}")
            if found is not None:
                setattr(settings, name, found)
    return settings, check.found


def _absolute(pattern: str) -> bool:
    return PurePosixPath(pattern).is_absolute() or PureWindowsPath(pattern).is_absolute() or pattern.startswith("~")


def _describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if isinstance(value, str):
        return f"the text '{_printable(value[:40])}'" if value else "an empty text"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _printable(text: str) -> str:
    """A value as a message may echo it: control characters and newlines escaped, never raw."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def yaml_lines(config_file: str | None) -> Lines:
    """line(*path) for a mkdocs.yml: where that setting (or the nearest one above it) is written."""
    try:
        with open(config_file or "mkdocs.yml", encoding="utf-8") as fh:
            root = yaml.compose(fh)   # nodes only: tags such as !ENV need no constructor
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        root = None

    def line(*path: str) -> int:
        node, found = root, 1
        for name in path:
            if not isinstance(node, yaml.MappingNode):
                break
            match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)
            if match is None:
                break
            found, node = match[0].start_mark.line + 1, match[1]
        return found

    return line
