"""Material's search box, driven like a reader: type a query, wait for results, read the links.

The queries and their expected pages are in tests/search_queries.yml. At least 90 % of them must
put the expected page in the top 3 results.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

pytestmark = pytest.mark.browser

QUERIES_FILE = Path(__file__).resolve().parent.parent / "search_queries.yml"
TOP = 3
REQUIRED_HIT_RATE = 0.90
PHONE = {"width": 390, "height": 844}  # most readers arrive on a phone


def load_queries() -> list[dict[str, str]]:
    return yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


# Material 9 sends the search worker the box's value on each keyup (a QUERY message); the worker
# answers each, in order, with one RESULT, and Material renders it (meta line, first results) in
# that same "message" event. So once as many results came back as queries went out, and the last
# query was the whole text typed, the list shows that query's results: no waiting for it to settle.
COUNT_SEARCH_MESSAGES = """(() => {
    const QUERY = 2, RESULT = 3;  // Material's SearchMessageType
    const traffic = window.__onwardSearch = {queries: [], results: 0};
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", event => {
                if (event.data?.type === RESULT) traffic.results += 1;
            });
        }
        postMessage(message, ...rest) {
            if (message?.type === QUERY) traffic.queries.push(message.data);
            return super.postMessage(message, ...rest);
        }
    };
})()"""
ANSWERED = """query => {
    const traffic = window.__onwardSearch;
    const meta = document.querySelector(".md-search-result__meta");
    return traffic.queries.at(-1) === query && traffic.results === traffic.queries.length &&
           !!meta && /matching document|No matching/i.test(meta.textContent);
}"""


def result_pages(page, site_url: str, query: str) -> list[str]:
    """The site paths of the pages in the result list, best first (one entry per page). The
    first query opens the home page and its search box; later ones clear the box and type
    again, as a reader trying another query does."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.add_init_script(COUNT_SEARCH_MESSAGES)
        page.set_viewport_size(PHONE)
        page.goto("./")
        opener = page.locator('label.md-header__button[for="__search"]:visible')
        if opener.count():  # phone layout: the search button in the header opens the box
            opener.first.click()
        else:
            box.click()
    else:  # clear the last query and wait until its results are gone
        box.fill("")
        page.wait_for_function(
            """() => !document.querySelector(".md-search-result__item") &&
                     !/matching document/i.test(
                       document.querySelector(".md-search-result__meta")?.textContent || "")""",
            timeout=10_000)
    # All but the last key at once, then the last key pressed: Material searches on the key.
    box.fill(query[:-1])
    box.press(query[-1])
    # Results are ready when the worker has answered the whole query (not a part typed so far)
    # and the meta line counts them (or says none match).
    page.wait_for_function(ANSWERED, arg=query, timeout=10_000)
    hrefs = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")
    pages: list[str] = []
    for href in hrefs:
        path = urlsplit(urljoin(page.url, href)).path
        site_path = path.removeprefix(urlsplit(site_url).path)
        if site_path not in pages:
            pages.append(site_path)
    return pages


def test_query_file_is_big_enough_and_points_at_real_pages(built_site: Path) -> None:
    queries = load_queries()
    assert len(queries) >= 25
    assert len({q["query"].lower() for q in queries}) == len(queries), "duplicate queries"
    for entry in queries:
        assert (built_site / entry["page"] / "index.html").is_file(), entry


def test_search_finds_the_right_page_in_the_top_three(page, site_url: str) -> None:
    queries = load_queries()
    misses = []
    for entry in queries:
        found = result_pages(page, site_url, entry["query"])
        if entry["page"] not in found[:TOP]:
            misses.append(f'{entry["query"]!r}: wanted {entry["page"]}, got {found[:TOP]}')
    hits = len(queries) - len(misses)
    rate = hits / len(queries)
    print(f"\nsearch top-{TOP} hit rate: {hits}/{len(queries)} = {rate:.0%}")
    for miss in misses:
        print("  miss:", miss)
    assert rate >= REQUIRED_HIT_RATE, (
        f"only {hits} of {len(queries)} queries ({rate:.0%}) have the expected page in the "
        f"top {TOP}:\n" + "\n".join(misses))


def test_search_result_link_opens_the_guide(page, site_url: str) -> None:
    found = result_pages(page, site_url, "elevator pitch")
    assert found, "no results for 'elevator pitch'"
    page.locator(".md-search-result__item > .md-search-result__link").first.click()
    page.wait_for_url("**/networking/**")
    assert page.title() == "Grow your network - Onward"
