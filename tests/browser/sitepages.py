"""The built site's pages, for the tests that visit every one of them, and the test server's one
quirk: it serves the site at its root, while the 404 page links from site_url's path."""

from __future__ import annotations

from pathlib import Path

# Kept here for the tests that import them from this module; tests/helpers.py is their home.
from tests.helpers import SITE_PATH, SITE_URL, serve_site_paths_here

__all__ = ["SITE_PATH", "SITE_URL", "page_paths", "serve_site_paths_here"]


def page_paths(built_site: Path) -> list[str]:
    """Every built page as a path relative to the site: "" (home), "rejection/", ..., "404.html"."""
    pages = sorted(
        "" if index.parent == built_site else index.parent.relative_to(built_site).as_posix() + "/"
        for index in built_site.rglob("index.html")
    )
    return [*pages, "404.html"]
