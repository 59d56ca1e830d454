"""Nothing on the letter library moves under the reader, in Debian's Chromium: measured with the
browser's own layout-shift entries (PerformanceObserver 'layout-shift', what Cumulative Layout
Shift adds up), on a phone-sized screen, with library.js and each guide arriving late as on a
slow link, so the page is painted before the script runs.

- Loading the page: the filters show from the first paint, and no entry becomes its card until
  the reader scrolls (docs/assets/library.js).
- Scrolling: entries become cards off the screen only; the reader's view does not jump.

(A link to one letter, letters/#letter-..., still moves what follows that letter when its card
arrives: tests/browser/test_library.py checks that such links work.)
"""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

LIBRARY = "letters/"
PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile screen
LATE_MS = 400
# Loading: at most a sliver. The filter form used to push the page down by 0.155; once in a full
# run under load the filter fields moved by 0.014 while setting up (not yet explained; the
# closing note says so). "Good" for Google is 0.1.
LOAD_SHIFT_BUDGET = 0.05

# Every layout shift the page makes, kept from the start (shifts right after a reader's input
# are flagged, and do not count in Cumulative Layout Shift).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__shifts.push({ value: entry.value, input: entry.hadRecentInput,
      nodes: entry.sources.map((s) => s.node ? (s.node.id || s.node.className || s.node.nodeName) : "") });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def phone(browser, site_url: str):
    """A phone-sized page that records layout shifts, with library.js and the guide pages (the
    cards' source) answered late."""
    context = browser.new_context(base_url=site_url, viewport=PHONE)
    context.add_init_script(RECORD_SHIFTS)

    def late(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        time.sleep(LATE_MS / 1000)
        route.fulfill(response=response)

    page = context.new_page()
    page.route("**/assets/library.min.js", late)
    page.route(lambda url: url.endswith("/") and "/letters/" not in url and url != site_url, late)
    yield page
    context.close()


def shift(page) -> float:
    """Cumulative Layout Shift so far: every shift not caused by the reader's input."""
    return page.evaluate("window.__shifts.filter(s => !s.input).reduce((a, s) => a + s.value, 0)")


def ready(page) -> None:
    page.locator("#letter-filters[data-ready='true']").wait_for(timeout=10_000)


def test_the_library_loads_without_moving(phone) -> None:
    phone.goto(LIBRARY)
    ready(phone)
    phone.wait_for_timeout(2 * LATE_MS)  # time for anything late to land
    assert shift(phone) <= LOAD_SHIFT_BUDGET, phone.evaluate("window.__shifts")


def test_scrolling_the_library_never_moves_what_the_reader_sees(phone) -> None:
    phone.goto(LIBRARY)
    ready(phone)
    entries = phone.locator("article.onward-letter--entry")
    total = entries.count()
    for _ in range(6):
        phone.mouse.wheel(0, PHONE["height"])
        phone.wait_for_timeout(100)
        # What the reader sees: the element at the middle of the screen, and where it is.
        before = phone.evaluate("""() => {
            const el = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
            window.__seen = el;
            return el.getBoundingClientRect().top;
        }""")
        phone.wait_for_timeout(2 * LATE_MS + 300)  # cards land, above and below
        after = phone.evaluate(
            "window.__seen.isConnected ? window.__seen.getBoundingClientRect().top : null")
        assert after == before, "the view jumped while cards arrived"
    assert entries.count() < total, "no entry became its card"
    assert shift(phone) == 0, phone.evaluate("window.__shifts")
