"""The README opens with the two commands that work on a fresh machine; CI runs the second."""

from __future__ import annotations

import re

from .conftest import REPO


def _commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)[:2]


def test_readme_opens_with_setup_and_test_commands() -> None:
    run, test = _commands()
    assert run.startswith("python3 -m venv .venv")
    assert "teijuu validate" in run
    assert test.startswith("python3 -m venv .venv")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    _, test = _commands()
    install_and_test = test.split(" && ", 1)[1]  # CI makes the venv itself first
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci
