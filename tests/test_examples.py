"""examples/ holds real cgo programs, a bad and a fixed one per rule: they compile, the bad
one is reported under the rule its folder is named for, and the fixed one is clean."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from cgolint.registry import RULES

from conftest import REPO, run_cli

EXAMPLES = REPO / "examples"
RULE_DIRS = sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith("."))  # not a .cgolint_cache
GO = shutil.which("go")


def test_every_rule_with_a_check_has_an_example():
    named = {d.name.split("-")[0].upper() for d in RULE_DIRS}
    assert named == set(RULES) - {"CGO000"}
    for d in RULE_DIRS:
        assert (d / "bad").is_dir() and (d / "fixed").is_dir() and (d / "README.md").is_file()


@pytest.mark.parametrize("example", RULE_DIRS, ids=lambda d: d.name)
def test_bad_is_reported_and_fixed_is_clean(example):
    rule = example.name.split("-")[0].upper()
    result = run_cli("check", "--format", "json", "--fail-level", "note", "bad", "fixed", cwd=example)
    findings = json.loads(result.out)["findings"]
    assert {f["rule"] for f in findings if f["path"].startswith("bad/")} == {rule}
    assert [f for f in findings if f["path"].startswith("fixed/")] == []
    assert result.code == 1


@pytest.mark.skipif(GO is None, reason="go is not on PATH: cannot prove the examples compile")
def test_examples_vet_and_build(tmp_path):
    env = {**os.environ, "CGO_ENABLED": "1"}
    for args in (["vet", "./..."], ["build", "-o", os.devnull, "./..."]):
        done = subprocess.run([GO, *args], cwd=EXAMPLES, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"go {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
