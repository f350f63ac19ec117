"""ProperDocs as a host: the site it builds is the MkDocs build, file for file.

ProperDocs 1.6.7 continues MkDocs 1.x and runs our hooks unchanged (it answers the
hooks' `mkdocs.*` imports with its own modules). The only difference by design is the
generator tag each writes into every page; it is removed before comparing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
GENERATOR = re.compile(rb'[ \t]*<meta name="generator" content="[^"]*">\r?\n?')


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory, site_builder) -> Path:
    out = tmp_path_factory.mktemp("properdocs") / "site"
    proc = site_builder(ROOT / "mkdocs.yml", out, "--host", "properdocs")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(b"", data)


def test_properdocs_built_it(properdocs_site: Path):
    """The build really ran ProperDocs (and the comparison below compares two programs)."""
    assert b'content="mkdocs-ProperDocs 1.6.7' in (properdocs_site / "index.html").read_bytes()


def test_every_file_is_the_same_as_the_mkdocs_build(built_site: Path, properdocs_site: Path):
    assert files(properdocs_site) == files(built_site)
    assert len(files(built_site)) > 60
    differing = [name for name in sorted(files(built_site))
                 if without_generator((built_site / name).read_bytes()) !=
                 without_generator((properdocs_site / name).read_bytes())]
    assert not differing, f"differ beyond the generator tag: {differing}"


def test_the_generator_tag_is_the_only_difference_removed(built_site: Path):
    page = (built_site / "index.html").read_bytes()
    removed = len(page) - len(without_generator(page))
    assert 0 < removed < 120, "the generator tag pattern must remove exactly that one line"
