"""What ruff and golangci-lint users type: `./...`, `--output-format`, `--exit-zero`, `--statistics`."""

from __future__ import annotations

from conftest import run_cli, write_tree

LEAK = """package {pkg}

// #include <stdlib.h>
import "C"

func F(s string) {{
	p := C.CString(s)
	_ = p
}}
"""
ZLIB = """package {pkg}

// #cgo LDFLAGS: -lz
// #include <zlib.h>
import "C"

func Sum(b []byte) uint32 {{
	return uint32(C.crc32(0, nil, 0))
}}
"""


def tree(root):
    write_tree(root, {"a/a.go": LEAK.format(pkg="a"), "a/deep/d.go": LEAK.format(pkg="deep"),
                      "b/b.go": LEAK.format(pkg="b"), "z/z.go": ZLIB.format(pkg="z")})


def test_go_patterns_name_a_directory_and_everything_below(tmp_path):
    tree(tmp_path)
    every = run_cli("check", "--no-cache", cwd=tmp_path)
    assert run_cli("check", "--no-cache", "./...", cwd=tmp_path).out == every.out
    assert run_cli("check", "--no-cache", "...", cwd=tmp_path).out == every.out
    below = run_cli("check", "--no-cache", "a/...", cwd=tmp_path)
    assert [line.split(":")[0] for line in below.out.splitlines() if not line.startswith(" ")] == ["a/a.go",
                                                                                                  "a/deep/d.go"]


def test_output_format_is_an_alias_of_format(tmp_path):
    tree(tmp_path)
    assert run_cli("check", "--no-cache", "--output-format", "json", cwd=tmp_path).out == \
        run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path).out


def test_exit_zero(tmp_path):
    tree(tmp_path)
    assert run_cli("check", "--no-cache", cwd=tmp_path).code == 1
    result = run_cli("check", "--no-cache", "--exit-zero", cwd=tmp_path)
    assert result.code == 0 and "CGO001" in result.out
    assert run_cli("check", "--no-cache", "--exit-zero", "missing", cwd=tmp_path).code == 2  # a usage error still is


def test_statistics_counts_per_rule_most_first(tmp_path):
    tree(tmp_path)
    result = run_cli("check", "--no-cache", "--statistics", cwd=tmp_path)
    assert result.out == "     3  CGO001  cstring-not-freed\n     1  CGO004  risky-c-library-call\n"
    assert result.code == 1  # the exit code still says there are findings


def rules_found(result) -> list[tuple[str, str]]:
    import json

    return sorted({(f["rule"], f["path"].split("/")[0]) for f in json.loads(result.out)["findings"]})


def test_extend_select_adds_to_the_configured_selection(tmp_path):
    tree(tmp_path)
    write_tree(tmp_path, {"cgolint.toml": 'select = ["CGO004"]\n'})
    assert rules_found(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path)) == [("CGO004", "z")]
    both = run_cli("check", "--no-cache", "--format", "json", "--extend-select", "CGO001", cwd=tmp_path)
    assert rules_found(both) == [("CGO001", "a"), ("CGO001", "b"), ("CGO004", "z")]
    bad = run_cli("check", "--no-cache", "--extend-select", "CGO999", cwd=tmp_path)
    assert bad.code == 2 and "--extend-select" in bad.err


def test_exclude_replaces_and_extend_exclude_adds(tmp_path):
    tree(tmp_path)
    write_tree(tmp_path, {"cgolint.toml": 'exclude = ["a/*"]\n'})
    configured = run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path)
    assert rules_found(configured) == [("CGO001", "b"), ("CGO004", "z")]
    replaced = run_cli("check", "--no-cache", "--format", "json", "--exclude", "b/*,z/*", cwd=tmp_path)
    assert rules_found(replaced) == [("CGO001", "a")]
    extended = run_cli("check", "--no-cache", "--format", "json", "--extend-exclude", "z/*", cwd=tmp_path)
    assert rules_found(extended) == [("CGO001", "b")]


def test_show_settings_prints_and_lints_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("CGOLINT_CACHE_DIR")
    tree(tmp_path)
    write_tree(tmp_path, {"cgolint.toml": 'exclude = ["a/*"]\n[rules.CGO001]\nlevel = "error"\n'})
    result = run_cli("check", "--show-settings", "--select", "CGO001,CGO004", "--jobs", "3", cwd=tmp_path)
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == f"configuration = {tmp_path / 'cgolint.toml'}"
    assert "rules = CGO001 (error), CGO004 (note)" in lines
    assert "exclude = ['a/*']" in lines
    assert f"cache = {tmp_path / '.cgolint_cache'}" in lines
    assert "jobs = 3" in lines
    assert not (tmp_path / ".cgolint_cache").exists()


def test_color(tmp_path, monkeypatch):
    """--color always colours the place, the rule id (by level) and the related lines; never and auto (not
    a terminal here) give plain text; NO_COLOR turns auto off on a terminal too."""
    tree(tmp_path)
    plain = run_cli("check", "--no-cache", cwd=tmp_path).out
    assert "\x1b[" not in plain
    assert run_cli("check", "--no-cache", "--color", "never", cwd=tmp_path).out == plain
    coloured = run_cli("check", "--no-cache", "--color", "always", cwd=tmp_path).out
    first = coloured.splitlines()[0]
    assert first.startswith("\x1b[1ma/a.go:7:7:\x1b[0m \x1b[1;33mwarning: CGO001\x1b[0m p (from C.CString) is not freed")
    assert "\x1b[2m    a/a.go:9.1: C.CString memory is lost here" in coloured
    assert "\x1b[1;36mnote: CGO004\x1b[0m" in coloured  # a note
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    from cgolint import cli

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    assert cli._colour("auto", None) is False
    monkeypatch.delenv("NO_COLOR")
    assert cli._colour("auto", None) is True
    assert cli._colour("auto", tmp_path / "report.txt") is False


def test_github_annotations_are_capped_and_say_so(tmp_path):
    """GitHub shows 10 annotations of a kind per step: the 11th and later warnings are not printed,
    and a notice (itself one of the ten notices) counts them."""
    write_tree(tmp_path, {f"p{i:02}/a.go": LEAK.format(pkg=f"p{i:02}") for i in range(13)})
    out = run_cli("check", "--no-cache", "--format", "github", cwd=tmp_path).out.splitlines()
    assert out[0] == ("::notice title=cgolint::3 more annotation(s) are not shown: GitHub shows at most 10 errors, "
                      "10 warnings and 10 notices per step. Run cgolint with --format text (the log) or --format "
                      "sarif (code scanning) to see them all.")
    warnings = [line for line in out if line.startswith("::warning ")]
    assert len(warnings) == 10
    assert warnings[0].startswith("::warning file=p00/a.go,line=7,col=7,endColumn=16,title=CGO001 cstring-not-freed::")
    few = run_cli("check", "--no-cache", "--format", "github", "p00", cwd=tmp_path).out.splitlines()
    assert len(few) == 1 and few[0].startswith("::warning file=p00/a.go")
