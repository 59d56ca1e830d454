"""The offline copy (`make offline`): what is in the zip, and where the site links to it.
tests/browser/test_offline.py opens it in Chromium from file://."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import yaml

from tests.sitebuild import ROOT
from tools.offline import FOLDER, REMOTE_ASSET, SHIM_TARGET

ZIP_NAME = "onward-offline.zip"


def test_zip_holds_one_folder_with_the_pages_for_file_urls(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
        assert {name.split("/", 1)[0] for name in names} == {FOLDER}
        for page in ("index.html", "rejection/index.html", "letters/index.html",
                     "search/search_index.js", SHIM_TARGET):
            assert f"{FOLDER}/{page}" in names, page
        html = archive.read(f"{FOLDER}/rejection/index.html").decode("utf-8")
    assert 'href="../after-the-interview/index.html' in html, "links name index.html (file://)"
    assert '<script src="../assets/javascripts/iframe-worker-shim.js"></script>' in html
    assert not REMOTE_ASSET.search(html), "no script or stylesheet from the network"
    assert 'class="onward-letter"' in html


def test_online_build_is_untouched_by_the_offline_plugin(built_site: Path) -> None:
    assert not (built_site / "search" / "search_index.js").exists()
    assert "iframe-worker" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_home_page_links_to_the_offline_copy_on_the_published_site() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]*" + re.escape(ZIP_NAME) + r")\)", home)
    assert links == [config["site_url"].rstrip("/") + "/" + ZIP_NAME]
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert f"make offline && cp offline/{ZIP_NAME} site/" in deploy, \
        "the deploy workflow publishes the zip beside the site"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python/name tags read as nothing."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_Loader.add_multi_constructor("!", lambda *_: None)
