"""`python -m macros check`: every check a contributor runs, one `path:line: message` per problem.

Snippets against schema.json and the cross-file rules, each page's Jinja limited to the
project's own macro calls, unknown and orphaned ids, front matter, navigation, readability,
spelling. Exit code 1 when anything is wrong, so CI and pre-commit stop on it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from . import cli
from .content import front_matter_problems, nav_problems, readability_problems, reference_problems
from .library import load_library
from .models import Library
from .pages import scan_pages
from .problems import Problem, ProblemsFound

ROOT = Path(__file__).resolve().parent.parent
SPELLING_PATHS = ["docs", "snippets", "README.md", "CONTRIBUTING.md"]


def spelling_problems(root: Path) -> list[Problem]:
    """codespell's findings, one problem each (it prints 'path:line: word ==> fix')."""
    paths = [p for p in SPELLING_PATHS if (root / p).exists()]
    result = subprocess.run([sys.executable, "-m", "codespell_lib", *paths], cwd=root,
                            capture_output=True, text=True, check=False)
    problems = []
    for line in result.stdout.splitlines():
        path, _, rest = line.partition(":")
        number, _, message = rest.partition(":")
        if number.strip().isdigit():
            problems.append(Problem(path, int(number), f"spelling: {message.strip()}"))
    return problems


def check_project(root: Path = ROOT, *, spelling: bool = True, readability: bool = True
                  ) -> list[Problem]:
    problems: list[Problem] = []
    library: Library | None
    try:
        library = load_library(root / "snippets")
    except ProblemsFound as invalid:
        library = None
        problems.extend(invalid.problems)
    pages, found = scan_pages(root / "docs")
    problems.extend(found)
    problems.extend(reference_problems(pages, library))
    problems.extend(front_matter_problems(pages))
    problems.extend(nav_problems(root, pages))
    if readability:
        problems.extend(readability_problems(pages, root))
    if spelling:
        problems.extend(spelling_problems(root))
    return sorted(set(problems))


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: shown on the pull request's changed lines.

    GitHub's toolkit escapes a command's message ('data') and its properties differently: data
    `%`, CR and LF; properties also `:` and `,`, which would otherwise end the property. A file
    name holding a newline and '::warning' must stay inside its own property.
    """
    where = f"file={escape_property(problem.path)}"
    if problem.line:
        where += f",line={problem.line}"
    if problem.column:
        where += f",col={problem.column}"
    return f"::error {where}::{escape_data(problem.what)}"


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check snippets and pages")
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    cli.add_commands(commands)  # `letter` and `list`: macros/cli.py
    args = parser.parse_args(argv)
    if args.command != "check":
        return cli.run(args, ROOT)

    problems = check_project(args.root.resolve())
    for problem in problems:
        print(github_annotation(problem) if args.format == "github" else problem)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} found; fix them and run the check again.", file=sys.stderr)
        return 1
    print("All checks passed.", file=sys.stderr)
    return 0
