"""A copy of the project as a fresh clone has it: git-tracked files only, nothing beside it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tracked_files(root: Path = ROOT) -> list[str]:
    """The files git tracks in `root` (as in the working tree, uncommitted edits included)."""
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True)
    return [name for name in listing.stdout.decode("utf-8").split("\0") if name]


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy the tracked files of `root` into the new folder `dest`; returns `dest`."""
    dest.mkdir(parents=True)
    for name in tracked_files(root):
        source = root / name
        if source.is_symlink() or not source.is_file():
            continue   # deleted in the working tree, or a link a clone would recreate
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return dest
