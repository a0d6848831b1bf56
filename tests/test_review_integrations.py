"""The shipped GitHub workflow and pre-commit hooks, run for real on a throw-away git repository.

The steps that need GitHub (checkout, installing, posting the comment) are not run; every
teijuu command of the workflow is, with the same shell lines and the variables GitHub sets,
against a bare ``origin``. The workflow is linted against the github-workflow JSON Schema that
check-jsonschema ships (offline), and each step's script with ``bash -n``. The hooks run through
the real pre-commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from teijuu.yamlio import parse_yaml

from .conftest import REPO, assert_golden

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _env(**more: str) -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        **GIT_ENV,
        "PATH": bindir + os.pathsep + os.environ["PATH"],
        "TEIJUU_FAIL_ON": "high",
        **more,
    }


def _sh(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone of a plans repository, on a branch off origin/main."""
    origin = tmp_path / "origin.git"
    work = tmp_path / "work"
    seed = tmp_path / "seed"
    shutil.copytree(REPO / "plans", seed / "plans")
    shutil.copytree(REPO / "schemas", seed / "schemas")
    assert _sh("git init -q -b main && git add -A && git commit -qm plans", seed).returncode == 0
    assert _sh(f"git clone -q --bare {seed} {origin}", tmp_path).returncode == 0
    assert _sh(f"git clone -q {origin} {work}", tmp_path).returncode == 0
    assert _sh("git switch -qc change", work).returncode == 0
    return work


WORKFLOW = REPO / "integrations" / "github" / "teijuu-plans.yml"


def _workflow() -> dict[str, Any]:
    workflow: dict[str, Any] = parse_yaml(WORKFLOW.read_text("utf-8")).data
    return workflow


def _steps() -> dict[str, str]:
    steps = _workflow()["jobs"]["review"]["steps"]
    return {s["name"]: s["run"] for s in steps if "name" in s}


def _commit(work: Path, old: str, new: str, file: str = "visions/3rd.yaml") -> None:
    path = work / "plans" / "ichinoseki-hiraizumi" / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    assert _sh("git commit -qam change", work).returncode == 0


def _step(name: str, work: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run one step as GitHub would (its variables set); its result and what it output."""
    outputs = work.parent / "github-output"
    outputs.write_text("", "utf-8")
    github = {
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(work.parent / "summary.md"),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "owner/plans",
        "BASE_SHA": _sh("git rev-parse origin/main", work).stdout.strip(),
        "HEAD_SHA": _sh("git rev-parse HEAD", work).stdout.strip(),
    }
    done = _sh(_steps()[name], work, **github, **env)
    return done, outputs.read_text("utf-8")


def _review(work: Path) -> str:
    return (work / "teijuu-review.md").read_text("utf-8")


def test_the_workflow_passes_its_lint() -> None:
    """The github-workflow schema (check-jsonschema's copy: no network), bash -n on every
    script, and what the review needs: a time limit, no pull_request_target, no token left in
    the checkout, a pinned install, one diff."""
    # the check-jsonschema of this environment, whether or not its bin folder is on PATH
    tool = Path(sys.executable).with_name("check-jsonschema")
    lint = _sh(f"{tool} --builtin-schema vendor.github-workflows {WORKFLOW}", REPO)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    for name, script in _steps().items():
        assert _sh(f"bash -n <<'SCRIPT'\n{script}\nSCRIPT", REPO).returncode == 0, name
    workflow = _workflow()
    assert set(workflow["on"]) == {"pull_request"}
    job = workflow["jobs"]["review"]
    assert 0 < job["timeout-minutes"] <= 30
    checkout = job["steps"][0]
    assert checkout["with"]["persist-credentials"] is False
    assert "@main" not in WORKFLOW.read_text("utf-8")
    assert sum("teijuu diff" in run for run in _steps().values()) == 1


def test_workflow_on_a_changed_target(pull_request: Path) -> None:
    _commit(pull_request, "          value: 15\n", "          value: 16\n")
    validate, outputs = _step("Validate the plans", pull_request)
    assert validate.returncode == 0
    assert outputs == "status=0\n"
    diff, outputs = _step("Diff against the base", pull_request)
    assert diff.returncode == 0, diff.stderr
    assert outputs == "status=1\n"  # a target changed without a note
    comment = _review(pull_request)
    assert comment.startswith("<!-- teijuu-diff -->\n")
    assert "kpi:medical-staff/local-hires:target.value" in comment
    assert "15 → 16" in comment
    assert "(https://github.com/owner/plans/blob/" in comment
    annotation = "::error file=plans/ichinoseki-hiraizumi/visions/3rd.yaml,line=120,col=18,"
    assert diff.stdout.startswith(annotation)
    summary, _ = _step("Job summary", pull_request)
    assert summary.returncode == 0
    assert (pull_request.parent / "summary.md").read_text("utf-8") == comment
    verdict, _ = _step("Verdict", pull_request, VALID="0", CHANGES="1")
    assert verdict.returncode == 1
    assert "no change note" in verdict.stdout


def test_workflow_accepts_a_noted_change(pull_request: Path) -> None:
    _commit(
        pull_request,
        "revisions:\n",
        "change_notes:\n  - change: kpi:medical-staff/local-hires:target.value\n"
        "    note: 令和7年度懇談会の意見を受けて目標値を見直し。\nrevisions:\n",
    )
    _commit(pull_request, "          value: 15\n", "          value: 16\n")
    diff, outputs = _step("Diff against the base", pull_request)
    assert outputs == "status=0\n"
    assert "説明あり" in _review(pull_request)
    assert diff.stdout.startswith("::notice file=")  # explained: shown, fails nothing
    assert _step("Verdict", pull_request, VALID="0", CHANGES="0")[0].returncode == 0


def test_workflow_stops_on_an_invalid_plan_and_says_why(pull_request: Path) -> None:
    _commit(pull_request, "2024: 48221", '2024: "48,221"')
    result, outputs = _step("Validate the plans", pull_request)
    assert result.returncode == 0  # the verdict comes last, after the comment
    assert outputs == "status=1\n"
    assert "::error file=plans/ichinoseki-hiraizumi/visions/3rd.yaml,line=94," in result.stdout
    comment = _review(pull_request)  # what the comment and the job summary show
    assert comment.startswith("<!-- teijuu-diff -->\n## teijuu validate: the plans are invalid")
    assert "invalid-number" in comment
    verdict, _ = _step("Verdict", pull_request, VALID="1", CHANGES="")
    assert verdict.returncode == 1
    assert "invalid" in verdict.stdout


def _hooks() -> list[dict[str, object]]:
    hooks: list[dict[str, object]] = parse_yaml(
        (REPO / ".pre-commit-hooks.yaml").read_text("utf-8")
    ).data
    return hooks


def test_each_hook_has_a_variant_for_a_network_without_an_index() -> None:
    hooks = {str(h["id"]): h for h in _hooks()}
    assert set(hooks) == {
        "teijuu-validate",
        "teijuu-fmt-check",
        "teijuu-validate-system",
        "teijuu-fmt-check-system",
    }
    for name in ("teijuu-validate", "teijuu-fmt-check"):
        python, system = hooks[name], hooks[f"{name}-system"]
        assert (python["language"], system["language"]) == ("python", "system")
        same = {k: v for k, v in python.items() if k not in {"id", "language", "description"}}
        assert same == {k: system[k] for k in same}


@pytest.mark.skipif(
    shutil.which("pre-commit", path=_env()["PATH"]) is None, reason="pre-commit is not installed"
)
def test_the_hooks_through_pre_commit(pull_request: Path, tmp_path: Path) -> None:
    """The real pre-commit, from a throw-away copy of this repository's hooks manifest, with
    the -system hooks: nothing is installed and no network is needed."""
    hooks_repo = tmp_path / "hooks"
    hooks_repo.mkdir()
    shutil.copy(REPO / ".pre-commit-hooks.yaml", hooks_repo)
    assert (
        _sh("git init -q -b main && git add -A && git commit -qm hooks", hooks_repo).returncode == 0
    )
    rev = _sh("git rev-parse HEAD", hooks_repo).stdout.strip()
    (pull_request / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks_repo}\n    rev: {rev}\n    hooks:\n"
        "      - id: teijuu-validate-system\n      - id: teijuu-fmt-check-system\n",
        "utf-8",
    )
    home = f"PRE_COMMIT_HOME={tmp_path / 'cache'}"
    assert (
        _sh(
            f"git add .pre-commit-config.yaml && {home} pre-commit install", pull_request
        ).returncode
        == 0
    )
    sphere = pull_request / "plans" / "ichinoseki-hiraizumi"

    def edit(file: str, old: str, new: str) -> None:
        path = sphere / file
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")

    # A bad edit: a repeated key in the vision, a misspelt KPI id in the results, and a
    # schedule out of the canonical layout. One commit reports all three.
    edit("visions/3rd.yaml", "edition: 3\n", "edition: 3\nedition: 3\n")
    edit("results/3rd-fy2024.yaml", "kpi: local-hires", "kpi: local-hire")
    edit("schedules/2025-2026.yaml", "kind: Schedule", "kind:   Schedule")
    bad = _sh(f"git add -A && {home} git commit -qm bad", pull_request)
    assert bad.returncode != 0
    output = bad.stdout + bad.stderr
    assert "teijuu validate" in output
    assert "Failed" in output
    assert "3rd.yaml:16:1: error: duplicate-key" in output
    assert (
        "3rd-fy2024.yaml:26:14: error: unresolved-reference: no KPI of medical-staff "
        "has the id 'local-hire'" in output
    )
    assert "would reformat plans/ichinoseki-hiraizumi/schedules/2025-2026.yaml" in output
    assert "no vision has the id" not in output  # the vision is read despite its repeated key
    # The good edit: all three put right, and a target changed.
    edit("visions/3rd.yaml", "edition: 3\nedition: 3\n", "edition: 3\n")
    edit("results/3rd-fy2024.yaml", "kpi: local-hire\n", "kpi: local-hires\n")
    edit("schedules/2025-2026.yaml", "kind:   Schedule", "kind: Schedule")
    edit("visions/3rd.yaml", "          value: 15\n", "          value: 16\n")
    good = _sh(f"git add -A && {home} git commit -qm good", pull_request)
    assert good.returncode == 0, good.stdout + good.stderr
    assert (good.stdout + good.stderr).count("Passed") == 2


_DROPPED_KPI = """      - id: staff-training-participants
        name: 職員研修の参加者数
        unit: 人
        baseline:
          fiscal_year: 2024
          value: 127
        target:
          fiscal_year: 2031
"""


def test_a_pr_comment_leads_with_the_unexplained_high_changes(pull_request: Path) -> None:
    """A pull request that changes a target, removes a KPI and renames a measure: the comment
    leads with those three, each at its file:line (linked), before anything collapsed."""
    _commit(pull_request, "          value: 15\n", "          value: 18\n")
    _commit(pull_request, _DROPPED_KPI, "", "visions/4th.yaml")
    _commit(
        pull_request,
        "  - id: sixth-industry\n",
        "  - id: sixth-sector-industry\n",
        "visions/4th.yaml",
    )
    result = _sh(
        "teijuu diff --base main plans --format pr --fail-on high"
        " --link-new https://github.com/o/plans/blob/HEAD/"
        " --link-old https://github.com/o/plans/blob/BASE/",
        pull_request,
    )
    assert result.returncode == 1, result.stderr
    comment = result.stdout
    lead = comment[: comment.index("<details>")]
    items = [line for line in lead.splitlines() if line.startswith("- ")]
    visions = "plans/ichinoseki-hiraizumi/visions"
    assert [(item.split("`")[1], item.rsplit("`", 2)[1]) for item in items] == [
        (f"{visions}/3rd.yaml:120", "kpi:medical-staff/local-hires:target.value"),
        (f"{visions}/4th.yaml:508", "measure-id:sixth-industry~sixth-sector-industry"),
        (f"{visions}/4th.yaml:1024", "kpi:dx/staff-training-participants"),
    ]
    assert "達成状況: FY2024 B → C" in items[0]  # the grade the new target moves (14/18)
    assert f"(https://github.com/o/plans/blob/BASE/{visions}/4th.yaml#L1024)" in items[2]
    assert_golden("diff-pr-target-kpi-rename.md", comment)
    # the message of --fail-on names each change and the file whose change_notes explain it
    assert "new edition" not in result.stderr
    assert f"kpi:medical-staff/local-hires:target.value  ({visions}/3rd.yaml:120)" in (
        result.stderr
    )
