"""Every rule's documented example is reported and its "use instead" is clean (Fixit's VALID/INVALID)."""

from __future__ import annotations

import json

import pytest

from cgolint.catalog import rule_meta
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
