"""Read a contributor's file as UTF-8 text, or say in one problem why it can't be read."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem


def read_text(path: Path, shown: str, *, max_bytes: int, noun: str, kind: str,
              binary_hint: str | None = None) -> tuple[str | None, list[Problem]]:
    """The file's text; or None and the problem: unreadable, too big, binary (when
    `binary_hint` says what to do about it) or not UTF-8. `noun` names the file in the size
    message ("a page"), `kind` the text it should be ("YAML", "plain")."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 0, f"cannot be read ({error.strerror}); make it a {kind} "
                              "text file")]
    if len(data) > max_bytes:
        return None, [Problem(shown, 0, f"is {len(data) // 1024} KB; {noun} may be at most "
                              f"{max_bytes // 1024} KB, so split it")]
    if binary_hint and b"\0" in data:
        return None, [Problem(shown, 0, binary_hint)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return None, [Problem(shown, data.count(b"\n", 0, error.start) + 1,
                              f"is not UTF-8 text ({error.reason}); save it as UTF-8")]
