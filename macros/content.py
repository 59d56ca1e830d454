"""Checks on guide pages: front matter, navigation, readability, references to snippets."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .models import Library
from .pages import Page, split_front_matter
from .problems import Problem, unknown_id
from .site import LIBRARY_PAGE

MAX_GRADE = 8.0  # ARCHITECTURE.md, "Content style": Flesch-Kincaid grade 8 or below
TAGS_PAGE = "tags.md"  # the tags index lists tags; it has none of its own
MAX_DESCRIPTION = 160


def front_matter_problems(pages: Iterable[Page]) -> list[Problem]:
    problems = []
    for page in pages:
        meta = page.meta
        for key in ("title", "description", "tags"):
            if key == "tags" and page.src == TAGS_PAGE:
                continue
            if not meta.get(key):
                problems.append(Problem(page.path, 1, f"front matter has no '{key}'; add it "
                                        "between the --- lines at the top (see CONTRIBUTING.md)"))
        description = str(meta.get("description") or "")
        if len(description) > MAX_DESCRIPTION:
            problems.append(Problem(page.path, 1, f"description is {len(description)} characters; "
                                    f"search engines cut it at {MAX_DESCRIPTION}, so shorten it"))
    return problems


def reference_problems(pages: Iterable[Page], library: Library | None) -> list[Problem]:
    """Unknown ids in macro calls, and letters no guide shows (orphans)."""
    if library is None:
        return []
    problems = []
    used: set[str] = set()
    for page in pages:
        for call in page.calls:
            if call.argument is None:
                continue
            pool = library.letters if call.name == "letter" else {
                key for key, item in library.lists.items()
                if item.kind == call.name}
            if call.argument not in pool:
                problems.append(Problem(page.path, call.line,
                                        unknown_id(call.name, call.argument, pool)))
            if page.src != LIBRARY_PAGE:
                used.add(call.argument)
    for letter in library.letters.values():
        if letter.id not in used:
            problems.append(Problem(
                letter.source, letter.line, f"letter '{letter.id}' is not shown by any guide; add "
                f'{{{{ letter("{letter.id}") }}}} to a page in docs/, or remove the letter'))
    for item in library.lists.values():
        if item.id not in used:
            problems.append(Problem(
                item.source, item.line, f"list '{item.id}' is not shown by any guide; add "
                f'{{{{ {item.kind}("{item.id}") }}}} to a page in docs/, or remove it'))
    return problems


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring its !!python/name tags (we only need the nav)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


def nav_problems(root: Path, pages: Iterable[Page]) -> list[Problem]:
    config: dict[str, Any] = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"),
                                       Loader=_ConfigLoader) or {}
    listed = set(_nav_files(config.get("nav")))
    if not config.get("nav"):
        return [Problem("mkdocs.yml", 0, "there is no 'nav:'; list every page in it")]
    return [Problem(page.path, 0, f"is not in the navigation; add '{page.src}' under 'nav:' in "
                    "mkdocs.yml") for page in pages
            if page.src not in listed]


def _nav_files(nav: Any) -> Iterable[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_files(value)


def prose(markdown: str) -> str:
    """The sentences a reader reads: no front matter, code, HTML, macro calls or headings."""
    text = re.sub(r"^```.*?^```", "", markdown, flags=re.DOTALL | re.MULTILINE)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"\{\{.*?\}\}", "", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"\{[:#.][^}]*\}", "", text)  # attribute lists
    sentences = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line).strip()
        line = re.sub(r"[*_`]+", "", line).strip()
        if not line or line.startswith(("#", "|", ":", "---")):
            continue
        # A list item or a line without a full stop is still one unit of meaning.
        sentences.append(line if line[-1] in ".!?:" else line + ".")
    return "\n".join(sentences)


def readability_problems(pages: Iterable[Page], root: Path) -> list[Problem]:
    import textstat  # only the checks need it

    problems = []
    for page in pages:
        if page.src == LIBRARY_PAGE or (not page.calls and not page.meta):
            continue
        _, body, _ = split_front_matter((root / page.path).read_text(encoding="utf-8"))
        text = prose(body)
        if len(text.split()) < 60:  # too little prose for a meaningful score
            continue
        grade = textstat.flesch_kincaid_grade(text)
        if grade > MAX_GRADE:
            problems.append(Problem(page.path, 0, f"reads at grade {grade:.1f} (Flesch-Kincaid); "
                                    f"keep it at {MAX_GRADE:.0f} or below with shorter sentences "
                                    "and plainer words"))
    return problems
