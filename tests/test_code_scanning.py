"""What GitHub code scanning reads from cgolint's SARIF: the leak's path (codeFlows), the security
severity and CWE tags of the leak rules, the analysis category, whether every file was analysed,
and the cut at the number of results GitHub stores."""

from __future__ import annotations

import json
import shutil

from cgolint.output import sarif
from conftest import REPO, run_cli, validate_sarif_schema, write_tree

LEAKS = """package p

// #include <openssl/evp.h>
// #include <stdlib.h>
// #include <string.h>
import "C"

func cipher() { C.EVP_CIPHER_CTX_new() }

func a(s string) int { p := C.CString(s); return int(C.strlen(p)) }

func b(s string) int { p := C.CString(s); return int(C.strlen(p)) }

func c(s string) int { p := C.CString(s); return int(C.strlen(p)) }
"""


def sarif_run(cwd, *args):
    result = run_cli("check", "--no-cache", "--format", "sarif", *args, cwd=cwd)
    assert result.code in (0, 1), result.err
    log = json.loads(result.out)
    validate_sarif_schema(log)
    return log["runs"][0]


def test_leak_results_carry_the_path_from_allocation_to_exit(tmp_path):
    shutil.copytree(REPO / "examples/cgo001-cstring-not-freed", tmp_path / "ex")
    run = sarif_run(tmp_path, "ex/bad")
    result = next(r for r in run["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 52)
    (flow,) = result["codeFlows"]
    (thread,) = flow["threadFlows"]
    steps = [(s["location"]["physicalLocation"]["region"]["startLine"],
              s["location"]["physicalLocation"]["region"]["startColumn"], s["location"]["message"]["text"])
             for s in thread["locations"]]
    assert steps == [(52, 11, "C.CString allocates C memory here, held by cpath"),
                     (55, 3, "C.CString memory is lost here (when returning at line 55)")]
    assert all(s["location"]["physicalLocation"]["artifactLocation"] == {"uri": "ex/bad/main.go", "uriBaseId": "%SRCROOT%"}
               for s in thread["locations"])
    # every CGO001/CGO002 result has a flow; the other rules' have none
    for r in run["results"]:
        assert bool(r.get("codeFlows")) == (r["ruleId"] in ("CGO001", "CGO002")), r["ruleId"]


def test_leak_rules_have_security_severity_and_cwe_401(tmp_path):
    write_tree(tmp_path, {"a.go": LEAKS})
    rules = {r["id"]: r["properties"] for r in sarif_run(tmp_path, ".")["tool"]["driver"]["rules"]}
    for rid in ("CGO001", "CGO002"):
        assert rules[rid]["security-severity"] == "5.3"
        assert {"security", "external/cwe/cwe-401"} <= set(rules[rid]["tags"])
    for rid in ("CGO000", "CGO003", "CGO004"):
        assert "security-severity" not in rules[rid] and "security" not in rules[rid]["tags"]
    assert all(len(p["tags"]) <= sarif.MAX_TAGS for p in rules.values())


def test_category_sets_the_automation_id(tmp_path):
    write_tree(tmp_path, {"a.go": LEAKS})
    assert sarif_run(tmp_path, "--category", "cgolint/linux", ".")["automationDetails"] == {"id": "cgolint/linux/"}
    assert sarif_run(tmp_path, "--category", "cgolint/", ".")["automationDetails"] == {"id": "cgolint/"}
    assert "automationDetails" not in sarif_run(tmp_path, ".")
    text = run_cli("check", "--category", "cgolint", ".", cwd=tmp_path)
    assert (text.code, text.out) == (2, "")
    assert text.err == ("cgolint: error: --category names the SARIF run's category: use it with --format sarif, "
                        "and give a name\n")


def test_execution_is_unsuccessful_when_a_file_is_not_analysed(tmp_path):
    write_tree(tmp_path, {"a.go": LEAKS, "bin.go": b"package p\x00\x01 import \"C\"\n"})
    run = sarif_run(tmp_path, ".")
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bin.go"
    assert len(run["results"]) == 4  # a.go's findings are all there


def test_partly_parsed_file_is_still_a_successful_execution(tmp_path):
    write_tree(tmp_path, {"a.go": LEAKS + "func broken( {\n"})
    (invocation,) = sarif_run(tmp_path, ".")["invocations"]
    assert invocation["executionSuccessful"] is True
    assert [n.get("level", "warning") for n in invocation["toolExecutionNotifications"]] == ["warning"]


def test_results_past_githubs_limit_are_cut_most_severe_first(tmp_path, monkeypatch):
    write_tree(tmp_path, {"a.go": LEAKS})
    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    run = sarif_run(tmp_path, ".")
    kept = [(r["ruleId"], r.get("level", "warning"), r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert kept == [("CGO001", "warning", 10), ("CGO001", "warning", 12)]  # the note (line 3) and line 14 go
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note == {"message": {"text": (  # level "warning", SARIF's default, is left out
        "2 of 4 results were left out: GitHub code scanning stores at most 2 results per run; these are the most "
        "severe. Fix or suppress some, or use --format json for all of them")}}
    assert run["invocations"][0]["executionSuccessful"] is True
