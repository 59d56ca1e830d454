"""The offline copy in Debian's Chromium, as a reader uses it: unzip, open index.html from disk
(file://, no server, no network), go to a guide, search."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tools.offline import FOLDER

pytestmark = pytest.mark.browser


@pytest.fixture
def unzipped(offline_zip: Path, tmp_path: Path) -> Path:
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(tmp_path)
    return tmp_path / FOLDER


def test_offline_copy_opens_from_disk_navigates_and_searches(browser, unzipped: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    network: list[str] = []
    context.route("http*://**", lambda route: (network.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((unzipped / "index.html").as_uri())
        assert page.url.startswith("file://")
        assert page.locator("h1").first.inner_text().startswith("Onward")

        # Navigate to a guide through a link on the home page.
        page.locator("article a", has_text="Replying to a rejection").first.click()
        page.wait_for_url("**/rejection/index.html*")
        page.locator("article.onward-letter").first.wait_for(state="visible")

        # Search, from the guide: the index is the inlined search/search_index.js.
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("thank you")
        result = page.locator(".md-search-result__item > .md-search-result__link").first
        result.wait_for(state="visible", timeout=15_000)
        href = result.get_attribute("href")
        assert href and "index.html" in href
        result.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and "index.html" in page.url
        assert page.locator("h1").first.is_visible()
    finally:
        context.close()
    assert errors == [], errors
    assert not [url for url in network if url.endswith((".js", ".css"))], network
