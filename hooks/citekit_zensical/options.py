"""The options of the Zensical extension, set in the configuration's markdown_extensions.

    markdown_extensions:
      - hooks.citekit_zensical:
          page_checks: false

They hold for the whole site, so they are read with the site's facts (sitefacts.py), once,
and a wrong one is reported with its file and line, rather than by Python-Markdown, which
would raise a traceback for every page. The configuration files are read as YAML nodes (the
file and each INHERIT'ed one), so that every listing of the extension is checked where it is
written, whatever Zensical's merge of the files keeps.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from citekit.diagnostics import Report, display_path

NAMES = ("hooks.citekit_zensical", "citekit_zensical")
OPTIONS = {"page_checks": "true (the default) or false"}
_YES, _NO = {"true", "yes", "on"}, {"false", "no", "off"}
_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


def page_checks(config: dict, config_file: Path, report: Report) -> bool:
    """The extension's `page_checks` option (true unless the configuration says false).

    True: every page gets the checks and generated blocks of hooks/effects.py, which the
    MkDocs site loads as a hook of its own (front matter against the review's claims, images,
    links, figures, raw HTML, the evidence overview). False: citations only, as the MkDocs
    citation hook alone does (the bench compares the hosts that way). Every problem of the
    options in the configuration files goes into `report`, located; after a problem the checks
    stay on."""
    problems = check_files(Path(config_file))
    report.items.extend(problems)
    options = config.get("mdx_configs") or {}
    chosen = next((options[n] for n in NAMES if isinstance(options.get(n), dict)), {})
    value = chosen.get("page_checks", True)
    word = str(value).lower() if isinstance(value, (bool, str)) else ""
    return problems != [] or word not in _NO


def check_files(config_file: Path) -> list:
    """Every problem of the extension's listings in `config_file` and the files it INHERITs."""
    report, root, seen = Report(), config_file.parent, set()
    current: Path | None = config_file
    while current is not None and current.resolve() not in seen and len(seen) < 5:
        seen.add(current.resolve())
        try:
            text = current.read_text(encoding="utf-8")
            document = yaml.compose(text, Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break   # Zensical reports a configuration it cannot read
        shown = display_path(current, root)
        if isinstance(document, yaml.MappingNode):
            _check_listings(document, text, shown, report)
        parent = _value(document, "INHERIT")
        current = current.parent / parent.value if isinstance(parent, yaml.ScalarNode) else None
    return report.items


def _check_listings(document: yaml.MappingNode, text: str, shown: str, report: Report) -> None:
    listed = _value(document, "markdown_extensions")
    if not isinstance(listed, yaml.SequenceNode):
        return
    first: int | None = None
    for item in listed.value:
        name, options = _listing(item)
        if name is None:
            continue
        line = item.start_mark.line + 1
        if first is not None:
            report.add(shown, line, f"{name} is listed again (first on line {first})",
                       hint="Keep one listing of the extension, with its options")
            continue
        first = line
        if options is None or (isinstance(options, yaml.ScalarNode) and options.tag == _NULL):
            continue
        if not isinstance(options, yaml.MappingNode):
            report.add(shown, line, f"the options of {name} are {_shown(options, text)}, not a mapping",
                       hint="Write them indented under the extension's name, e.g. page_checks: false")
            continue
        for key, value in options.value:
            where = key.start_mark.line + 1
            if not (isinstance(key, yaml.ScalarNode) and key.value in OPTIONS):
                known = ", ".join(f"{k} ({v})" for k, v in OPTIONS.items())
                report.add(shown, where, f"unknown option {_shown(key, text)} of {name}",
                           hint=f"Correct its name or remove it; the options are: {known}")
            elif not _yes_or_no(value):
                report.add(shown, value.start_mark.line + 1,
                           f"page_checks of {name} is {_shown(value, text)}, not a yes/no value",
                           hint="Write page_checks: true or page_checks: false")


def _listing(item: yaml.Node) -> tuple[str | None, yaml.Node | None]:
    """(our name, its options node) for a listing of this extension, else (None, None)."""
    if isinstance(item, yaml.ScalarNode) and item.value in NAMES:
        return item.value, None
    if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
        key, options = item.value[0]
        if isinstance(key, yaml.ScalarNode) and key.value in NAMES:
            return key.value, options
    return None, None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    return None


def _yes_or_no(node: yaml.Node) -> bool:
    """A YAML boolean, or one of the words true/false/yes/no/on/off quoted as a string."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    return node.tag == _BOOL or (node.tag == _STR and node.value.lower() in _YES | _NO)


def _shown(node: yaml.Node, text: str) -> str:
    """A value as the contributor wrote it (not as Python prints it)."""
    if isinstance(node, yaml.ScalarNode):
        return "empty" if node.tag == _NULL else f"'{node.value}'"
    written = text[node.start_mark.index:node.end_mark.index].strip()
    return f"'{' '.join(written.split())[:80]}'"
