"""A static file server for the bench scripts: serves a built site on 127.0.0.1 with gzip, as
GitHub Pages does, so transfer sizes and Lighthouse scores match what readers get.

    .venv/bin/python bench/serve.py site/ [--port 8010]
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import serve  # the one server, for tests and bench alike

__all__ = ["serve"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8010)
    args = parser.parse_args()
    url, server = serve(args.directory, args.port)
    print(f"serving {args.directory} gzipped at {url} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
