"""Time `teijuu validate` on the bundled plans and on a synthetic 40-measure plan.

Run: python bench/validate_timing.py [--repeat N]

Prints the best and median wall time of N runs, in process (the work) and as a fresh
`python -m teijuu validate` process (what a planner waits for, imports included).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from teijuu.bundled import plans_dir
from teijuu.validate import validate_paths

BUNDLED = plans_dir()


def forty_measure_plan(directory: Path) -> Path:
    """The bundled sphere with its 3rd vision grown to 40 measures (copies with new ids)."""
    sphere = BUNDLED / "ichinoseki-hiraizumi"
    target = directory / "plans" / "forty"
    shutil.copytree(sphere, target, ignore=shutil.ignore_patterns("source"))
    shutil.copytree(BUNDLED.parent / "schemas", directory / "schemas")
    vision = target / "visions" / "3rd.yaml"
    text = vision.read_text("utf-8")
    head, body = text.split("\nmeasures:\n", 1)
    blocks = ["  - id:" + b.rstrip("\n") + "\n" for b in ("\n" + body).split("\n  - id:")[1:]]
    extra = []
    for i in range(40 - len(blocks)):
        block = blocks[i % len(blocks)]
        first = block.split("\n", 1)[0]
        extra.append(
            block.replace(first, f"{first}-copy{i}", 1).replace("    no: ", "    no: 1", 1)
        )
    vision.write_text(head + "\nmeasures:\n" + "".join(blocks + extra), "utf-8")
    result = validate_paths([target])
    assert result.ok, [f.to_text() for f in result.findings if f.severity == "error"][:5]
    third = next(v for v in result.plan.visions if v.edition == 3)
    assert len(third.measures) == 40
    return target


def timed(fn: object, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        forty = forty_measure_plan(Path(tmp))
        rows = []
        for name, path in (
            ("the bundled plans (9 files; 3rd vision and 4th draft, 32 measures each)", BUNDLED),
            ("the 3rd vision grown to 40 measures (9 files)", forty),
        ):
            work = timed(lambda p=path: validate_paths([p]), args.repeat)
            cmd = [sys.executable, "-m", "teijuu", "validate", str(path)]
            cold = timed(
                lambda c=cmd: subprocess.run(c, capture_output=True, check=True),
                max(3, args.repeat // 2),
            )
            rows.append((name, work, cold))
        print(f"{'':72} {'in process (best/median)':>26} {'fresh process (best/median)':>30}")
        for name, (wb, wm), (cb, cm) in rows:
            print(
                f"{name:72} {wb * 1000:10.0f} / {wm * 1000:5.0f} ms "
                f"{cb * 1000:14.0f} / {cm * 1000:5.0f} ms"
            )


if __name__ == "__main__":
    main()
