"""Files included with pymdownx.snippets (`--8<-- "file.md"`): found, inside the snippet folders, safe.

pymdownx.snippets replaces an include line by the file while the page renders; a missing
file then ends the build in its SnippetMissingError traceback (with `check_paths: true`)
or is dropped silently (without). So every include of every page, and of every included
file, is resolved here first, by pymdownx's own rules (its preprocessor's path parsing and
base-folder lookup, `restrict_base_path` included), and each one that cannot be included
is a located message. The text of each included file gets the raw-HTML checks of
`rawhtml` at its own lines, since the reader's browser gets it as if the page held it.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable
from pathlib import Path

from citekit.diagnostics import WARNING, Report, display_path

from . import rawhtml

MAX_DEPTH = 20   # includes within includes; pymdownx stops near Python's recursion limit


def _preprocessor(settings: dict, cwd: Path):
    """pymdownx's SnippetPreprocessor for `settings`, base folders read from `cwd` as the host reads them."""
    import markdown
    from pymdownx.snippets import SnippetExtension

    bases = settings.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else [b for b in bases if isinstance(b, str)] \
        if isinstance(bases, list) else ["."]
    config = {k: v for k, v in settings.items() if k in SnippetExtension().config}
    config["base_path"] = [os.path.join(cwd, b) for b in bases]
    config["check_paths"] = True
    md = markdown.Markdown(extensions=[SnippetExtension(**config)])
    return md.preprocessors["snippet"], bases


def check_includes(pages: Iterable[tuple[str, str, int]], mdx_configs: object, cwd: Path, root: Path,
                   keys: Container[str], report: Report, config_file: Path | None = None) -> None:
    """Every include of `pages` (shown path, Markdown body, lines above it) and of the files they include.

    `cwd` is the folder the host resolves base_path from; `config_file` names auto_append's line."""
    settings = mdx_configs.get("pymdownx.snippets") if isinstance(mdx_configs, dict) else None
    if not isinstance(settings, dict) and not (isinstance(mdx_configs, dict) and "pymdownx.snippets" in mdx_configs):
        return
    settings = settings if isinstance(settings, dict) else {}
    try:
        pre, bases = _preprocessor(settings, cwd)
    except Exception:   # noqa: BLE001 - a setting pymdownx refuses: it says so itself when the page renders
        return
    walker = _Walker(pre, bases, root, keys, report, WARNING if not settings.get("check_paths") else "error")
    appended = settings.get("auto_append", [])
    for name in [appended] if isinstance(appended, str) else appended if isinstance(appended, list) else []:
        if isinstance(name, str):
            shown = display_path(config_file, root) if config_file else "mkdocs.yml"
            walker.include(shown, _setting_line(config_file, "auto_append"), name, 0)
    for shown, body, offset in pages:
        if "8<" in body:
            walker.walk(shown, body, offset, 0)


def _setting_line(config_file: Path | None, word: str) -> int:
    try:
        if config_file is None:
            return 1
        lines = Path(config_file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.strip().startswith(word)), 1)


class _Walker:
    def __init__(self, pre, bases: list[str], root: Path, keys: Container[str], report: Report,
                 severity: str) -> None:
        self.pre, self.bases, self.root, self.keys, self.report = pre, bases, root, keys, report
        self.severity = severity
        self.checked: set[str] = set()   # included files whose own text was checked

    def walk(self, shown: str, text: str, offset: int, depth: int) -> None:
        """The include lines of one text, read as pymdownx's parse_snippets reads them."""
        block = False
        for number, line in enumerate(text.split("\n"), 1):
            m = self.pre.RE_ALL_SNIPPETS.match(line)
            if m:
                if m.group("escape") or (block and m.group("inline_marker")):
                    continue
                if not m.group("inline_marker"):
                    block = not block
                    continue
                name = m.group("snippet")[1:-1].strip()
            elif block:
                name = line.strip()
                if not name:
                    continue
            else:
                continue
            if not name.startswith(";"):
                self.include(shown, number + offset, name, depth)

    def include(self, shown: str, line: int, name: str, depth: int) -> None:
        target = self.pre.parse_snippet_target(name)
        where = ", ".join(self.bases)
        if target is None:
            self.report.add(shown, line, f"snippet line '--8<-- \"{name}\"' names no file", severity=self.severity,
                            hint="Write the file's name, relative to a snippet folder (base_path)")
            return
        path = target["path"]
        if path.lower().startswith(("https://", "http://")) and self.pre.url_download:
            return   # downloaded while the page renders; not fetched by a check
        found = self.pre.get_snippet_path(path)
        if found is None:
            outside = any(os.path.exists(os.path.join(b, path)) for b in self.pre.base_path)
            if outside:
                self.report.add(shown, line, f"snippet '{path}' lies outside the snippet folders ({where}); "
                                "pymdownx.snippets does not include it", severity=self.severity,
                                hint="Put the file inside a folder listed under base_path of pymdownx.snippets, "
                                "and name it relative to that folder")
            else:
                self.report.add(shown, line, f"snippet '{path}' does not exist in the snippet folders ({where})",
                                severity=self.severity,
                                hint="Check the file name: it is relative to a folder listed under base_path of "
                                "pymdownx.snippets, not to the page")
            return
        try:
            lines = self.pre.read_lines(found)
            if target["section"] is not None or target["start"]:
                target["snippet"], target["is_url"] = found, False
                self.pre.select_snippet_lines(lines, target)
        except UnicodeDecodeError:
            self.report.add(shown, line, f"snippet '{path}' is not UTF-8", severity=self.severity,
                            hint="Save the file as UTF-8")
            return
        except OSError as err:
            self.report.add(shown, line, f"snippet '{path}' cannot be read ({(err.strerror or 'error').lower()})",
                            severity=self.severity, hint="Check the file's permissions")
            return
        except Exception:   # noqa: BLE001 - SnippetMissingError: a section the file does not have
            self.report.add(shown, line, f"snippet '{name}' names the section '{target['section']}', which "
                            f"'{path}' does not have", severity=self.severity,
                            hint="Mark the section in the file with '--8<-- [start:name]' and '--8<-- [end:name]', "
                            "or fix the name")
            return
        file_shown = display_path(found, self.root)
        if found in self.checked:
            return
        self.checked.add(found)
        text = "\n".join(lines)
        rawhtml.check_page(file_shown, text, 0, self.keys, self.report)
        if depth < MAX_DEPTH and "8<" in text:
            self.walk(file_shown, text, 0, depth + 1)
