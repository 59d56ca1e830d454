"""Privacy in Debian's Chromium: reading every page, searching and using the personalizer make
requests to the site alone, set no cookie and load no analytics.

Every request of the browser context is recorded (the search worker's too); requests to other
hosts are aborted, so the test needs no network and a leak is caught, not sent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.sitepages import page_paths, set_up_card
from tests.helpers import SITE_PATH, html
from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser

CARD = "#letter-rejection-brief-thanks"
TABS = 6  # pages loaded at once
ANALYTICS = re.compile(r"googletagmanager|google-analytics|gtag\(|plausible|matomo|_paq|"
                       r"data-md-component=\"consent\"", re.IGNORECASE)


def test_pages_search_and_personalizer_request_only_the_site(browser, site_url: str,
                                                              built_site: Path) -> None:
    context = browser.new_context(base_url=site_url, accept_downloads=True,
                                  permissions=["clipboard-read", "clipboard-write"])
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    on_site_path = site_url + SITE_PATH.lstrip("/")  # the 404 page links from /onward/

    def only_the_site(route) -> None:
        url = route.request.url
        if url.startswith(on_site_path):
            route.continue_(url=url.replace(on_site_path, site_url, 1))
        elif url.startswith(site_url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_site)
    cookies: dict[str, str] = {}
    globals_found: dict[str, list[str]] = {}
    try:
        paths = page_paths(built_site)
        # Every page in a tab of its own, several at once: each waits for its network to be
        # idle (every request it makes later is recorded too), and the waits overlap.
        for batch in range(0, len(paths), TABS):
            tabs = []
            for path in paths[batch:batch + TABS]:
                tab = context.new_page()
                tab.goto(path, wait_until="commit")
                tabs.append((path, tab))
            for path, tab in tabs:
                tab.wait_for_load_state("networkidle")
                cookies[path or "home"] = tab.evaluate("document.cookie")
                globals_found[path or "home"] = tab.evaluate(
                    "['gtag', 'ga', 'dataLayer', '_paq', 'plausible']"
                    ".filter(name => name in window)")
                tab.close()

        # Search: open the box, type, wait for results, follow one.
        page = context.new_page()
        page.goto("")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("thank you note")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.locator(".md-search-result__item > .md-search-result__link").first.click()
        page.wait_for_load_state("networkidle")

        # The personalizer: fill in, remember, copy, download, forget.
        page.goto("rejection/")
        set_up_card(page.locator(CARD))
        page.locator(f"{CARD} input[name='interviewer']").fill("Ms. Patel")
        page.locator(f"{CARD} input[name='your_name']").fill("Jordan Lee")
        page.locator(f"{CARD} .onward-remember").check()
        page.locator(f"{CARD} .onward-copy").first.click()
        with page.expect_download():
            page.locator(f"{CARD} .onward-download").click()
        page.locator(f"{CARD} .onward-forget").click()
        page.wait_for_load_state("networkidle")
        cookies["rejection/ after the personalizer"] = page.evaluate("document.cookie")
        browser_cookies = context.cookies()
    finally:
        context.close()

    elsewhere = sorted({url for url in requests
                        if not url.startswith((site_url, "data:", "blob:"))})
    print(f"\nprivacy: {len(requests)} requests over {len(paths)} pages, search and the "
          f"personalizer; {len(elsewhere)} to other hosts")
    assert any(url.endswith("/search/search_index.json") for url in requests), "no search ran"
    assert elsewhere == []
    assert browser_cookies == []
    assert {where: value for where, value in cookies.items() if value} == {}
    assert {where: names for where, names in globals_found.items() if names} == {}


LOADING_TAGS = "script, img, iframe, audio, video, source, embed"
LOADING_RELS = frozenset({"stylesheet", "preload", "modulepreload", "preconnect", "dns-prefetch",
                          "prefetch", "icon", "manifest"})


def loaded_urls(text: str) -> list[str]:
    """The URLs an HTML page makes the browser load: scripts, images, frames, stylesheets..."""
    tree = html(text)
    urls = [node.attributes.get("src") or "" for node in tree.css(LOADING_TAGS)]
    return urls + [node.attributes.get("href") or "" for node in tree.css("link[rel]")
                   if LOADING_RELS & set((node.attributes.get("rel") or "").split())]


def test_no_analytics_or_third_party_asset_in_any_page(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > len(list((ROOT / "docs").rglob("*.md"))), "every page, and 404.html"
    analytics: dict[str, list[str]] = {}
    remote: dict[str, list[str]] = {}
    for page in pages:
        text = page.read_text("utf-8")
        where = page.relative_to(built_site).as_posix()
        analytics[where] = ANALYTICS.findall(text)
        urls = loaded_urls(text)
        assert urls, f"{where}: no script or stylesheet found; is the parser right?"
        remote[where] = [url for url in urls if re.match(r"(https?:)?//", url)]
    assert {where: hits for where, hits in analytics.items() if hits} == {}
    assert {where: urls for where, urls in remote.items() if urls} == {}
