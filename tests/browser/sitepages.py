"""The built site's pages, for the tests that visit every one of them; the test server's one
quirk: it serves the site at its root, while the 404 page links from site_url's path; and
letter cards brought near the screen, where letters.js sets them up."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

# Kept here for the tests that import them from this module; tests/helpers.py is their home.
from tests.helpers import SITE_PATH, SITE_URL, serve_site_paths_here

__all__ = ["SITE_PATH", "SITE_URL", "page_paths", "serve_site_paths_here", "set_up_card",
           "set_up_every_card"]


def page_paths(built_site: Path) -> list[str]:
    """Every built page as a path relative to the site: "" (home), "rejection/", ..., "404.html"."""
    pages = sorted(
        "" if index.parent == built_site else index.parent.relative_to(built_site).as_posix() + "/"
        for index in built_site.rglob("index.html")
    )
    return [*pages, "404.html"]


# ---- Letter cards: letters.js sets each one up (its form, progress line, buttons) as it nears
# the screen, when a control in it takes the focus, or at once when the address names it.

def set_up_card(card, timeout: float = 10_000) -> None:
    """Scroll a letter card (a Playwright locator) into view, as a reader reaching it would, and
    wait until letters.js has set it up: its form shows. Tried again while the card found is
    replaced (Material's instant navigation swapping the content in)."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            card.scroll_into_view_if_needed(timeout=2_000)
            card.locator(".onward-form").wait_for(state="visible", timeout=2_000)
            return
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise


# In the page, card after card: brought into view, then waited for (one call, not two per card).
SET_UP_EVERY_CARD = """async cards => {
    for (const card of cards) {
        const deadline = performance.now() + 10000;
        card.scrollIntoView({block: "nearest"});
        while (!card.querySelector(".onward-form")?.checkVisibility()) {
            if (!card.isConnected) throw new Error("the page changed under the cards");
            if (performance.now() > deadline) throw new Error(`${card.id} was not set up`);
            await new Promise(wait => setTimeout(wait, 20));
        }
    }
    return cards.length;
}"""


def set_up_every_card(page, timeout: float = 10_000) -> int:
    """Scroll to each letter card of the page (it has one at least) in turn until it is set up;
    how many there are. Tried again while the cards found are replaced (Material's instant
    navigation swapping the content in)."""
    cards = page.locator("article.onward-letter:has(.onward-letter__text)")
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            cards.first.wait_for(state="attached", timeout=timeout)  # the content is in
            return int(cards.evaluate_all(SET_UP_EVERY_CARD))
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise


def scroll_until_card(page, entry, steps: int = 40) -> None:
    """Scroll as a reader does until the library entry `entry` has become its card. Each wheel
    turn brings the entry's top just inside the bottom of the screen, where docs/assets/library.js
    swaps an entry (never one wholly on screen: that would move what the reader sees); cards
    arriving above it move it down again, so turn the wheel until it has changed."""
    for _ in range(steps):
        if "onward-letter--entry" not in (entry.get_attribute("class") or ""):
            return
        delta = entry.evaluate("el => el.getBoundingClientRect().top - innerHeight + 40")
        page.mouse.wheel(0, max(delta, 40))
        page.wait_for_timeout(150)
    raise AssertionError(f"the entry did not become its card in {steps} turns of the wheel")
