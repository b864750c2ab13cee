"""Text output read by the problem matchers editors use: VS Code's `$go` pattern and Vim's
quickfix list (its default 'errorformat', and one with %t for the level). Each finding must be one
problem at its place, and the related lines under it none."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_cli

# VS Code's built-in `$go` problem pattern (src/vs/workbench/contrib/tasks/common/problemMatcher.ts):
# file 2, line 4, column 6, message 7.
VSCODE_GO = re.compile(r"^([^:]*: )?((.:)?[^:]*):(\d+)(:(\d+))?: (.*)$")


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> tuple[list[str], list[dict]]:
    """The text and the JSON report of the examples, the same run's findings."""
    cwd = tmp_path_factory.mktemp("matchers")
    shutil.copytree(REPO / "examples", cwd / "examples")
    text = run_cli("check", "--no-cache", "examples", cwd=cwd)
    data = run_cli("check", "--no-cache", "--format", "json", "examples", cwd=cwd)
    assert text.code == data.code == 1
    findings = json.loads(data.out)["findings"]
    assert any(f["related"] for f in findings), "the examples must have findings with related lines"
    return text.out.splitlines(), findings


def test_go_pattern_reads_each_finding_once_and_skips_related_lines(output):
    lines, findings = output
    problems = [(m.group(2), int(m.group(4)), int(m.group(6)), m.group(7)) for m in map(VSCODE_GO.match, lines) if m]
    expected = [(f["path"], f["line"], f["column"], f"{f['level']}: {f['rule']} {f['message']}") for f in findings]
    assert problems == expected
    related = [line for line in lines if line.startswith("    ")]
    assert len(related) == sum(len(f["related"]) for f in findings) > 0


def test_related_lines_name_their_place_in_gnu_form(output):
    lines, findings = output
    related = [line for line in lines if line.startswith("    ")]
    first = next(f for f in findings if f["related"])["related"][0]
    assert f"    {first['path']}:{first['line']}.{first['column']}: {first['message']}" in related


def _nvim() -> str:
    found = shutil.which("nvim") or shutil.which("vim")
    if found is None:
        pytest.skip("neither Neovim nor Vim is installed (.ci/run installs Debian's neovim)")
    return found


def _quickfix(lines: list[str], tmp_path: Path, errorformat: str | None = None) -> list[dict]:
    report = tmp_path / "report.txt"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "qf.json"
    commands = [f"set errorformat={errorformat}"] if errorformat else []
    commands += ["cgetfile report.txt", 'call writefile([json_encode(getqflist())], "qf.json")', "qa!"]
    argv = [_nvim(), "-u", "NONE", "-i", "NONE", "-n", "-N", "-es"] if _nvim().endswith("/vim") \
        else [_nvim(), "--headless", "-u", "NONE", "-i", "NONE", "-n"]
    for c in commands:
        argv += ["-c", c]
    subprocess.run(argv, cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
                   env={**os.environ, "HOME": str(tmp_path)})
    return [e for e in json.loads(out.read_text()) if e["valid"]]


def test_vim_default_errorformat_lists_findings_only(output, tmp_path):
    lines, findings = output
    entries = _quickfix(lines, tmp_path)
    assert [(e["lnum"], e["col"], e["text"].strip()) for e in entries] == \
        [(f["line"], f["column"], f"{f['level']}: {f['rule']} {f['message']}") for f in findings]


def test_vim_reads_the_level_with_percent_t(output, tmp_path):
    lines, findings = output
    entries = _quickfix(lines, tmp_path, r"%f:%l:%c:\ %t%*[a-z]:\ %m")
    assert [(e["lnum"], e["type"], e["text"]) for e in entries] == \
        [(f["line"], f["level"][0], f"{f['rule']} {f['message']}") for f in findings]
    assert {e["type"] for e in entries} == {"w", "n"}
