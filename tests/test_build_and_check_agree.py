"""The build and `python -m macros check` find problems with the same scanner and word them with
the same functions, so they print the same lines, each once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.site import guide_links
from tests.helpers import first_call, run_macros
from tests.sitebuild import copy_project, mkdocs_build


def check_lines(project: Path) -> list[str]:
    result = run_macros("check", "--root", str(project))
    assert result.returncode == 1
    return result.stdout.splitlines()


def build_lines(project: Path, pattern: str) -> list[str]:
    result = mkdocs_build(project, project / "site", preloaded=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    return [line.removeprefix("ERROR   -  ").removeprefix("Error: ")
            for line in result.stderr.splitlines() if re.match(pattern, line.split("-  ")[-1])]


@pytest.mark.build
def test_a_snippet_missing_several_keys_reads_the_same_in_build_and_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    snippet = project / "snippets" / "rejection.yml"
    text = snippet.read_text(encoding="utf-8")
    # Drop three required keys of the first letter: each is one problem, printed once.
    for key in ("title", "situation", "recipient"):
        text = re.sub(rf"^(\s+){key}: .*\n", "", text, count=1, flags=re.MULTILINE)
    snippet.write_text(text, encoding="utf-8")
    checked = [line for line in check_lines(project) if line.startswith("snippets/")]
    built = build_lines(project, r"snippets/")
    assert len([line for line in checked if "is missing" in line]) == 3
    assert len(checked) == len(set(checked)), "the check prints each problem once"
    assert built == checked, "the build prints the check's lines, each once"


@pytest.mark.build
def test_an_unknown_id_reads_the_same_in_build_and_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    guide = project / "docs" / "rejection" / "index.md"
    call, found = first_call(guide)
    letter_id = found.argument
    # Single quotes: the scanner reads a call however it is quoted.
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        call, f"{{{{ letter('{letter_id}x') }}}}", 1), encoding="utf-8")
    checked = [line for line in check_lines(project) if line.startswith("docs/rejection/")]
    assert len(checked) == 1
    assert f'letter("{letter_id}x"): no letter has this id; did you mean "{letter_id}"?' \
        in checked[0]
    assert build_lines(project, r"docs/rejection/") == checked


def test_a_letter_called_with_single_quotes_keeps_its_guide_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    guide = project / "docs" / "rejection" / "index.md"
    call, found = first_call(guide)
    letter_id = found.argument
    before = guide_links(project / "docs")[letter_id]
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        call, f"{{{{ letter('{letter_id}') }}}}", 1), encoding="utf-8")
    assert guide_links(project / "docs")[letter_id] == before


def test_the_scanner_finds_each_call_where_it_is_written() -> None:
    """macros.pages.macro_calls: lines and character places, whatever the quotes and line ends."""
    from macros.pages import macro_calls, replace_calls

    text = ("Intro\r\n\r\n{{ letter('rejection/a') }}\r\nMore {{letter_library()}}\n"
            '{{ checklist("checklists/b") }}')
    calls, problems = macro_calls(text, "docs/x.md", 10)
    assert problems == []
    assert [(call.name, call.argument, call.line) for call in calls] == [
        ("letter", "rejection/a", 13), ("letter_library", None, 14),
        ("checklist", "checklists/b", 15)]
    assert [text[call.start:call.end] for call in calls] == [
        "{{ letter('rejection/a') }}", "{{letter_library()}}", '{{ checklist("checklists/b") }}']
    assert replace_calls(text, lambda call: None if call.argument else "[library]") == \
        text.replace("{{letter_library()}}", "[library]")
