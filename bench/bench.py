"""Speed and size figures for Onward. Prints figures; asserts nothing (timings are noisy).

    .venv/bin/python bench/bench.py [--runs 5]
    .venv/bin/python bench/bench.py scale [--runs 3]

(a) build time of the real site;
(b) full build / the same pages with every macro call pre-rendered as static HTML
    (target <= 1.10): what our letters cost; also against a build without mkdocs-macros at all;
(c) a synthetic site 10x the real one / the same generator at 1x (target <= 10.5): whether the
    build scales linearly with pages and letters.
`scale`: the real site (1x) and the real site plus 19 synthetic copies of every guide (20x), each
    copy showing two letters from a snippet file of its own, against the same pages without
    letters: build time (wall and CPU), the ratio with/without letters, the largest page, the
    letter library and the search index (raw and gzipped).
Builds run in this process with the snippet and guide-link caches, and every memoized function
of the macros, cleared first, so each is a cold build. CPU time (getrusage: this process and its
git calls) holds still on a busy machine.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import logging
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from macros.engine import GUIDE_LINKS, SNIPPETS  # noqa: E402
from macros.library import load_library  # noqa: E402
from macros.pages import MacroCall, replace_calls  # noqa: E402
from macros.render import render_letter, render_list  # noqa: E402
from macros.site import library_page  # noqa: E402
from tests.sitebuild import copy_project  # noqa: E402

# The calls that show letters: a letter, the letter library, the follow-up planner.
LETTER_CALLS = ("letter", "letter_library", "planner")
NOT_GUIDES = {"letters", "planner"}  # pages made from the whole library, not guides
GZIP_LEVEL = 6  # as a web server sends it (tests/browser/test_size.py too)


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children (git calls)."""
    return sum(usage.ru_utime + usage.ru_stime for usage in (
        resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def cold_build(project: Path) -> tuple[float, float]:
    """One cold build of `project` (the snippet and guide-link caches cleared first, and every
    function the macros remember, as a new `mkdocs build` process starts without them):
    (wall seconds, CPU seconds). CPU time holds still on a machine busy with other jobs."""
    SNIPPETS.clear()
    GUIDE_LINKS.clear()
    forget_remembered()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"),
                         strict=True)
    start, cpu = time.perf_counter(), cpu_seconds()
    build(config)
    return time.perf_counter() - start, cpu_seconds() - cpu


def forget_remembered() -> None:
    """Clear every memoized function of the macros package (functools caches: the page scans,
    compiled schema checks, card templates), so no build reuses another build's work."""
    for name, module in list(sys.modules.items()):
        if name != "macros" and not name.startswith("macros."):
            continue
        for value in vars(module).values():
            if getattr(value, "__module__", None) == name and callable(
                    getattr(value, "cache_clear", None)):
                value.cache_clear()


def timed_build(project: Path, runs: int) -> float:
    """Median wall seconds of `runs` cold builds of `project`."""
    return statistics.median(cold_build(project)[0] for _ in range(runs))


def prerender(project: Path, *, drop_plugin: bool) -> None:
    """Replace every macro call by its HTML: the static baseline. With `drop_plugin`, remove the
    macros plugin too, so its own fixed cost (git calls, Jinja on every page) shows."""
    library = load_library(project / "snippets")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")

        def static(call: MacroCall) -> str | None:
            if call.name == "letter_library":
                return library_page(library, project / "docs", "letters/")
            if call.argument is None:
                return None
            return render_letter(library.letters[call.argument]) if call.name == "letter" \
                else render_list(library.lists[call.argument])

        text = replace_calls(text, static)
        page.write_text(text, encoding="utf-8")
    if drop_plugin:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        text = re.sub(r"  - macros:\n(?:      .*\n)+", "", text)
        config.write_text(text, encoding="utf-8")


def synthesize(project: Path, scale: int, *, letters_per_page: int | None = None,
               keep_nav: bool = False) -> None:
    """`scale - 1` copies of every guide, with relative links pointing to "#", and no `nav:`
    (MkDocs lists every page in every page), or with `keep_nav` the real nav and the copies left
    out of it (`not_in_nav`). Without `letters_per_page`, every snippet file is copied too and
    each guide copy calls its own copy's letters and lists. With it, each guide copy shows
    `letters_per_page` letters (0: none) from a snippet file of its own, made of real letters
    under renamed ids, and no other macro call."""
    docs, snippets = project / "docs", project / "snippets"
    originals = [p for p in sorted(snippets.glob("*.yml")) if p.name != "fields.yml"
                 and not p.name.startswith("_")]
    guides = [p for p in sorted(docs.glob("*/index.md")) if p.parent.name not in NOT_GUIDES]
    pool = itertools.cycle([
        {**letter, "id": f"{source.stem}-{letter['id']}"} for source in originals
        for letter in yaml.safe_load(source.read_text(encoding="utf-8")).get("letters", [])])
    for copy in range(1, scale):
        if letters_per_page is None:
            for source in originals:
                shutil.copy(source, snippets / f"{source.stem}-{copy}.yml")
        for guide in guides:
            text = guide.read_text(encoding="utf-8")
            name = f"{guide.parent.name}-{copy}"
            if letters_per_page is None:
                suffix = f"-{copy}/"
                text = replace_calls(text, lambda call, s=suffix: None if not call.argument
                                     else f'{{{{ {call.name}("{call.argument.replace("/", s, 1)}")'
                                     " }}")
            else:
                text = own_letters(text, name, snippets, [next(pool) for _ in
                                                          range(letters_per_page)])
            target = docs / name / "index.md"
            target.parent.mkdir()
            target.write_text(re.sub(r"\]\((?!https?:)[^)#]*(#[^)]*)?\)", r"](#)", text),
                              encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if keep_nav:
        copies = "".join(f"  /{guide.parent.name}-*/\n" for guide in guides)
        text += f"not_in_nav: |\n{copies}"
    else:
        text = re.sub(r"\nnav:\n(?:  .*\n|\n)*", "\n", text)
    config.write_text(text, encoding="utf-8")


def own_letters(text: str, name: str, snippets: Path, letters: list[dict]) -> str:
    """`text` with its first macro calls replaced by calls to `letters`, written to
    snippets/`name`.yml, and its other calls removed (calls left over go at the end)."""
    if letters:
        header = (f"# Synthetic letters for docs/{name}/index.md, written by bench/bench.py.\n"
                  "# yaml-language-server: $schema=schema.json\n")
        (snippets / f"{name}.yml").write_text(
            header + yaml.safe_dump({"letters": letters}, sort_keys=False, allow_unicode=True,
                                    width=10_000), encoding="utf-8")
    calls = [f'{{{{ letter("{name}/{letter["id"]}") }}}}' for letter in letters]
    text = replace_calls(text, lambda call: None if call.argument is None
                         else calls.pop(0) if calls else "")
    return text + "".join(f"\n{call}\n" for call in calls)


def strip_letters(project: Path) -> None:
    """Every page without its letters: each call that shows letters (a letter, the letter
    library, the planner) removed; lists and the pages' prose stay."""
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(replace_calls(text, lambda call: "" if call.name in LETTER_CALLS
                                      else None), encoding="utf-8")


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """(raw bytes, gzipped bytes) of a page's HTML plus our own CSS and JS."""
    files = [site / page / "index.html", *sorted((site / "assets").glob("*.css")),
             *sorted((site / "assets").glob("*.js"))]
    raw = sum(f.stat().st_size for f in files if f.is_file())
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files if f.is_file())
    return raw, packed


def sizes(site: Path) -> dict[str, tuple[str, int, int]]:
    """The largest page, the letter library and the search index: (path, raw, gzipped bytes)."""
    def measure(path: Path) -> tuple[str, int, int]:
        data = path.read_bytes()
        return (path.relative_to(site).as_posix(), len(data),
                len(gzip.compress(data, GZIP_LEVEL)))

    pages = [measure(path) for path in site.rglob("*.html")]
    return {"largest page": max(pages, key=lambda page: page[2]),
            "letter library": measure(site / "letters" / "index.html"),
            "search index": measure(site / "search" / "search_index.json")}


def scale_project(folder: Path, size: int, with_letters: bool) -> Path:
    """A copy of the project in `folder` at `size` times the real site (each copy of a guide with
    two letters of its own), with or without the calls that show letters."""
    project = copy_project(folder / f"x{size}-{'with' if with_letters else 'without'}")
    if size > 1:
        synthesize(project, size, letters_per_page=2 if with_letters else 0, keep_nav=True)
    if not with_letters:
        strip_letters(project)
    return project


def scale(runs: int) -> None:
    """1x and 20x, each with and without letters: build time, ratio, page and index sizes."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {(size, with_letters): scale_project(Path(tmp), size, with_letters)
                    for size, with_letters in itertools.product((1, 20), (True, False))}
        # One build of each per round, so a busy machine slows the four alike.
        times: dict[tuple[int, bool], list[tuple[float, float]]] = {key: [] for key in projects}
        for _ in range(runs):
            for key, project in projects.items():
                times[key].append(cold_build(project))
        for (size, with_letters), project in projects.items():
            site = project / "site"
            pages = sum(1 for _ in site.rglob("index.html"))
            SNIPPETS.clear()
            letters = len(load_library(project / "snippets").letters) if with_letters else 0
            results[size, with_letters] = (times[size, with_letters], pages, letters,
                                           sizes(site))

    # On a shared virtual machine even CPU time swings by half from one build to the next (the
    # host takes cycles mid-build), so the fastest build of each is printed beside the median:
    # it is the one least disturbed.
    print(f"Build time, median and fastest of {runs} cold builds; sizes gzipped at level "
          f"{GZIP_LEVEL}.")
    for size in (1, 20):
        (full_runs, pages, letters, weights), (bare_runs, _, _, bare_weights) = (
            results[size, True], results[size, False])
        print(f"\n{size}x: {pages} pages, {letters} letters")
        for i, clock in enumerate(("wall", "CPU")):
            for how, pick in (("median", statistics.median), ("fastest", min)):
                full = pick(run[i] for run in full_runs)
                bare = pick(run[i] for run in bare_runs)
                print(f"  build with letters / without, {clock + ',':5s} {how + ':':8s} "
                      f"{full:7.3f} / {bare:7.3f} s = {full / bare:.2f}"
                      + ("  (target <= 1.15)" if size > 1 else ""))
        # Each round builds both in turn, so the ratio of a round's pair cancels a slow drift in
        # the machine's speed that the ratio of two medians keeps.
        paired = statistics.median(full[1] / bare[1] for full, bare in zip(full_runs, bare_runs,
                                                                             strict=True))
        print(f"  with / without, CPU, median of each round's ratio: {paired:.2f}"
              + ("  (target <= 1.15)" if size > 1 else ""))
        for what, (path, raw, packed) in weights.items():
            bare_path, bare_raw, bare_packed = bare_weights[what]
            print(f"  {what + ':':16s}{raw / 1024:8.1f} KiB raw, {packed / 1024:6.1f} KiB gz "
                  f"({path}); without letters {bare_raw / 1024:.1f} / "
                  f"{bare_packed / 1024:.1f} ({bare_path})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figures", nargs="?", choices=["build", "scale"], default="build",
                        help="build: figures (a) to (c) (the default); scale: 1x and 20x")
    parser.add_argument("--runs", type=int, default=None,
                        help="builds per figure, median taken (default 5; scale: 3)")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    if args.figures == "scale":
        scale(args.runs or 3)
        return
    args.runs = args.runs or 5

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
