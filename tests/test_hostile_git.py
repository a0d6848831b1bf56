"""Hostile git inputs to ``teijuu diff`` (issue 12, item 5): trees whose entries would be written
outside the temporary folder, revisions that look like options, non-ASCII file names."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from teijuu.cli import main

from .conftest import SMALL_PLAN, write_plan

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str, data: bytes | None = None) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.jp", *args],
        cwd=repo,
        input=data,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose plans/試験圏/ holds the small plan, committed; the working
    directory, with TMPDIR inside it so that nothing written outside goes unseen."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    write_plan(root / "plans" / "試験圏", SMALL_PLAN)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "plans")
    scratch = tmp_path / "scratch" / "tmp"
    scratch.mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.chdir(root)
    return root


def _evil_commit(repo: Path, plans_tree: str) -> None:
    """Branch ``evil`` whose ``plans`` is ``plans_tree``."""
    top = _git(repo, "mktree", data=f"040000 tree {plans_tree}\tplans\n".encode())
    commit = _git(repo, "commit-tree", top, "-m", "evil")
    _git(repo, "branch", "evil", commit)


def _written_outside(tmp_path: Path) -> list[str]:
    return sorted(
        str(p.relative_to(tmp_path)) for p in tmp_path.rglob("pwned*") if "repo" not in p.parts
    )


def test_a_tree_entry_named_dot_dot_is_refused(repo: Path, tmp_path: Path) -> None:
    blob = _git(repo, "hash-object", "-w", "--stdin", data=b"apiVersion: teijuu/v1\n")
    inner = _git(repo, "mktree", data=f"100644 blob {blob}\tpwned.yaml\n".encode())
    up = _git(repo, "mktree", data=f"040000 tree {inner}\t..\n".encode())
    plans = _git(repo, "mktree", data=f"040000 tree {up}\t..\n".encode())
    _evil_commit(repo, plans)
    code, _, err = _run("diff", "evil:plans", "plans")
    assert code == 2, err
    assert "an entry named '..'" in err
    assert "refused" in err
    assert "Traceback" not in err
    assert _written_outside(tmp_path) == []
    assert list((tmp_path / "scratch" / "tmp").iterdir()) == []  # the temporary folder is gone


def test_a_tree_entry_with_a_slash_is_refused(repo: Path, tmp_path: Path) -> None:
    blob = _git(repo, "hash-object", "-w", "--stdin", data=b"apiVersion: teijuu/v1\n")
    # git mktree refuses a '/' in a name; a tree object written as bytes does not
    raw = b"100644 ../../pwned.yaml\0" + bytes.fromhex(blob)
    plans = _git(repo, "hash-object", "-t", "tree", "-w", "--literally", "--stdin", data=raw)
    _evil_commit(repo, plans)
    code, _, err = _run("diff", "evil:plans", "plans")
    assert code == 2, err
    assert "an entry named '../../pwned.yaml'" in err
    assert _written_outside(tmp_path) == []


@pytest.mark.parametrize("revision", ["--format=x", "--output=pwned.txt", "-h", "--end-of-options"])
def test_a_revision_is_never_an_option(repo: Path, revision: str) -> None:
    code, _, err = _run("diff", f"--base={revision}", "plans")
    assert code == 2, err
    assert "is not a git revision" in err
    assert "Traceback" not in err
    assert not (repo / "pwned.txt").exists()


def test_an_unknown_revision_is_a_message(repo: Path) -> None:
    code, _, err = _run("diff", "--base", "no-such-branch", "plans")
    assert code == 2
    assert "no-such-branch" in err


def test_non_ascii_file_names_work_in_base_and_rev_path(repo: Path) -> None:
    vision = repo / "plans" / "試験圏" / "vision.yaml"
    vision.write_text(vision.read_text("utf-8").replace("48221", "50000"), "utf-8")
    code, out, err = _run("diff", "--base", "HEAD", "plans")
    assert code == 0, err
    assert "48,221" in out or "48221" in out, out
    code, out, err = _run("diff", "HEAD:plans/試験圏/vision.yaml", "plans/試験圏/vision.yaml")
    assert code == 0, err
    assert "50,000" in out or "50000" in out, out
    os.chdir(repo / "plans")  # a path relative to a folder with a non-ASCII name
    code, out, err = _run("diff", "HEAD:試験圏/vision.yaml", "試験圏/vision.yaml")
    assert code == 0, err
