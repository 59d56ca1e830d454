"""When letters.js sets each card up (docs/assets/letters.js), in Debian's Chromium on a phone-sized
screen: not every card at load (a dozen forms or more block a phone for a few hundred
milliseconds), but each before the reader reaches it, by scrolling, by the keyboard or by a link.
The letter's text is filled in on every card all along, so what prints and what is copied is
the same set up or not."""

from __future__ import annotations

import pytest

from tests.browser.sitepages import set_up_card

pytestmark = pytest.mark.browser

GUIDE = "rejection/"
BRIEF = "#letter-rejection-brief-thanks"
PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile screen
# An IntersectionObserver that never reports: only the focus (or an address) sets a card up.
NO_OBSERVER = """window.IntersectionObserver = class {
  observe() {} unobserve() {} disconnect() {} takeRecords() { return []; }
};"""
# letters.js is loaded and bound: it cancels this event.
BOUND = "!document.dispatchEvent(new Event('onward:letters', { cancelable: true }))"


def state(card) -> dict:
    """Whether `card` is set up, and where it is against the screen (in screen heights)."""
    return card.evaluate("""card => ({
        form: card.querySelector("fieldset.onward-form") !== null,
        slot: card.querySelector("div.onward-form[data-fields]") !== null,
        top: card.getBoundingClientRect().top / innerHeight,
    })""")


@pytest.fixture
def phone(browser, site_url: str):
    context = browser.new_context(base_url=site_url, viewport=PHONE)
    yield context
    context.close()


def test_cards_far_below_are_set_up_only_as_the_reader_nears_them(phone) -> None:
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(GUIDE, wait_until="networkidle")
    page.wait_for_timeout(300)
    cards = page.locator("article.onward-letter")
    last = cards.last
    far = state(last)
    assert far["top"] > 4, "the guide's last card is far below the first screen"
    assert far == {**far, "form": False, "slot": True}, "set up before the reader is near it"
    assert page.locator("fieldset.onward-form").count() < cards.count()

    # What the reader types shows in every letter, the ones not set up yet too, and prints.
    set_up_card(page.locator(BRIEF))
    page.locator(f"{BRIEF} input[name='your_name']").fill("Jordan Lee")
    assert not state(last)["form"]
    assert "Jordan Lee" in last.locator("[data-part='body']").inner_text()
    page.emulate_media(media="print")
    assert last.locator("[data-part='body']").is_visible()
    assert "Jordan Lee" in last.locator("[data-part='body']").inner_text()
    page.emulate_media(media="screen")

    # Set up while still a screen below the view: ready before the reader gets there.
    last.evaluate("card => scrollTo(0, scrollY + card.getBoundingClientRect().top - 2 * innerHeight)")
    last.locator("fieldset.onward-form").wait_for(state="attached", timeout=5_000)
    near = state(last)
    assert near["top"] > 1, near
    assert last.locator("input[name='your_name']").input_value() == "Jordan Lee"
    assert errors == []


def test_a_link_to_a_letter_sets_it_up_at_once_and_the_view_stays_on_it(phone) -> None:
    page = phone.new_page()
    page.goto(GUIDE)
    card_id = page.locator("article.onward-letter").last.get_attribute("id")
    linked = phone.new_page()  # a first visit to the address, as from a shared link
    linked.goto(f"{GUIDE}#{card_id}", wait_until="load")
    card = linked.locator(f"#{card_id}")
    top = "id => document.getElementById(id).getBoundingClientRect().top"
    linked.wait_for_function(f"({top})({card_id!r}) < innerHeight / 4")  # the browser scrolled to it
    assert state(card)["form"], "the card a link names is set up when the page loads"
    before = linked.evaluate(top, card_id)
    assert before >= 0, before
    linked.wait_for_timeout(800)  # cards above it are set up meanwhile: the view does not move
    assert abs(linked.evaluate(top, card_id) - before) <= 2


def test_tab_into_a_card_not_set_up_starts_at_its_first_field(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, viewport=PHONE)
    context.add_init_script(NO_OBSERVER)
    try:
        page = context.new_page()
        page.goto(GUIDE, wait_until="networkidle")
        last = page.locator("article.onward-letter").last
        card_id = last.get_attribute("id")
        assert not state(last)["form"]
        # Focus the last control before the card, without scrolling, then Tab on.
        page.evaluate("""id => {
            const card = document.getElementById(id);
            const before = [...document.querySelectorAll("a[href], button, input")].filter(
                (el) => card.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
            before.at(-1).focus({ preventScroll: true });
        }""", card_id)
        # That first focus fetches letters.js (overrides/partials/onward-letters.html).
        page.wait_for_function(BOUND)
        for _ in range(20):  # through what the card before it gains as it is set up, if any
            page.keyboard.press("Tab")
            inside = page.evaluate("id => document.getElementById(id).contains("
                                   "document.activeElement)", card_id)
            if inside:
                break
        first_field = last.locator(".onward-form input").first
        assert state(last)["form"]
        assert page.evaluate("document.activeElement.id") == first_field.get_attribute("id")
        page.keyboard.type("Jordan Lee")
        assert first_field.input_value() == "Jordan Lee"
    finally:
        context.close()


def test_the_personalizer_is_fetched_once_the_reader_nears_a_card(phone) -> None:
    """letters.js is not part of a guide's first load on a phone (the first card is screens
    below): it comes as a card nears, and at once on a page opened with details kept."""
    page = phone.new_page()
    page.goto(GUIDE, wait_until="networkidle")
    page.wait_for_timeout(300)
    fetched = ("performance.getEntriesByType('resource')"
               ".some(r => r.name.endsWith('/letters.min.js'))")
    first = page.locator("article.onward-letter").first
    assert state(first)["top"] > 2, "the guide's first card is screens below the start"
    assert not page.evaluate(fetched)
    assert not page.evaluate(BOUND)
    set_up_card(first)
    assert page.evaluate(fetched)
    first.locator("input[name='your_name']").fill("Jordan Lee")

    page.reload(wait_until="networkidle")
    assert page.evaluate(fetched), "details are kept: every card shows them from the start"
    last = page.locator("article.onward-letter").last
    page.wait_for_function(BOUND)
    assert "Jordan Lee" in last.locator("[data-part='body']").inner_text()
