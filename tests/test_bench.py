"""The benchmark scripts find the tools they are told of."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPO


def bench_module(name: str) -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(REPO / "bench"))
        sys.modules.pop(name, None)
    return module


@pytest.mark.parametrize("script", ["national", "compare"])
def test_a_relative_check_jsonschema_path_is_found(
    script: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runs start in the corpus directory: the path must not stay relative."""
    tool = tmp_path / "venv" / "bin" / "check-jsonschema"
    tool.parent.mkdir(parents=True)
    tool.write_text("#!/bin/sh\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    found = bench_module(script).find_check_jsonschema("venv/bin/check-jsonschema")
    assert found == tool
    assert found.is_absolute()
    assert bench_module(script).find_check_jsonschema("venv/bin/nothing") is None
