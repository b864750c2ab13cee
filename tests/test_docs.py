"""Generated documentation matches the catalog it is generated from."""

from __future__ import annotations

import re

from cgolint.catalog import rule_meta
from cgolint.docs import pages
from cgolint.registry import RULES

from conftest import REPO, run_cli


def test_generated_rule_pages_are_current():
    for name, content in pages().items():
        path = REPO / "docs" / "rules" / name
        assert path.exists() and path.read_text(encoding="utf-8") == content, (
            f"docs/rules/{name} is stale: run `python -m cgolint.docs docs/rules`"
        )


def test_readme_rule_table_lists_every_rule():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (CGO\d{3}) \| ([\w-]+) \| (\w+) \| (.+) \|$", readme, re.MULTILINE)
    assert rows == [
        (rid, rule_meta(rid).name, rule_meta(rid).level.value, rule_meta(rid).short) for rid in sorted(RULES)
    ]


def test_rules_command_lists_every_rule(tmp_path):
    result = run_cli("rules", cwd=tmp_path)
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()] == sorted(RULES)
    assert "risky-c-library-call" in result.out


def test_rule_command_prints_documentation(tmp_path):
    result = run_cli("rule", "cgo004", cwd=tmp_path)
    assert result.code == 0
    assert result.out.startswith("# CGO004 risky-c-library-call\n")
    assert "## Why is this bad?" in result.out and "## Use instead" in result.out
    assert "// want" not in result.out


def test_rule_command_unknown_id(tmp_path):
    result = run_cli("rule", "CGO123", cwd=tmp_path)
    assert result.code == 2
    assert "unknown rule 'CGO123'" in result.err


def test_readme_configuration_example_is_a_valid_configuration(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "cgolint.toml").write_text(example, encoding="utf-8")
    (tmp_path / "p.go").write_text('package p\n\n// #include <zlib.h>\nimport "C"\n\nfunc f() { C.deflate(nil, 0) }\n')
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.code in (0, 1), result.err
