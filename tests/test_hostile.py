"""Hostile pull requests: every input below is planted in a small copy of the project (the real
mkdocs.yml, macros/ and overrides/, the pages and snippets of tests/hostile/base/) and run through
both `python -m macros check` (its `main`, in this process) and a real `mkdocs build --strict`
(MkDocs' command line, in a fresh process), and through Zensical where a payload would run code.
Each must stop with the exact `path:line: message`, a non-zero exit, no Python traceback, within
a time limit, and without running the payload."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from macros.check import check_project, github_annotation
from macros.pages import MARKDOWN_SUFFIXES
from macros.problems import Problem
from tests.helpers import run_macros
from tests.mkdocscli import mkdocs as mkdocs_cli
from tests.sitebuild import ROOT, zensical_executable

BASE = Path(__file__).parent / "hostile" / "base"
MARKER = "MARKER"  # replaced by a path a payload would create if it ran
TIME_LIMIT = 30  # seconds for any one run; the alias bomb must take far less (see its test)

ALLOWED = ('pages may only use {{ letter("file/id") }}, {{ letter_library() }}, '
           '{{ questions("file/id") }}, {{ checklist("file/id") }} and {{ planner() }}')
SCRIPT = ("it could run code in a reader's browser; remove it (guides may hold text, links to "
          "https:// or to other pages, and the project's macro calls)")
RENAME = ("rename it: a snippet file name is lowercase a-z, 0-9 and dashes, like "
          "after-interview.yml")
FRONT = "---\ntitle: Evil\ndescription: A hostile page.\ntags: [test]\n---\n\n# Evil\n\n"  # body: line 9
BOMB = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{x}: &{x} [{','.join(['*' + p] * 9)}]\n"
                  for p, x in zip("abcdefgh", "bcdefghi", strict=True)))
MISSING = [f"docs/evil.md:1: front matter has no '{key}'; add it between the --- lines at the top "
           "(see CONTRIBUTING.md)" for key in ("title", "description", "tags")]
DIRECTORY = object()  # plant a folder with this name


@dataclass(frozen=True)
class Symlink:
    target: str


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes | object]  # project-relative path -> content
    expected: list[str]  # exact lines both the check and the build print
    zensical: bool = False  # also build it with Zensical
    extra: list[str] = field(default_factory=list)  # more lines the check prints


def page(body: str, name: str = "docs/evil.md") -> dict[str, str]:
    return {name: FRONT + body}


CASES = [
    Case("config-in-body", page("{{ config }}\n"),
         [f"docs/evil.md:9: '{{{{ config }}}}' is not allowed: {ALLOWED}"], zensical=True),
    Case("code-in-body", page("{{ lipsum.__globals__['os'].system('touch MARKER') }}\n"),
         [f"docs/evil.md:9: '{{{{ lipsum.__globals__[...].system(...) }}}}' is not allowed: "
          f"{ALLOWED}"], zensical=True),
    Case("code-in-title", {"docs/evil.md": FRONT.replace(
        "title: Evil", "title: \"{{ cycler.__init__.__globals__.os.system('touch MARKER') }}\"")},
         ["docs/evil.md:2: front matter may not hold '{{', '{%' or '{#': it is run as a "
          "template; write plain text"], zensical=True),
    Case("code-in-title-yaml-escaped", {"docs/evil.md": FRONT.replace(
        "title: Evil", "title: \"\\x7b\\x7b cycler.__init__.__globals__.os.system('touch MARKER')"
        " \\x7d\\x7d\"")},
         ["docs/evil.md:2: front matter may not hold '{{', '{%' or '{#': it is run as a "
          "template; write plain text"], zensical=True),
    Case("unquoted-id", page("{{ letter(rejection/x) }}\n"),
         ['docs/evil.md:9: write the call as {{ letter("file/id") }} with a quoted id and '
          "nothing else"]),
    Case("include-file", page('{% include "/etc/passwd" %}\n'),
         [f"docs/evil.md:9: '{{% ... %}}' statements are not allowed: {ALLOWED}"],
         zensical=True),
    Case("nested-brackets", page("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}\n"),
         [f"docs/evil.md:9: broken macro call (nested too deeply); {ALLOWED}"]),
    *[Case(f"extension{suffix}", page("{{ config }}\n", f"docs/evil{suffix}"),
           [f"docs/evil{suffix}:9: '{{{{ config }}}}' is not allowed: {ALLOWED}"])
      for suffix in MARKDOWN_SUFFIXES if suffix != ".md"],
    Case("description-markup", {"docs/evil.md": FRONT.replace(
        "description: A hostile page.", "description: '\"><script>alert(1)</script>'")},
         ["docs/evil.md:3: front matter is plain text: remove '<' and '>', and write double "
          "quotes as “ ”", f"docs/evil.md:3: '<script>' is not allowed in a guide: {SCRIPT}"]),
    Case("front-matter-key", {"docs/evil.md": FRONT.replace("tags: [test]\n",
                                                           "tags: [test]\nletter: shadow\n")},
         ["docs/evil.md:5: front matter key 'letter' is not used here; keep to title, "
          "description, tags, hide, search"]),
    Case("script", page("<script>alert(1)</script>\n"),
         [f"docs/evil.md:9: '<script>' is not allowed in a guide: {SCRIPT}"]),
    Case("iframe", page('<iframe src="https://example.com/"></iframe>\n'),
         [f"docs/evil.md:9: '<iframe>' is not allowed in a guide: {SCRIPT}"]),
    Case("object", page('<object data="x.swf"></object>\n'),
         [f"docs/evil.md:9: '<object>' is not allowed in a guide: {SCRIPT}"]),
    Case("embed", page('Text.\n\n<EMBED src="x.swf">\n'),
         [f"docs/evil.md:11: '<embed>' is not allowed in a guide: {SCRIPT}"]),
    Case("event-handler", page('<img src="x.png" alt="" onerror="alert(1)">\n'),
         [f"docs/evil.md:9: the 'onerror=' attribute is not allowed in a guide: {SCRIPT}"]),
    Case("markdown-javascript-link", page("[Open](JavaScript:alert(1))\n"),
         [f"docs/evil.md:9: a 'javascript:' link is not allowed in a guide: {SCRIPT}"]),
    Case("entity-javascript-link", page("[Open](java&#x09;script:alert(1))\n"),
         [f"docs/evil.md:9: a 'javascript:' link is not allowed in a guide: {SCRIPT}"]),
    Case("reference-javascript-link", page("[Open][x]\n\n[x]: javascript:alert(1)\n"),
         [f"docs/evil.md:11: a 'javascript:' link is not allowed in a guide: {SCRIPT}"]),
    Case("html-data-link", page('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>\n'),
         [f"docs/evil.md:9: a 'data:' link is not allowed in a guide: {SCRIPT}"]),
    Case("attribute-list-handler", page('## Next {: onclick="alert(1)" }\n'),
         [f"docs/evil.md:9: the 'onclick=' attribute is not allowed in a guide: {SCRIPT}"]),
    Case("front-matter-alias-bomb", {"docs/evil.md": "---\n" + BOMB + "---\n\n# Evil\n"},
         ["docs/evil.md:2: YAML anchors and aliases ('&name', '*name') are not allowed; "
          "write the value out in full"], extra=MISSING),
    Case("front-matter-list", {"docs/evil.md": "---\n- a\n- b\n---\n\n# Evil\n"},
         ["docs/evil.md:2: front matter must be 'key: value' lines (title, description, tags); "
          "see CONTRIBUTING.md"], extra=MISSING),
    Case("front-matter-duplicate-key", {"docs/evil.md": FRONT.replace(
        "title: Evil\n", "title: Evil\ntitle: Worse\n")},
         ["docs/evil.md:3: duplicate key 'title' (first at line 2); keep only one of them"]),
    Case("page-not-utf8", {"docs/evil.md": FRONT.encode() + b"caf\xe9\n"},
         ["docs/evil.md:9: is not UTF-8 text (invalid continuation byte); save it as UTF-8"]),
    Case("page-binary", {"docs/evil.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
         ["docs/evil.md: is a binary file, not Markdown text; remove it from docs/ (images go "
          "in docs/assets/)"]),
    Case("page-symlink", {"docs/evil.md": Symlink("/etc/passwd")},
         ["docs/evil.md: is a symbolic link; replace it with the file itself"]),
    Case("snippet-alias-bomb", {"snippets/bomb.yml": BOMB},
         ["snippets/bomb.yml:1: YAML anchors and aliases ('&name', '*name') are not allowed; "
          "write the value out in full"]),
    Case("snippet-deep", {"snippets/deep.yml": "x: " + "[" * 1200 + "]" * 1200 + "\n"},
         ["snippets/deep.yml:1: YAML is nested more than 20 levels deep; flatten it"]),
    Case("snippet-big", {"snippets/big.yml": "#" * 300_000 + "\n"},
         ["snippets/big.yml: is 292 KB; a snippet file may be at most 256 KB, so split it"]),
    Case("snippet-not-utf8", {"snippets/bad.yml": b"letters:\n  - id: caf\xe9\n"},
         ["snippets/bad.yml:2: is not UTF-8 text (invalid continuation byte); save it as UTF-8"]),
    Case("snippet-binary", {"snippets/bin.yml": b"\x00\x01\x02"},
         ["snippets/bin.yml:1: holds a character YAML does not allow (control characters are "
          "not allowed); is it a binary file? Save it as UTF-8 text"]),
    Case("snippet-empty", {"snippets/empty.yml": ""},
         ["snippets/empty.yml: the file is empty; start it with 'letters:', 'lists:' or "
          "'fields:' (see snippets/_example.yml)"]),
    Case("snippet-directory", {"snippets/x.yml": DIRECTORY},
         ["snippets/x.yml: is not a file; snippet files are YAML text files"]),
    Case("snippet-symlink", {"snippets/passwd.yml": Symlink("/etc/passwd")},
         ["snippets/passwd.yml: is a symbolic link; replace it with the file itself"]),
    Case("snippet-duplicate-key", {"snippets/dup.yml": "lists: []\nlists: []\n"},
         ["snippets/dup.yml:2: duplicate key 'lists' (first at line 1); keep only one of them"],
         extra=["snippets/dup.yml:1: lists: is an empty list; add at least one item, or remove "
                "the key"]),
    Case("snippet-key-not-text", {"snippets/keys.yml": "lists:\n  - 1: a\n"},
         ["snippets/keys.yml:2: keys must be text: put quotes around this key, or rename it"]),
    Case("snippet-long-number", {"snippets/long.yml": "lists: [" + "9" * 5000 + "]\n"},
         ["snippets/long.yml: holds a number too long to read; put quotes around it"]),
    Case("snippet-name-space", {"snippets/after interview.yml": "lists: []\n"},
         [f"snippets/after interview.yml: {RENAME}"]),
    Case("snippet-name-punctuation", {'snippets/a"b]x.yml': "lists: []\n"},
         [f'snippets/a"b]x.yml: {RENAME}']),
    Case("snippet-name-cyrillic", {"snippets/r\u0435jection.yml": "lists: []\n"},
         [f"snippets/r\u0435jection.yml: {RENAME}"]),
    Case("snippet-name-newline", {"snippets/x\n::warning file=a.md::pwned.yml": "lists: []\n"},
         [f"snippets/x\\n::warning file=a.md::pwned.yml: {RENAME}"]),
]


def make_project(root: Path, files: dict[str, str | bytes | object]) -> Path:
    """tests/hostile/base/ with the real mkdocs.yml, macros/ and overrides/, plus `files`;
    the nav lists every page, so the planted input is the only problem."""
    project = root / "project"
    shutil.copytree(BASE, project)
    shutil.copy(ROOT / "snippets" / "schema.json", project / "snippets" / "schema.json")
    for part in ("macros", "overrides"):
        shutil.copytree(ROOT / part, project / part,
                        ignore=shutil.ignore_patterns("__pycache__"))
    marker = str(root / MARKER)
    for name, content in files.items():
        path = project / name
        if content is DIRECTORY:
            path.mkdir()
        elif isinstance(content, Symlink):
            path.symlink_to(content.target)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(str(content).replace(MARKER, marker), encoding="utf-8")
    pages = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").iterdir()
                   if p.name.endswith(MARKDOWN_SUFFIXES))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, found, _ = config.partition("\nnav:\n")
    assert found, "mkdocs.yml has a nav: section, last"
    nav = "".join(f"  - {json_quote(name)}\n" for name in pages)
    (project / "mkdocs.yml").write_text(f"{head}\nnav:\n{nav}", encoding="utf-8")
    return project


def json_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
Result = tuple[subprocess.CompletedProcess[str], float]


def timed(run_it: Callable[..., subprocess.CompletedProcess[str]], *args: Any,
          **kwargs: Any) -> Result:
    start = time.monotonic()
    result = run_it(*args, **kwargs)
    return result, time.monotonic() - start


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop a run in this process after `seconds`, as a subprocess' timeout would (where a
    signal can reach it: the test's main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(project: Path, *extra: str) -> Result:
    """`python -m macros check --root project`: its `main`, run in this process
    (tests/test_check_command.py runs the command itself), within the time limit."""
    with time_limit(TIME_LIMIT):
        result, seconds = timed(run_macros, "check", "--root", str(project), *extra)
    assert seconds < TIME_LIMIT, f"the check took {seconds:.1f} s"
    return result, seconds


def mkdocs(project: Path) -> Result:
    """`python -m mkdocs build --strict`: MkDocs' own command line, in a fresh child process
    that starts with MkDocs already imported (tests/mkdocscli.py)."""
    return timed(mkdocs_cli, ["build", "--strict", "--clean", "--config-file",
                              str(project / "mkdocs.yml"), "--site-dir",
                              str(project.parent / "site")],
                 cwd=project, env=ENV, timeout=TIME_LIMIT)


def zensical(project: Path) -> Result:
    executable = zensical_executable()
    if executable is None:
        pytest.skip("zensical is not installed")
    return timed(subprocess.run, [executable, "build", "--strict", "--clean", "--config-file",
                                  str(project / "mkdocs.yml")],
                 cwd=project.parent, capture_output=True, text=True, check=False,
                 timeout=TIME_LIMIT, env=ENV)


def assert_refused(result: subprocess.CompletedProcess[str], expected: list[str],
                   root: Path) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    lines = output.splitlines()
    for line in expected:
        assert line in lines, f"missing {line!r} in:\n{output}"
    assert not (root / MARKER).exists(), "the payload ran"
    assert "root:x:0:0" not in output, "a file outside the project was read"
    return output


def test_the_base_project_passes_the_check(tmp_path: Path) -> None:
    assert check_project(make_project(tmp_path, {})) == []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_refused_by_the_check(case: Case, tmp_path: Path) -> None:
    """The check's scan (the fast loop); the next test runs the command's `main` and the build."""
    lines = [str(problem) for problem in check_project(make_project(tmp_path, case.files))]
    assert sorted(lines) == sorted(case.expected + case.extra)
    assert not (tmp_path / MARKER).exists(), "the payload ran"
    assert all("root:x:0:0" not in line for line in lines), "a file outside the project was read"


@pytest.mark.build
def test_the_base_project_passes(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    result, _ = check(project)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    result, _ = mkdocs(project)
    assert result.returncode == 0, result.stderr


@pytest.mark.build
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_refused_by_check_and_build(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path, case.files)
    result, _ = check(project)
    assert_refused(result, case.expected, tmp_path)
    assert sorted(result.stdout.splitlines()) == sorted(case.expected + case.extra)
    result, _ = mkdocs(project)
    assert_refused(result, case.expected, tmp_path)
    for built in (tmp_path / "site").rglob("*.html"):  # nothing, or nothing that runs script
        assert "<script>alert(1)" not in built.read_text(encoding="utf-8")
    if case.zensical:
        result, _ = zensical(project)
        assert_refused(result, case.expected, tmp_path)


def test_the_payloads_would_run_without_the_guard(tmp_path: Path) -> None:
    """The code-execution cases are real: rendered as mkdocs-macros renders a page, they run."""
    from jinja2 import Environment

    marker = tmp_path / MARKER
    Environment().from_string(
        "{{ lipsum.__globals__['os'].system('touch MARKER') }}".replace(MARKER, str(marker))
    ).render()
    assert marker.exists()


@pytest.mark.build
@pytest.mark.parametrize("where", ["snippets/bomb.yml", "docs/evil.md"])
def test_an_alias_bomb_is_refused_in_well_under_a_second(where: str, tmp_path: Path) -> None:
    text = BOMB if where.endswith(".yml") else "---\n" + BOMB + "---\n\n# Evil\n"
    project = make_project(tmp_path, {where: text})
    for run_it in (check, mkdocs):
        result, seconds = run_it(project)
        assert result.returncode != 0 and "anchors and aliases" in result.stdout + result.stderr
        # The whole run (MkDocs' start and configuration included); the refusal itself takes
        # milliseconds.
        assert seconds < 10, f"{run_it.__name__} took {seconds:.1f} s"
    from macros.yamlsource import parse_yaml

    start = time.perf_counter()
    document, problems = parse_yaml(BOMB, "snippets/bomb.yml")
    assert document is None and problems
    assert time.perf_counter() - start < 0.1


def test_github_annotations_escape_data_and_properties() -> None:
    problem = Problem("snippets/x\n::warning file=a.md::pwned,yml", 3, "100% wrong\r\nreally")
    assert github_annotation(problem) == (
        "::error file=snippets/x%0A%3A%3Awarning file=a.md%3A%3Apwned%2Cyml,line=3"
        "::100%25 wrong%0D%0Areally")


def test_a_file_name_cannot_inject_a_workflow_command(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"snippets/x\n::warning file=a.md::pwned.yml": "lists: []\n"})
    result, _ = check(project, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=snippets/x%0A%3A%3Awarning file=a.md%3A%3Apwned.yml::{RENAME}"]


def test_every_markdown_suffix_mkdocs_reads_is_scanned() -> None:
    from mkdocs.utils import markdown_extensions

    assert sorted(MARKDOWN_SUFFIXES) == sorted(markdown_extensions)


def test_macro_settings_that_would_hide_jinja_from_the_scanner_stop_the_build() -> None:
    from macros.guard import settings_problems

    assert [str(p) for p in settings_problems({"j2_variable_start_string": "[["})] == [
        "mkdocs.yml: macros: remove 'j2_variable_start_string'; pages are checked for Jinja's "
        "default delimiters"]
    assert settings_problems({"j2_variable_start_string": "{{", "include_yaml": []}) == []


def test_the_real_pages_pass_the_build_guard() -> None:
    from macros.guard import pages_guard_problems

    problems = pages_guard_problems(ROOT / "docs")
    assert problems == [], "\n".join(map(str, problems))


def test_the_page_hook_scans_the_text_about_to_be_rendered(tmp_path: Path) -> None:
    """MkDocs' on_pre_page_macros: a page changed after the build started is still refused."""
    from macros.guard import page_guard_problems

    docs = tmp_path / "docs"
    docs.mkdir()
    guide = docs / "a.md"
    guide.write_text("---\ntitle: A\n---\n\n# A\n\nText.\n", encoding="utf-8")
    assert page_guard_problems(guide, docs, rendered="# A\n\nText.\n", meta={"title": "A"}) == []
    found = page_guard_problems(guide, docs, rendered="# A\n\n{{ config }}\n", meta={"title": "A"})
    assert [str(p) for p in found] == [
        f"docs/a.md:7: '{{{{ config }}}}' is not allowed: {ALLOWED}"]
    found = page_guard_problems(guide, docs, rendered="# A\n", meta={"title": "{{ config }}"})
    assert [str(p) for p in found] == [
        "docs/a.md:1: front matter may not hold '{{', '{%', '{#', '<', '>' or '\"'; write plain "
        "text"]
