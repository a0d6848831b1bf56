"""Installing with no network: a wheelhouse built on a connected machine, then
``pip install --no-index --find-links wheelhouse teijuu`` into a fresh venv, with the index
switched off (``PIP_NO_INDEX=1``) and no pip configuration of this machine in the way.

The wheelhouse is built in the test's setup as the README says (``pip wheel -w wheelhouse``):
teijuu's own wheel, and its dependencies' wheels from the pip cache or the registry. Where no
wheel of a dependency can be had (no network and nothing cached), the test is skipped and
says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


def _run(
    argv: list[str], env: dict[str, str] | None = None, cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=900, check=False, env=env, cwd=cwd
    )


def test_install_from_a_wheelhouse_with_the_index_off(tmp_path: Path) -> None:
    wheelhouse = tmp_path / "wheelhouse"
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "-w", str(wheelhouse), str(REPO)])
    if built.returncode != 0:
        pytest.skip(
            "no wheel of a dependency could be had offline (no network, nothing in the pip "
            f"cache): {built.stderr.strip().splitlines()[-1:]}"
        )
    names = sorted(p.name for p in wheelhouse.glob("*.whl"))
    assert any(n.startswith("teijuu-") for n in names), names
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    offline = {
        **os.environ,
        "PIP_NO_INDEX": "1",
        "PIP_CONFIG_FILE": os.devnull,  # no index or find-links of this machine's pip.conf
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    offline.pop("PIP_INDEX_URL", None)
    offline.pop("PIP_EXTRA_INDEX_URL", None)
    offline.pop("PIP_FIND_LINKS", None)
    install = _run(
        [
            str(scripts / "python"),
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            "teijuu",
        ],
        env=offline,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    # The installed command works, on the plans bundled in the wheel (no ./plans here).
    checked = _run(
        [str(scripts / "teijuu"), "validate"], env={**offline, "PYTHONUTF8": "1"}, cwd=tmp_path
    )
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert "0 error(s)" in checked.stderr
    assert "site-packages" in checked.stdout  # the warnings name the installed plan files
