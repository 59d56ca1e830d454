"""Accessibility in Debian's Chromium: axe-core (WCAG 2.x A and AA rules, and axe's best-practice
rules) on every built page in both palettes, and a visible focus ring on everything the keyboard
reaches.

Material follows the reader's system setting (`prefers-color-scheme`) until they pick a palette
with the toggle. Every page is checked in the palette it opens in, then again after the reader's
toggle has switched to the other (kept for the next page, as Material keeps it); the search and
letter states are checked in a context emulating each system setting.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.site import page_url
from tests.browser.sitepages import page_paths, serve_site_paths_here, set_up_card
from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser

AXE = Axe()  # the axe-core bundled with axe-playwright-python
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                           "best-practice"]},
    "resultTypes": ["violations"],
}
DOCS = ROOT / "docs"
PALETTES = {"light": "default", "dark": "slate"}  # color_scheme -> data-md-color-scheme
GUIDE = "rejection/"
CARD = "#letter-rejection-brief-thanks"


def violations(page, within: str | None = None) -> list[str]:
    """axe's violations on the page as it is now (or on the `within` element), one line each:
    rule, elements, what to fix."""
    if not page.evaluate("typeof window.axe === 'object'"):  # once per page state
        page.evaluate(AXE.axe_script)
    found = page.evaluate("([within, options]) => axe.run(within || document, options)"
                          ".then(results => results.violations)", [within, AXE_OPTIONS])
    return [f"{v['id']} ({v['impact']}) on {[n['target'] for n in v['nodes']][:5]}: {v['help']}"
            for v in found]


# What a page's own script shows once it has set the page up, where that is more than a load.
READY = {"planner/": ".onward-planner__form"}


def open_page(page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("load")  # Material's and our scripts have run
    if path in READY:
        page.locator(READY[path]).wait_for(state="visible", timeout=10_000)


# Every page of docs/ (and the 404 page), each its own test so the two test processes share
# them evenly; test_axe_covers_every_built_page holds this list to what the build made.
PAGES = [*sorted(page_url(src.relative_to(DOCS).as_posix()) for src in DOCS.rglob("*.md")),
         "404.html"]


def palette_context(browser, site_url: str, palette: str):
    return browser.new_context(base_url=site_url, color_scheme=palette,
                               permissions=["clipboard-read", "clipboard-write"])


@pytest.fixture(scope="session")
def reading_tab(browser, site_url: str):
    """One tab kept for the whole run: page after page, as a reader browses (and with the
    browser's cache, so each page test pays for its own page only)."""
    context = palette_context(browser, site_url, "light")
    yield context.new_page()
    context.close()


def switch_palette(page) -> None:
    """The reader's palette toggle, and the new colors settled (no transition under axe)."""
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form.md-header__option label:visible").click()
    page.wait_for_function("""before => document.body.dataset.mdColorScheme !== before
        && !document.documentElement.hasAttribute("data-onward-switching")""", arg=before)


@pytest.fixture(params=list(PALETTES))
def palette_page(request, browser, site_url: str):
    """(palette, a page of a fresh context emulating that system setting)."""
    context = palette_context(browser, site_url, request.param)
    serve_site_paths_here(context, site_url)
    yield request.param, context.new_page()
    context.close()


def assert_no_violations(palette: str, found: dict[str, list[str]]) -> None:
    total = sum(len(lines) for lines in found.values())
    print(f"\naxe, {palette} palette: {len(found)} page states, {total} violations")
    assert {where: lines for where, lines in found.items() if lines} == {}


def test_axe_covers_every_built_page(built_site: Path) -> None:
    # As many pages as there are, none left out.
    assert page_paths(built_site) == PAGES
    assert "rejection/" in PAGES and "letters/" in PAGES


@pytest.mark.parametrize("path", PAGES, ids=[path or "home" for path in PAGES])
def test_page_has_no_axe_violations_in_either_palette(reading_tab, site_url: str,
                                                      path: str) -> None:
    page = reading_tab
    if path == "404.html":  # only there: routing turns the browser's cache off
        serve_site_paths_here(page, site_url)
    open_page(page, path)
    found: dict[str, list[str]] = {}
    for turn in range(len(PALETTES)):
        if turn:
            switch_palette(page)
        scheme = page.locator("body").get_attribute("data-md-color-scheme")
        found[f"{path or 'home'} ({scheme})"] = violations(page)
    assert sorted(where.rpartition("(")[2].rstrip(")") for where in found) == sorted(
        PALETTES.values()), f"not checked in both palettes: {list(found)}"
    assert_no_violations("either", found)
    page.unroute_all()


def test_search_results_and_a_filled_in_letter_have_no_axe_violations(palette_page) -> None:
    palette, page = palette_page
    found: dict[str, list[str]] = {}

    # The search dialog open, with results.
    open_page(page, GUIDE)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    assert scheme == PALETTES[palette], f"{GUIDE}: palette {scheme}"
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("thank you")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    # The results are at full contrast from the moment they show: no fade-in under axe.
    opacity = page.evaluate("getComputedStyle(document.querySelector("
                            "'.md-search__output')).opacity")
    assert opacity == "1", f"search results shown at opacity {opacity}"
    found["rejection/ with search results"] = violations(page)
    page.keyboard.press("Escape")

    # A letter's personalizer shown and filled in, copied with one blank left (pointed out).
    # Material's "Copied to clipboard" notice fades in, stays 2 s and fades out: check it
    # alone while it is fully shown, and the page once it is gone (axe takes longer): hidden
    # (onward-styles.html), not only transparent, so its stale text is out of the accessibility tree.
    set_up_card(page.locator(CARD))
    page.locator(f"{CARD} input[name='interviewer']").fill("Ms. Patel")
    page.locator(f"{CARD} input[name='your_name']").fill("Jordan Lee")
    page.locator(f"{CARD} .onward-copy").first.click()
    assert page.locator(f"{CARD} input[name='role']").get_attribute("aria-invalid") == "true"
    notice_opacity = "getComputedStyle(document.querySelector('.md-dialog')).opacity"
    page.wait_for_function(f"{notice_opacity} === '1'")
    found["the Copied notice"] = violations(page, ".md-dialog")
    page.locator(".md-dialog").wait_for(state="hidden", timeout=10_000)  # faded, then gone
    found["rejection/ with a letter filled in and copied"] = violations(page)
    assert_no_violations(palette, found)


FOCUS_RING = """() => {
    let el = document.activeElement;
    const box = el.getBoundingClientRect();
    // Material's toggles are hidden inputs; the label right after one shows its focus.
    if (box.width === 0 && box.height === 0 && el.nextElementSibling?.tagName === "LABEL") {
        el = el.nextElementSibling;
    }
    const style = getComputedStyle(el);
    return {
        element: el === document.body ? "body"
            : `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join(".")}`
              + ` "${(el.textContent || el.value || "").trim().slice(0, 30)}"`,
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
              || style.boxShadow !== "none",
    };
}"""


def test_keyboard_focus_is_always_visible(page) -> None:
    open_page(page, GUIDE)
    set_up_card(page.locator(CARD))
    copies = page.locator(".onward-copy:visible").count()
    reached: list[str] = []
    hidden: list[str] = []
    # A bound from the page itself (however many stops the guide has), with room to spare: the
    # stops there are now, and those each card not set up yet will have (a field per blank, and
    # at most six more: Remember, Privacy, Forget, Email, Download).
    focusable = page.evaluate("""[...document.querySelectorAll('*')]
        .filter(el => el.tabIndex >= 0).length
        + [...document.querySelectorAll('div.onward-form[data-fields]')]
        .reduce((n, slot) => n + JSON.parse(slot.dataset.fields).length + 6, 0)""")
    for _ in range(2 * focusable + 10):  # Tab past the last stop returns to the body
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_RING)
        if focus["element"] == "body":
            break
        reached.append(focus["element"])
        if not focus["ring"]:
            hidden.append(focus["element"])
    print(f"\nfocus: {len(reached)} stops on {GUIDE}, {len(hidden)} without a visible ring")
    # The letter controls the guide shows, as many as it has: Tab must reach each of them. Cards
    # are set up as they near the screen (Tab scrolls through them all): count them after.
    cards = page.locator("article.onward-letter")
    assert page.locator("article.onward-letter fieldset.onward-form").count() == cards.count()
    inputs = page.locator(".onward-form input[id]:visible").evaluate_all(
        "els => els.map(el => el.id)")
    assert inputs and copies, "the guide shows letters to fill in and copy"
    stops = {stop.partition(".")[0] for stop in reached}
    assert [f"input#{id_}" for id_ in inputs if f"input#{id_}" not in stops] == [], (
        "Tab did not go through the page")
    assert sum("onward-copy" in stop for stop in reached) >= copies, (
        "the letter buttons were not reached")
    assert hidden == []
