"""MkDocs and Zensical side by side: build times of the same project. Prints figures, asserts
nothing (timings are noisy; run on a quiet machine).

    .venv/bin/python bench/zensical.py [--runs 3]

(a) the real site and (b) a synthetic site 10x the real one (bench.py's `synthesize`), each
built cold in a fresh process by each engine, exactly as `make build` and `make zensical` do:
`mkdocs build --strict --clean` and `zensical build --strict --clean` (the cache emptied);
Zensical's cached rebuild is shown too. (c) define_env: how often each engine calls it per build
and the time spent in it, from one build of an instrumented copy of the project.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import copy_project, synthesize  # noqa: E402
from tests.sitebuild import mkdocs_build, zensical_build, zensical_executable  # noqa: E402

# Appended to the instrumented copy's macros/__init__.py: one line per define_env call.
INSTRUMENT = '''

import os as _os
import time as _time

_define_env = define_env


def define_env(env) -> None:  # noqa: F811 - the bench's wrapper
    start = _time.perf_counter()
    try:
        _define_env(env)
    finally:
        with open(_os.environ["ONWARD_DEFINE_ENV_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{_time.perf_counter() - start}\\n")
'''


def timed(build) -> float:
    start = time.perf_counter()
    result = build()
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return seconds


def median_build(project: Path, engine: str, runs: int, *, clean: bool = True) -> float:
    if engine == "mkdocs":
        return statistics.median(timed(lambda: mkdocs_build(project, project / "site"))
                                 for _ in range(runs))
    if not clean:  # fill the cache once, then time rebuilds from it
        timed(lambda: zensical_build(project))
    return statistics.median(timed(lambda: zensical_build(project, clean=clean))
                             for _ in range(runs))


def define_env_calls(project: Path, engine: str) -> tuple[int, float]:
    """(calls, total seconds) of define_env in one build of an instrumented copy."""
    log = project.parent / f"{project.name}-{engine}-define-env.log"
    log.unlink(missing_ok=True)
    init = project / "macros" / "__init__.py"
    original = init.read_text(encoding="utf-8")
    init.write_text(original + INSTRUMENT, encoding="utf-8")
    os.environ["ONWARD_DEFINE_ENV_LOG"] = str(log)
    try:
        build = mkdocs_build(project, project / "site") if engine == "mkdocs" else \
            zensical_build(project)
        if build.returncode != 0:
            sys.exit(f"instrumented build failed:\n{build.stderr}")
    finally:
        init.write_text(original, encoding="utf-8")
        del os.environ["ONWARD_DEFINE_ENV_LOG"]
    times = [float(line) for line in log.read_text(encoding="utf-8").split()]
    return len(times), sum(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if zensical_executable() is None:
        sys.exit("zensical is not installed: .venv/bin/python -m pip install --group zensical")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, scale in (("real site", None), ("synthetic 10x", 10)):
            project = copy_project(Path(tmp) / (f"x{scale}" if scale else "real"))
            if scale:
                synthesize(project, scale)
            pages = len(list((project / "docs").rglob("*.md")))
            mkdocs = median_build(project, "mkdocs", args.runs)
            zensical = median_build(project, "zensical", args.runs)
            cached = median_build(project, "zensical", args.runs, clean=False)
            calls = {engine: define_env_calls(project, engine) for engine in ("mkdocs", "zensical")}
            rows.append((label, pages, mkdocs, zensical, cached, calls))

    print(f"Cold builds, median of {args.runs}, each in a fresh process (includes start-up):")
    print(f"{'':16}{'pages':>6}{'MkDocs':>10}{'Zensical':>10}{'Z / M':>8}{'Z cached':>10}")
    for label, pages, mkdocs, zensical, cached, _ in rows:
        print(f"{label:16}{pages:>6}{mkdocs:>9.2f}s{zensical:>9.2f}s{zensical / mkdocs:>8.2f}"
              f"{cached:>9.2f}s")
    print("\ndefine_env per build (calls, total time spent in it):")
    for label, pages, *_, calls in rows:
        text = ", ".join(f"{engine} {count} calls {seconds * 1000:.1f} ms"
                         for engine, (count, seconds) in calls.items())
        print(f"  {label:16}{pages:>4} pages: {text}")


if __name__ == "__main__":
    main()
