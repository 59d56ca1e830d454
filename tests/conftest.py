"""Shared fixtures: the real site built once per test process, served on 127.0.0.1, and a
headless Debian Chromium driven by Playwright. Shared helpers (site URL, server, HTML queries)
are in tests/helpers.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import serve
from tests.sitebuild import ROOT, mkdocs_build

# Tests that use these fixtures build a site: marked `build`, so `make test-fast` skips them.
BUILD_FIXTURES = frozenset({"site_build", "built_site", "offline_zip", "zensical_project",
                            "site_url"})


# Rough seconds each of the longest tests takes (pytest --durations on a 2-core machine); any
# other test: by its marks, below. xdist hands tests out longest first (see the hooks), so no
# test process is left running a long test alone at the end.
EXPECTED_SECONDS = {
    "tests/browser/test_privacy.py::test_pages_search_and_personalizer_request_only_the_site": 20,
    "tests/browser/test_accessibility.py::"
    "test_search_results_and_a_filled_in_letter_have_no_axe_violations": 16,
    "tests/browser/test_search.py::test_search_finds_the_right_page_in_the_top_three": 12,
    "tests/browser/test_library.py::test_home_task_links_land_on_a_section_with_a_letter": 10,
    "tests/browser/test_accessibility.py::test_keyboard_focus_is_always_visible": 8,
    "tests/browser/test_offline.py::test_offline_copy_opens_from_disk_navigates_and_searches": 6,
    "tests/browser/test_planner.py::test_junk_in_storage_is_ignored": 4,
    "tests/browser/test_personalizer.py::test_values_last_for_the_visit_only_unless_remembered": 4,
    "tests/browser/test_accessibility.py::test_page_has_no_axe_violations_in_either_palette": 5,
    "tests/test_check_command.py::test_the_command_runs_as_a_module": 3,
    "tests/test_build_and_check_agree.py": 3,
    "tests/test_zensical.py": 3,
    "tests/test_site_build.py": 2,
}
SECONDS_BY_MARK = {"browser": 2.0, "build": 1.0}


def expected_seconds(item: pytest.Item) -> float:
    test = item.nodeid.partition("[")[0]
    for key in (test, test.partition("::")[0]):
        if key in EXPECTED_SECONDS:
            return EXPECTED_SECONDS[key]
    return max((seconds for mark, seconds in SECONDS_BY_MARK.items()
                if item.get_closest_marker(mark)), default=0.1)


@pytest.hookimpl(trylast=True)  # after pytest groups tests by fixture
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
    items.sort(key=expected_seconds, reverse=True)  # stable: same order in every test process


def pytest_configure(config: pytest.Config) -> None:
    # xdist's default hands each process a quarter of the tests up front, in order; two at a
    # time keeps the longest-first order across both processes.
    if config.pluginmanager.hasplugin("xdist") and config.getoption("maxschedchunk") is None:
        config.option.maxschedchunk = 2


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory,
               ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The real site, built once with --strict into a temporary directory, and the build's
    result (exit code and output), for the tests that read the site or what the build said."""
    site_dir = tmp_path_factory.mktemp("site")
    return site_dir, mkdocs_build(ROOT, site_dir, preloaded=True)


@pytest.fixture(scope="session")
def built_site(site_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """The real site, built with --strict into a temporary directory (one build per session)."""
    site_dir, result = site_build
    assert result.returncode == 0, f"the site does not build:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy, made exactly as `make offline` makes it, into a temporary directory."""
    from tools.offline import OfflineBuildError, make_offline_copy

    try:
        return make_offline_copy(tmp_path_factory.mktemp("offline") / "onward-offline.zip")
    except OfflineBuildError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port) as GitHub Pages serves it, for the
    browser tests (tests/helpers.py: serve)."""
    url, server = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Missing browser: a failure under CI, else a skip."""
    executable = shutil.which("chromium")
    if executable is None:
        message = ("Debian's chromium is not on PATH "
                   "(make test installs it: apt-get install chromium)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url: str):
    """A fresh browser context (own storage, clipboard allowed) for each test."""
    context = browser.new_context(base_url=site_url,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    # A route still answering when the test ends (a response held back on purpose, a sitemap
    # being rewritten) must not fail the test after it passed: stop routing first.
    page.unroute_all(behavior="ignoreErrors")
    context.unroute_all(behavior="ignoreErrors")
    context.close()
