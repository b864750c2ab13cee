"""Every output format, byte for byte (golden files), and SARIF against the official schema.

Regenerate the golden files after an intended change with CGOLINT_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os

import pytest

from cgolint import __version__

from conftest import REPO, run_cli, validate_sarif_schema

INPUT = REPO / "tests" / "testdata" / "golden" / "input"
GOLDEN = REPO / "tests" / "golden"
CASES = {
    "text.txt": ["--format", "text"],
    "json.json": ["--format", "json"],
    "sarif.sarif": ["--format", "sarif"],
    "github.txt": ["--format", "github"],
    "suppressed.sarif": ["--format", "sarif", "--include-suppressed"],
}


def produce(args: list[str]) -> str:
    result = run_cli("check", *args, "--fail-level", "note", ".", cwd=INPUT)
    assert result.code == 1, result.err
    # The only machine-dependent byte: where %SRCROOT% is.
    return result.out.replace(INPUT.as_uri() + "/", "file:///SRCROOT/").replace(__version__, "VERSION")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name):
    got = produce(CASES[name])
    path = GOLDEN / name
    if os.environ.get("CGOLINT_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_same_input_same_bytes():
    assert produce(["--format", "sarif"]) == produce(["--format", "sarif"])


@pytest.mark.parametrize("name", ["sarif.sarif", "suppressed.sarif"])
def test_sarif_is_valid(name):
    validate_sarif_schema(json.loads(produce(CASES[name])))


def test_sarif_content():
    log = json.loads(produce(["--format", "sarif"]))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cgolint" and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and "CGO004" in ids
    rule = driver["rules"][ids.index("CGO004")]
    assert rule["name"] == "risky-c-library-call"
    assert rule["defaultConfiguration"]["level"] == "note"
    assert rule["properties"]["problem.severity"] == "recommendation"
    assert rule["help"]["markdown"].startswith("# CGO004 risky-c-library-call")
    assert len(rule["shortDescription"]["text"]) <= 1024 and len(rule["fullDescription"]["text"]) <= 1024
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///SRCROOT/"
    by_line = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]): r for r in run["results"]}
    res = by_line[("media.go", 5)]  # CGO004 at the preamble's #include, before the package .h file's
    assert res["ruleId"] == "CGO004"
    assert res["ruleIndex"] == ids.index(res["ruleId"])
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert ("media.go", 6) not in by_line  # the zlib finding is suppressed: left out without --include-suppressed
    calls = {(r["physicalLocation"]["artifactLocation"]["uri"], r["physicalLocation"]["region"]["startLine"]): r
             for r in res["relatedLocations"]}
    call = calls[("media.go", 12)]
    assert call["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert call["message"]["text"] == "C.swr_convert calls into FFmpeg libswresample"
    region = call["physicalLocation"]["region"]
    line = (INPUT / "media.go").read_text(encoding="utf-8").splitlines()[11]
    before = line[: line.index("C.swr_convert")]
    assert region["startColumn"] == len(before.encode("utf-16-le")) // 2 + 1 == 69  # text output says 72 (bytes)
    assert region["endColumn"] == region["startColumn"] + len("C.swr_convert")
    assert ("bridge.c", 4) in calls  # a C call in the package's .c file


def test_fingerprints_survive_moved_lines(tmp_path):
    def fingerprints(root):
        out = run_cli("check", "--format", "sarif", ".", cwd=root).out
        return {(r["ruleId"], r["message"]["text"]): r["partialFingerprints"]["cgolintFingerprint/v1"]
                for r in json.loads(out)["runs"][0]["results"]}

    src = (INPUT / "media.go").read_text(encoding="utf-8")
    for name in ("bridge.h", "bridge.c"):
        (tmp_path / name).write_text((INPUT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "media.go").write_text(src, encoding="utf-8")
    before = fingerprints(tmp_path)
    moved = src.replace("import \"C\"\n", "import \"C\"\n\n// An unrelated comment\n// pushes every line down.\n")
    (tmp_path / "media.go").write_text(moved, encoding="utf-8")
    after = fingerprints(tmp_path)
    assert before and before == after
    assert len(set(before.values())) == len(before)
