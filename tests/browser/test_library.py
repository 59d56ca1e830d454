"""The letter library, the 404 page, home tasks and print, in Debian's Chromium."""

from __future__ import annotations

import re

import pytest

from macros.library import load_library
from macros.site import LIBRARY_GROUPS
from tests.browser.sitepages import scroll_until_card
from tests.helpers import html, open_for_instant_navigation, serve_site_paths_here
from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser

LIBRARY = load_library(ROOT / "snippets")
LETTERS = list(LIBRARY.letters.values())
TOTAL = len(LETTERS)
VISIBLE_CARDS = "article.onward-letter:visible"


def visible_ids(page) -> list[str]:
    return page.locator(VISIBLE_CARDS).evaluate_all("cards => cards.map(c => c.dataset.letter)")


def status(page) -> str:
    return page.locator("#letter-filters-status").inner_text()


def open_library(page) -> None:
    page.goto("letters/")
    page.locator("#letter-filters[data-ready='true']").wait_for()  # library.js has set it up
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads


def test_filters_change_the_visible_cards_without_a_reload(page) -> None:
    open_library(page)
    assert len(visible_ids(page)) == TOTAL
    assert status(page) == f"Showing {TOTAL} of {TOTAL} letters"

    page.get_by_label("How you send it").select_option("phone")
    phone = sorted(letter.id for letter in LETTERS if letter.channel == "phone")
    assert sorted(visible_ids(page)) == phone
    assert status(page) == f"Showing {len(phone)} of {TOTAL} letters"
    # Only the groups that still have a card keep their heading.
    headings = page.locator("h2.onward-library__group:visible").all_inner_texts()
    phone_groups = [title for group, title in LIBRARY_GROUPS.items()
                    if any(letter.startswith(f"{group}/") for letter in phone)]
    assert len(phone_groups) >= 1
    assert [h.rstrip("¶").strip() for h in headings] == phone_groups
    assert "channel=phone" in page.url

    page.get_by_label("How you send it").select_option("")
    page.get_by_label("Tone").select_option("formal")
    page.get_by_label("Topic").select_option("rejection")
    both = sorted(letter.id for letter in LETTERS
                  if letter.tone == "formal" and "rejection" in letter.tags)
    assert sorted(visible_ids(page)) == both
    assert status(page) == f"Showing {len(both)} of {TOTAL} letters"

    page.get_by_label("How you send it").select_option("phone")  # no formal phone scripts
    assert visible_ids(page) == []
    assert status(page) == f"Showing 0 of {TOTAL} letters"
    assert page.locator(".onward-filters__empty").is_visible()

    page.get_by_role("button", name="Show all letters").click()
    page.wait_for_function(f"document.querySelectorAll('{VISIBLE_CARDS.split(':')[0]}')"
                           ".length > 0")
    page.wait_for_function("!document.querySelector('.onward-filters__empty').checkVisibility()")
    assert len(visible_ids(page)) == TOTAL
    assert status(page) == f"Showing {TOTAL} of {TOTAL} letters"
    assert page.evaluate("window.__sameDocument") is True


def test_a_filtered_address_opens_with_the_filter_applied(page) -> None:
    page.goto("letters/?tone=brief")
    page.locator("#letter-filters").wait_for(state="visible")
    brief = sorted(letter.id for letter in LETTERS if letter.tone == "brief")
    assert page.get_by_label("Tone").input_value() == "brief"
    assert sorted(visible_ids(page)) == brief


def test_without_scripts_all_letters_show_and_no_filters(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("letters/")
        assert page.locator("article.onward-letter").count() == TOTAL
        assert len(visible_ids(page)) == TOTAL
        assert not page.locator("#letter-filters").is_visible()
        assert page.locator("select:visible").count() == 0
        # Each entry links to its card in its guide.
        links = page.locator("article.onward-letter .onward-letter__guide a:visible")
        assert links.count() == TOTAL
    finally:
        context.close()


def test_every_letter_anchor_resolves_on_the_library_page(page) -> None:
    open_library(page)
    for letter in LETTERS:
        card = page.locator(f"#{letter.anchor}")
        assert card.count() == 1, letter.anchor
        assert card.get_attribute("data-letter") == letter.id
        assert card.locator("h3").inner_text() == letter.title
    # A shared link lands on its card, and shows it even if the address also filters it out.
    target = next(letter for letter in LETTERS if letter.channel == "email")
    page.goto(f"letters/?channel=phone#{target.anchor}")
    card = page.locator(f"#{target.anchor}")
    card.wait_for(state="visible")
    assert page.get_by_label("How you send it").input_value() == ""
    # ...as its full card, fetched from its guide, ready to fill in.
    card.locator("[data-part='body']").wait_for(state="visible")
    card.locator(".onward-form input[name]").first.wait_for(state="visible")
    box = card.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"]
    assert box["y"] + 40 > 0, "the top of the card is on the screen"


def test_each_entry_becomes_its_card_from_its_guide_as_it_nears_the_screen(page) -> None:
    """The library page holds a small entry per letter; its card arrives from its guide."""
    page.set_viewport_size({"width": 360, "height": 740})
    open_library(page)
    page.mouse.wheel(0, 100)  # cards load once the reader scrolls
    first = page.locator("article.onward-letter").first
    first.locator("[data-part='body']").wait_for(state="visible")
    assert "onward-letter--entry" not in first.get_attribute("class")
    guide = first.locator(".onward-letter__guide a")
    assert guide.get_attribute("href").endswith(f"#{first.get_attribute('id')}")
    assert first.locator(".onward-form input[name]").count() >= 1
    last = page.locator("article.onward-letter").last
    assert "onward-letter--entry" in last.get_attribute("class"), "far down: still an entry"
    assert last.locator("h3 a").get_attribute("href").endswith(f"#{last.get_attribute('id')}")
    scroll_until_card(page, last)  # a reader scrolls down to it
    last.locator("[data-part='body']").wait_for(state="visible")
    assert page.locator("article.onward-letter").count() == TOTAL
    assert len(visible_ids(page)) == TOTAL


def test_filters_work_after_instant_navigation(page, site_url: str) -> None:
    # Material's instant navigation only follows links listed in sitemap.xml, matched by
    # protocol, host and path; the helper hands the browser a sitemap naming the test server.
    open_for_instant_navigation(page, site_url, "./")
    page.locator(".md-nav--primary a.md-nav__link", has_text="Letter library").first.click()
    page.wait_for_url("**/letters/")
    page.locator("#letter-filters[data-ready='true']").wait_for()  # library.js has set it up
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    page.get_by_label("Tone").select_option("warm")
    warm = [letter for letter in LETTERS if letter.tone == "warm"]
    assert status(page) == f"Showing {len(warm)} of {TOTAL} letters"


def test_home_task_links_land_on_a_section_with_a_letter(page) -> None:
    page.goto("./")
    links = page.locator(".grid.cards a").evaluate_all("as => as.map(a => a.href)")
    assert links, "the home page has task cards"
    with_letters = 0
    for href in links:
        page.goto(href)
        anchor = href.split("#", 1)[1]
        heading = page.locator(f"#{anchor}")
        assert heading.is_visible(), href
        # Cards and lists between this heading and the next h2.
        found = page.evaluate(
            """anchor => {
                let el = document.getElementById(anchor).nextElementSibling, kinds = [];
                for (; el && el.tagName !== "H2"; el = el.nextElementSibling) {
                    if (el.matches("article.onward-letter")) kinds.push("letter");
                    if (el.matches(".onward-list")) kinds.push("list");
                }
                return kinds;
            }""", anchor)
        assert found, f"{href}: nothing to fill in or copy in this section"
        with_letters += "letter" in found
    # Most land on a letter; the others on questions to copy or a checklist to tick.
    assert with_letters > len(links) / 2


def test_404_page_has_search_and_task_links(page, site_url: str) -> None:
    # The 404 page links its assets from site_url's path (/onward/), as it is served for any
    # address; map that path onto the local server so the page loads as it would live.
    serve_site_paths_here(page, site_url)
    page.goto("404.html")
    page.locator(".md-header").wait_for(state="visible")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") == "sticky"
    assert page.locator("h1").inner_text().startswith("We can't find that page")
    # Every task the template lists (overrides/404.html), as many as it has.
    tasks = html((ROOT / "overrides" / "404.html").read_text(encoding="utf-8")).css(
        "ul.onward-404__tasks a")
    assert tasks and page.locator(".onward-404__tasks a").count() == len(tasks)
    assert page.locator(".onward-404__tasks a").all_inner_texts() == [a.text() for a in tasks]
    page.locator("label.onward-404__search").click()
    page.locator("input.md-search__input").wait_for(state="visible")
    assert page.evaluate("document.getElementById('__search').checked") is True


@pytest.mark.parametrize("path", ["rejection/", "letters/"])
def test_print_shows_the_letters_and_hides_the_chrome(page, path: str) -> None:
    page.goto(path)
    page.locator("article.onward-letter").first.wait_for()
    page.mouse.wheel(0, 100)  # the library's cards load once the reader scrolls
    page.locator("article.onward-letter:not(.onward-letter--entry) .onward-letter__body"
                 ).first.wait_for()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".md-footer", ".md-search", ".md-path", "nav.md-tags"):
        assert page.locator(f"{selector}:visible").count() == 0, f"{selector} prints"
    assert page.locator("form:visible, button:visible, select:visible, input:visible").count() == 0
    bodies = page.locator(".onward-letter__body")
    # The library prints each card it has (swapped in from its guide), and each entry not yet
    # swapped with its title and the guide it is explained in.
    cards = page.locator("article.onward-letter:not(.onward-letter--entry)")
    assert bodies.count() == cards.count() >= 1
    assert page.locator(".onward-letter__body:visible").count() == bodies.count()
    for entry in page.locator("article.onward-letter--entry").all():
        assert entry.locator("h3").is_visible() and entry.locator(".onward-letter__guide a").is_visible()
    first = bodies.first.inner_text()
    assert re.search(r"\[[^\]]+\]", first), "placeholders should print as [labels]"
    breaks = page.locator("article.onward-letter").first.evaluate(
        "card => getComputedStyle(card).breakInside")
    assert breaks == "avoid"
