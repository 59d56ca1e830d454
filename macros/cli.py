"""`python -m macros letter ID --set key=value` and `python -m macros list`: the letters in a
terminal, filled in by the same library and rules as the site, with no browser.

`letter` prints the filled letter, subject first, and names on stderr every blank left (shown as
[Label], as on the site). An unknown id or a bad --set is a message and exit code 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TextIO

from .library import load_library
from .models import PLACEHOLDER, Letter, Library
from .planner import when_text
from .problems import ProblemsFound, did_you_mean, unknown_id


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `letter` and `list` on the argparse subcommands of `python -m macros`."""
    letter = commands.add_parser("letter", help="print one letter, filled in")
    letter.add_argument("id", help='a letter id, like "rejection/warm-thanks"')
    letter.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="fill a blank, like --set company=Acme (repeat for more)")
    commands.add_parser("list", help="list every letter: id, title and channel")


def run(args: argparse.Namespace, root: Path, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr  # read at call time (tests redirect them)
    try:
        library = load_library(root / "snippets")
    except ProblemsFound as found:
        print(found.report(), file=err)
        return 1
    if args.command == "list":
        return list_letters(library, out)
    return print_letter(library, args.id, args.set, out, err)


def list_letters(library: Library, out: TextIO) -> int:
    width = max(len(letter_id) for letter_id in library.letters)
    for letter in library.letters.values():
        print(f"{letter.id:<{width}}  {letter.title} ({letter.channel})", file=out)
    return 0


def parse_sets(letter: Letter, pairs: list[str]) -> tuple[dict[str, str], list[str]]:
    """The values given with --set, and a message for each one that cannot be used."""
    values: dict[str, str] = {}
    errors: list[str] = []
    keys = [field.key for field in letter.fields]
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            errors.append(f"--set {pair!r}: write it as KEY=VALUE, like --set company=Acme")
        elif key not in keys:
            hint = did_you_mean(key, keys) or ";"
            errors.append(f"--set {key}: {letter.id} has no blank named {key!r}{hint} its blanks "
                          f"are: {', '.join(keys) or 'none'}")
        else:
            values[key] = value
    return values, errors


def fill(text: str, letter: Letter, values: dict[str, str]) -> str:
    def blank(match: re.Match[str]) -> str:
        key = match.group(1)
        return values.get(key) or f"[{letter.field(key).label}]"

    return PLACEHOLDER.sub(blank, text)


def print_letter(library: Library, letter_id: str, pairs: list[str], out: TextIO,
                 err: TextIO) -> int:
    letter = library.letters.get(letter_id)
    if letter is None:
        # The wording the build and the check print for the same mistake (macros/problems.py).
        print(f"{unknown_id('letter', letter_id, library.letters)} "
              "(`python -m macros list` shows every id)", file=err)
        return 1
    values, errors = parse_sets(letter, pairs)
    if errors:
        print("\n".join(errors), file=err)
        return 1
    if letter.subject:
        print(f"Subject: {fill(letter.subject, letter, values)}\n", file=out)
    print(fill(letter.body, letter, values), file=out)
    blanks = [field for field in letter.fields if not values.get(field.key)]
    if blanks:
        names = ", ".join(f"{field.key} ({field.label})" for field in blanks)
        print(f"Still blank: {names}. Fill them with --set KEY=VALUE.", file=err)
    if letter.send:
        print(f"When: {letter.timing} ({when_text(letter.send)})", file=err)
    return 0
