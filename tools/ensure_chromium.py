"""Make sure Debian's Chromium is on PATH for the browser tests; install it when we can.

Playwright's own browser download cannot work here, so the tests drive the distribution's
package. As root on Debian this installs it; otherwise it says what to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def main() -> int:
    if shutil.which("chromium"):
        return 0
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's chromium for the browser tests...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        return 0 if shutil.which("chromium") else 1
    print("Browser tests need Chromium on PATH as 'chromium': "
          "sudo apt-get install chromium (they are skipped without it, and fail under CI).",
          file=sys.stderr)
    return 1 if os.environ.get("CI") == "true" else 0


if __name__ == "__main__":
    sys.exit(main())
