"""The GitHub code scanning workflow the README shows is a real file that parses, and the cgolint
command in it gives a SARIF log when run as written."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys

import yaml

from conftest import REPO

WORKFLOW = REPO / "docs" / "github-code-scanning.yml"


def test_readme_shows_the_workflow_file():
    readme = (REPO / "README.md").read_text()
    assert "```yaml\n" + WORKFLOW.read_text() + "```" in readme


def test_workflow_parses_and_uploads_what_cgolint_writes(tmp_path):
    doc = yaml.safe_load(WORKFLOW.read_text())
    steps = doc["jobs"]["cgolint"]["steps"]
    [check] = [s for s in steps if str(s.get("run", "")).startswith("cgolint ")]
    [upload] = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    assert check.get("continue-on-error") is True
    assert doc["permissions"]["security-events"] == "write"
    args = shlex.split(check["run"])
    assert args[:2] == ["cgolint", "check"]
    root = tmp_path / "repo"  # the examples stand in for the repository the workflow checks out
    shutil.copytree(REPO / "examples", root)
    done = subprocess.run([sys.executable, "-m", "cgolint", *args[1:]], cwd=root, capture_output=True, text=True,
                          timeout=600, env={"PYTHONPATH": str(REPO), "PATH": ""})
    assert done.returncode in (0, 1), done.stderr
    log = json.loads((root / upload["with"]["sarif_file"]).read_text())
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True
