"""The real site, built with --strict: what a reader gets, and what a contributor's mistake does."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from macros.library import load_library
from macros.pages import macro_calls
from macros.site import page_url
from tests.helpers import first_call
from tests.sitebuild import ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.build  # every test here builds the site


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_rejection_guide_shows_letter_cards(built_site: Path) -> None:
    html = read(built_site, "rejection")
    cards = re.findall(r'<article class="onward-letter" id="([^"]+)" data-letter="([^"]+)"', html)
    calls = macro_calls((ROOT / "docs" / "rejection" / "index.md").read_text("utf-8"), "")[0]
    assert [letter_id for _, letter_id in cards] == [
        call.argument for call in calls if call.name == "letter"], "one card per call, in order"
    for anchor, letter_id in cards:
        assert anchor == "letter-" + letter_id.replace("/", "-")
        assert f'data-clipboard-target="#{anchor}-body"' in html
    assert len({anchor for anchor, _ in cards}) == len(cards), "anchors are unique on the page"


def test_placeholders_read_as_labels_without_scripts(built_site: Path) -> None:
    library = load_library(ROOT / "snippets")
    html = read(built_site, "rejection")
    for letter_id in re.findall(r'data-letter="([^"]+)"', html):
        for field in library.letters[letter_id].fields:
            label = field.label.replace("'", "&#39;")
            assert (f'<span class="onward-field" data-field="{field.key}">[{label}]</span>'
                    in html), f"{letter_id}: {field.key}"


def test_every_letter_appears_on_some_guide(built_site: Path) -> None:
    library = load_library(ROOT / "snippets")
    shown: set[str] = set()
    for page in built_site.rglob("index.html"):
        if page.parent.name != "letters":
            shown |= set(re.findall(r'data-letter="([^"]+)"', page.read_text(encoding="utf-8")))
    assert sorted(set(library.letters) - shown) == []


def test_build_output_is_clean(site_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = site_build  # the session's one build of the real site (tests/conftest.py)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" not in output
    assert "MkDocs 2.0" not in output
    assert "Traceback" not in output


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


def test_unknown_letter_id_fails_the_build_naming_page_and_closest_id(project_copy: Path) -> None:
    guide = project_copy / "docs" / "rejection" / "index.md"
    text = guide.read_text(encoding="utf-8")
    written, call = first_call(guide)
    letter_id = call.argument
    guide.write_text(text.replace(written, f'{{{{ letter("{letter_id}x") }}}}', 1),
                     encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site", preloaded=True)
    assert result.returncode != 0
    line = call.line
    assert (f'docs/rejection/index.md:{line}: letter("{letter_id}x"): no letter has this id; '
            f'did you mean "{letter_id}"?') in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_snippet_fails_the_build_with_file_line_and_field(project_copy: Path) -> None:
    snippet = project_copy / "snippets" / "rejection.yml"
    text = snippet.read_text(encoding="utf-8")
    line = text.splitlines().index(next(row for row in text.splitlines() if "channel:" in row)) + 1
    snippet.write_text(re.sub(r"channel: \w+", "channel: pigeon", text, count=1), encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site", preloaded=True)
    assert result.returncode != 0
    assert f"snippets/rejection.yml:{line}: letters[0].channel: 'pigeon' is not allowed" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_index_has_each_letter_but_not_the_form_controls(built_site: Path) -> None:
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    library = load_library(ROOT / "snippets")
    missing = [letter.id for letter in library.letters.values()
               if not any(loc.endswith(f"#{letter.anchor}-title") for loc in locations)]
    assert missing == [], "every letter is its own search result, linking to its card"
    text = " ".join(doc["text"] for doc in index["docs"])
    for control in ("Remember on this device", "Forget my details", "Fill in the blanks",
                    "Download .txt"):
        assert control not in text


def test_every_page_has_an_edit_link_and_every_card_a_source_link(built_site: Path) -> None:
    for src in sorted(path.relative_to(ROOT / "docs").as_posix()
                      for path in (ROOT / "docs").rglob("*.md")):
        html = read(built_site, page_url(src))
        assert f'href="https://github.com/onward-guide/onward/edit/main/docs/{src}"' in html, src
    library = load_library(ROOT / "snippets")
    html = read(built_site, "rejection")
    for letter_id in re.findall(r'data-letter="([^"]+)"', html):
        source = library.letters[letter_id].source
        assert f'href="https://github.com/onward-guide/onward/blob/main/{source}"' in html


def test_a_card_template_in_the_theme_custom_dir_overrides_the_package_one(
        project_copy: Path) -> None:
    """overrides/onward/card.html (theme.custom_dir in mkdocs.yml) replaces
    macros/templates/onward/card.html in the build, as a Material partial would."""
    card = (ROOT / "macros" / "templates" / "onward" / "card.html").read_text(encoding="utf-8")
    target = project_copy / "overrides" / "onward" / "card.html"
    target.parent.mkdir(parents=True)
    target.write_text(card.replace('<p class="onward-letter__situation">',
                                   '<p class="onward-letter__situation my-override">'),
                      encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site", preloaded=True)
    assert result.returncode == 0, result.stderr
    html = read(project_copy / "site", "rejection")
    cards = html.count('<article class="onward-letter"')
    # One card per letter call the guide makes, as many as it has.
    calls = macro_calls((ROOT / "docs" / "rejection" / "index.md").read_text("utf-8"), "")[0]
    letters = sum(call.name == "letter" for call in calls)
    assert cards == letters >= 1
    assert html.count('class="onward-letter__situation my-override"') == cards
