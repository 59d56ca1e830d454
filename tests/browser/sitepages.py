"""The built site's pages, for the tests that visit every one of them, and the test server's one
quirk: it serves the site at its root, while the 404 page links from site_url's path."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from tests.sitebuild import ROOT

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"),
                     re.MULTILINE).group(1)
SITE_PATH = urlsplit(SITE_URL).path  # "/onward/"


def page_paths(built_site: Path) -> list[str]:
    """Every built page as a path relative to the site: "" (home), "rejection/", ..., "404.html"."""
    pages = sorted(
        "" if index.parent == built_site else index.parent.relative_to(built_site).as_posix() + "/"
        for index in built_site.rglob("index.html")
    )
    return [*pages, "404.html"]


def serve_site_paths_here(target, site_url: str) -> None:
    """The 404 page links its assets and pages from site_url's path (/onward/), as it is served
    for any address; map that path onto the test server's root. `target`: a page or a context."""
    prefix = site_url + SITE_PATH.lstrip("/")
    target.route(f"{prefix}**", lambda route: route.continue_(
        url=route.request.url.replace(prefix, site_url, 1)))
