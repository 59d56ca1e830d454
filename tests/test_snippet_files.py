"""One test per snippet file, named by its path, as a contributor would look for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.library import SCHEMA_FILE, SHARED_FIELDS_FILE, check_documents, read_document
from tests.sitebuild import ROOT

SNIPPETS = ROOT / "snippets"
FILES = sorted(SNIPPETS.glob("*.yml"))


def document(path: Path):
    found, problems = read_document(path, ROOT)
    assert problems == [], "\n".join(map(str, problems))
    return found


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_snippet_file(path: Path) -> None:
    documents = [document(path)]
    if path.name != SHARED_FIELDS_FILE:
        documents.insert(0, document(SNIPPETS / SHARED_FIELDS_FILE))
    _, problems = check_documents(documents, SNIPPETS / SCHEMA_FILE)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_snippet_file_names_its_schema_for_editors(path: Path) -> None:
    head = path.read_text(encoding="utf-8").splitlines()[:12]
    assert "# yaml-language-server: $schema=schema.json" in head
    assert head[0].startswith("# "), "start the file with a comment saying what it holds"


def test_the_library_has_letters_and_lists() -> None:
    from macros.library import load_library

    library = load_library(SNIPPETS)
    assert library.letters, "the library has letters"
    assert {item.kind for item in library.lists.values()} == {"questions", "checklist"}


def test_snippets_pass_yamllint() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "yamllint", "-c", ".yamllint.yml", "snippets"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
