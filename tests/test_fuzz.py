"""Property-based fuzzing (hypothesis, derandomized so every run tries the same inputs, bounded by
a fixed number of examples): mutants of real cgo sources and generated deep nesting never raise,
never report an internal error (also when their fixes are printed with --diff), always give
schema-valid SARIF, and give the same output twice,
from a warm cache, and with --jobs 1 and --jobs 2.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")  # in the [test] extra; CI installs it
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from conftest import REPO, run_cli, validate_sarif_schema  # noqa: E402

SEEDS = sorted(p for d in ("tests/testdata", "examples") for p in (REPO / d).rglob("*.go"))
SEED_TEXT = [p.read_bytes() for p in SEEDS]
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def mutants(draw) -> bytes:
    """A real cgo file with a few byte-level edits: bytes replaced, deleted, inserted (often ones
    that matter to Go and C: braces, quotes, comment markers, invalid UTF-8), lines duplicated or
    the file cut short."""
    data = bytearray(draw(st.sampled_from(SEED_TEXT)))
    tokens = [b"{", b"}", b"(", b")", b"/*", b"*/", b"//", b"\"", b"`", b"\n", b"\xff", b"\xc3", b"\x00", b"#if X\n",
              b"#endif\n", b"C.", b"import \"C\"\n", b"defer ", b"go ", b"goto L\n", b"func() {", b"\t"]
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "delete", "insert", "duplicate", "truncate", "drop-unsafe"]))
        if action == "replace":
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(tokens))
        elif action == "duplicate":
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end + 1
            data[start:start] = data[start:end]
        elif action == "drop-unsafe":  # the fixes must then add the import, into a group or not
            data[:] = data.replace(b'"unsafe"', b'"os"', 1)
        else:
            del data[at:]
    return bytes(data)


@st.composite
def nestings(draw) -> bytes:
    """A cgo function nested deep in if/for/switch/closures/calls, with C allocations and frees."""
    depth = draw(st.integers(1, 400))
    opens, closes = [], []
    for i in range(depth):
        kind = draw(st.sampled_from(["if", "for", "switch", "closure", "call", "block"]))
        if kind == "if":
            opens.append(f"if x > {i} {{\n"); closes.append("}\n")
        elif kind == "for":
            opens.append(f"for i{i} := 0; i{i} < x; i{i}++ {{\n"); closes.append("}\n")
        elif kind == "switch":
            opens.append(f"switch x {{\ncase {i}:\n"); closes.append("}\n")
        elif kind == "closure":
            opens.append("func() {\n"); closes.append("}()\n")
        elif kind == "call":
            opens.append("_ = C.strlen(C.strchr(\n"); closes.append("nil, 0))\n")
            opens.append("func() {\n"); closes.append("}\n")  # keep the parentheses balanced around a body
            opens[-2], opens[-1] = opens[-1], opens[-2]
            closes[-2], closes[-1] = closes[-1], closes[-2]
        else:
            opens.append("{\n"); closes.append("}\n")
    body = draw(st.sampled_from([
        "p := C.CString(s)\n_ = p\n",
        "p := C.CString(s)\ndefer C.free(unsafe.Pointer(p))\n",
        "p := C.malloc(8)\nb := unsafe.Slice((*byte)(p), 8)\n_ = b\n",
        "C.puts(C.CString(s))\n",
    ]))
    src = ("package p\n\n// #include <stdio.h>\n// #include <stdlib.h>\n// #include <string.h>\nimport \"C\"\n\n"
           "import \"unsafe\"\n\nvar _ = unsafe.Pointer(nil)\n\nfunc F(x int, s string) {\n"
           + "".join(opens) + body + "".join(reversed(closes)) + "}\n")
    return src.encode()


def lint_twice(root: Path, fmt: str, *args: str) -> str:
    first = run_cli("check", "--format", fmt, "--jobs", "1", *args, cwd=root)
    second = run_cli("check", "--format", fmt, "--jobs", "1", *args, cwd=root)
    for result in (first, second):
        assert "Traceback" not in result.err
        assert result.code in (0, 1), result.err  # 2 would be an internal error
    assert (first.out, first.err) == (second.out, second.err)
    return first.out


def validate(log: dict) -> None:
    invocation = log["runs"][0]["invocations"][0]
    # false exactly when a file went unanalysed (an error notification); internal errors exit 2 (lint_twice)
    unanalysed = any(n.get("level", "warning") == "error" for n in invocation.get("toolExecutionNotifications", []))
    assert invocation["executionSuccessful"] is not unanalysed
    validate_sarif_schema(log)


@FUZZ
@given(data=mutants())
def test_mutated_real_sources(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("mutant")
    (root / "a.go").write_bytes(data)
    out = lint_twice(root, "sarif", "--no-cache")
    validate(json.loads(out))
    doc = json.loads(lint_twice(root, "json", "--no-cache"))
    assert not [p for p in doc["problems"] if p["internal"]], doc["problems"]
    diff = run_cli("check", "--no-cache", "--diff", "--unsafe-fixes", "--jobs", "1", cwd=root)
    assert diff.code in (0, 1) and "Traceback" not in diff.err, diff.err  # the fixes, made and printed
    assert (root / "a.go").read_bytes() == data


@FUZZ
@given(data=nestings())
def test_generated_nesting(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("nesting")
    (root / "a.go").write_bytes(data)
    doc = json.loads(lint_twice(root, "json", "--no-cache"))
    assert not [p for p in doc["problems"] if p["internal"]], doc["problems"]
    validate(json.loads(lint_twice(root, "sarif", "--no-cache")))


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(first=mutants(), second=mutants(), third=nestings())
def test_jobs_and_cache_do_not_change_the_output(tmp_path_factory, first, second, third):
    root = tmp_path_factory.mktemp("jobs")
    for name, data in (("a", first), ("b", second), ("c", third)):
        (root / name).mkdir()
        (root / name / "x.go").write_bytes(data)
    cache = root.parent / (root.name + "-cache")
    outs = []
    for args in (("--jobs", "1", "--no-cache"), ("--jobs", "2", "--no-cache"),
                 ("--jobs", "2", "--cache-dir", str(cache)), ("--jobs", "1", "--cache-dir", str(cache))):
        result = run_cli("check", "--format", "sarif", *args, cwd=root)
        assert "Traceback" not in result.err and result.code in (0, 1), result.err
        outs.append(result.out)
    assert outs[1] == outs[0]  # two processes
    assert outs[2] == outs[0] and outs[3] == outs[0]  # cold cache, then warm
    shutil.rmtree(cache, ignore_errors=True)
