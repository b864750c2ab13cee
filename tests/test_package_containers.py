"""C memory kept in package-level containers: a warning when the container only grows, a note
when init or a sync.Once body keeps it for the life of the process; the container's declaration
is the related location, and a note never fails the run at the default fail level."""

from __future__ import annotations

import json

GROWS = '''package reg

/*
#include <stdlib.h>
*/
import "C"

var names []*C.char

func Register(name string) int {
	names = append(names, C.CString(name))
	return len(names)
}
'''

ONCE = '''package reg

/*
#include <stdlib.h>
*/
import "C"

import "sync"

var (
	defaults     map[string]*C.char
	defaultsOnce sync.Once
)

func Default(k string) *C.char {
	defaultsOnce.Do(func() {
		defaults = map[string]*C.char{}
		defaults["host"] = C.CString("localhost")
	})
	return defaults[k]
}
'''

RESET = GROWS + '''
func Reset() {
	names = nil
}
'''


def _findings(result):
    return json.loads(result.out)["findings"]


def test_a_package_level_slice_that_only_grows_is_a_warning_at_the_allocation(lint):
    result = lint({"reg.go": GROWS}, "--format", "json")
    [finding] = _findings(result)
    assert (finding["rule"], finding["level"], finding["line"], finding["column"]) == ("CGO001", "warning", 11, 24)
    assert finding["message"].startswith(
        "C.CString memory is appended to the package-level names, which only grows: nothing in the package "
        "frees, deletes or empties its elements, so every call of Register leaks one allocation")
    assert [(r["message"], r["line"], r["column"]) for r in finding["related"]] == [("names is declared here", 8, 5)]
    assert result.code == 1


def test_memory_kept_by_a_once_body_is_a_note_that_does_not_fail_the_run(lint):
    result = lint({"reg.go": ONCE, "cgolint.toml": '[rules.CGO001]\nlevel = "error"\n'}, "--format", "json")
    [finding] = _findings(result)
    assert (finding["level"], finding["line"]) == ("note", 18)
    assert "kept in the package-level defaults for the life of the process" in finding["message"]
    assert result.code == 0


def test_a_container_that_is_emptied_somewhere_is_not_reported(lint):
    assert _findings(lint({"reg.go": RESET}, "--format", "json")) == []


def test_a_fill_is_reported_with_every_caller_that_loses_it():
    """A helper that frees a struct and only some of its fields (freeMirrorOptions: the branch and
    the struct, not what populateFetchOptions stored in fetch_opts) frees those fields only, so
    Mirror loses the proxy URL as Remote.Fetch does; Clone, whose helper frees fetch_opts, does not."""
    from conftest import REPO, run_cli

    root = REPO / "tests/testdata/cgo001_fills"
    doc = json.loads(run_cli("check", "--format", "json", "--config", str(REPO / "tests/testdata/empty.toml"), ".",
                             cwd=root).out)
    (fill,) = [f for f in doc["findings"] if f["path"] == "options.go"]
    assert fill["line"] == 37 and fill["message"].endswith("; 1 more caller(s) lose it too")
    assert [(r["path"], r["line"], r["message"]) for r in fill["related"]] == [
        ("options.go", 84, "Remote.Fetch calls populateFetchOptions here, which leaves the memory in coptions.proxy_opts.url"),
        ("options.go", 87, "C.CString memory is lost here (when returning at line 87, in Remote.Fetch)"),
        ("options.go", 89, "C.CString memory is lost here (when returning at line 89, in Remote.Fetch)"),
        ("clone.go", 61, "Mirror calls populateCloneOptions here, which leaves the memory in copts.fetch_opts.proxy_opts.url"),
        ("clone.go", 64, "C.CString memory is lost here (when returning at line 64, in Mirror)"),
        ("clone.go", 66, "C.CString memory is lost here (when returning at line 66, in Mirror)"),
    ]
