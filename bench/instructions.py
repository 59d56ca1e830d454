"""The 20x ratio of `bench.py scale` counted in instructions instead of seconds. Prints figures.

    .venv/bin/python bench/instructions.py      # needs valgrind; about 10 minutes on 2 cores

On a shared virtual machine the same build's CPU time swings by a third from one run to the
next, more than the cost of the letters moves with a change. The number of instructions a build
runs does not swing: valgrind's cachegrind counts them (the program runs about 50 times slower).
Each variant (20x with and without letters, as `bench.py scale` makes them) runs in a process of
its own, once with one cold build and once with two; the difference is one build, imports and
first-use set-up left out. The four processes run side by side.
"""

from __future__ import annotations

import argparse
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import cold_build, scale_project  # noqa: E402

REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(project: Path, builds: int) -> int:
    """Instructions of a process that imports the build and runs `builds` cold builds."""
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
               "--cachegrind-out-file=/dev/null", sys.executable, __file__,
               "--build", str(project), str(builds)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    found = REFS.search(result.stderr)
    if not found:
        raise SystemExit(f"no instruction count from valgrind:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", nargs=2, metavar=("PROJECT", "N"),
                        help=argparse.SUPPRESS)  # the measured process itself
    args = parser.parse_args()
    if args.build:
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        for _ in range(int(args.build[1])):
            cold_build(Path(args.build[0]))
        return
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        projects = {key: scale_project(Path(tmp), 20, key) for key in (True, False)}
        jobs = [(key, builds) for key in projects for builds in (1, 2)]
        with ThreadPoolExecutor(len(jobs)) as pool:
            counts = dict(zip(jobs, pool.map(lambda job: instructions(projects[job[0]], job[1]),
                                             jobs), strict=True))
    full, bare = (counts[key, 2] - counts[key, 1] for key in (True, False))
    print("20x, one cold build, instructions (valgrind cachegrind):")
    print(f"  with letters {full / 1e9:.2f} G, without {bare / 1e9:.2f} G: "
          f"ratio {full / bare:.3f} (target <= 1.15); the letters' own {(full - bare) / 1e9:.2f} G")


if __name__ == "__main__":
    main()
