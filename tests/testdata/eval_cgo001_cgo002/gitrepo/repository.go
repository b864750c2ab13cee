// Package gitrepo wraps a small part of libgit2's repository API.
package gitrepo

/*
#include <stdlib.h>

typedef struct git_repository git_repository;
typedef struct git_reference git_reference;

#define GIT_ENOTFOUND (-3)

static int git_repository_open(git_repository **out, const char *path) { *out = 0; return path[0] == 0 ? GIT_ENOTFOUND : 0; }
static int git_repository_open_ext(git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs) { *out = 0; return 0; }
static void git_repository_free(git_repository *repo) { (void)repo; }
static int git_reference_lookup(git_reference **out, git_repository *repo, const char *name) { *out = 0; return 0; }
static void git_reference_free(git_reference *ref) { (void)ref; }
static int git_repository_set_workdir(git_repository *repo, const char *path, int update_gitlink) { return 0; }
static int git_repository_set_namespace(git_repository *repo, const char *nmspace) { return 0; }
static const char *git_last_error_message(void) { return "libgit2 error"; }
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

// ErrNotFound is returned when a reference does not exist.
var ErrNotFound = errors.New("gitrepo: not found")

func lastError(code C.int) error {
	return fmt.Errorf("gitrepo: %s (code %d)", C.GoString(C.git_last_error_message()), int(code))
}

// Repository is an open libgit2 repository. The C path is kept for its lifetime.
type Repository struct {
	ptr  *C.git_repository
	path *C.char
}

// Open opens the repository at path.
func Open(path string) (*Repository, error) {
	cpath := C.CString(path)
	var ptr *C.git_repository
	if rc := C.git_repository_open(&ptr, cpath); rc < 0 {
		C.free(unsafe.Pointer(cpath))
		return nil, lastError(rc)
	}
	r := &Repository{ptr: ptr, path: cpath}
	runtime.SetFinalizer(r, (*Repository).Close)
	return r, nil
}

// Discover opens the repository containing start, searching parent directories.
func Discover(start string) (*Repository, error) {
	cstart := C.CString(start) // want CGO001
	var ptr *C.git_repository
	if rc := C.git_repository_open_ext(&ptr, cstart, 0, nil); rc < 0 {
		return nil, lastError(rc)
	}
	return &Repository{ptr: ptr}, nil
}

// Close releases the repository.
func (r *Repository) Close() {
	if r.ptr != nil {
		C.git_repository_free(r.ptr)
		r.ptr = nil
	}
	if r.path != nil {
		C.free(unsafe.Pointer(r.path))
		r.path = nil
	}
}

// LookupReference checks that a reference such as "refs/heads/main" exists.
func (r *Repository) LookupReference(name string) error {
	cname := C.CString(name) // want CGO001
	var ref *C.git_reference
	rc := C.git_reference_lookup(&ref, r.ptr, cname)
	if rc == C.GIT_ENOTFOUND {
		return ErrNotFound
	}
	if rc < 0 {
		return lastError(rc)
	}
	C.git_reference_free(ref)
	C.free(unsafe.Pointer(cname))
	return nil
}

// SetNamespace sets the active namespace; an empty string clears it.
func (r *Repository) SetNamespace(ns string) error {
	var cns *C.char
	if ns != "" {
		cns = C.CString(ns)
		defer C.free(unsafe.Pointer(cns))
	}
	if rc := C.git_repository_set_namespace(r.ptr, cns); rc < 0 {
		return lastError(rc)
	}
	return nil
}

// Reopen opens the repository at a new path, replacing the current handle.
func (r *Repository) Reopen(path string) error {
	cpath := C.CString(path)
	var ptr *C.git_repository
	if rc := C.git_repository_open(&ptr, cpath); rc < 0 {
		C.free(unsafe.Pointer(cpath))
		return lastError(rc)
	}
	r.Close()
	r.ptr = ptr
	r.path = cpath
	return nil
}
