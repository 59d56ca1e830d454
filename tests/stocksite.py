"""A stock Material for MkDocs site holding one of our guides: the yardstick for what Onward's
theme, assets and macros add. Used by tests/browser/test_size.py and bench/lighthouse.py.

The stock site has the same Markdown as the guide, with every macro call replaced by the HTML it
renders on our site (same letters, same links), and a minimal mkdocs.yml: the Material theme with
system fonts, the search plugin and our Markdown extensions; no overrides, no extra CSS or
JavaScript, no macros, no palette, no repository link.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.library import load_library
from macros.pages import MacroCall, replace_calls
from macros.render import render_letter, render_list
from macros.site import library_page, page_url, source_link
from tests.sitebuild import ROOT


def _config_value(config: str, key: str) -> str | None:
    found = re.search(rf"^{key}:\s*(\S+)", config, re.MULTILINE)
    return found.group(1) if found else None


def static_markdown(page: str) -> str:
    """docs/`page` with each {{ letter(...) }}, {{ questions(...) }}, {{ checklist(...) }} and
    {{ letter_library() }} call replaced by what our macros (macros/__init__.py) render for it,
    found by the same scanner as the build's (macros.pages.macro_calls)."""
    library = load_library(ROOT / "snippets")
    repo_url = _config_value((ROOT / "mkdocs.yml").read_text("utf-8"), "repo_url")

    def rendered(call: MacroCall) -> str:
        if call.name == "letter_library":
            return library_page(library, ROOT / "docs", page_url(page))
        assert call.argument is not None, f"{page}: {call.name}() has no stock rendering"
        if call.name == "letter":
            letter = library.letters[call.argument]
            return render_letter(letter, source_url=source_link(repo_url, letter.source))
        return render_list(library.lists[call.argument])

    markdown = replace_calls((ROOT / "docs" / page).read_text("utf-8"), rendered)
    assert "{{" not in markdown and "{%" not in markdown, f"a macro call is left in {page}"
    return markdown


def make_stock_project(target: Path, pages: dict[str, str] | None = None) -> Path:
    """A stock Material project in `target`. `pages` maps a page of it to the page of docs/ it
    holds; by default its only page, index.md, is the rejection guide."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    extensions = re.search(r"^markdown_extensions:\n(?:[ \t]+.*\n|\n)+", config, re.MULTILINE)
    assert extensions, "no markdown_extensions section in mkdocs.yml"
    target.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(
        "site_name: Onward\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n"
        + extensions.group(0), encoding="utf-8")
    for stock_page, page in (pages or {"index.md": "rejection/index.md"}).items():
        (target / "docs" / stock_page).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / stock_page).write_text(static_markdown(page), encoding="utf-8")
    return target
