"""The leak examples leak for real: built and run under valgrind, each bad program loses C memory
("definitely lost" bytes > 0) on the paths cgolint names, and its fixed version loses none.

Why the valgrind flags are what they are (measured with Go 1.26, valgrind 3.19):

* The Go heap and goroutine stacks come from mmap, not malloc, so memcheck's leak check only sees
  C allocations: C.CString, C.CBytes, C.malloc, plus the C library's own blocks.
* The only blocks the Go runtime leaves behind are the pthread TLS/stack blocks of cgo threads
  (pthread_create -> _dl_allocate_tls), reported as "possibly lost". --errors-for-leak-kinds=definite
  keeps them out of the error count, so only "definitely lost" memory makes the exit code 99.
* --undef-value-errors=no: the Go runtime's stack copying (runtime.adjustframe, from morestack) reads
  memory memcheck considers uninitialised, one "Conditional jump ... uninitialised value(s)" error
  per run that would set the exit code of a program that leaks nothing. Leak checking, and the
  other error kinds (invalid reads/writes, bad frees), are unaffected.

With these, the fixed programs exit 0 and report "definitely lost: 0 bytes" on every run, so the
assertions below are plain ones rather than differences between bad and fixed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
GO = shutil.which("go")
VALGRIND = shutil.which("valgrind")

LEAK_EXAMPLES = ["cgo001-cstring-not-freed", "cgo001-handed-to-c", "cgo001-containers", "cgo002-malloc-slice-not-freed"]
VALGRIND_ARGS = ["--leak-check=full", "--errors-for-leak-kinds=definite", "--error-exitcode=99",
                 "--undef-value-errors=no"]
DEFINITELY_LOST = re.compile(r"definitely lost: ([\d,]+) bytes in ([\d,]+) blocks")

pytestmark = pytest.mark.skipif(
    GO is None or VALGRIND is None,
    reason="needs both go and valgrind on PATH to build the leak examples and run them under memcheck",
)


def build(example: str, variant: str, out_dir: Path) -> Path:
    prog = out_dir / f"{example}-{variant}"
    env = {**os.environ, "CGO_ENABLED": "1"}
    done = subprocess.run([GO, "build", "-o", str(prog), f"./{example}/{variant}"], cwd=EXAMPLES, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"go build ./{example}/{variant} failed:\n{done.stdout}\n{done.stderr}"
    return prog


def memcheck(prog: Path) -> tuple[int, int, str, str]:
    """Run prog under memcheck: (exit code, definitely lost bytes, program stdout, valgrind report)."""
    done = subprocess.run([VALGRIND, *VALGRIND_ARGS, str(prog)], capture_output=True, text=True, timeout=120)
    # Valgrind writes its report to stderr; with no leaks at all it prints "All heap blocks were
    # freed" and no "definitely lost" line, which counts as 0.
    lost = [int(m.group(1).replace(",", "")) for m in DEFINITELY_LOST.finditer(done.stderr)]
    assert "LEAK SUMMARY" in done.stderr or "All heap blocks were freed" in done.stderr, done.stderr
    return done.returncode, sum(lost), done.stdout, done.stderr


@pytest.mark.parametrize("example", LEAK_EXAMPLES)
def test_bad_leaks_and_fixed_does_not(example, tmp_path):
    bad_code, bad_lost, bad_out, bad_report = memcheck(build(example, "bad", tmp_path))
    fixed_code, fixed_lost, fixed_out, fixed_report = memcheck(build(example, "fixed", tmp_path))

    assert bad_code == 99, f"bad/ should fail memcheck with definite leaks:\n{bad_report}"
    assert bad_lost > 0, f"bad/ lost no memory definitely:\n{bad_report}"
    assert fixed_code == 0, f"fixed/ should pass memcheck:\n{fixed_report}"
    assert fixed_lost == 0, f"fixed/ still leaks:\n{fixed_report}"
    # The fix changes memory management only: the programs behave the same.
    assert bad_out == fixed_out and bad_out.strip()


RECORD = re.compile(r"==\d+== ([\d,]+) bytes in ([\d,]+) blocks are (?:definitely lost|indirectly lost|still reachable)"
                    r" in loss record.*?\n((?:==\d+==    .*\n)+)")


def cgo_malloc_blocks_left(report: str) -> int:
    """Blocks from C.CString/C.CBytes/C.malloc (cgo's _Cfunc__Cmalloc) left allocated at exit, however
    memcheck classifies them (the runtime's own thread-start blocks are left out)."""
    return sum(int(m.group(2).replace(",", "")) for m in RECORD.finditer(report) if "_Cfunc__Cmalloc" in m.group(3))


def test_containers_example_leaves_every_string_it_does_not_free(tmp_path):
    """examples/cgo001-containers: C strings kept in the fields of a local C struct, of the elements
    of a local array of C structs and of a local Go struct, in slice elements (also with a deferred
    call given the slice while empty), in a package-level slice that only grows, and in a pool
    appended to through a value receiver (a copy), in a C struct a helper fills for its caller, and in a
    field of a struct nested in a local struct literal. The
    pointers to the local ones stay behind in Go's own memory (dead stack slots and heap objects the
    collector has not reused), which memcheck scans, so it reports most of those blocks as "still
    reachable" rather than "definitely lost". What proves the leak is the count of blocks cgo's
    allocator left at exit, whatever memcheck calls them: per iteration 2 request fields + 2 column
    names + 1 event text + 3 argv elements + 2 elements the early defer misses + 1 history entry + 2
    arena strings + 1 proxy URL + 1 caps text in a struct literal inside a struct literal = 15, times 3
    iterations, plus the banner's string = 46; the fixed program leaves none."""
    args = [VALGRIND, *VALGRIND_ARGS, "--show-leak-kinds=definite,indirect,reachable"]
    reports = {}
    for variant in ("bad", "fixed"):
        prog = build("cgo001-containers", variant, tmp_path)
        done = subprocess.run([*args, str(prog)], capture_output=True, text=True, timeout=120)
        reports[variant] = (done.stdout, done.stderr)
    assert cgo_malloc_blocks_left(reports["bad"][1]) == 46, reports["bad"][1]
    assert cgo_malloc_blocks_left(reports["fixed"][1]) == 0, reports["fixed"][1]
    assert reports["bad"][0] == reports["fixed"][0] and reports["bad"][0].strip()
