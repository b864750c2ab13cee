"""Every rule's documented example is reported and its "use instead" is clean (Fixit's VALID/INVALID)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from cgolint.catalog import rule_meta, strip_want
from cgolint.registry import RULES

from conftest import run_cli, write_tree


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_example_is_reported(rule_id, tmp_path):
    meta = rule_meta(rule_id)
    write_tree(tmp_path, {"example.go": meta.example})
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    rules = [f["rule"] for f in json.loads(result.out)["findings"]]
    assert rule_id in rules, f"{rule_id}'s example is not reported: {result.out}"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_use_instead_is_clean(rule_id, tmp_path):
    meta = rule_meta(rule_id)
    write_tree(tmp_path, {"instead.go": meta.instead})
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert json.loads(result.out)["findings"] == []
    assert result.code == 0


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_documentation_is_complete(rule_id):
    meta = rule_meta(rule_id)
    doc = meta.markdown()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in doc
    assert len(meta.short) <= 1024 and len(meta.full) <= 1024  # GitHub's limit for SARIF descriptions
    assert meta.name == meta.name.lower() and " " not in meta.name


GO = shutil.which("go")


@pytest.mark.skipif(GO is None, reason="go is not on PATH: cannot prove the rule examples compile")
@pytest.mark.parametrize("rule_id", sorted(RULES))
@pytest.mark.parametrize("part", ["example", "instead"])
def test_documented_code_is_real_cgo(rule_id, part, tmp_path):
    """The example and its "use instead" are real cgo: `go vet` accepts them as they are shown."""
    code = strip_want(getattr(rule_meta(rule_id), part))
    write_tree(tmp_path, {"go.mod": "module example.com/doc\n\ngo 1.21\n", "doc.go": code})
    done = subprocess.run([GO, "vet", "."], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CGO_ENABLED": "1"})
    assert done.returncode == 0, f"{rule_id} {part}:\n{done.stderr}"
