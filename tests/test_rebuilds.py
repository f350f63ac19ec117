"""`mkdocs serve` rebuilds in one process: the hook must not keep each build's objects alive."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def test_rebuilds_in_one_process_do_not_pile_up_frozen_objects(small_site: Path, tmp_path: Path):
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    frozen = []
    try:
        for n in range(6):
            config = load_config(str(small_site / "mkdocs.yml"), site_dir=str(tmp_path / f"out{n}"))
            build(config)
            frozen.append(gc.get_freeze_count())
            del config
    finally:
        gc.unfreeze()
    assert frozen[0] > 0, "the hook freezes what lives until the build ends"
    # Later builds freeze what the first did; without unfreezing (and collecting) at the next
    # build's start, each build's garbage would stay frozen: about 2 % more with every rebuild.
    assert frozen[-1] <= frozen[1] * 1.01, frozen
