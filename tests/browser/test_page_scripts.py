"""Each page loads the scripts it uses, and no other, in Debian's Chromium on the built site:
letters.js (the personalizer) on pages with letter cards, checklists.js on pages with a checklist
(overrides/main.html). Material's instant navigation runs the scripts of each page it swaps in, so
arriving from a page without a script sets the new page up, going back and forth binds nothing
twice, and "Forget my details" still clears the checklists' ticks where checklists.js is not
loaded (letters.js clears them itself, and tells checklists.js with "onward:forget")."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.sitepages import page_paths, set_up_card, set_up_every_card
from tests.helpers import address, built_page, open_for_instant_navigation

pytestmark = pytest.mark.browser

CARD = "article.onward-letter .onward-letter__text"  # a card, not a library entry
CHECKLIST = ".onward-list--checklist"
SCRIPTS = {"letters.min.js": CARD, "checklists.min.js": CHECKLIST}  # served minified (mkdocs.yml)
TICKS = "onward-checklists"  # checklists.js's storage key
DETAILS = "onward-details"  # letters.js's

# Who adds which listener to the document or window, by script file: counted in the page.
COUNT_LISTENERS = """
window.__listeners = {};
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, ...rest) {
  if (this === document || this === window) {
    const file = (new Error().stack.match(/assets\\/(\\w+(?:\\.min)?\\.js)/) || [])[1];
    if (file) {
      const key = `${file} ${type}`;
      window.__listeners[key] = (window.__listeners[key] || 0) + 1;
    }
  }
  return add.call(this, type, ...rest);
};
"""


def kinds(built_site: Path) -> dict[str, set[str]]:
    """Page path -> which of CARD and CHECKLIST it shows, for every built page."""
    found = {}
    for path in page_paths(built_site):
        tree = built_page(built_site, path)
        found[path] = {name for name, selector in SCRIPTS.items() if tree.css_first(selector)}
    return found


def a_page(built_site: Path, *uses: str) -> str:
    """The first page whose content uses exactly these scripts (say, cards and no checklist)."""
    return next(path for path, used in kinds(built_site).items()
                if used == set(uses) and path not in ("404.html", "letters/"))


STYLED_CARD = "article.onward-letter:has(> .onward-letter__text)"
STYLE_SIGNATURE = """card => { const s = getComputedStyle(card);
    return [s.borderTopStyle, s.borderTopWidth, s.padding, s.borderRadius].join(" "); }"""


def go(page, site_url: str, path: str) -> None:
    """Follow a link to `path`, as a reader's click does (Material makes it instant)."""
    page.evaluate("""url => {
        const link = Object.assign(document.createElement("a"), { href: url });
        document.body.append(link);
        link.click();
        link.remove();
    }""", site_url + path)
    page.wait_for_url(address(site_url, path))


def requested(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")


def test_each_script_is_in_the_pages_that_use_it_only(built_site: Path) -> None:
    pages = kinds(built_site)
    assert any(pages.values()) and not all(pages.values())
    for path, used in pages.items():
        html = (built_site / (path if path.endswith(".html") else path + "index.html")
                ).read_text(encoding="utf-8")
        for name in SCRIPTS:
            count = html.count(f"assets/{name}\"")
            assert count == (name in used), f"/{path}: {name} {count} times"


def test_instant_navigation_from_a_page_without_cards_sets_up_the_cards(
        page, site_url: str, built_site: Path) -> None:
    plain, with_cards = a_page(built_site), a_page(built_site, "letters.min.js")
    open_for_instant_navigation(page, site_url, plain)
    assert not any(name.endswith("/letters.min.js") for name in requested(page))
    go(page, site_url, with_cards)
    forms = page.locator("article.onward-letter .onward-form")
    assert set_up_every_card(page) >= 1  # each as the reader scrolls to it
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    assert page.locator("fieldset.onward-form").count() == page.locator(CARD).count()
    # The page's own styles came with it (they are inline in the head Material swaps in).
    styled = page.locator(STYLED_CARD).first.evaluate(STYLE_SIGNATURE)
    # Filling in works: the personalizer's listeners are bound.
    forms.first.locator("input[name]:not([type=checkbox])").first.fill("Jordan Lee")
    assert DETAILS in page.evaluate("Object.keys(sessionStorage).join(' ')")
    page.goto(with_cards, wait_until="load")
    assert styled == page.locator(STYLED_CARD).first.evaluate(STYLE_SIGNATURE), (
        "a card arrived by instant navigation is styled unlike the same card loaded directly")


def test_back_and_forth_binds_each_listener_once(page, site_url: str, built_site: Path) -> None:
    plain, both = a_page(built_site), a_page(built_site, "letters.min.js", "checklists.min.js")
    page.add_init_script(COUNT_LISTENERS)
    open_for_instant_navigation(page, site_url, plain)
    for _ in range(2):
        go(page, site_url, both)
        page.locator(f"{CHECKLIST} .onward-checklist-tools__progress").first.wait_for()
        set_up_card(page.locator(STYLED_CARD).first)
        page.go_back()
        page.wait_for_url(address(site_url, plain))
        # The address changes at once; Material swaps the page in after fetching it. Clicking
        # before that races its swap (once, the forward entry was then gone).
        page.locator(CHECKLIST).first.wait_for(state="detached")
    page.go_forward()
    page.wait_for_url(address(site_url, both))
    set_up_card(page.locator(STYLED_CARD).first)
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    listeners = page.evaluate("window.__listeners")
    for name in SCRIPTS:
        mine = {key: n for key, n in listeners.items() if key.startswith(name)}
        assert mine and set(mine.values()) == {1}, listeners
    # One click, one download: the click handler runs once.
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.locator(".onward-download").first.click()
    page.wait_for_timeout(500)
    assert len(downloads) == 1
    # The set-up is not doubled either: one tools row per checklist, one form per card.
    set_up_every_card(page)
    lists = page.locator(CHECKLIST)
    assert page.locator(".onward-checklist-tools").count() == lists.count() >= 1
    assert page.locator("fieldset.onward-form").count() == page.locator(CARD).count()


@pytest.mark.parametrize("instant", [False, True], ids=["reload", "instant"])
def test_forget_on_a_card_page_clears_ticks_from_a_checklist_page(
        page, site_url: str, built_site: Path, instant: bool) -> None:
    """Ticks made where only checklists.js is loaded; "Remember" then "Forget" chosen where only
    letters.js is: the ticks follow both choices."""
    checklist = a_page(built_site, "checklists.min.js")
    with_cards = a_page(built_site, "letters.min.js")
    open_for_instant_navigation(page, site_url, checklist)
    box = page.locator(f"{CHECKLIST} .onward-list__items input[type=checkbox]").first
    page.locator(f"{CHECKLIST} .onward-checklist-tools__progress").first.wait_for()
    box.check()
    assert page.evaluate(f"sessionStorage.getItem('{TICKS}')")
    if instant:
        go(page, site_url, with_cards)
    else:
        page.goto(with_cards)
    set_up_card(page.locator(STYLED_CARD).first)
    page.locator(".onward-remember").first.check()
    # Remembered: the ticks are kept on the device too, though checklists.js is not on this page.
    assert page.evaluate(f"localStorage.getItem('{TICKS}')") == page.evaluate(
        f"sessionStorage.getItem('{TICKS}')")
    page.locator(".onward-forget").first.click()
    stored = page.evaluate(f"""[sessionStorage.getItem('{TICKS}'), localStorage.getItem('{TICKS}'),
        sessionStorage.getItem('{DETAILS}'), localStorage.getItem('{DETAILS}')]""")
    assert stored == [None, None, None, None]
    if instant:
        go(page, site_url, checklist)
        assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    else:
        page.goto(checklist)
    page.locator(f"{CHECKLIST} .onward-checklist-tools__progress").first.wait_for()
    expect(box).not_to_be_checked()
