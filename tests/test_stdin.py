"""`cgolint check --stdin-filename PATH -`: an editor's unsaved text, checked as the file PATH.

The text comes from standard input; the rest of the file's package (sibling Go files, .c and .h
files) comes from disk, so package facts (a sibling helper that frees) still hold. Nothing is
written, not even the cache.
"""

from __future__ import annotations

import io
import json
import sys

from conftest import run_cli, write_tree

SAVED = """package p

// #include <stdlib.h>
import "C"

import "unsafe"

func f(s string) {
	p := C.CString(s)
	defer C.free(unsafe.Pointer(p))
}
"""
UNSAVED = SAVED.replace("\tdefer C.free(unsafe.Pointer(p))", "\t_ = unsafe.Pointer(p)")


def with_stdin(monkeypatch, text: str, *args: str, cwd):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    return run_cli("check", *args, cwd=cwd)


def test_unsaved_text_is_checked_instead_of_the_file_on_disk(tmp_path, monkeypatch):
    write_tree(tmp_path, {"pkg/a.go": SAVED})
    result = with_stdin(monkeypatch, UNSAVED, "--stdin-filename", "pkg/a.go", "-", cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("pkg/a.go:9:7: warning: CGO001 p (from C.CString) is not freed when the "
                                                 "function ends at line 11;")
    saved = with_stdin(monkeypatch, SAVED, "--stdin-filename", "pkg/a.go", "-", cwd=tmp_path)
    assert (saved.code, saved.out) == (0, "")
    assert run_cli("check", "pkg/a.go", "--no-cache", cwd=tmp_path).code == 0  # the disk is unchanged


def test_a_new_file_uses_its_package_from_disk(tmp_path, monkeypatch):
    """b.go exists only in the editor; the helper that frees lives in a.go on disk."""
    helper = SAVED.replace("func f(s string) {\n\tp := C.CString(s)\n\tdefer C.free(unsafe.Pointer(p))\n}\n",
                           "func release(p *C.char) {\n\tC.free(unsafe.Pointer(p))\n}\n")
    write_tree(tmp_path, {"a.go": helper})
    new = SAVED.replace("\tdefer C.free(unsafe.Pointer(p))", "\tdefer release(p)").replace('\nimport "unsafe"\n', "")
    result = with_stdin(monkeypatch, new, "--stdin-filename", "b.go", "--format", "json", "-", cwd=tmp_path)
    doc = json.loads(result.out)
    assert (result.code, doc["findings"], doc["problems"]) == (0, [], [])
    leaky = new.replace("\tdefer release(p)\n", "")
    result = with_stdin(monkeypatch, leaky, "--stdin-filename", "b.go", "--format", "json", "-", cwd=tmp_path)
    assert [(f["rule"], f["path"], f["line"]) for f in json.loads(result.out)["findings"]] == [("CGO001", "b.go", 7)]


def test_stdin_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("CGOLINT_CACHE_DIR")
    write_tree(tmp_path, {"a.go": SAVED})
    with_stdin(monkeypatch, UNSAVED, "--stdin-filename", "a.go", "-", cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.go"]


def test_dash_needs_stdin_filename_and_stands_alone(tmp_path, monkeypatch):
    write_tree(tmp_path, {"a.go": SAVED})
    message = ("cgolint: error: read from standard input with `--stdin-filename PATH -` (PATH names the file, "
               "and - must be the only path)\n")
    for args in (("-",), ("--stdin-filename", "a.go", "-", "."), ("--stdin-filename", "a.go")):
        result = with_stdin(monkeypatch, SAVED, *args, cwd=tmp_path)
        assert (result.code, result.out, result.err) == (2, "", message), args
