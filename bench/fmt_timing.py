"""Time `teijuu fmt --check` of a Sphere whose `other_names` list has N items.

Run: python bench/fmt_timing.py [N …]   (default: 10000 100000 1000000)

Each size runs as a fresh `python -m teijuu fmt --check FILE` process in a temporary folder;
prints its wall time and peak memory (Linux/macOS), and microseconds per item.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPHERE = """\
# yaml-language-server: $schema=../schemas/sphere.schema.json
apiVersion: teijuu/v2
kind: Sphere
id: s
name: 試験圏
central_cities: [a]
municipalities:
  - id: a
    name: 甲市
  - id: b
    name: 乙町
"""


def run(items: int) -> tuple[float, float, int]:
    """Seconds, peak MB of the child, and its exit status."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sphere.yaml"
        path.write_text(SPHERE + "other_names:\n" + "  - a\n" * items, "utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "teijuu", "fmt", "--check", str(path)],
            cwd=folder,
            capture_output=True,
            check=False,
        )
        seconds = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        # ru_maxrss is the largest child so far: right for growing sizes run in order
        kib = max(peak, before) / (1024 if sys.platform == "darwin" else 1)
        return seconds, kib / 1024, done.returncode


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    for items in sorted(sizes):
        seconds, peak_mb, status = run(items)
        print(
            f"{items:>9,} items: {seconds:7.1f} s, peak {peak_mb:6.0f} MB, "
            f"{seconds / items * 1e6:6.1f} µs/item, exit {status}"
        )


if __name__ == "__main__":
    main()
