"""`cgolint check --fix`, `--diff`, `--unsafe-fixes`, `--show-fixes`: fixes that compile, free each
leak once, never touch what they cannot prove, and converge (a second --fix changes nothing).

Proven on the examples (go vet and go build pass after --fix, and valgrind finds no definite loss
and no invalid free in the fixed leak programs) and on tests/testdata/fixes, a fixture with one
function per shape whose fixed text is tests/testdata/fixes/shapes.go.golden."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from test_examples_leak import VALGRIND, VALGRIND_ARGS, cgo_malloc_blocks_left, memcheck

GO = shutil.which("go")
SHAPES = REPO / "tests/testdata/fixes"
FIXED_EXAMPLES = ["cgo001-cstring-not-freed", "cgo001-handed-to-c", "cgo001-containers", "cgo002-malloc-slice-not-freed"]


def tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and ".cgolint_cache" not in p.parts):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def findings(cwd: Path, *paths: str) -> list[dict]:
    result = run_cli("check", "--no-cache", "--format", "json", *paths, cwd=cwd)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


def go(*args: str, cwd: Path) -> None:
    if GO is None:
        pytest.skip("go is not installed")
    done = subprocess.run([GO, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CGO_ENABLED": "1"})
    assert done.returncode == 0, f"go {' '.join(args)} in {cwd}:\n{done.stdout}{done.stderr}"


@pytest.fixture()
def shapes(tmp_path) -> Path:
    shutil.copy(SHAPES / "shapes.go", tmp_path / "shapes.go")
    (tmp_path / "go.mod").write_text("module shapes\n\ngo 1.21\n", encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def fixed_examples(tmp_path_factory) -> tuple[Path, list[dict], list[dict]]:
    """A copy of examples/ after `--fix --unsafe-fixes`, with the findings before and after."""
    root = tmp_path_factory.mktemp("examples")
    shutil.copytree(REPO / "examples", root, dirs_exist_ok=True)
    before = findings(root, ".")
    result = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=root)
    assert result.code == 1 and "Traceback" not in result.err  # findings without a fix are left
    return root, before, findings(root, ".")


def test_shapes_fixed_text_is_the_golden_and_builds(shapes):
    result = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=shapes)
    assert result.code == 1
    assert result.err.endswith("cgolint: fixed 12 finding(s); 2 finding(s) (2 warning) in 1 file(s)\n")
    fixed = (shapes / "shapes.go").read_text(encoding="utf-8")
    if os.environ.get("CGOLINT_UPDATE_GOLDEN"):
        (SHAPES / "shapes.go.golden").write_text(fixed, encoding="utf-8")
    assert fixed == (SHAPES / "shapes.go.golden").read_text(encoding="utf-8")
    # left: Background (a goroutine gets the string) and Pick (its leaking return reads the string)
    left = findings(shapes, ".")
    assert [(f["rule"], f["line"], "fix" in f) for f in left] == [("CGO001", 109, False), ("CGO001", 123, False)]
    go("vet", ".", cwd=shapes)
    go("build", ".", cwd=shapes)
    # a second --fix changes nothing
    digest = tree_digest(shapes)
    again = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=shapes)
    assert again.code == 1 and tree_digest(shapes) == digest


def test_safe_fixes_only_without_unsafe_fixes(shapes):
    result = run_cli("check", "--no-cache", "--fix", "--show-fixes", ".", cwd=shapes)
    assert result.code == 1
    assert "Fixed 11 finding(s):\n- shapes.go:\n    11 × CGO001 (cstring-not-freed)\n" in result.err
    assert result.err.endswith("cgolint: fixed 11 finding(s); 3 finding(s) (3 warning) in 1 file(s); 1 more fixable "
                               "with --fix --unsafe-fixes (check what each assumes)\n")
    text = (shapes / "shapes.go").read_text(encoding="utf-8")
    assert "var cs = C.CString(s) // want" in text and text.count("defer C.free(unsafe.Pointer(cs))") == 6
    left = {f["line"]: f for f in findings(shapes, ".")}
    assert left[115]["fix"]["safe"] is False
    assert left[115]["fix"]["unsafe_reason"] == ("right only if C.strlen copies what it needs and keeps no pointer "
                                                "to the memory")


def test_diff_prints_the_change_and_writes_nothing(shapes):
    before = tree_digest(shapes)
    result = run_cli("check", "--no-cache", "--diff", ".", cwd=shapes)
    assert result.code == 1 and tree_digest(shapes) == before
    assert result.out.startswith("--- a/shapes.go\n+++ b/shapes.go\n@@ -4,6 +4,7 @@\n package shapes\n \n /*\n"
                                 "+#include <stdlib.h>\n")
    assert "+\tdefer C.free(unsafe.Pointer(cs))\n" in result.out and "+\t\tC.free(unsafe.Pointer(ck))\n" in result.out
    # nothing left to fix: an empty diff and exit 0
    run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=shapes)
    clean = run_cli("check", "--no-cache", "--diff", "--unsafe-fixes", ".", cwd=shapes)
    assert (clean.code, clean.out) == (0, "")


def test_fix_adds_unsafe_to_an_import_group(tmp_path):
    """A file whose imports after `import "C"` are a group without "unsafe" gets "unsafe" in that group
    (this crashed the rule with a RecursionError, losing every CGO001 finding of the package)."""
    (tmp_path / "go.mod").write_text("module greet\n\ngo 1.21\n", encoding="utf-8")
    (tmp_path / "greet.go").write_text(
        'package greet\n\n// #include <stdio.h>\nimport "C"\nimport (\n\t"fmt"\n)\n\n'
        "// Greet prints a greeting through C's puts.\nfunc Greet(name string) {\n"
        '\tcs := C.CString(fmt.Sprintf("hello, %s", name))\n\tC.puts(cs)\n}\n', encoding="utf-8")
    diff = run_cli("check", "--no-cache", "--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    assert (diff.code, diff.err) == (1, "")
    assert [f["line"] for f in findings(tmp_path, ".")] == [11]
    result = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "greet.go").read_text(encoding="utf-8") == (
        'package greet\n\n// #include <stdlib.h>\n// #include <stdio.h>\nimport "C"\nimport (\n\t"unsafe"\n\t"fmt"\n)\n\n'
        "// Greet prints a greeting through C's puts.\nfunc Greet(name string) {\n"
        '\tcs := C.CString(fmt.Sprintf("hello, %s", name))\n\tdefer C.free(unsafe.Pointer(cs))\n\tC.puts(cs)\n}\n')
    go("vet", ".", cwd=tmp_path)


def test_a_free_in_a_returned_closure_is_not_moved(tmp_path):
    """Memory a returned cleanup closure frees is handed to the caller on that path: the fix frees it
    before the return that loses it, and never moves the closure's free into a defer (which would
    free it when the function returns, before the caller is done with it)."""
    shutil.copy(REPO / "tests/testdata/cgo001_paths/cleanup.go", tmp_path / "cleanup.go")
    (tmp_path / "go.mod").write_text("module git\n\ngo 1.21\n", encoding="utf-8")
    diff = run_cli("check", "--no-cache", "--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    assert diff.code == 1
    added = [line for line in diff.out.splitlines() if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert added == ["+\t\t\tC.free(unsafe.Pointer(cConfig))", "+\t\tC.free(unsafe.Pointer(cname))"]


def test_fix_refuses_standard_input(shapes):
    result = run_cli("check", "--fix", "--stdin-filename", "shapes.go", "-", cwd=shapes)
    assert result.code == 2
    assert result.err == "cgolint: error: --fix and --diff change files on disk: they do not take standard input\n"


def test_fixes_are_data_in_json_and_sarif(shapes):
    (length,) = [f for f in findings(shapes, ".") if f["line"] == 20]
    assert length["fix"]["description"] == "Free cs when Length returns" and length["fix"]["safe"] is True
    assert [(e["line"], e["column"], e["end_line"], e["end_column"], e["replacement"]) for e in length["fix"]["edits"]] == [
        (20, 169, 20, 169, "\n\tdefer C.free(unsafe.Pointer(cs))"),
        (16, 16, 16, 16, '\n\nimport "unsafe"'),
        (6, 3, 6, 3, "\n#include <stdlib.h>"),
    ]
    sarif = json.loads(run_cli("check", "--no-cache", "--format", "sarif", ".", cwd=shapes).out)
    result = next(r for r in sarif["runs"][0]["results"]
                  if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 20)
    (fix,) = result["fixes"]
    assert fix["description"] == {"text": "Free cs when Length returns"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "shapes.go", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"][0] == {"deletedRegion": {"startLine": 20, "startColumn": 169, "endLine": 20,
                                                           "endColumn": 169},
                                         "insertedContent": {"text": "\n\tdefer C.free(unsafe.Pointer(cs))"}}


def test_every_fixed_example_vets_builds_and_loses_the_fixed_findings(fixed_examples):
    root, before, after = fixed_examples
    fixable = [f for f in before if "fix" in f]
    assert len(fixable) == 8
    assert all("fix" not in f for f in after)  # nothing fixable is left, and no new finding appeared
    assert len(after) == len(before) - len(fixable)
    for example in FIXED_EXAMPLES:
        go("vet", f"./{example}/bad", cwd=root)
        go("build", "-o", os.devnull, f"./{example}/bad", cwd=root)
    digest = tree_digest(root)
    again = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", ".", cwd=root)
    assert again.code == 1 and tree_digest(root) == digest


@pytest.mark.parametrize("example", ["cgo001-cstring-not-freed", "cgo001-handed-to-c", "cgo002-malloc-slice-not-freed"])
def test_fixed_leak_examples_lose_nothing_under_valgrind(fixed_examples, example, tmp_path):
    if VALGRIND is None or GO is None:
        pytest.skip("needs go and valgrind (.ci/run installs valgrind)")
    root = fixed_examples[0]
    prog = tmp_path / example
    go("build", "-o", str(prog), f"./{example}/bad", cwd=root)
    code, lost, out, report = memcheck(prog)
    assert (code, lost) == (0, 0), report
    assert "Invalid free" not in report and "Invalid read" not in report, report


def test_fixed_containers_example_keeps_only_what_has_no_fix(fixed_examples, tmp_path):
    """The fixes free the local struct fields (2 request fields and the event text per iteration):
    of the 46 blocks the program left (15 per iteration, 3 iterations, and the banner), 37 remain,
    with no invalid free. (The fill, a string a helper stores in the caller's struct, and the fields
    of struct literals have no fix.)"""
    if VALGRIND is None or GO is None:
        pytest.skip("needs go and valgrind (.ci/run installs valgrind)")
    prog = tmp_path / "containers"
    go("build", "-o", str(prog), "./cgo001-containers/bad", cwd=fixed_examples[0])
    done = subprocess.run([VALGRIND, *VALGRIND_ARGS, "--show-leak-kinds=definite,indirect,reachable", str(prog)],
                          capture_output=True, text=True, timeout=120)
    assert cgo_malloc_blocks_left(done.stderr) == 37, done.stderr
    assert "Invalid free" not in done.stderr, done.stderr


def test_every_rule_documents_its_fix_safety():
    for rid in ("CGO000", "CGO001", "CGO002", "CGO003", "CGO004"):
        doc = run_cli("rule", rid, cwd=REPO).out
        section = doc.split("## Fix safety\n", 1)[1].split("\n## ", 1)[0]
        assert section.strip() and ("no fix" in section) == (rid not in ("CGO001", "CGO002")), rid
