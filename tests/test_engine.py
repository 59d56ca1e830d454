"""The engine edge (macros/engine.py): the snippet cache that Zensical's once-per-page
define_env relies on notices every change to the files it read, and only then reads again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from macros import engine
from macros.engine import SnippetCache
from tests.helpers import count_calls
from tests.sitebuild import ROOT


@pytest.fixture
def snippets(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "snippets", tmp_path / "snippets"))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the cache reads the files (calls load_library)."""
    return count_calls(monkeypatch, engine, "load_library")  # type: ignore[return-value]


def touch_later(path: Path) -> None:
    """Move the file's mtime on, as an editor's save a moment later would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def a_letter_file(snippets: Path) -> Path:
    return next(path for path in sorted(snippets.glob("*.yml"))
                if not path.name.startswith("_") and "letters:" in path.read_text("utf-8"))


def test_unchanged_files_are_read_once(snippets: Path, loads: list[Path]) -> None:
    cache = SnippetCache()
    assert cache.get(snippets) is cache.get(snippets)
    assert len(loads) == 1


def test_an_edit_is_noticed(snippets: Path, loads: list[Path]) -> None:
    cache = SnippetCache()
    path = a_letter_file(snippets)
    before = cache.get(snippets)
    letter = next(letter for letter in before.letters.values() if letter.source.endswith(path.name))
    path.write_text(path.read_text("utf-8").replace(f"title: {letter.title}",
                                                    "title: Edited title", 1), encoding="utf-8")
    touch_later(path)
    assert cache.get(snippets).letters[letter.id].title == "Edited title"
    assert len(loads) == 2


def test_an_added_file_is_noticed(snippets: Path, loads: list[Path]) -> None:
    cache = SnippetCache()
    path = a_letter_file(snippets)
    before = cache.get(snippets)
    # The same letters under another file name: new ids "<new stem>/<id>".
    shutil.copy(path, snippets / "added-copy.yml")
    after = cache.get(snippets)
    assert len(loads) == 2
    added = set(after.letters) - set(before.letters)
    assert added and all(letter_id.startswith("added-copy/") for letter_id in added)


def test_a_removed_file_is_noticed(snippets: Path, loads: list[Path]) -> None:
    cache = SnippetCache()
    path = a_letter_file(snippets)
    before = cache.get(snippets)
    path.unlink()
    after = cache.get(snippets)
    assert len(loads) == 2
    assert set(before.letters) - set(after.letters) == {
        letter_id for letter_id in before.letters if letter_id.startswith(path.stem + "/")}


def test_a_file_the_library_ignores_reads_nothing_again(snippets: Path,
                                                        loads: list[Path]) -> None:
    cache = SnippetCache()
    cache.get(snippets)
    (snippets / "_draft.yml").write_text("letters: []\n", encoding="utf-8")
    (snippets / "notes.txt").write_text("not a snippet\n", encoding="utf-8")
    cache.get(snippets)
    assert len(loads) == 1


def test_clear_forgets_every_library(snippets: Path, loads: list[Path]) -> None:
    cache = SnippetCache()
    cache.get(snippets)
    cache.clear()
    cache.get(snippets)
    assert len(loads) == 2
