"""Hostile input: names, file kinds, sizes and configurations that once crashed or hung cgolint.

Each class of failure has a test here: a file or directory name that is not UTF-8, names with
URI-special characters or control characters, symlink loops (named on the command line, and
with `exclude` set), devices and FIFOs reached as .go files, files over the size limit, a deeply
nested TOML configuration, catalog rows of the wrong type in the configuration, and a bug in a
rule (exit 2, SARIF executionSuccessful false). Every run must end with a clear message and
never a traceback, and one bad file never hides the findings in the others.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from conftest import REPO, run_cli, validate_sarif_schema, write_tree

GOOD = """package p

// #include <stdlib.h>
import "C"

func f(s string) {
	p := C.CString(s)
	_ = p
}
"""
LEAK = ("CGO001", 7, 7)  # rule, line, column of GOOD's finding


def report(result) -> dict:
    assert "Traceback" not in result.err, result.err
    return json.loads(result.out)


def sarif_uris(log: dict) -> list[str]:
    return [loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"] for loc in r["locations"]]


# --- names --------------------------------------------------------------------------------------


def test_file_name_that_is_not_utf8(tmp_path):
    """x\\xff.go: text and JSON show the byte escaped, SARIF percent-encodes it, the finding stays."""
    name = os.fsdecode(b"x\xff.go")
    (tmp_path / name).write_text(GOOD)
    text = run_cli("check", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in text.err
    assert text.code == 1
    assert text.out.splitlines()[0].startswith("x\\xff.go:7:7: warning: CGO001 ")
    doc = report(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path))
    assert [(f["rule"], f["path"], f["line"]) for f in doc["findings"]] == [("CGO001", "x\\xff.go", 7)]
    assert doc["findings"][0]["fingerprint"]
    log = json.loads(run_cli("check", "--no-cache", "--format", "sarif", cwd=tmp_path).out)
    validate_sarif_schema(log)
    assert sarif_uris(log) == ["x%FF.go"]
    assert unquote_to_bytes("x%FF.go") == b"x\xff.go"


def test_directory_name_that_is_not_utf8(tmp_path):
    (tmp_path / os.fsdecode(b"d\xe9")).mkdir()
    (tmp_path / os.fsdecode(b"d\xe9") / "a.go").write_text(GOOD)
    doc = report(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path))
    assert [f["path"] for f in doc["findings"]] == ["d\\xe9/a.go"]


@pytest.mark.parametrize("name", ["#x?.go", "a%3Ab.go", "sp ace.go", "é.go"])
def test_sarif_uri_round_trips(tmp_path, name):
    """A URI reference is percent-encoded from the file name's bytes, so a viewer finds the file."""
    (tmp_path / name).write_text(GOOD)
    log = json.loads(run_cli("check", "--no-cache", "--format", "sarif", cwd=tmp_path).out)
    validate_sarif_schema(log)
    [uri] = sarif_uris(log)
    assert unquote_to_bytes(uri) == os.fsencode(name)
    assert "#" not in uri and "?" not in uri and " " not in uri


def test_newline_and_tab_in_a_file_name_stay_on_one_line(tmp_path):
    (tmp_path / "a\nb\t.go").write_text(GOOD)
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    first = result.out.splitlines()[0]
    assert first.startswith("a\\nb\\t.go:7:7: warning: CGO001 ")
    assert len(result.out.splitlines()) == 2  # the finding and its related location, one line each


# --- files that are not regular files -----------------------------------------------------------


def test_symlink_loop_named_on_the_command_line(tmp_path):
    (tmp_path / "loop.go").symlink_to("loop.go")
    write_tree(tmp_path, {"a.go": GOOD})
    result = run_cli("check", "--no-cache", "--format", "json", "loop.go", "a.go", cwd=tmp_path)
    doc = report(result)
    assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a.go")]
    assert [(p["path"], p["message"], p["fatal"]) for p in doc["problems"]] == [
        ("loop.go", "cannot read file: Too many levels of symbolic links", True)]


def test_symlink_loop_with_exclude_set(tmp_path):
    (tmp_path / "loop.go").symlink_to("loop.go")
    write_tree(tmp_path, {"a.go": GOOD, "cgolint.toml": 'exclude = ["gen/*"]\n'})
    for args in (("loop.go", "a.go"), ()):
        doc = report(run_cli("check", "--no-cache", "--format", "json", *args, cwd=tmp_path))
        assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a.go")]
        assert [p["path"] for p in doc["problems"]] == ["loop.go"]
        assert "symbolic links" in doc["problems"][0]["message"]


def test_device_behind_a_symlink_is_not_read(tmp_path):
    """/dev/zero as z.go would be read until memory runs out: only regular files are read."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    (tmp_path / "z.go").symlink_to("/dev/zero")
    write_tree(tmp_path, {"a.go": GOOD})
    doc = report(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path))
    assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a.go")]
    assert [(p["path"], p["message"]) for p in doc["problems"]] == [
        ("z.go", "not a regular file (a character device); skipped")]


def with_fifo(tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess:
    """cgolint run in a subprocess with a time limit (reading a FIFO would block until someone
    writes) on GOOD and a FIFO called name."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(tmp_path / name)
    write_tree(tmp_path, {"a.go": GOOD})
    return subprocess.run([sys.executable, "-m", "cgolint", "check", "--no-cache", *args, "."], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_fifo_named_like_a_go_file_does_not_hang(tmp_path):
    done = with_fifo(tmp_path, "x.go", "--format", "json")
    doc = json.loads(done.stdout)
    assert done.returncode == 1
    assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a.go")]
    assert [(p["path"], p["message"]) for p in doc["problems"]] == [("x.go", "not a regular file (a FIFO); skipped")]


def test_directory_named_like_a_go_file(tmp_path):
    (tmp_path / "d.go").mkdir()
    write_tree(tmp_path, {"a.go": GOOD})
    doc = report(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path))
    assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a.go")]
    assert [(p["path"], p["message"]) for p in doc["problems"]] == [("d.go", "not a regular file (a directory); skipped")]


# --- size limit ---------------------------------------------------------------------------------


def test_file_over_the_size_limit_is_skipped_with_a_message(tmp_path):
    big = GOOD + "// " + "x" * 3000 + "\n"
    write_tree(tmp_path, {"a.go": GOOD.replace("func f", "func g"), "big/b.go": big,
                          "cgolint.toml": 'max-file-size = "2KiB"\n'})
    doc = report(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path))
    assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a.go")]
    assert [(p["path"], p["message"], p["fatal"]) for p in doc["problems"]] == [
        ("big/b.go", "file is 3 KiB, over max-file-size (2 KiB); skipped (raise max-file-size in the "
         "configuration to check it)", True)]


def test_default_size_limit_keeps_multi_megabyte_bindings(tmp_path):
    """Generated bindings of a few megabytes (OpenGL's are up to 2.4 MB) are checked by default."""
    big = GOOD + ("// " + "x" * 97 + "\n") * 30_000  # 3 MB
    write_tree(tmp_path, {"a.go": big})
    doc = report(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path))
    assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a.go")]
    assert doc["problems"] == []


@pytest.mark.parametrize("value, message", [
    ("0", "'max-file-size' must be a positive number of bytes or a size such as \"8MiB\", not 0"),
    ('"lots"', "'max-file-size' must be a positive number of bytes or a size such as \"8MiB\", not 'lots'"),
    ("-5", "'max-file-size' must be a positive number of bytes or a size such as \"8MiB\", not -5"),
    ("inf", "'max-file-size' must be a positive number of bytes or a size such as \"8MiB\", not inf"),
])
def test_bad_size_limit_is_a_configuration_error(tmp_path, value, message):
    write_tree(tmp_path, {"a.go": GOOD, "cgolint.toml": f"max-file-size = {value}\n"})
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert "Traceback" not in result.err
    assert result.err.strip().endswith(message)


# --- configuration ------------------------------------------------------------------------------


def test_deeply_nested_toml_is_a_configuration_error(tmp_path):
    write_tree(tmp_path, {"a.go": GOOD, "cgolint.toml": "exclude = " + "[" * 5000 + "]" * 5000 + "\n"})
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert "Traceback" not in result.err
    assert result.err.strip().endswith("invalid TOML: arrays or tables nested too deeply")


GROUP = '[[rules.CGO003.group]]\nid = "x"\nkind = "wait"\nwhy = "waits"\nnames = ["sleep"]\n'


@pytest.mark.parametrize("toml, message", [
    ('takes-ownership = [{ names = [1, 2] }]', "'names' must be a non-empty list of C function names"),
    ('takes-ownership = [{ names = ["f"], arg = -1 }]', "'arg' must be a 0-based argument index (0, 1, 2 ...), not -1"),
    ('takes-ownership = [{ names = ["f"], arg = inf }]', "'arg' must be a 0-based argument index (0, 1, 2 ...), not inf"),
    ('takes-ownership = [{ names = ["f"], unless = [-1, "x"] }]',
     "'unless' index must be a 0-based argument index (0, 1, 2 ...), not -1"),
    (GROUP.replace('names = ["sleep"]', "names = [1, 2]"), "'names' must be a list of C names"),
    (GROUP + 'nonblocking-when-zero = { sleep = "x" }',
     "nonblocking-when-zero.sleep must be a 0-based argument index (0, 1, 2 ...), not 'x'"),
    (GROUP + "nonblocking-when-zero = { sleep = inf }",
     "nonblocking-when-zero.sleep must be a 0-based argument index (0, 1, 2 ...), not inf"),
    (GROUP + "nonblocking-when-zero = { sleep = nan }",
     "nonblocking-when-zero.sleep must be a 0-based argument index (0, 1, 2 ...), not nan"),
    (GROUP + "nonblocking-when-zero = { sleep = -2 }",
     "nonblocking-when-zero.sleep must be a 0-based argument index (0, 1, 2 ...), not -2"),
    (GROUP + 'blocking-when-arg = { sleep = [-1, "F_SETLKW"] }',
     "blocking-when-arg.sleep[0] must be a 0-based argument index (0, 1, 2 ...), not -1"),
    (GROUP + 'blocking-when-arg = { sleep = [1.5, "F_SETLKW"] }',
     "blocking-when-arg.sleep[0] must be a 0-based argument index (0, 1, 2 ...), not 1.5"),
])
def test_catalog_rows_with_wrong_types_are_configuration_errors(tmp_path, toml, message):
    write_tree(tmp_path, {"a.go": GOOD, "cgolint.toml": toml + "\n"})
    result = run_cli("check", "--no-cache", cwd=tmp_path)
    assert "Traceback" not in result.err
    assert result.code == 2 and result.out == ""
    assert result.err.strip().endswith(message), result.err


def test_configuration_that_is_a_fifo_is_refused(tmp_path):
    done = with_fifo(tmp_path, "cgolint.toml", "--config", "cgolint.toml")
    assert done.returncode == 2
    assert done.stderr.strip() == "cgolint: error: cgolint.toml: configuration is not a regular file"


# --- a bug in a rule ----------------------------------------------------------------------------


def test_internal_error_exits_2_and_marks_the_sarif_run_failed(tmp_path, monkeypatch):
    """A rule that raises: its directory's other findings stay, the problem names the rule, the
    run exits 2 (not 1: CI must not read it as findings) and SARIF says the run did not succeed."""
    from cgolint.checks.blocking_c_call_in_hot_path import BlockingCCallInHotPath

    def broken(self, facts):
        raise ValueError("boom")

    monkeypatch.setattr(BlockingCCallInHotPath, "check", broken)
    write_tree(tmp_path, {"a.go": GOOD})
    text = run_cli("check", "--no-cache", "--jobs", "1", cwd=tmp_path)
    assert text.code == 2
    assert "a.go:7:7: warning: CGO001 " in text.out
    assert "a.go: error: internal error in CGO003 (ValueError: boom at test_hostile_input.py:" in text.err
    log = json.loads(run_cli("check", "--no-cache", "--jobs", "1", "--format", "sarif", cwd=tmp_path).out)
    validate_sarif_schema(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["level"] for n in invocation["toolExecutionNotifications"]] == ["error"]
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["CGO001"]


def test_internal_error_under_diff_is_shown_and_exits_2(tmp_path, monkeypatch):
    """--diff prints the fixes it can make, but a rule that failed is no "nothing to change": the
    problem goes to stderr and the run exits 2."""
    from cgolint.checks.blocking_c_call_in_hot_path import BlockingCCallInHotPath

    def broken(self, facts):
        raise ValueError("boom")

    monkeypatch.setattr(BlockingCCallInHotPath, "check", broken)
    write_tree(tmp_path, {"a.go": GOOD})
    result = run_cli("check", "--no-cache", "--jobs", "1", "--diff", cwd=tmp_path)
    assert result.code == 2
    assert "a.go: error: internal error in CGO003 (ValueError: boom at test_hostile_input.py:" in result.err


def test_a_run_without_internal_errors_is_successful_in_sarif(tmp_path):
    write_tree(tmp_path, {"a.go": GOOD})
    log = json.loads(run_cli("check", "--no-cache", "--format", "sarif", cwd=tmp_path).out)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_a_bug_outside_the_rules_loses_only_its_directory(tmp_path, monkeypatch):
    """A failure while finishing one directory's findings (here: fingerprinting) is an internal
    error of that directory; the other directories' findings are still reported, and the run exits 2."""
    import cgolint.lint

    real = cgolint.lint._fingerprint

    def fingerprint(findings, sources, go_files):
        if any(f.span.path.startswith("b/") for f in findings):
            raise RuntimeError("broken fingerprint")
        real(findings, sources, go_files)

    monkeypatch.setattr(cgolint.lint, "_fingerprint", fingerprint)
    write_tree(tmp_path, {"a/a.go": GOOD, "b/b.go": GOOD})
    result = run_cli("check", "--no-cache", "--jobs", "1", "--format", "json", cwd=tmp_path)
    doc = report(result)
    assert result.code == 2
    assert [(f["rule"], f["path"]) for f in doc["findings"]] == [("CGO001", "a/a.go")]
    assert [(p["path"], p["internal"]) for p in doc["problems"]] == [("b/b.go", True)]
    assert "internal error in finishing the findings (RuntimeError: broken fingerprint" in doc["problems"][0]["message"]
