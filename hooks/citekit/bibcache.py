"""The parsed and checked bibliography kept on disk between builds (`.git/citekit-cache/`).

Why it exists (the issue's rule: a speed-up stays only if it is worth >= 2 % of a build at
N=500): on the bench's N=500 site (5000 entries) parsing and checking the .bib file takes
1.5 s and the style's cards 0.7 s of CPU, in a build of about 16 s; read from this file
they take about 0.1 s: some 13 % of the build (instructions, bench/README.md).

What makes it correct:

- The key is a SHA-256 of the exact bytes of every .bib file (and its name, in order), the
  project root, the problems found with the patterns, the source of every module of the
  engine and the Python version. Any change of any field, of the engine or of Python makes
  another key, and a file under another key is never used: nothing can stay stale.
- Plain data only (str, int, list, tuple, dict), written with `marshal`: loading it builds
  no object of any class and runs no code (unlike pickle). The payload is checked against
  its own SHA-256, written in the header, before it is unmarshalled, so a truncated or
  damaged file is detected without reading it.
- Written atomically (a temporary file in the same folder, then `os.replace`), and only
  when it stays under MAX_CACHE_BYTES; a larger bibliography is simply parsed every time.
- Only a real folder holding a regular file is used: a `.citekit-cache` that is a symbolic link
  (a pull request can add one) would have the cache written wherever it points, replacing a
  file of that name there, so the cache is then neither read nor written; the file itself is
  opened without following a link and without waiting (a named pipe there would hang the build).
- A file that cannot be used (damaged, truncated, another format) is ignored, the
  bibliography parsed again and the file rewritten, with one INFO line on stderr that
  says so. A file written for other .bib contents is replaced silently (that is a change).

What is kept: every entry (fields as written, their lines, what it inherited by crossref,
the fields decoded so far), the aliases, @preambles, the report of parse and checks, the
failed and duplicated keys, and each entry's style card (`style.card`, a pure function of
the entry), so that a build computes cards only for entries it has never seen.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, display_path, safe_text

CACHE_FORMAT = 1
MAX_CACHE_BYTES = 64 * 2**20
_MAGIC = b"citekit bibliography cache %d\n" % CACHE_FORMAT
_ENGINE = Path(__file__).resolve().parent
_engine_digest: list[bytes] = []


def cache_file(root: Path) -> Path:
    """Where the cache lives: in the git folder of a checkout, else `.citekit-cache/`.

    A commit cannot put a file into the git folder, but it can add (`git add -f`) one under
    `.citekit-cache/`, whose key is made of public inputs only: such a forged file would be
    trusted by CI and its entries published. In a copy without git, whoever made the copy
    controls its hooks as much as its cache. Not in .cache/ either: `zensical build --clean`
    (scripts/build.py --host zensical) empties that folder.
    """
    git = _git_folder(Path(root))
    if git is not None:
        # One file per site folder: sites of one checkout (the project's, the bench's under
        # bench/.work) took turns overwriting a single file, and each build after another
        # site's parsed its .bib files again (caught when an instruction count came out cold).
        site = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
        return git / "citekit-cache" / f"bibliography-{site}.marshal"
    return Path(root) / ".citekit-cache" / "bibliography.marshal"


def _git_folder(root: Path) -> Path | None:
    """The git folder of the checkout holding `root` (a worktree's `.git` file names it), or None."""
    for folder in (root, *root.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            head = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if head.startswith("gitdir:"):
                named = Path(head[len("gitdir:"):].strip())
                named = named if named.is_absolute() else folder / named
                return named if named.is_dir() else None
            return None
    return None


def cache_key(root: Path, paths: list[Path], contents: list[bytes], problems: list[Diagnostic]) -> str:
    """What the parse depends on: .bib bytes and names, root, pattern problems, engine, Python."""
    digest = hashlib.sha256()
    # The .bib files as messages name them (relative to the root when inside it), not the root:
    # a site reached through a link and by its real path is the same site, with one cache.
    shown = [display_path(p, root) for p in paths]
    for part in (_engine(), repr((sys.version, shown, problems)).encode()):
        digest.update(len(part).to_bytes(8, "big") + part)
    for data in contents:
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _engine() -> bytes:
    """The engine's own source, hashed once per process."""
    if not _engine_digest:
        digest = hashlib.sha256()
        for path in sorted(_ENGINE.glob("*.py")):
            data = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
        _engine_digest.append(digest.digest())
    return _engine_digest[0]


def read(path: Path, key: str, shown: str):
    """The cached bibliography under `key`, or None (a damaged file is reported in one line)."""
    from .bibliography import Bibliography, Entry
    if not _own_folder(path):
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ValueError("not a regular file")
            head = fh.read(len(_MAGIC) + 64 + 64 + 2)
            if head[:len(_MAGIC)] != _MAGIC:
                raise ValueError("not a cache file of this version")
            stored_key, checksum = head[len(_MAGIC):len(_MAGIC) + 64], head[len(_MAGIC) + 65:len(_MAGIC) + 129]
            if stored_key != key.encode():
                return None   # written for other sources or another engine: a change, not a fault
            if os.fstat(fh.fileno()).st_size > MAX_CACHE_BYTES:
                raise ValueError("larger than the bound")
            payload = fh.read()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        _rebuilt(shown, err)
        return None
    try:
        if hashlib.sha256(payload).hexdigest().encode() != checksum:
            raise ValueError("damaged or truncated")
        data = marshal.loads(payload)
        bib = Bibliography()
        for key_, kind, where, line, raw, lines, inherited, decoded, exported in data["entries"]:
            dict.__setitem__(bib.entries, key_, Entry(key_, kind, where, line, dict(raw), dict(lines),
                                                      set(inherited), dict(decoded), dict(exported)))
        bib.entries.aliases.update(data["aliases"])
        bib.preambles.extend(data["preambles"])
        bib.report.items.extend(Diagnostic(*d) for d in data["report"])
        bib.sources.extend(data["sources"])
        bib.failed.extend(tuple(f) for f in data["failed"])
        bib.duplicated.update(data["duplicated"])
        from .style import Card
        bib.derived["cards"] = {k: Card(*c) for k, c in data["cards"].items()}
    except (ValueError, EOFError, TypeError, KeyError, IndexError) as err:
        _rebuilt(shown, err)
        return None
    return bib


def _own_folder(path: Path) -> bool:
    """Whether the cache's folder is a real folder of the project, or not there yet (see the
    module docstring: a symbolic link there is neither followed nor replaced)."""
    folder = path.parent
    return not folder.is_symlink() and (folder.is_dir() or not folder.exists())


def _rebuilt(shown: str, err: Exception) -> None:
    print(f"INFO    -  {safe_text(shown)}: the bibliography cache could not be read "
          f"({safe_text(err)}); the .bib files were parsed again and the cache rewritten", file=sys.stderr)


def write(path: Path, key: str, bib) -> None:
    """Store `bib` under `key`, with a card for every entry; atomically, within the bound."""
    from .style import card
    if not _own_folder(path):
        return
    from .export import RECORD_KINDS, record
    cards = bib.derived.setdefault("cards", {})
    for entry_key, entry in bib.entries.items():
        try:
            if entry_key not in cards:
                cards[entry_key] = card(entry)
            for kind in RECORD_KINDS:
                record(entry, kind)
        except Exception:   # noqa: BLE001  an entry the style cannot card fails (or not) when cited, as before
            continue
    data = {
        "entries": [(e.key, e.type, e.path, e.line, e.raw, e.lines, sorted(e.inherited), e._decoded, e.exported)
                    for e in bib.entries.values()],
        "aliases": dict(bib.entries.aliases), "preambles": list(bib.preambles),
        "report": [(d.path, d.line, d.column, d.message, d.severity, d.hint) for d in bib.report.items],
        "sources": list(bib.sources), "failed": list(bib.failed), "duplicated": sorted(bib.duplicated),
        "cards": {k: tuple(c) for k, c in cards.items()},
    }
    payload = marshal.dumps(data)
    if len(payload) + 200 > MAX_CACHE_BYTES:
        path.unlink(missing_ok=True)
        return
    head = _MAGIC + key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".bibliography-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(head + payload)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(path.parent, keep=path)
    except OSError:
        pass   # a read-only project still builds; it parses every time


KEPT_SITES = 8


def _prune(folder: Path, keep: Path) -> None:
    """At most KEPT_SITES site caches in a git folder's citekit-cache/: the least recently written go."""
    if folder.name != "citekit-cache":
        return
    (folder / "bibliography.marshal").unlink(missing_ok=True)   # the one file of the layout before
    others = sorted((p for p in folder.glob("bibliography-*.marshal") if p != keep),
                    key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in others[KEPT_SITES - 1:]:
        old.unlink(missing_ok=True)
