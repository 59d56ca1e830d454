"""Contributor-facing problems: where something is wrong, what, and how to fix it.

Every check in the project reports through `Problem`, so the build, `python -m macros check`
and the tests all print the same `path:line: field: message` lines.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, e.g. "snippets/rejection.yml"
    line: int  # 1-based; 0 when the problem is about the whole file
    message: str  # what is wrong and how to fix it
    field: str = ""  # e.g. "letters[2].body"; empty for whole-file problems
    column: int = 0  # 1-based; only YAML syntax errors know it

    @property
    def what(self) -> str:
        """The field and the message, without the place."""
        return f"{self.field}: {self.message}" if self.field else self.message

    def __str__(self) -> str:
        where = printable(self.path)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.what}"


class ProblemsFound(Exception):
    """Raised with every problem of a run, so a contributor fixes them all at once."""

    def __init__(self, problems: Iterable[Problem], where: str = "in the snippet library"):
        self.problems = sorted(set(problems))  # each once, however many checks found it
        self.where = where
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(problem) for problem in self.problems]
        return "\n".join([f"{count} {noun} {self.where}:", *lines])


def printable(text: str) -> str:
    """`text` with control and other unprintable characters written as escapes (a file name
    with a newline must not start a new output line)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def did_you_mean(word: str, choices: Iterable[str], template: str = "'{}'") -> str:
    """A '; did you mean ...?' suffix naming the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {template.format(close[0])}?" if close else ""


# What each macro shows, as the wording of an unknown id names it.
MACRO_NOUNS = {"letter": "letter", "questions": "questions list", "checklist": "checklist"}


def unknown_id(macro: str, wanted: str, pool: Iterable[str]) -> str:
    """The one wording of a macro call whose id names nothing; the build and the check both use
    it, so they print the same line."""
    hint = did_you_mean(wanted, pool, '"{}"') or ";"
    return (f'{macro}("{wanted}"): no {MACRO_NOUNS.get(macro, macro)} has this id{hint} ids are '
            "the snippets/ file name, a slash, and the id in that file")
