"""Finished HTML passes through Markdown untouched (macros/rawhtml.py): the card in the built page
is the card the template rendered, byte for byte, and links to a card's anchor are still checked
by MkDocs' strict build."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from macros.library import load_library
from macros.rawhtml import MARK, PassThroughExtension, mark
from macros.render import render_letter
from macros.site import source_link
from tests.helpers import first_call
from tests.sitebuild import ROOT, copy_project, mkdocs_build

GUIDE = ROOT / "docs" / "rejection" / "index.md"


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["md_in_html", PassThroughExtension()]).convert(text)


def test_a_marked_line_comes_out_as_written_and_the_rest_is_markdown() -> None:
    card = '<article class="x" id="a"><p>Kept <b>as</b>   written &amp; unparsed</p></article>'
    out = convert(f"# Title\n\nSome *text*.\n{mark(card)}\nMore *text*.\n")
    assert card in out, out
    assert "<p>" + card not in out, "a block, not inside a paragraph"
    assert "<em>text</em>" in out.split(card)[0] and "<em>text</em>" in out.split(card)[1]
    assert MARK not in out


def test_without_the_extension_a_marked_line_is_plain_raw_html() -> None:
    """Zensical does not install the pass-through: the same HTML, a comment at its end."""
    card = '<article class="x" id="a"><p>Kept</p></article>'
    out = markdown.Markdown(extensions=["md_in_html"]).convert(f"Text.\n\n{mark(card)}\n")
    assert card in out and MARK in out


@pytest.mark.build
def test_built_card_is_the_rendered_card_and_links_to_card_anchors_are_checked(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    written, call = first_call(GUIDE)
    anchor = "letter-" + str(call.argument).replace("/", "-")
    page = project / "docs" / "bouncing-back" / "index.md"
    good = f"../rejection/index.md#{anchor}"
    page.write_text(page.read_text(encoding="utf-8")
                    + f"\n\nSee [the letter]({good}).\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    letter = load_library(ROOT / "snippets").letters[str(call.argument)]
    repo_url = "https://github.com/onward-guide/onward"
    card = render_letter(letter, source_url=source_link(repo_url, letter.source),
                         overrides=ROOT / "overrides")
    built = (tmp_path / "site" / "rejection" / "index.html").read_text(encoding="utf-8")
    lines = [line for line in card.splitlines() if line.strip()]
    assert lines and all(line in built for line in lines), (
        f"{written}: the card was changed on its way")

    bad = f"../rejection/index.md#{anchor}-nope"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\nAnd [another]({bad}).\n",
                    encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"'#{anchor}-nope'" in result.stderr and f"'#{anchor}'" not in result.stderr
