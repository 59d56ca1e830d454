"""The letter personalizer (docs/assets/letters.js) in Debian's Chromium, on the real built site.

Letters used: on /rejection/, "rejection/brief-thanks" (email; fields role, interviewer,
company, your_name), "rejection/warm-thanks" (email) and "rejection/feedback-phone" (phone script).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.sitepages import scroll_until_card, set_up_card, set_up_every_card
from tests.helpers import address, built_page, open_for_instant_navigation

GUIDE = "rejection/"
BRIEF = "#letter-rejection-brief-thanks"
WARM = "#letter-rejection-warm-thanks"
PHONE = "#letter-rejection-feedback-phone"
KEY = "onward-details"  # the storage key letters.js uses


def open_guide(page, path: str = GUIDE) -> None:
    """Open the guide and scroll to BRIEF (WARM follows it), as a reader would: letters.js sets
    cards up as they near the screen."""
    page.goto(path)
    set_up_card(page.locator(BRIEF))


def field(page, card: str, key: str):
    return page.locator(f"{card} input[name='{key}']")


def fill_brief(page, *, role: str | None = "Data analyst") -> None:
    field(page, BRIEF, "interviewer").fill("Ms. Patel")
    field(page, BRIEF, "your_name").fill("Jordan Lee")
    field(page, BRIEF, "company").fill("Northwind")
    if role is not None:
        field(page, BRIEF, "role").fill(role)


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def status(page, card: str):
    return page.locator(f"{card} .onward-letter__status")


def field_texts(page, key: str) -> list[str]:
    return page.locator(f"[data-field='{key}']").all_text_contents()


def stored(page) -> tuple[str | None, str | None]:
    return page.evaluate(f"[sessionStorage.getItem('{KEY}'), localStorage.getItem('{KEY}')]")


# ---- Filling in -------------------------------------------------------------------------------


@pytest.mark.browser
def test_typing_fills_every_occurrence_on_the_page(page, built_site: Path) -> None:
    open_guide(page)
    before = field_texts(page, "interviewer")
    # As many as the built guide has (BRIEF and WARM have at least two between them).
    built = built_page(built_site, GUIDE).css("[data-field='interviewer']")
    assert len(before) == len(built) >= 2 and set(before) == {"[Interviewer's name]"}

    field(page, WARM, "interviewer").fill("Ms. Patel")

    assert field_texts(page, "interviewer") == ["Ms. Patel"] * len(before)
    assert page.locator(f"{WARM} [data-part='subject']").text_content() == "Thank you, Ms. Patel"
    # The same field on another card shows the shared value too.
    assert field(page, BRIEF, "interviewer").input_value() == "Ms. Patel"
    # Other fields are untouched.
    assert set(field_texts(page, "company")) == {"[Company]"}


@pytest.mark.browser
def test_clearing_a_field_brings_the_label_back(page) -> None:
    open_guide(page)
    field(page, BRIEF, "your_name").fill("Jordan Lee")
    field(page, BRIEF, "your_name").fill("   ")
    assert set(field_texts(page, "your_name")) == {"[Your name]"}


@pytest.mark.browser
def test_every_input_has_a_real_label_and_a_unique_id(page, built_site: Path) -> None:
    open_guide(page)
    set_up_every_card(page)
    inputs = page.locator(".onward-form input")
    ids = inputs.evaluate_all("els => els.map(el => el.id)")
    # At least one input per blank each card describes in the built guide (data-fields).
    blanks = sum(len(json.loads(slot.attributes["data-fields"]))
                 for slot in built_page(built_site, GUIDE).css(".onward-form"))
    assert len(ids) == len(set(ids)) >= blanks > 0
    labels = page.locator(f"{BRIEF} .onward-form input[name]").evaluate_all(
        "els => els.map(el => [el.name, el.labels[0].textContent, el.placeholder])")
    assert labels == [["role", "Job title", "e.g. accounts payable specialist"],
                      ["interviewer", "Interviewer's name", "e.g. Ms. Patel"],
                      ["company", "Company", "e.g. Northwind Traders"],
                      ["your_name", "Your name", "e.g. Jordan Lee"]]
    assert page.get_by_label("Your name").first.get_attribute("id") == (
        "letter-rejection-brief-thanks-field-your_name")


@pytest.mark.browser
def test_word_count_shows_next_to_the_recommended_length(page) -> None:
    open_guide(page)
    fill_brief(page)
    body = page.locator(f"{BRIEF} [data-part='body']").inner_text()
    words = len(body.split())
    assert page.locator(f"{BRIEF} .onward-letter__count").text_content() == (
        f"{words} words (aim for 150 or fewer)")
    set_up_card(page.locator(PHONE))  # further down the guide
    assert page.locator(f"{PHONE} .onward-letter__count").text_content().endswith(
        "(aim for 120 or fewer)")


@pytest.mark.browser
def test_without_scripts_the_letter_reads_with_labels_and_no_form(browser, site_url) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(GUIDE)
        card = page.locator(BRIEF)
        assert card.locator(".onward-form").is_hidden()
        assert card.locator(".onward-download").is_hidden()
        assert card.locator(".onward-email").is_hidden()
        assert card.locator(".onward-letter__progress").is_hidden()
        body = card.locator("[data-part='body']").inner_text()
        assert body.startswith("Dear [Interviewer's name],\n\n")
        assert body.endswith("\n[Your name]")
    finally:
        context.close()


# ---- Copy, email, download --------------------------------------------------------------------


@pytest.mark.browser
def test_copy_puts_the_filled_letter_on_the_clipboard_and_names_blanks(page) -> None:
    open_guide(page)
    fill_brief(page, role=None)
    role = field(page, BRIEF, "role")
    assert role.get_attribute("aria-invalid") is None  # not flagged before the reader acts

    page.locator(f"{BRIEF} .onward-copy").first.click()
    text = clipboard(page)
    assert text.startswith("Dear Ms. Patel,\n\nThank you for letting me know, and for")
    assert "learning about Northwind, and" in text
    assert text.endswith("\nJordan Lee")
    assert "[" not in text  # every blank of the body is filled; the subject's is not
    assert text.count("\n\n") == page.locator(f"{BRIEF} [data-part='body'] p").count() - 1
    # The blank is pointed out inline, not with alert().
    expect(status(page, BRIEF)).to_have_text("Letter copied. 1 blank left: Job title.")
    assert role.get_attribute("aria-invalid") == "true"
    assert page.locator(f"{BRIEF} .onward-letter__blanks").text_content() == (
        "1 blank left: Job title.")

    page.locator(BRIEF).get_by_role("button", name="Copy subject").click()
    assert clipboard(page) == "Re: [Job title] position"  # copying works with a blank left

    role.fill("Data analyst")
    assert role.get_attribute("aria-invalid") is None
    page.locator(BRIEF).get_by_role("button", name="Copy subject").click()
    assert clipboard(page) == "Re: Data analyst position"
    expect(status(page, BRIEF)).to_have_text("Subject copied.")
    page.locator(f"{BRIEF} .onward-copy").first.click()
    assert "[" not in clipboard(page)
    expect(status(page, BRIEF)).to_have_text("Letter copied.")  # no blank left anywhere


@pytest.mark.browser
def test_email_link_carries_the_encoded_subject_and_body(page) -> None:
    open_guide(page)
    field(page, WARM, "interviewer").fill("Ms. Patel")
    field(page, WARM, "company").fill("Smith & Sons? #1 100%")
    field(page, WARM, "your_name").fill("Jordan Lee")

    href = page.locator(f"{WARM} .onward-email").get_attribute("href")
    assert href.startswith("mailto:?subject=Thank%20you%2C%20Ms.%20Patel&body=Dear%20Ms.%20Patel")
    assert "%0D%0A%0D%0A" in href  # paragraph breaks survive as CRLF CRLF
    assert "Smith%20%26%20Sons%3F%20%231%20100%25" in href  # encodeURIComponent, not encodeURI
    query = parse_qs(urlsplit(href).query, keep_blank_values=True)
    assert query["subject"] == ["Thank you, Ms. Patel"]
    (body,) = query["body"]
    assert body.startswith("Dear Ms. Patel,\r\n\r\nThank you for telling me")
    assert "working at Smith & Sons? #1 100%." in body
    assert body.endswith("\r\nJordan Lee")
    shown = page.locator(f"{WARM} [data-part='body']").inner_text()
    assert body.replace("\r\n", "\n") == shown
    # Phone scripts are not emailed.
    set_up_card(page.locator(PHONE))
    assert page.locator(f"{PHONE} .onward-download").count() == 1  # its buttons are made
    assert page.locator(f"{PHONE} .onward-email").count() == 0


@pytest.mark.browser
def test_download_saves_the_filled_letter_as_text(page, tmp_path: Path) -> None:
    open_guide(page)
    fill_brief(page)
    with page.expect_download() as info:
        page.locator(f"{BRIEF} .onward-download").click()
    download = info.value
    assert download.suggested_filename == "rejection-brief-thanks.txt"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    saved = target.read_text(encoding="utf-8")
    assert saved.startswith("Subject: Re: Data analyst position\n\nDear Ms. Patel,\n\n")
    assert saved.endswith("Kind regards,\nJordan Lee\n")
    expect(status(page, BRIEF)).to_have_text("Downloaded rejection-brief-thanks.txt.")


# ---- Sharing and storage ----------------------------------------------------------------------


@pytest.mark.browser
def test_values_follow_an_instant_navigation(page, site_url: str, built_site: Path) -> None:
    open_for_instant_navigation(page, site_url, GUIDE)
    set_up_card(page.locator(BRIEF))  # as open_guide() does
    field(page, BRIEF, "your_name").fill("Jordan Lee")

    # Nav sections collapse (mkdocs.yml: no navigation.sections): open the guide's, as a reader
    # would, then follow its link.
    in_nav = "a[href$='/after-the-interview/']"
    page.locator(".md-nav--primary .md-nav__item--nested").filter(
        has=page.locator(in_nav)).locator("label.md-nav__link").first.click()
    page.locator(f".md-nav--primary {in_nav}").first.click()
    page.wait_for_url(address(site_url, "after-the-interview/"))
    set_up_card(page.locator(".onward-letter").first)
    assert page.evaluate("window.__sameDocument") is True, "not an instant navigation"
    names = field_texts(page, "your_name")
    built = built_page(built_site, "after-the-interview/").css("[data-field='your_name']")
    assert len(names) == len(built) >= 1 and set(names) == {"Jordan Lee"}
    assert page.locator("input[name='your_name']").first.input_value() == "Jordan Lee"


@pytest.mark.browser
def test_values_last_for_the_visit_only_unless_remembered(page) -> None:
    open_guide(page)
    field(page, BRIEF, "your_name").fill("Jordan Lee")
    session, local = stored(page)
    assert '"your_name":"Jordan Lee"' in session
    assert local is None

    other_tab = page.context.new_page()  # a new tab: a new visit, same device
    open_guide(other_tab)
    assert set(field_texts(other_tab, "your_name")) == {"[Your name]"}
    other_tab.close()

    remember = page.locator(f"{WARM} .onward-remember")
    remember.check()
    assert page.locator(f"{BRIEF} .onward-remember").is_checked()  # every card agrees
    assert '"your_name":"Jordan Lee"' in stored(page)[1]

    page.reload()
    set_up_card(page.locator(BRIEF))
    assert set(field_texts(page, "your_name")) == {"Jordan Lee"}
    new_tab = page.context.new_page()
    open_guide(new_tab)
    assert set(field_texts(new_tab, "your_name")) == {"Jordan Lee"}
    assert new_tab.locator(f"{BRIEF} .onward-remember").is_checked()
    new_tab.close()

    remember.uncheck()
    assert stored(page)[1] is None


@pytest.mark.browser
def test_forget_clears_both_storages_inputs_and_letters(page) -> None:
    open_guide(page)
    fill_brief(page)
    page.locator(f"{BRIEF} .onward-remember").check()
    page.locator(f"{WARM} .onward-forget").click()

    assert stored(page) == [None, None]
    assert set(field_texts(page, "your_name")) == {"[Your name]"}
    assert set(field_texts(page, "role")) == {"[Job title]"}
    assert field(page, BRIEF, "your_name").input_value() == ""
    assert not page.locator(f"{BRIEF} .onward-remember").is_checked()
    expect(status(page, WARM)).to_have_text("Your details are cleared from this browser.")
    page.reload()
    set_up_card(page.locator(BRIEF))
    assert set(field_texts(page, "your_name")) == {"[Your name]"}


# ---- Safety and privacy -----------------------------------------------------------------------


@pytest.mark.browser
def test_typed_markup_shows_as_text_and_runs_nothing(page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_guide(page)
    attack = "<img src=x onerror=alert(1)>"
    field(page, BRIEF, "your_name").fill(attack)
    page.wait_for_timeout(300)

    assert set(field_texts(page, "your_name")) == {attack}
    assert page.locator(".onward-letter img").count() == 0
    page.locator(f"{BRIEF} .onward-copy").first.click()
    assert clipboard(page).endswith("\n" + attack)
    page.wait_for_timeout(300)
    assert dialogs == []


@pytest.mark.browser
def test_typing_copying_and_downloading_make_no_request(page) -> None:
    open_guide(page)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    fill_brief(page)
    field(page, WARM, "company").fill("Northwind Traders")
    page.locator(f"{BRIEF} .onward-remember").check()
    page.locator(f"{BRIEF} .onward-copy").first.click()
    page.locator(f"{BRIEF} .onward-copy").nth(1).click()
    with page.expect_download():
        page.locator(f"{BRIEF} .onward-download").click()
    page.wait_for_timeout(500)

    # The download's blob: URL stays in the page; the tab icon is the browser's own doing.
    network = [url for url in requests
               if not url.startswith("blob:") and not url.endswith("/favicon.png")]
    assert network == []


# ---- Layout and keyboard ----------------------------------------------------------------------


@pytest.mark.browser
def test_no_horizontal_scroll_at_360_px(browser, site_url) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        open_guide(page)
        set_up_every_card(page)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == 360
        parts = page.locator(f"{WARM} .onward-form input, {WARM} .onward-letter__actions > *")
        right = parts.evaluate_all("els => els.map(el => el.getBoundingClientRect().right)")
        assert right and max(right) <= 360
    finally:
        context.close()


@pytest.mark.browser
def test_keyboard_alone_reaches_inputs_then_buttons_in_order(page) -> None:
    open_guide(page)
    page.locator(f"{BRIEF} .onward-letter__situation").click()  # a start point just before
    expected = [
        "letter-rejection-brief-thanks-field-role",
        "letter-rejection-brief-thanks-field-interviewer",
        "letter-rejection-brief-thanks-field-company",
        "letter-rejection-brief-thanks-field-your_name",
        "letter-rejection-brief-thanks-remember",
        "Privacy",  # what is kept, and where
        "Forget my details", "Copy letter", "Copy subject", "Email it", "Download .txt",
    ]
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "document.activeElement.id || document.activeElement.textContent.trim()"))
    assert reached == expected

    # Type and act with the keyboard only.
    for _ in range(7):  # back from Download to the "Your name" input
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.name") == "your_name"
    page.keyboard.type("Jordan Lee")
    assert set(field_texts(page, "your_name")) == {"Jordan Lee"}
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # a visible focus ring
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator(f"{BRIEF} .onward-remember").is_checked()


@pytest.mark.browser
def test_remember_links_the_privacy_page(page, site_url: str) -> None:
    open_guide(page)
    set_up_every_card(page)
    links = page.locator(".onward-letter .onward-form__keep a.onward-privacy")
    assert links.count() == page.locator(".onward-letter").count()
    link = page.locator(f"{BRIEF} .onward-privacy")
    expect(link).to_have_text("Privacy")
    assert link.get_attribute("href") == f"{site_url}privacy/"
    link.click()
    page.wait_for_url(f"{site_url}privacy/")
    assert page.title() == "Privacy - Onward"


# ---- Budget -----------------------------------------------------------------------------------


def test_assets_are_published(built_site: Path) -> None:
    # Served minified (mkdocs.yml: the minify plugin), under the name the pages use.
    assert (built_site / "assets" / "letters.min.js").stat().st_size > 500
    page = (built_site / GUIDE / "index.html").read_text(encoding="utf-8")
    assert re.search(r'src="\.\./assets/letters\.min\.js"', page)
    # The styles are inline (overrides/partials/onward-styles.html): the cards' among them.
    styles = "".join(style.text() for style in built_page(built_site, GUIDE).css("head style"))
    assert ".onward-letter {" in styles


def test_personalizer_js_and_css_fit_in_9_kb_gzipped(built_site: Path) -> None:
    """Was letters.js + letters.css <= 6 KB. The styles are now inline in the head, a guide's
    with what site.css (2.1 KB gzipped) and planner.css (1.1 KB) held: the same budget plus
    theirs, rounded down to 9 KB. letters.js now also builds each card's form."""
    styles = "".join(style.text() for style in built_page(built_site, GUIDE).css("head style"))
    script = (built_site / "assets" / "letters.min.js").read_bytes()
    sizes = {"letters.js": len(gzip.compress(script, 9)),
             "styles": len(gzip.compress(styles.encode(), 9))}
    assert sum(sizes.values()) <= 9216, sizes


@pytest.mark.browser
def test_library_sets_up_forms_as_cards_near_the_screen(page) -> None:
    """Every form laid out at once blocks a phone for most of a second; the library defers them.
    The library holds small entries: each becomes its card (form included), fetched from its
    guide, as it nears the screen (docs/assets/library.js)."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("letters/")
    page.locator("#letter-filters[data-ready='true']").wait_for()
    page.mouse.wheel(0, 100)  # cards load once the reader scrolls
    forms = page.locator(".onward-letter .onward-form")
    cards = page.locator(".onward-letter")
    first = forms.first
    first.wait_for(state="visible")
    assert cards.count() > forms.count() >= 1
    last_card = cards.last
    assert last_card.locator(".onward-form").count() == 0, (
        "a card far down the page waits until it is near the screen")
    # Typing into the first card fills the letters that arrive later.
    first.locator("input[name='your_name']").fill("Jordan Lee")
    scroll_until_card(page, last_card)  # a reader scrolls down to it
    last_card.locator(".onward-form").wait_for(state="visible")
    assert "Jordan Lee" in last_card.locator("[data-field='your_name']").first.text_content()
    assert last_card.locator("input[name='your_name']").input_value() == "Jordan Lee"
