// Package git wraps a libgit2-style C API. Each function either leaks a C string on some
// path (labelled) or frees it on every path.
package git

/*
#include <stdlib.h>
typedef struct git_repository git_repository;
static int git_repository_open(git_repository **out, const char *path) { *out = 0; return path[0] == '/' ? 0 : -1; }
static int git_reference_lookup(void **out, git_repository *repo, const char *name) { *out = 0; return 0; }
static const char *git_error_last(void) { return "error"; }
static void git_repository_free(git_repository *r) {}
static int git_config_set_string(void *cfg, const char *name, const char *value) { return 0; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

type Repository struct{ ptr *C.git_repository }

// Open returns before the free when libgit2 fails.
func Open(path string) (*Repository, error) {
	cpath := C.CString(path) // want CGO001 "cpath \(from C.CString\) is not freed when returning at line 29; replace the free at line 31 with `defer C.free\(unsafe.Pointer\(cpath\)\)` right after the allocation \(do not add a second free\)"
	var repo *C.git_repository
	if C.git_repository_open(&repo, cpath) < 0 {
		return nil, errors.New(C.GoString(C.git_error_last()))
	}
	C.free(unsafe.Pointer(cpath))
	return &Repository{ptr: repo}, nil
}

// OpenChecked frees on both paths: no finding.
func OpenChecked(path string) (*Repository, error) {
	cpath := C.CString(path)
	var repo *C.git_repository
	if C.git_repository_open(&repo, cpath) < 0 {
		C.free(unsafe.Pointer(cpath))
		return nil, errors.New(C.GoString(C.git_error_last()))
	}
	C.free(unsafe.Pointer(cpath))
	return &Repository{ptr: repo}, nil
}

// OpenDeferred is the idiom.
func OpenDeferred(path string) (*Repository, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var repo *C.git_repository
	if C.git_repository_open(&repo, cpath) < 0 {
		return nil, errors.New(C.GoString(C.git_error_last()))
	}
	return &Repository{ptr: repo}, nil
}

// Lookup panics between allocation and free.
func (r *Repository) Lookup(name string) unsafe.Pointer {
	cname := C.CString(name) // want CGO001 "when panicking at line 63"
	var ref unsafe.Pointer
	if C.git_reference_lookup(&ref, r.ptr, cname) != 0 {
		panic(fmt.Sprintf("no reference %q", name))
	}
	C.free(unsafe.Pointer(cname))
	return ref
}

// SetAll frees only one of two strings.
func SetAll(cfg unsafe.Pointer, name, value string) error {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	cvalue := C.CString(value) // want CGO001 "cvalue .*when returning at line 75; .*; 1 more leaking path"
	if C.git_config_set_string(cfg, cname, cvalue) != 0 {
		return errors.New("set failed")
	}
	return nil // the first leaking path is in the message; both are related locations
}

// Rename reassigns before freeing: the first string leaks.
func Rename(cfg unsafe.Pointer, old, new string) {
	cname := C.CString(old) // want CGO001 "before cname is overwritten at line 84"
	C.git_config_set_string(cfg, cname, nil)
	cname = C.CString(new)
	C.git_config_set_string(cfg, cname, nil)
	C.free(unsafe.Pointer(cname))
}

// DeferThenReassign: the defer captured the first value; the second one leaks.
func DeferThenReassign(cfg unsafe.Pointer, a, b string) {
	cname := C.CString(a)
	defer C.free(unsafe.Pointer(cname))
	C.git_config_set_string(cfg, cname, nil)
	cname = C.CString(b) // want CGO001 "when the function ends"
	C.git_config_set_string(cfg, cname, nil)
}

// DeferredClosure reads cname at exit: it frees the last value only.
func DeferredClosure(cfg unsafe.Pointer, a, b string) {
	cname := C.CString(a) // want CGO001 "overwritten at line 103"
	defer func() { C.free(unsafe.Pointer(cname)) }()
	C.git_config_set_string(cfg, cname, nil)
	cname = C.CString(b)
	C.git_config_set_string(cfg, cname, nil)
}

// Inline allocations are never freed.
func Log(msg string) {
	C.git_config_set_string(nil, C.CString("log"), nil) // want CGO001 "passed straight to C.git_config_set_string and never freed"
	C.CString(msg)                                      // want CGO001 "discarded and never freed"
}

// Switch: one case returns early.
func Apply(cfg unsafe.Pointer, kind int, v string) error {
	cv := C.CString(v) // want CGO001 "when returning at line 120"
	switch kind {
	case 0:
		C.git_config_set_string(cfg, cv, nil)
	case 1:
		return fmt.Errorf("kind %d is read-only", kind)
	default:
		C.git_config_set_string(cfg, nil, cv)
	}
	C.free(unsafe.Pointer(cv))
	return nil
}

// Terminate: os.Exit-like calls end the process; nothing leaks.
func Must(cfg unsafe.Pointer, v string) {
	cv := C.CString(v)
	if C.git_config_set_string(cfg, cv, nil) != 0 {
		fatal("cannot set")
	}
	C.free(unsafe.Pointer(cv))
}

func fatal(msg string) { panic(msg) }

// ConfigName hands the string to its caller on success and loses it on the error path: the
// advice frees it on that path only, since a deferred free would free what the caller gets.
func ConfigName(cfg unsafe.Pointer, v string) (*C.char, error) {
	cv := C.CString(v) // want CGO001 "not freed when returning at line 144; call .C.free\(unsafe.Pointer\(cv\)\). before the way out at line 144, not in a .defer.: on another path the memory is returned at line 146, where it must stay alive"
	if C.git_config_set_string(cfg, cv, nil) != 0 {
		return nil, errors.New("cannot set")
	}
	return cv, nil
}
