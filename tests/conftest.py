"""Shared fixtures: the bundled plans, and a small valid plan set written as YAML text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
SPHERE_DIR = PLANS / "ichinoseki-hiraizumi"
SOURCE = SPHERE_DIR / "source" / "000_8e5a46bfbe14b644.txt"

SMALL_SPHERE = """\
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

SMALL_FRAMEWORK = """\
# yaml-language-server: $schema=../schemas/policy-framework.schema.json
apiVersion: teijuu/v2
kind: PolicyFramework
id: f
sphere: s
viewpoints:
  - id: living
    name: 生活機能の強化
    fields:
      - id: medical
        name: 医療
  - id: network
    name: 結びつきやネットワークの強化
    fields:
      - id: transport
        name: 地域公共交通
"""

SMALL_VISION = """\
# yaml-language-server: $schema=../schemas/vision.schema.json
apiVersion: teijuu/v2
kind: Vision
id: v
sphere: s
framework: f
edition: 1
title: 第1次試験ビジョン
status: adopted
period:
  start: 2024
  end: 2028
grading:
  bands:
    - label: A
      min_percent: 100
    - label: B
      min_percent: 80
    - label: C
      min_percent: 50
    - label: D
measures:
  - id: m1
    no: 1
    name: 休日診療事業
    viewpoint: living
    field: medical
    kpis:
      - id: k1
        name: 受診者数
        unit: 人
        baseline:
          fiscal_year: 2022
          value: 10
        target:
          fiscal_year: 2028
          value: 20
    programs:
      - by: a
        names: [当番医事業]
    budget:
      years:
        2024: 48221
        2025: 47349.5
    municipalities: [a, b]
"""

SMALL_RESULTS = """\
# yaml-language-server: $schema=../schemas/results.schema.json
apiVersion: teijuu/v2
kind: Results
id: v-fy2024
vision: v
fiscal_year: R6
measures:
  - measure: m1
    kpis:
      - kpi: k1
        actual: 18
    evaluation:
      - municipality: a
        text: 順調に推移した。
"""

SMALL_PLAN = {
    "sphere.yaml": SMALL_SPHERE,
    "framework.yaml": SMALL_FRAMEWORK,
    "vision.yaml": SMALL_VISION,
    "results.yaml": SMALL_RESULTS,
}


def write_plan(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    """A valid four-file plan in ``tmp_path/plan``."""
    return write_plan(tmp_path / "plan", SMALL_PLAN)


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the bundled plans (with their schemas beside them)."""
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    return tmp_path / "plans"


GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: str | bytes) -> None:
    """Compare with ``tests/golden/NAME``; ``TEIJUU_UPDATE_GOLDEN=1`` rewrites it instead.

    Review a rewritten golden file like code: its diff is the change in what people read.
    """
    import os

    path = GOLDEN / name
    if os.environ.get("TEIJUU_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(actual, bytes):
            path.write_bytes(actual)
        else:
            path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run the tests with TEIJUU_UPDATE_GOLDEN=1"
    expected = path.read_bytes() if isinstance(actual, bytes) else path.read_text("utf-8")
    assert actual == expected, f"{name} differs from the golden file"


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in an English locale, whatever the machine's: messages default to the
    locale's language (teijuu.messages.default_lang). A test of Japanese asks for it."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
