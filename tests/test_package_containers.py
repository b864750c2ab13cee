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
