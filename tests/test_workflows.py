"""The GitHub Actions workflows pass zizmor (the Actions security analyzer) with no finding, and
keep the hardening it cannot see: every action pinned to a full commit SHA with the release
named beside it, no default token permissions, and deploys from main only.

zizmor runs offline (no GitHub API calls): it is pinned in pyproject.toml's `test` group, and the
pull-request workflow runs it too, as annotations.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.sitebuild import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def zizmor() -> str:
    beside = Path(sys.executable).with_name("zizmor")
    found = str(beside) if beside.exists() else shutil.which("zizmor")
    if found is None:
        message = "zizmor is not installed (pip install --group test)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def where(finding: dict) -> str:
    """'.github/workflows/deploy.yml:57: unpinned-uses: unpinned action reference'."""
    location = finding["locations"][0]
    path = location["symbolic"]["key"]["Local"]["verbatim_path"]
    line = location["concrete"]["location"]["start_point"]["row"] + 1
    return f"{path}:{line}: {finding['ident']}: {finding['desc']}"


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot_config() -> None:
    result = subprocess.run([zizmor(), "--offline", "--format", "json", ".github"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    findings = json.loads(result.stdout or "null")
    summary = [where(finding) for finding in findings or []]
    assert summary == [], "\n".join(summary)
    assert result.returncode == 0, result.stderr
    for name in ("deploy.yml", "pull-request.yml"):  # it read them all
        assert f"completed .github/workflows/{name}" in result.stderr
    assert "completed .github/dependabot.yml" in result.stderr


def load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # "on" stays "on"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_by_sha_with_the_release_named(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_default_token_and_no_credentials_left_by_checkout(path: Path) -> None:
    flow = load(path)
    assert flow["permissions"] == {}
    assert "pull_request_target" not in flow["on"]
    for name, job in flow["jobs"].items():
        assert job.get("permissions"), f"job {name} says what its token may do"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] == "false", name


def test_only_main_is_deployed() -> None:
    flow = load(GITHUB / "workflows" / "deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    for job in flow["jobs"].values():
        assert job["if"] == "github.ref == 'refs/heads/main'"
    assert flow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_dependabot_updates_actions_and_pip() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {
        "github-actions", "pip"}
