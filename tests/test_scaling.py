"""Shapes that were superlinear, each guarded by a time budget relative to parsing the same input.

Each once took minutes: 5,000 nested `C.g(C.g(...))` calls (over 300 s: a walk up the parents for
every call, and tree-sitter finds a node's parent by descending from the root), 1,500 nested `if`s
with a C call at each level (over 120 s), 2,000 nested blocking calls in an HTTP handler (3,000 took
over 300 s: the hot-path context, the type look-up and each finding's fingerprint walked up the
parents), 1,500 nested per-item loops (each loop's body walked to see how it uses its index),
1,000 nested ifs with an allocation (70 s: the function of each call and the guards of each
allocation found by walking up, and each guard checked by walking the whole function) or a free (114
s: what each free frees, by a walk up to the root) at each level, 1,000 nested immediately invoked
closures with an allocation each (21 s: each closure's calls and identifiers scanned for every
allocation around it), 20,000 statements with findings on one 400 KB line (each
finding's fingerprint re-split the line and each position re-decoded it), a `//` preamble of 40,000
lines (a sibling scan per line), and a generated function with thousands of allocations (each followed
through the whole function: now within a step budget, and the problem says so). The budget is a ratio to the parse floor measured in the same run,
never an absolute time, and generous: the quadratic versions were 1,000 to 6,000 times the floor.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from cgolint.config import Config
from cgolint.discover import Target
from cgolint.engine import settings_for
from cgolint.lint import Linter
from cgolint.parsing import parse_c, parse_go

RATIO = 80  # at most this many times the parse floor

HEAD = 'package p\n\n/*\n#include <stdlib.h>\nint g(int x) { return x; }\nvoid use(char *s) {}\n*/\nimport "C"\n\n'
HANDLER = ('package p\n\n/*\n#include <unistd.h>\nint g(int x) { return x; }\n*/\nimport "C"\n\n'
           'import "net/http"\n\n')


def shape(name: str) -> str:
    if name == "nested calls":
        n = 5000
        return HEAD + "func F() int { return int(" + "C.g(" * n + "1" + ")" * n + ") }\n"
    if name == "nested ifs":
        n = 1500
        return HEAD + "func F(x int) {\n" + "".join(f"if x > {i} {{ C.g(C.int(x))\n" for i in range(n)) + "}" * n + "\n}\n"
    if name == "nested blocking calls in a handler":  # hot paths, type look-ups and a fingerprint per level
        n = 2000
        return (HANDLER + "func H(w http.ResponseWriter, r *http.Request) { _ = "
                + "C.usleep(C.useconds_t(" * n + "1" + "))" * n + " }\n")
    if name == "nested per-item loops":  # each loop's body read for its index: once per function, not per loop
        n = 1500
        return (HANDLER + "func H(w http.ResponseWriter, r *http.Request) {\n\titems := r.URL.Query()[\"x\"]\n"
                + "".join(f"for i{i} := range items {{ _ = i{i}; C.usleep(1)\n" for i in range(n)) + "}" * n + "\n}\n")
    if name == "nested retry loops in a per-item loop":  # waits between retries, one statement list each
        n = 1500
        return (HANDLER + "func Each(items []int) {\n\tfor range items {\n"
                + "for { if C.g(1) != 0 { break }; C.usleep(1)\n" * n + "}" * n + "\n\t}\n}\n")
    if name == "nested ifs with allocations":  # the function each call is in, and each allocation's guards
        n = 1000
        return HEAD + "func F(x int, s string) {\n" + "".join(
            f"if x > {i} {{ p{i} := C.CString(s); C.use(p{i})\n" for i in range(n)) + "}" * n + "\n}\n"
    if name == "nested ifs with frees":  # what each free frees (is it a range loop's value variable?)
        n = 1000
        return HEAD + 'import "unsafe"\n\nfunc F(x int, s string) {\n' + "".join(
            f"if x > {i} {{ p{i} := C.CString(s); defer C.free(unsafe.Pointer(p{i}))\n" for i in range(n)) + "}" * n + "\n}\n"
    if name == "nested closures":  # where each closure mentions a name, and each function's identifiers, read once
        n = 1000
        return HEAD + "func F(s string) {\n" + "".join(
            f"func() {{ p{i} := C.CString(s); C.use(p{i})\n" for i in range(n)) + "}()\n" * n + "}\n"
    if name == "nested blocks":  # deeper than the analysis follows: it says so
        n = 1000
        return HEAD + "func F(s string) {\n" + "{\n" * n + "p := C.CString(s)\nC.use(p)\n" + "}\n" * n + "}\n"
    if name == "findings on one long line":
        return HEAD + "func F(s string) { " + " ".join("C.use(C.CString(s));" for _ in range(20_000)) + " }\n"
    if name == "long // preamble":
        return "package p\n\n" + "".join(f"// int f{i}(int x);\n" for i in range(40_000)) + 'import "C"\n\nfunc F() { C.f1(1) }\n'
    if name == "many allocations in one function":
        return HEAD + "func F(s string) {\n" + "".join(f"\tp{i} := C.CString(s)\n\t_ = p{i}\n" for i in range(5_000)) + "}\n"
    raise ValueError(name)


def floor(data: bytes) -> float:
    """Parsing the file as Go and its text as C (its preamble's parse is part of the floor)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        parse_go(data)
        parse_c(data)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("name", ["nested calls", "nested ifs", "nested blocking calls in a handler",
                                  "nested per-item loops", "nested retry loops in a per-item loop",
                                  "nested ifs with allocations", "nested ifs with frees", "nested closures",
                                  "nested blocks",
                                  "findings on one long line", "long // preamble", "many allocations in one function"])
def test_linear_time(tmp_path: Path, name: str):
    data = shape(name).encode()
    (tmp_path / "a.go").write_bytes(data)
    linter = Linter(replace(settings_for(Config(root=tmp_path)), cwd=tmp_path))
    base = floor(data)
    start = time.perf_counter()
    result = linter.lint(Target(tmp_path))
    spent = time.perf_counter() - start
    assert not [p for p in result.problems if p.internal], result.problems
    assert spent <= RATIO * base, f"{name}: {spent:.2f} s is {spent / base:.0f}x the parse floor of {base * 1000:.0f} ms"
    if name == "many allocations in one function":  # the analysis stopped early, and says so
        [problem] = result.problems
        assert (problem.path, problem.line, problem.fatal) == ("a.go", 10, False)
        assert problem.message.startswith("function F is too large for the leak analysis (CGO001, CGO002): ")
        assert problem.message.endswith(" of its C allocations were not checked")
        checked = [f for f in result.findings if f.rule_id == "CGO001"]
        assert 0 < len(checked) < 5_000  # the first ones are checked and reported
    elif name in ("nested ifs with allocations", "nested ifs with frees", "nested blocks"):
        # the leak analysis gives up on some allocations (out of steps, or too deep), and says so
        assert result.problems and all(p.path == "a.go" and not p.fatal and p.message.startswith("function F ")
                                       for p in result.problems), result.problems
        assert {p.message.split(" for the leak analysis")[0] for p in result.problems} <= {
            "function F is too large", "function F nests too deeply"}
        if name == "nested blocks":
            assert [p.message for p in result.problems] == [
                "function F nests too deeply for the leak analysis (CGO001, CGO002): 1 of its C allocations was not checked"]
    else:
        assert result.problems == []
    expected = {"nested blocking calls in a handler": ("CGO003", 2000), "nested per-item loops": ("CGO003", 1500),
                "nested retry loops in a per-item loop": ("CGO003", 0), "nested closures": ("CGO001", 1000)}
    if name in expected:  # every level reported (or, for waits between retries, none), and all of it checked
        rule, count = expected[name]
        assert len([f for f in result.findings if f.rule_id == rule]) == count
