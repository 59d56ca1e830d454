"""Size in Debian's Chromium: the first visit to a guide transfers at most 6 KB (gzipped) more
than a stock Material for MkDocs page with the same Markdown (tests/stocksite.py builds it).

Every response body of the first visit counts (HTML, CSS, JavaScript, the search index if it
loads, images...), each gzipped at level 6, as a server would send it.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.helpers import first_call, serve
from tests.sitebuild import ROOT
from tests.stocksite import make_stock_project

pytestmark = pytest.mark.browser

GUIDE = "rejection/"
BUDGET = 6144  # bytes, gzipped, over the stock page


@pytest.fixture(scope="module")
def stock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The stock site with the rejection guide as its one page, built and served on 127.0.0.1."""
    project = make_stock_project(tmp_path_factory.mktemp("stock"))
    site = project / "site"
    # Not --strict: the guide's links to the other guides lead nowhere on a one-page site.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        check=False)
    assert result.returncode == 0, result.stderr
    url, server = serve(site)
    yield url
    server.shutdown()
    server.server_close()


def first_visit(browser, url: str) -> tuple[dict[str, int], list[str]]:
    """URL -> gzipped bytes of each response of a first visit to `url` (fresh context), and the
    ids of the letter cards on the page."""
    context = browser.new_context()
    responses = []
    context.on("response", lambda response: responses.append(response))
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        cards = page.locator("article.onward-letter").evaluate_all(
            "cards => cards.map(card => card.dataset.letter)")
        sizes = {}
        for response in responses:
            assert response.status == 200, f"{response.status} {response.url}"
            sizes[response.url] = len(gzip.compress(response.body(), compresslevel=6))
        return sizes, cards
    finally:
        context.close()


def test_first_visit_to_a_guide_is_at_most_6_kb_over_stock_material(
        browser, site_url: str, stock_url: str) -> None:
    ours, our_cards = first_visit(browser, site_url + GUIDE)
    stock, stock_cards = first_visit(browser, stock_url)
    _, first = first_call(ROOT / "docs" / GUIDE / "index.md")
    assert first.argument in our_cards and our_cards == stock_cards  # the same guide on both
    ours_total, stock_total = sum(ours.values()), sum(stock.values())
    print(f"\nfirst visit to /{GUIDE}, gzipped: ours {ours_total} bytes in {len(ours)} responses, "
          f"stock Material {stock_total} bytes in {len(stock)}; "
          f"difference {ours_total - stock_total:+d} (budget +{BUDGET})")
    for url, size in sorted(ours.items(), key=lambda item: -item[1]):
        print(f"  ours  {size:7d}  {url.removeprefix(site_url)}")
    for url, size in sorted(stock.items(), key=lambda item: -item[1]):
        print(f"  stock {size:7d}  {url.removeprefix(stock_url)}")
    assert ours_total <= stock_total + BUDGET, (
        f"ours {ours_total} B > stock {stock_total} B + {BUDGET} B")
