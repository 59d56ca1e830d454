"""The follow-up planner (docs/planner/, docs/assets/planner.js) and remembered checklists
(docs/assets/checklists.js) in Debian's Chromium, on the real built site.

Calendar files are parsed with the `icalendar` package; dates are checked across month ends, a
leap day, a year end and daylight-saving changes, with the browser in several time zones.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.sitepages import set_up_card, set_up_every_card
from tests.helpers import SITE_URL

pytestmark = pytest.mark.browser

PLANNER = "planner/"
SITE = SITE_URL  # the published site, which the calendar files link to
APPLICATION_EMAIL = '[data-letter="follow-up/application-email"]'
LAST_CHECK = '[data-letter="follow-up/last-check"]'
CHECK_IN = '[data-letter="keep-in-touch/check-in"]'
TITLE_CHECK_IN = "A stay-in-touch note every few months"
RESUME = "resume/"
RESUME_LIST = "#list-checklists-resume"
PRESENCE = "online-presence/"
PRESENCE_LIST = "#list-checklists-online-presence"
PRESENCE_CARD = "#letter-linkedin-recommendation-request"


def open_planner(page) -> None:
    page.goto(PLANNER)
    page.locator(".onward-planner__form").wait_for(state="visible", timeout=10_000)


def step_date(page, step: str) -> str:
    return page.locator(f"{step} time").get_attribute("datetime")


def set_day(page, event: str, day: str) -> None:
    page.locator(f"#planner-date-{event}").fill(day)


# --- Dates -------------------------------------------------------------------------------------

def test_steps_start_from_today_by_default(page) -> None:
    open_planner(page)
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), "
                          "d.getMonth() + 1, d.getDate()]; })()")
    start = dt.date(*today)
    assert page.locator("#planner-date-applied").input_value() == start.isoformat()
    assert step_date(page, APPLICATION_EMAIL) == (start + dt.timedelta(days=7)).isoformat()


DATE_CASES = [  # (event, step, day, expected)
    ("applied", APPLICATION_EMAIL, "2026-01-31", "2026-02-07"),  # month end
    ("applied", LAST_CHECK, "2026-02-20", "2026-03-06"),
    ("applied", APPLICATION_EMAIL, "2028-02-22", "2028-02-29"),  # leap day
    ("applied", APPLICATION_EMAIL, "2026-12-28", "2027-01-04"),  # year end
    ("applied", APPLICATION_EMAIL, "2026-03-01", "2026-03-08"),  # US clocks go forward 03-08
    ("applied", LAST_CHECK, "2026-10-25", "2026-11-08"),  # US clocks go back 11-01
    ("applied", APPLICATION_EMAIL, "2026-04-01", "2026-04-08"),  # Sydney clocks go back 04-05
    ("applied", APPLICATION_EMAIL, "2026-09-30", "2026-10-07"),  # Sydney clocks go forward 10-04
    ("heard-back", CHECK_IN, "2027-11-30", "2028-02-28"),  # 90 days, across a year end
    ("interviewed", '[data-letter="after-interview/handwritten-note"]', "2028-02-28",
     "2028-03-01"),  # across a leap day
]


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Australia/Sydney",
                                  "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_dates_are_calendar_days_in_any_time_zone(browser, site_url: str, zone: str) -> None:
    """Every case of DATE_CASES, one after the other on one visit per time zone."""
    context = browser.new_context(base_url=site_url, timezone_id=zone)
    try:
        page = context.new_page()
        open_planner(page)
        for event, step, day, expected in DATE_CASES:
            set_day(page, event, day)
            assert step_date(page, step) == expected, f"{zone}: {event} {day} -> {step}"
            shown = dt.date.fromisoformat(expected).strftime("%b %-d, %Y")
            expect(page.locator(f"{step} time")).to_contain_text(shown)
    finally:
        context.close()


def test_ticking_off_an_event_hides_its_steps(page) -> None:
    open_planner(page)
    section = page.locator('.onward-planner__event[data-event="offer"]')
    expect(section).to_be_visible()
    page.locator("#planner-show-offer").uncheck()
    expect(section).to_be_hidden()


def test_without_scripts_steps_read_as_days_after_the_event(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(PLANNER)
        expect(page.locator(".onward-planner__form")).to_be_hidden()
        expect(page.locator(".onward-planner__noscript")).to_be_visible()
        expect(page.locator(f"{APPLICATION_EMAIL} time")).to_have_text("7 days after you applied")
        expect(page.locator(f"{CHECK_IN} time")).to_have_text(
            "90 days after you heard no, then every 105 days")
        expect(page.locator(".onward-planner__ics").first).to_be_hidden()
        link = page.locator(f"{APPLICATION_EMAIL} a")
        assert link.get_attribute("href") == "../following-up/#letter-follow-up-application-email"
    finally:
        context.close()


def test_step_links_open_the_letter_card(page) -> None:
    open_planner(page)
    page.locator(f"{APPLICATION_EMAIL} a").click()
    page.wait_for_url("**/following-up/#letter-follow-up-application-email")
    expect(page.locator("#letter-follow-up-application-email")).to_be_visible()


# --- Calendar files ----------------------------------------------------------------------------

def download_ics(page, step: str) -> bytes:
    with page.expect_download() as info:
        page.locator(f"{step} .onward-planner__ics").click()
    return Path(info.value.path()).read_bytes()


def check_rfc5545_lines(raw: bytes) -> None:
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character


def only_event(raw: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Onward" in str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize("zone, cases", [
    ("America/New_York", [("2026-03-01", dt.date(2026, 3, 8)), ("2026-10-25", dt.date(2026, 11, 1))]),
    ("Australia/Sydney", [("2026-09-27", dt.date(2026, 10, 4)), ("2028-02-22", dt.date(2028, 2, 29))]),
    ("UTC", [("2026-12-25", dt.date(2027, 1, 1))]),
])
def test_calendar_file_is_valid_and_on_the_right_day(browser, site_url: str, zone: str,
                                                     cases: list[tuple[str, dt.date]]) -> None:
    """Each (day applied, day of the reminder) of `cases`, downloaded on one visit per zone."""
    context = browser.new_context(base_url=site_url, timezone_id=zone, accept_downloads=True)
    files = []
    try:
        page = context.new_page()
        open_planner(page)
        page.locator("#planner-name").fill("Acme")
        for day, expected in cases:
            set_day(page, "applied", day)
            files.append((download_ics(page, APPLICATION_EMAIL), expected))
    finally:
        context.close()
    for raw, expected in files:
        check_rfc5545_lines(raw)
        event = only_event(raw)
        assert event["UID"] and event["DTSTAMP"]
        assert re.search(rb"\r\nDTSTART;VALUE=DATE:\d{8}\r\n", raw)
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and start == expected, f"{zone}: {start} != {expected}"
        assert end == expected + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == "Follow up on an application with no reply (Acme)"
        link = SITE + "following-up/#letter-follow-up-application-email"
        assert link in str(event["DESCRIPTION"])
        stamp = event.decoded("DTSTAMP")
        assert abs(stamp - dt.datetime.now(ZoneInfo("UTC"))) < dt.timedelta(minutes=5)


def test_calendar_file_escapes_and_folds_what_the_reader_types(browser, site_url: str) -> None:
    name = 'Acme, Inc; "Ünïcødé" \\ Straße GmbH — hiring team 日本語 ' * 2
    context = browser.new_context(base_url=site_url, accept_downloads=True)
    try:
        page = context.new_page()
        open_planner(page)
        page.locator("#planner-name").fill(name)
        raw = download_ics(page, APPLICATION_EMAIL)
    finally:
        context.close()
    check_rfc5545_lines(raw)
    assert b"Acme\\, Inc\\; " in raw and b"\\\\ Stra" in raw
    event = only_event(raw)
    assert str(event["SUMMARY"]) == f"Follow up on an application with no reply ({name.strip()})"
    assert str(event["DESCRIPTION"]).startswith(f"For: {name.strip()}\n")


def test_stay_in_touch_steps_repeat(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, accept_downloads=True)
    try:
        page = context.new_page()
        open_planner(page)
        set_day(page, "heard-back", "2026-06-01")
        raw = download_ics(page, CHECK_IN)
    finally:
        context.close()
    event = only_event(raw)
    assert event.decoded("DTSTART") == dt.date(2026, 8, 30)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["DAILY"] and rule["INTERVAL"] == [105]
    assert str(event["SUMMARY"]) == TITLE_CHECK_IN


# --- The page as a whole -----------------------------------------------------------------------

# axe on the planner, its form shown, in both palettes (best-practice rules too):
# tests/browser/test_accessibility.py, with every other page.


def test_planner_requests_nothing_off_the_site(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, accept_downloads=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        open_planner(page)
        page.locator("#planner-name").fill("Acme")
        download_ics(page, APPLICATION_EMAIL)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    off_site = [url for url in requests if not url.startswith((site_url, "blob:", "data:"))]
    assert off_site == []


def test_planner_prints_on_one_page(page) -> None:
    open_planner(page)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 1, f"the planner prints on {pages} pages"


def test_planner_is_linked_from_home_and_guides(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    assert 'href="planner/"' in home
    for guide in ("following-up", "after-the-interview", "rejection"):
        assert 'href="../planner/"' in (built_site / guide / "index.html").read_text("utf-8")


# --- Remembered checklists ---------------------------------------------------------------------

CARDS = "article.onward-letter:has(.onward-letter__text)"  # letter cards, set up or not


def open_list(page, path: str, selector: str) -> None:
    """The page with its checklist set up, and its letter cards too: a card set up while a box
    is being ticked grows above it, and the click could land beside the box."""
    page.goto(path)
    page.locator(f"{selector} .onward-checklist-tools__progress").wait_for(timeout=10_000)
    if page.locator(CARDS).count():
        set_up_every_card(page)


def progress(page, selector: str):
    return page.locator(f"{selector} .onward-checklist-tools__progress")


def boxes(page, selector: str):
    return page.locator(f"{selector} .onward-list__items input[type=checkbox]")


def test_progress_is_shown_and_announced_politely(page) -> None:
    open_list(page, RESUME, RESUME_LIST)
    total = boxes(page, RESUME_LIST).count()
    line = progress(page, RESUME_LIST)
    expect(line).to_have_text(f"0 of {total} done")
    assert line.get_attribute("role") == "status"
    assert line.get_attribute("aria-live") == "polite"
    boxes(page, RESUME_LIST).nth(0).check()
    boxes(page, RESUME_LIST).nth(2).check()
    boxes(page, RESUME_LIST).nth(4).check()
    expect(line).to_have_text(f"3 of {total} done")


@pytest.mark.parametrize("path, selector", [
    (RESUME, RESUME_LIST), (PRESENCE, PRESENCE_LIST),
    ("following-up/", "#list-follow-up-before-you-follow-up"),
    ("interview-prep/", "#list-interviews-what-to-bring"),
])
def test_every_checklist_keeps_ticks_and_shows_progress(page, path: str, selector: str) -> None:
    open_list(page, path, selector)
    total = boxes(page, selector).count()
    boxes(page, selector).nth(0).check()
    expect(progress(page, selector)).to_have_text(f"1 of {total} done")
    page.reload()
    open_list(page, path, selector)
    expect(boxes(page, selector).nth(0)).to_be_checked()


def test_ticks_are_kept_for_the_session_only(page) -> None:
    open_list(page, RESUME, RESUME_LIST)
    boxes(page, RESUME_LIST).nth(1).check()
    page.reload()
    open_list(page, RESUME, RESUME_LIST)
    expect(boxes(page, RESUME_LIST).nth(1)).to_be_checked()
    expect(progress(page, RESUME_LIST)).to_contain_text("1 of")
    assert page.evaluate("localStorage.getItem('onward-checklists')") is None
    other = page.context.new_page()  # a new tab: a new session
    open_list(other, RESUME, RESUME_LIST)
    expect(boxes(other, RESUME_LIST).nth(1)).not_to_be_checked()


def remember(page) -> None:
    page.goto(PRESENCE)
    set_up_card(page.locator(PRESENCE_CARD))
    page.locator(f"{PRESENCE_CARD} .onward-remember").check()


def test_ticks_are_kept_on_the_device_only_when_remembered(page) -> None:
    remember(page)
    open_list(page, PRESENCE, PRESENCE_LIST)
    boxes(page, PRESENCE_LIST).nth(0).check()
    expect(page.locator(f"{PRESENCE_LIST} .onward-checklist-tools__kept")).to_contain_text(
        "kept on this device")
    other = page.context.new_page()
    open_list(other, PRESENCE, PRESENCE_LIST)
    expect(boxes(other, PRESENCE_LIST).nth(0)).to_be_checked()
    # Unticking "Remember" takes the ticks off the device at once.
    set_up_card(other.locator(PRESENCE_CARD))
    other.locator(f"{PRESENCE_CARD} .onward-remember").uncheck()
    assert other.evaluate("localStorage.getItem('onward-checklists')") is None
    third = page.context.new_page()
    open_list(third, PRESENCE, PRESENCE_LIST)
    expect(boxes(third, PRESENCE_LIST).nth(0)).not_to_be_checked()


def test_ticks_made_before_remember_are_kept_once_it_is_chosen(page) -> None:
    open_list(page, PRESENCE, PRESENCE_LIST)
    boxes(page, PRESENCE_LIST).nth(3).check()
    set_up_card(page.locator(PRESENCE_CARD))
    page.locator(f"{PRESENCE_CARD} .onward-remember").check()
    assert "true" in page.evaluate("localStorage.getItem('onward-checklists')")


def test_forget_my_details_clears_ticks(page) -> None:
    remember(page)
    open_list(page, PRESENCE, PRESENCE_LIST)
    boxes(page, PRESENCE_LIST).nth(0).check()
    boxes(page, PRESENCE_LIST).nth(1).check()
    set_up_card(page.locator(PRESENCE_CARD))
    page.locator(f"{PRESENCE_CARD} .onward-forget").click()
    expect(boxes(page, PRESENCE_LIST).nth(0)).not_to_be_checked()
    expect(progress(page, PRESENCE_LIST)).to_contain_text("0 of")
    assert page.evaluate("localStorage.getItem('onward-checklists')") is None
    assert page.evaluate("sessionStorage.getItem('onward-checklists')") is None


def test_forget_on_another_page_clears_ticks_kept_there(page) -> None:
    open_list(page, RESUME, RESUME_LIST)
    boxes(page, RESUME_LIST).nth(0).check()
    page.goto("rejection/")
    set_up_card(page.locator("#letter-rejection-brief-thanks"))
    page.locator("#letter-rejection-brief-thanks .onward-forget").click()
    open_list(page, RESUME, RESUME_LIST)
    expect(boxes(page, RESUME_LIST).nth(0)).not_to_be_checked()


def test_clear_all_ticks_resets_one_list(page) -> None:
    open_list(page, RESUME, RESUME_LIST)
    boxes(page, RESUME_LIST).nth(0).check()
    boxes(page, RESUME_LIST).nth(5).check()
    page.locator(f"{RESUME_LIST} .onward-checklist-tools__reset").click()
    expect(progress(page, RESUME_LIST)).to_contain_text("0 of")
    expect(boxes(page, RESUME_LIST).nth(5)).not_to_be_checked()
    assert page.evaluate("sessionStorage.getItem('onward-checklists')") is None
    page.reload()
    open_list(page, RESUME, RESUME_LIST)
    expect(boxes(page, RESUME_LIST).nth(0)).not_to_be_checked()


JUNK = [
    "not json", "[1, 2]", "42", "null",
    '{"checklists/resume": {"list-checklists-resume-1-1": "yes", '
    '"list-checklists-resume-1-2": true}, "other": [true]}',
]


def test_junk_in_storage_is_ignored(page) -> None:
    """Each value of JUNK in storage, one after the other in one tab."""
    for junk in JUNK:
        page.goto(RESUME)
        page.evaluate("(value) => sessionStorage.setItem('onward-checklists', value)", junk)
        open_list(page, RESUME, RESUME_LIST)
        expect(boxes(page, RESUME_LIST).nth(0)).not_to_be_checked()
        checked = 1 if "resume-1-2" in junk else 0
        expect(progress(page, RESUME_LIST)).to_contain_text(f"{checked} of")


def test_blocked_storage_still_ticks_and_says_nothing_is_kept(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url)
    context.add_init_script("""
        for (const name of ["localStorage", "sessionStorage"]) {
          Object.defineProperty(window, name, { get() { throw new DOMException("blocked"); } });
        }""")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_list(page, RESUME, RESUME_LIST)
        boxes(page, RESUME_LIST).nth(0).check()
        expect(progress(page, RESUME_LIST)).to_contain_text("1 of")
        expect(page.locator(f"{RESUME_LIST} .onward-checklist-tools__kept")).to_contain_text(
            "does not let this site keep anything")
        assert errors == []
    finally:
        context.close()
