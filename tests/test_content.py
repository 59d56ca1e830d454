"""Content checks on the real guides and letters, each its own test so a failure says which.

Together they are `python -m macros check` on the real project, run once per test run:
tests/test_check_command.py runs the command itself on planted mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat

from macros.check import spelling_problems
from macros.content import (
    MAX_GRADE,
    front_matter_problems,
    nav_problems,
    prose,
    readability_problems,
    reference_problems,
)
from macros.library import load_library
from macros.pages import scan_pages, split_front_matter
from tests.sitebuild import ROOT

PAGES, PAGE_PROBLEMS = scan_pages(ROOT / "docs")
GUIDES = [page for page in PAGES if any(call.name == "letter" for call in page.calls)
          and page.src != "letters/index.md"]


def test_pages_use_only_the_project_macros() -> None:
    assert [str(p) for p in PAGE_PROBLEMS] == []


@pytest.mark.parametrize("page", GUIDES, ids=[page.path for page in GUIDES])
def test_guide_reads_at_grade_nine_or_below(page) -> None:
    _, body, _ = split_front_matter((ROOT / page.path).read_text(encoding="utf-8"))
    text = prose(body)
    assert "{{" not in text and "<" not in text, "letters and markup are not prose"
    assert len(text.split()) > 200, "a guide has real prose to score"
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE


@pytest.mark.parametrize("page", GUIDES, ids=[page.path for page in GUIDES])
def test_guide_opens_with_three_things_to_do_now(page) -> None:
    _, body, _ = split_front_matter((ROOT / page.path).read_text(encoding="utf-8"))
    first_section = body.split("\n## ", 2)[1]
    steps = [line for line in first_section.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert len(steps) == 3, first_section[:200]


def test_every_page_reads_at_grade_eight_or_below() -> None:
    """The check's own readability rule over every page (the guides are scored above too)."""
    assert [str(p) for p in readability_problems(PAGES, ROOT)] == []


def test_every_page_has_title_description_and_tags() -> None:
    assert [str(p) for p in front_matter_problems(PAGES)] == []


def test_every_letter_and_list_is_used_by_a_guide() -> None:
    library = load_library(ROOT / "snippets")
    assert [str(p) for p in reference_problems(PAGES, library)] == []


def test_every_page_is_in_the_navigation() -> None:
    assert [str(p) for p in nav_problems(ROOT, PAGES)] == []


def test_spelling() -> None:
    assert [str(p) for p in spelling_problems(ROOT)] == []


def test_prose_extraction_drops_markup_and_keeps_words() -> None:
    markdown = ('# Title\n\nSee [the guide](x.md) for **more**.\n\n- a list item\n\n'
                '<!-- note -->\n{{ letter("a/b") }}\n<div class="grid" markdown>\n')
    assert prose(markdown) == "See the guide for more.\na list item."


def test_spelling_check_reports_path_and_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("Fine line.\nThe recieved letter.\n")
    assert [str(p) for p in spelling_problems(tmp_path)] == [
        "docs/page.md:2: spelling: recieved ==> received"]
