"""The guide-link cache (macros/engine.py): the letter library and the planner share one scan
of the pages per build, and a page edited, added or removed is scanned again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from macros import engine
from macros.engine import GuideLinkCache
from tests.helpers import count_calls
from tests.sitebuild import ROOT


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "docs", tmp_path / "docs"))


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the cache scans the pages (calls guide_links)."""
    return count_calls(monkeypatch, engine, "guide_links")  # type: ignore[return-value]


def test_an_edit_is_noticed(docs: Path, scans: list[Path]) -> None:
    cache = GuideLinkCache()
    page = docs / "rejection" / "index.md"
    assert "nowhere/edited" not in cache.get(docs)
    page.write_text(page.read_text("utf-8") + '\n{{ letter("nowhere/edited") }}\n',
                    encoding="utf-8")
    stat = page.stat()  # as a save a moment later would
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cache.get(docs)["nowhere/edited"][1] == "rejection/"
    assert len(scans) == 2


def test_an_added_page_is_noticed(docs: Path, scans: list[Path]) -> None:
    cache = GuideLinkCache()
    cache.get(docs)
    (docs / "added").mkdir()
    (docs / "added" / "index.md").write_text('# Added\n\n{{ letter("nowhere/new") }}\n',
                                             encoding="utf-8")
    assert cache.get(docs)["nowhere/new"] == ("Added", "added/")
    assert len(scans) == 2


def test_a_returned_mapping_cannot_spoil_the_cache(docs: Path) -> None:
    cache = GuideLinkCache()
    cache.get(docs).clear()
    assert cache.get(docs)
