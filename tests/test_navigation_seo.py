"""Finding things on the built site: navigation, template library, home tasks, tags, 404,
sharing tags, canonical URLs and the sitemap. Reads the HTML that `mkdocs build --strict` wrote."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from macros.library import load_library
from macros.pages import split_front_matter
from macros.site import LIBRARY_GROUPS, page_url
from tests.helpers import SITE_URL, html
from tests.sitebuild import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !!python/name and !ENV tags (only the nav matters)."""


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
ConfigLoader.add_multi_constructor("!", lambda *_: None)


class Elements:
    """A built page, to find elements by tag and exact attribute values (tests/helpers.py)."""

    def __init__(self, text: str) -> None:
        self.tree = html(text)

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        """Each <tag> whose attributes equal `wanted` (write data_x for data-x), as a dict."""
        selector = tag + "".join(f'[{key.replace("_", "-")}="{value}"]'
                                 for key, value in wanted.items())
        return [{key: value or "" for key, value in node.attributes.items()}
                for node in self.tree.css(selector)]


def parse(text: str) -> Elements:
    return Elements(text)


def built(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def front_matter(src: str) -> dict:
    return split_front_matter((DOCS / src).read_text(encoding="utf-8"))[0]


def section(html: str, anchor: str) -> str:
    """The HTML from the heading with this id up to the next heading of the same level."""
    match = re.search(rf'<h([1-6])[^>]*\bid="{re.escape(anchor)}"', html)
    assert match, f"no heading with id {anchor!r}"
    level = match.group(1)
    end = re.compile(rf"<h[1-{level}][\s>]").search(html, match.end())
    return html[match.start():end.start() if end else len(html)]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


# ---- navigation -------------------------------------------------------------------------------

def nav_labels(config_nav: list, titles: dict[str, str]) -> tuple[list[str], int]:
    """The labels mkdocs.yml's nav gives, in reading order, and how many sections it has."""
    labels: list[str] = []
    sections = 0
    for item in config_nav:
        name, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            sections += 1
            labels.append(name)
            inner, more = nav_labels(value, titles)
            labels += inner
            sections += more
        else:
            labels.append(name or titles[value])
    return labels, sections


def test_nav_groups_guides_by_situation(built_site: Path) -> None:
    html = built(built_site, "")
    nav = html[html.index("md-nav--primary"):]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', nav)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    titles = {src: str(front_matter(src).get("title")) for src in PAGES}
    wanted, sections = nav_labels(config["nav"], titles)
    assert sections >= 3, "guides are grouped by the reader's situation"
    positions = [labels.index(label) for label in wanted]
    assert positions == sorted(positions), labels
    assert len(re.findall(r"md-nav__item--nested", nav)) == sections


def test_guides_have_breadcrumbs(built_site: Path) -> None:
    html = built(built_site, "bouncing-back")
    trail = re.search(r'<nav class="md-path".*?</nav>', html, re.DOTALL)
    assert trail, "navigation.path breadcrumbs missing"
    assert re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', trail.group(0)) == [
        "Home", "After a rejection"]


def test_tags_index_lists_each_tag_with_its_pages(built_site: Path) -> None:
    html = built(built_site, "tags")
    for src in PAGES:
        for tag in front_matter(src).get("tags") or []:
            block = section(html, f"tag:{tag}")
            target = "../" + page_url(src) if page_url(src) else ".."
            assert f'href="{target}"' in block, f"tags index: {tag} does not list {src}"
    assert 'href="../tags/#tag:rejection"' in built(built_site, "rejection")


# ---- home page tasks --------------------------------------------------------------------------

def home_task_cards(html: str) -> list[str]:
    grid = re.search(r'<div class="grid cards"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert grid, "home page has no task cards"
    return re.findall(r"<li>(.*?)</li>", grid.group(1), re.DOTALL)


def test_every_home_task_reaches_a_fillable_letter_in_two_clicks(built_site: Path) -> None:
    cards = home_task_cards(built(built_site, ""))
    assert cards
    links = 0
    for card in cards:
        reaches_letter = False
        for href in re.findall(r'href="([^"]+)"', card):
            links += 1
            path, _, anchor = href.partition("#")
            assert anchor, f"home task link {href} should point at the section with the letters"
            target = section(built(built_site, path.strip("/")), anchor)
            has_letter = 'class="onward-letter"' in target
            # Or something else to fill in: questions to copy, a checklist to tick.
            assert has_letter or 'class="onward-list onward-list--' in target, href
            reaches_letter = reaches_letter or has_letter
        assert reaches_letter, f"no link in this home task leads to a letter: {text_of(card)}"
    assert links >= len(cards)


# ---- template library -------------------------------------------------------------------------

def test_library_shows_every_letter_grouped_with_a_link_to_its_guide(built_site: Path) -> None:
    library = load_library(ROOT / "snippets")
    html = built(built_site, "letters")
    elements = parse(html)
    # One small entry per letter (library.js swaps it for the card from its guide).
    cards = elements.find("article", **{"class": "onward-letter onward-letter--entry"})
    assert sorted(card["data-letter"] for card in cards) == sorted(library.letters)
    assert all("data-search-exclude" in card for card in cards), "found once: on its guide"
    assert len({card["id"] for card in cards}) == len(library.letters)
    groups = re.findall(r'<h2 class="onward-library__group" id="group-([^"]+)"', html)
    assert groups[:len(LIBRARY_GROUPS)] == list(LIBRARY_GROUPS)
    assert set(groups) == {letter.group for letter in library.letters.values()}
    total = len(library.letters)
    assert f"{total} letters in {len(groups)} groups." in html
    for letter in library.letters.values():
        card = re.search(rf'<article [^>]*id="{letter.anchor}".*?</article>', html, re.DOTALL)
        guide = re.search(r'class="onward-letter__guide">Explained in <a href="([^"]+)"',
                          card.group(0))
        assert guide, f"{letter.id}: no link to its guide"
        path, _, anchor = guide.group(1).partition("#")
        assert anchor == letter.anchor
        target = built(built_site, urlsplit(urljoin(SITE_URL + "letters/", path)).path
                       .removeprefix("/onward/").strip("/"))
        assert f'id="{letter.anchor}"' in target, f"{letter.id}: guide has no card to land on"
        assert f'<a href="#{letter.anchor}">' in html, f"{letter.id}: no shareable link"


def test_library_filters_are_labeled_and_hidden_until_the_script_runs(built_site: Path) -> None:
    library = load_library(ROOT / "snippets")
    html = built(built_site, "letters")
    form = re.search(r'<form class="onward-filters"[^>]*>.*?</form>', html, re.DOTALL).group(0)
    # Shown from the first paint; hidden without scripts by the page's styles.
    assert re.match(r'<form class="onward-filters" id="letter-filters" [^>]*>', form)
    assert re.search(r"@media \(scripting: none\) \{\s*\.onward-filters \{ display: none; \}", html)
    for name, label in (("channel", "How you send it"), ("tone", "Tone"), ("tag", "Topic")):
        assert f'<label for="filter-{name}">{label}</label>' in form
        assert f'<select id="filter-{name}" name="{name}">' in form
    channels = re.findall(r'<option value="([^"]+)"', section_of(form, "filter-channel"))
    assert sorted(channels) == sorted({letter.channel for letter in library.letters.values()})
    status = re.search(r'<p class="onward-filters__status"[^>]*>(.*?)</p>', form)
    assert 'role="status"' in status.group(0) and 'aria-live="polite"' in status.group(0)
    total = len(library.letters)
    assert status.group(1) == f"Showing {total} of {total} letters"
    assert 'src="../assets/library.min.js"' in html  # served minified (mkdocs.yml)
    # Loaded where it is used: no other page loads the library's script.
    assert "assets/library" not in built(built_site, "rejection")
    assert "assets/library" not in built(built_site, "")


def section_of(form: str, select_id: str) -> str:
    return re.search(rf'<select id="{select_id}".*?</select>', form, re.DOTALL).group(0)


# ---- 404 --------------------------------------------------------------------------------------

def test_404_page_offers_search_and_the_main_tasks(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<title>Page not found - Onward</title>" in html
    assert re.search(r"<h1[^>]*>We can&#39;t find that page</h1>|<h1[^>]*>We can't find", html)
    assert re.search(r'<label class="[^"]*onward-404__search[^"]*" for="__search">Search Onward',
                     html)
    tasks = re.search(r'<ul class="onward-404__tasks">(.*?)</ul>', html, re.DOTALL).group(1)
    hrefs = re.findall(r'href="([^"]+)"', tasks)
    template = (ROOT / "overrides" / "404.html").read_text(encoding="utf-8")
    listed = re.search(r'<ul class="onward-404__tasks">(.*?)</ul>', template, re.DOTALL).group(1)
    assert hrefs and len(hrefs) == listed.count("<a "), "every task of overrides/404.html"
    for href in hrefs:
        assert href.startswith("/onward/"), href  # absolute: the 404 page is served anywhere
        path, _, anchor = href.removeprefix("/onward/").partition("#")
        target = built(built_site, path.strip("/"))
        if anchor:
            assert f'id="{anchor}"' in target, href


# ---- sharing and search engines ---------------------------------------------------------------

@pytest.mark.parametrize("src", PAGES)
def test_page_has_description_canonical_and_sharing_tags(built_site: Path, src: str) -> None:
    meta = front_matter(src)
    description = meta.get("description")
    assert description and 50 <= len(description) <= 200, f"{src}: description of 50-200 chars"
    html = built(built_site, page_url(src).strip("/"))
    elements = parse(html)
    title = meta.get("title")
    assert title, f"{src}: front matter needs a title"

    def content(tag: str, **attrs: str) -> str:
        found = elements.find(tag, **attrs)
        assert len(found) == 1, f"{src}: expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]["content"]

    assert content("meta", name="description") == description
    assert content("meta", property="og:title") == title
    assert content("meta", property="og:description") == description
    assert content("meta", name="twitter:title") == title
    assert content("meta", name="twitter:description") == description
    assert content("meta", name="twitter:card") == "summary"
    canonical = [attrs["href"] for attrs in elements.find("link", rel="canonical")]
    assert canonical == [SITE_URL + page_url(src)]
    assert content("meta", property="og:url") == SITE_URL + page_url(src)


def test_sitemap_lists_every_page(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = sorted(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert listed == sorted(SITE_URL + page_url(src) for src in PAGES)
