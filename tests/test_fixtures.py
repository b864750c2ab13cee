"""Labelled fixtures: every `// want` label is met and no other line has a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import check_wants, run_cli

TESTDATA = Path(__file__).parent / "testdata"
FIXTURES = sorted(p.name for p in TESTDATA.iterdir() if p.is_dir() and p.name != "golden")


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture(name):
    root = TESTDATA / name
    # A corpus labelled for some rules only says so in its own cgolint.toml.
    config = root / "cgolint.toml" if (root / "cgolint.toml").exists() else TESTDATA / "empty.toml"
    result = run_cli("check", "--format", "json", "--config", str(config), ".", cwd=root)
    assert result.code in (0, 1), result.err
    doc = json.loads(result.out)
    assert doc["problems"] == []
    assert check_wants(root, doc["findings"]) == []
