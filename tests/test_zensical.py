"""The same project builds on Zensical, the successor of Material for MkDocs, and every letter card
comes out as it does under MkDocs. The engine is pinned in pyproject.toml (group `zensical`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from macros.library import load_library
from tests.helpers import first_call
from tests.sitebuild import ROOT, copy_project, zensical_build, zensical_executable

CARD = re.compile(r'<article class="onward-letter"[^>]*\bdata-letter="([^"]+)".*?</article>', re.S)

pytestmark = pytest.mark.build  # every test here builds the site


def normalized(html: str) -> str:
    """Insignificant whitespace only: runs of whitespace become one space, none around tags.

    Also drops `data-search-exclude`, a hint to Material's search indexer that Zensical strips
    from the HTML; it changes nothing a reader sees (README, "What differs").
    """
    html = html.replace(" data-search-exclude", "")
    return re.sub(r"\s*(<|>)\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


def letter_cards(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Letter id -> [(page, normalized card HTML)] for every card on every page of `site`."""
    cards: dict[str, list[tuple[str, str]]] = {}
    for page in sorted(site.rglob("*.html")):
        for match in CARD.finditer(page.read_text(encoding="utf-8")):
            where = page.relative_to(site).as_posix()
            cards.setdefault(match[1], []).append((where, normalized(match[0])))
    return cards


@pytest.fixture(scope="module")
def zensical_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, built with `zensical build --strict --clean` into its site/."""
    if zensical_executable() is None:
        message = "zensical is not installed (make test installs it: pip install --group test)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = zensical_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"the site does not build on Zensical:\n{output}"
    assert "Warning" not in output and "Traceback" not in output, output
    assert "No issues found" in output, output
    return project


def test_every_letter_card_is_the_same_on_both_engines(built_site: Path,
                                                        zensical_project: Path) -> None:
    mkdocs_cards = letter_cards(built_site)
    zensical_cards = letter_cards(zensical_project / "site")
    assert sorted(mkdocs_cards) == sorted(load_library(ROOT / "snippets").letters), \
        "MkDocs shows every letter"
    assert sorted(zensical_cards) == sorted(mkdocs_cards), "Zensical shows the same letters"
    for letter_id, cards in mkdocs_cards.items():
        assert zensical_cards[letter_id] == cards, f"{letter_id} renders differently on Zensical"


def test_library_links_each_letter_to_its_guide_on_both_engines(built_site: Path,
                                                               zensical_project: Path) -> None:
    def guide_links(site: Path) -> list[str]:
        html = (site / "letters" / "index.html").read_text(encoding="utf-8")
        return re.findall(r'href="(\.\./[^"#]+/#letter-[^"]+)"', html)

    links = guide_links(built_site)
    assert links, "the letter library links to the guides"
    assert guide_links(zensical_project / "site") == links


def test_unknown_letter_id_stops_the_zensical_build_naming_page_and_closest_id(
        zensical_project: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    guide = project / "docs" / "rejection" / "index.md"
    text = guide.read_text(encoding="utf-8")
    written, call = first_call(guide)
    letter_id = call.argument
    guide.write_text(text.replace(written, f'{{{{ letter("{letter_id}x") }}}}', 1),
                     encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode != 0
    line = call.line
    assert (f'docs/rejection/index.md:{line}: letter("{letter_id}x"): no letter has this id; '
            f'did you mean "{letter_id}"?') in result.stderr
