"""`python -m macros check` on fixture contributions: exact messages and exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_macros
from tests.sitebuild import ROOT


def run_check(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`python -m macros check --root project`, run in this process (the same `main`)."""
    return run_macros("check", "--root", str(project), *extra)


def test_the_command_runs_as_a_module(project: Path) -> None:
    """The real command line, once: `python -m macros check` exits 1 and prints the problem."""
    add_guide(project, "{{ config }}\n")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(project)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (1, run_check(project).stdout)
    assert result.stderr == "1 problem found; fix them and run the check again.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real docs and snippets, copied so a test can add a contributor's mistake."""
    for part in ("docs", "snippets"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def add_guide(project: Path, body: str) -> Path:
    """A new guide, listed in the nav so only the planted mistake is reported."""
    guide = project / "docs" / "new-guide.md"
    guide.write_text("---\ntitle: New guide\ndescription: A test guide.\ntags: [test]\n---\n\n"
                     "# New guide\n\n" + body, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nnav:\n", "\nnav:\n  - new-guide.md\n"),
                      encoding="utf-8")
    return guide


def test_a_bad_letter(project: Path) -> None:
    snippet = project / "snippets" / "rejection.yml"
    lines = snippet.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "{company}" in line)
    lines[number] = lines[number].replace("{company}", "{compnay}", 1)
    snippet.write_text("".join(lines), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert re.fullmatch(
        rf"snippets/rejection\.yml:{number + 1}: letters\[\d+\]\.(body|subject): placeholder "
        r"\{compnay\} is not declared; did you mean \{company\}\? Declare it under this letter's "
        r"'fields:' or in snippets/fields\.yml\.\n", result.stdout)


def test_a_guide_with_config(project: Path) -> None:
    add_guide(project, "Some text.\n\n{{ config }}\n")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout == (
        "docs/new-guide.md:11: '{{ config }}' is not allowed: pages may only use "
        '{{ letter("file/id") }}, {{ letter_library() }}, {{ questions("file/id") }}, '
        '{{ checklist("file/id") }} and {{ planner() }}\n')


@pytest.mark.parametrize("jinja", ['{% if true %}x{% endif %}', '{{ letter("a/b") | upper }}',
                                   "{{ config.site_name }}", "{{ letter(name) }}",
                                   "{{ lipsum() }}"])
def test_any_other_jinja_is_rejected(project: Path, jinja: str) -> None:
    add_guide(project, jinja + "\n")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.startswith("docs/new-guide.md:9: ")


def test_a_guide_calling_an_unknown_letter(project: Path) -> None:
    add_guide(project, 'Text.\n\n{{ letter("rejection/warm-thnks") }}\n')
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout == (
        'docs/new-guide.md:11: letter("rejection/warm-thnks"): no letter has this id; did you mean '
        '"rejection/warm-thanks"? ids are the snippets/ file name, a slash, and the id in that '
        "file\n")


def test_github_format(project: Path) -> None:
    add_guide(project, "{{ config }}\n")
    result = run_check(project, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=docs/new-guide.md,line=9::'{{ config }}' is not")
