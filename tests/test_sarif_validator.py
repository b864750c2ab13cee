"""Microsoft's SARIF validator (`@microsoft/sarif-multitool`, installed by .ci/run from npm) on the
SARIF logs cgolint writes: the examples, the fixtures, the golden files, a file that cannot be
analysed, a file that only partly parses, zero findings, more findings than GitHub stores, a
category, suppressed findings and a file name that is not UTF-8. Any error or warning fails.

The SARIF rules and the GitHub rules run (`--rule-kind Sarif;Gh`), with GitHub's ingestion checks
switched on by tests/data/sarif-multitool-github.xml (which says what it changes and why).
One validator run checks every log: it is a .NET program that takes a second to start.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cgolint import __version__
from cgolint.output import sarif
from conftest import REPO, run_cli, validate_sarif_schema, write_tree

MULTITOOL = Path(os.environ.get("SARIF_MULTITOOL", REPO / ".ci/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"))
POLICY = REPO / "tests/data/sarif-multitool-github.xml"

LEAK = """package p

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

func f{n}(s string) int {{
	p := C.CString(s)
	return int(C.strlen(p))
}}
"""


def many_leaks(count: int) -> str:
    head, _, body = LEAK.partition("func")
    return head + "".join(("func" + body).format(n=i) for i in range(count))


def _logs(root: Path) -> dict[str, Path]:
    """name → a SARIF log cgolint wrote, each checked against the schema too."""
    out = root / "logs"
    out.mkdir()
    cases: dict[str, tuple[Path, list[str]]] = {}
    shutil.copytree(REPO / "examples", root / "examples")
    cases["examples"] = (root, ["examples"])
    shutil.copytree(REPO / "tests/testdata", root / "testdata", ignore=shutil.ignore_patterns("golden"))
    cases["fixtures-suppressed-category"] = (root / "testdata", ["--no-respect-gitignore", "--include-suppressed",
                                                                 "--category", "cgolint/fixtures", "."])
    write_tree(root / "unanalysed", {"a.go": LEAK.format(n=0)})
    (root / "unanalysed/bin.go").write_bytes(b"package p\x00\x01\x02 import \"C\"\n")
    cases["unanalysed"] = (root / "unanalysed", ["."])
    write_tree(root / "partial", {"a.go": LEAK.format(n=0) + "func broken( {\n"})
    cases["partial"] = (root / "partial", ["."])
    write_tree(root / "clean", {"a.go": "package p\n\nimport \"C\"\n\nfunc F() int { return int(C.int(1)) }\n"})
    cases["zero"] = (root / "clean", ["."])
    write_tree(root / "many", {"a.go": many_leaks(sarif.MAX_RESULTS + 20)})
    cases["thousands-cut"] = (root / "many", ["."])
    (root / "names").mkdir()
    (root / "names" / os.fsdecode(b"x\xff y.go")).write_text(LEAK.format(n=0), encoding="utf-8")
    cases["non-utf8-name"] = (root / "names", ["."])
    logs = {}
    for name, (cwd, args) in cases.items():
        result = run_cli("check", "--no-cache", "--format", "sarif", *args, cwd=cwd)
        assert result.code in (0, 1), (name, result.err)
        log = json.loads(result.out)
        validate_sarif_schema(log)
        logs[name] = out / f"{name}.sarif"
        logs[name].write_text(result.out, encoding="utf-8")
    for golden in (REPO / "tests/golden").glob("*.sarif"):  # their version is a placeholder
        logs[golden.stem + "-golden"] = out / golden.name
        logs[golden.stem + "-golden"].write_text(golden.read_text(encoding="utf-8").replace("VERSION", __version__),
                                                  encoding="utf-8")
    return logs


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> dict[str, Path]:
    return _logs(tmp_path_factory.mktemp("sarif-logs"))


def test_the_logs_cover_what_code_scanning_meets(logs):
    """The cases are what they claim: (a guard on the fixture, so the validator sees them)."""
    read = {name: json.loads(path.read_text(encoding="utf-8"))["runs"][0] for name, path in logs.items()}
    assert len(read["thousands-cut"]["results"]) == sarif.MAX_RESULTS
    assert read["zero"]["results"] == []
    assert read["unanalysed"]["invocations"][0]["executionSuccessful"] is False
    assert read["partial"]["invocations"][0]["executionSuccessful"] is True
    fixtures = read["fixtures-suppressed-category"]
    assert fixtures["automationDetails"] == {"id": "cgolint/fixtures/"}
    assert any(r.get("suppressions") for r in fixtures["results"])
    assert len(fixtures["results"]) > 100
    assert any(r.get("codeFlows") for r in read["examples"]["results"])


def test_microsofts_validator_finds_no_error_or_warning(logs, tmp_path):
    if not MULTITOOL.is_file():
        pytest.skip(f"Microsoft's SARIF validator is not at {MULTITOOL} (.ci/run installs it from npm)")
    report = tmp_path / "validation.sarif"
    # The input files come first: the list-valued options would swallow them.
    argv = [str(MULTITOOL), "validate", *map(str, logs.values()), "--quiet", "true", "--rule-kind", "Sarif;Gh",
            "--level", "Error;Warning", "-c", str(POLICY), "--max-file-size-in-kb", "1048576",
            "--log", "ForceOverwrite", "-o", str(report)]
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    done = subprocess.run(argv, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, done.stdout + done.stderr  # usage or setup errors; findings exit 0 too
    run = json.loads(report.read_text(encoding="utf-8-sig"))["runs"][0]
    rules = run["tool"]["driver"].get("rules", [])
    problems = []
    for r in run.get("results", []):
        if r.get("level", "warning") in ("error", "warning"):
            rule = rules[r["ruleIndex"]] if r.get("ruleIndex", -1) >= 0 else {}
            text = r["message"].get("text") or rule.get("messageStrings", {}).get(r["message"].get("id"), {}).get("text", "")
            for i, arg in enumerate(r["message"].get("arguments", [])):
                text = text.replace("{%d}" % i, arg)
            where = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
            problems.append(f"{where}: {r['level']} {r['ruleId']}: {text}")
    invocation = run["invocations"][0]
    problems += [f"tool: {n['message']['text']}" for n in invocation.get("toolConfigurationNotifications", [])
                 + invocation.get("toolExecutionNotifications", []) if n.get("level") == "error"]
    assert invocation["executionSuccessful"], problems
    assert not problems, "\n".join(problems[:20])
    analysed = {Path(a["location"]["uri"]).name for a in run.get("artifacts", []) if "location" in a}
    assert not analysed or analysed >= {p.name for p in logs.values()}
