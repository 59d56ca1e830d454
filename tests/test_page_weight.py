"""Byte budgets on the real site as built: every page, and the search index a reader downloads when
they open search. Sizes are gzipped at level 6, as a web server sends them. Build times and the
20x figures are in the bench (`bench/bench.py scale`), not here: times are noisy.
"""

from __future__ import annotations

import gzip
from pathlib import Path

PAGE_BUDGET = 100_000  # bytes gzipped, any one page's HTML
# The whole site's index measured 58.4 KiB on 2026-11-29 (bench/README.md): about 1.3x headroom for guides
# and letters to come. Past it, index less (e.g. each letter once, part B of the issue).
SEARCH_INDEX_BUDGET = 80_000  # bytes gzipped
GZIP_LEVEL = 6


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL))


def test_every_page_is_at_most_100_kb_gzipped(built_site: Path) -> None:
    pages = {path.relative_to(built_site).as_posix(): gzipped(path)
             for path in built_site.rglob("*.html")}
    assert "index.html" in pages and "letters/index.html" in pages
    largest = max(pages, key=pages.__getitem__)
    print(f"\nlargest page: {largest}, {pages[largest]} bytes gzipped (budget {PAGE_BUDGET})")
    assert {page: size for page, size in pages.items() if size > PAGE_BUDGET} == {}


def test_search_index_is_within_budget(built_site: Path) -> None:
    size = gzipped(built_site / "search" / "search_index.json")
    print(f"\nsearch index: {size} bytes gzipped (budget {SEARCH_INDEX_BUDGET})")
    assert size <= SEARCH_INDEX_BUDGET
