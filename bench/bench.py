"""Speed and size figures for Onward. Prints figures; asserts nothing (timings are noisy).

    .venv/bin/python bench/bench.py [--runs 5]

(a) build time of the real site;
(b) full build / the same pages with every macro call pre-rendered as static HTML
    (target <= 1.10): what our letters cost; also against a build without mkdocs-macros at all;
(c) a synthetic site 10x the real one / the same generator at 1x (target <= 10.5): whether the
    build scales linearly with pages and letters.
Builds run in this process with the snippet cache cleared first, so each is a cold build.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from macros import library as library_module  # noqa: E402
from macros.library import load_library  # noqa: E402
from macros.render import render_letter, render_list  # noqa: E402
from macros.site import library_page  # noqa: E402
from tests.sitebuild import copy_project  # noqa: E402

CALL = re.compile(r'\{\{\s*(letter|questions|checklist)\("([^"]+)"\)\s*\}\}')


def timed_build(project: Path, runs: int) -> float:
    """Median seconds of `runs` cold builds of `project`."""
    times = []
    for _ in range(runs):
        library_module._cache.clear()
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"),
                             strict=True)
        start = time.perf_counter()
        build(config)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def prerender(project: Path, *, drop_plugin: bool) -> None:
    """Replace every macro call by its HTML: the static baseline. With `drop_plugin`, remove the
    macros plugin too, so its own fixed cost (git calls, Jinja on every page) shows."""
    library = load_library(project / "snippets")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")

        def static(match: re.Match[str]) -> str:
            name, key = match.groups()
            return render_letter(library.letters[key]) if name == "letter" else \
                render_list(library.lists[key])

        text = CALL.sub(static, text)
        text = text.replace("{{ letter_library() }}",
                            library_page(library, project / "docs", "letters/"))
        page.write_text(text, encoding="utf-8")
    if drop_plugin:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        text = re.sub(r"  - macros:\n(?:      .*\n)+", "", text)
        config.write_text(text, encoding="utf-8")


def synthesize(project: Path, scale: int) -> None:
    """`scale` copies of every guide and snippet file, each copy calling its own letters."""
    docs, snippets = project / "docs", project / "snippets"
    originals = [p for p in snippets.glob("*.yml") if p.name != "fields.yml"
                 and not p.name.startswith("_")]
    guides = [p for p in docs.glob("*/index.md") if p.parent.name != "letters"]
    for copy in range(1, scale):
        for source in originals:
            shutil.copy(source, snippets / f"{source.stem}-{copy}.yml")
        for guide in guides:
            text = guide.read_text(encoding="utf-8")
            suffix = f"-{copy}/"
            text = CALL.sub(lambda m, s=suffix: f'{{{{ {m[1]}("{m[2].replace("/", s, 1)}") }}}}',
                            text)
            target = docs / f"{guide.parent.name}-{copy}" / "index.md"
            target.parent.mkdir()
            target.write_text(re.sub(r"\]\((?!https?:)[^)#]*(#[^)]*)?\)", r"](#)", text),
                              encoding="utf-8")
    config = project / "mkdocs.yml"
    text = re.sub(r"\nnav:\n(?:  .*\n|\n)*", "\n", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """(raw bytes, gzipped bytes) of a page's HTML plus our own CSS and JS."""
    files = [site / page / "index.html", *sorted((site / "assets").glob("*.css")),
             *sorted((site / "assets").glob("*.js"))]
    raw = sum(f.stat().st_size for f in files if f.is_file())
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files if f.is_file())
    return raw, packed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory() as tmp:
        real = copy_project(Path(tmp) / "real")
        full = timed_build(real, args.runs)
        raw, packed = page_weight(real / "site", "rejection")

        static = copy_project(Path(tmp) / "static")
        prerender(static, drop_plugin=False)
        baseline = timed_build(static, args.runs)
        bare = copy_project(Path(tmp) / "bare")
        prerender(bare, drop_plugin=True)
        no_plugin = timed_build(bare, args.runs)

        one = copy_project(Path(tmp) / "x1")
        synthesize(one, 1)
        ten = copy_project(Path(tmp) / "x10")
        synthesize(ten, 10)
        t1, t10 = timed_build(one, args.runs), timed_build(ten, args.runs)
        pages10 = len(list((ten / "docs").rglob("*.md")))
        letters10 = len(load_library(ten / "snippets").letters)

    print(f"(a) real site build:                 {full:.3f} s (median of {args.runs})")
    print(f"(b) with macros / pre-rendered:      {full:.3f} / {baseline:.3f} s = "
          f"{full / baseline:.3f}  (target <= 1.10)")
    print(f"    same, plugin removed too:        {full:.3f} / {no_plugin:.3f} s = "
          f"{full / no_plugin:.3f}  (mkdocs-macros' own cost included)")
    print(f"(c) synthetic 10x / 1x:              {t10:.3f} / {t1:.3f} s = {t10 / t1:.2f}  "
          f"(target <= 10.5; 10x = {pages10} pages, {letters10} letters)")
    print(f"    rejection guide + own CSS/JS:    {raw / 1024:.1f} KiB raw, "
          f"{packed / 1024:.1f} KiB gzipped")


if __name__ == "__main__":
    main()
