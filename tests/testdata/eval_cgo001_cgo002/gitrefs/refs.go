// Package gitrefs resolves and creates libgit2 references in bulk.
package gitrefs

/*
#include <stdlib.h>

typedef struct git_repository git_repository;
typedef struct git_reference git_reference;
typedef struct { unsigned char id[20]; } git_oid;

static int git_reference_lookup(git_reference **out, git_repository *repo, const char *name) { *out = 0; return 0; }
static int git_reference_name_to_id(git_oid *out, git_repository *repo, const char *name) { return 0; }
static int git_reference_is_valid_name(const char *refname) { return refname[0] != 0; }
static int git_reference_create(git_reference **out, git_repository *repo, const char *name,
	const git_oid *id, int force, const char *log_message) { *out = 0; return 0; }
static void git_reference_free(git_reference *ref) { (void)ref; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Repo is a borrowed libgit2 repository handle.
type Repo struct{ ptr *C.git_repository }

// ResolveAll looks up the object id of every reference name.
func (r *Repo) ResolveAll(names []string) (map[string][20]byte, error) {
	out := make(map[string][20]byte, len(names))
	for _, name := range names {
		cname := C.CString(name)
		var oid C.git_oid
		rc := C.git_reference_name_to_id(&oid, r.ptr, cname)
		C.free(unsafe.Pointer(cname))
		if rc < 0 {
			return nil, fmt.Errorf("gitrefs: resolve %q: %d", name, int(rc))
		}
		var id [20]byte
		for i := range id {
			id[i] = byte(oid.id[i])
		}
		out[name] = id
	}
	return out, nil
}

// ValidNames filters the names libgit2 accepts as reference names.
func ValidNames(names []string) []string {
	var valid []string
	for _, name := range names {
		cname := C.CString(name) // want CGO001
		if C.git_reference_is_valid_name(cname) == 0 {
			continue
		}
		C.free(unsafe.Pointer(cname))
		valid = append(valid, name)
	}
	return valid
}

// Exists reports whether every reference in names exists.
func (r *Repo) Exists(names []string) bool {
	var cname *C.char
	found := 0
	for _, name := range names {
		cname = C.CString(name) // want CGO001
		var ref *C.git_reference
		if C.git_reference_lookup(&ref, r.ptr, cname) < 0 {
			break
		}
		C.git_reference_free(ref)
		found++
	}
	if cname != nil {
		C.free(unsafe.Pointer(cname))
	}
	return found == len(names)
}

// CreateBranches creates refs/heads/<name> for each branch, pointing at id.
func (r *Repo) CreateBranches(branches []string, id [20]byte, msg string) error {
	cmsg := C.CString(msg)
	defer C.free(unsafe.Pointer(cmsg))
	var oid C.git_oid
	for i, b := range id {
		oid.id[i] = C.uchar(b)
	}
	for _, b := range branches {
		cname := C.CString("refs/heads/" + b)
		defer C.free(unsafe.Pointer(cname))
		var ref *C.git_reference
		if rc := C.git_reference_create(&ref, r.ptr, cname, &oid, 0, cmsg); rc < 0 {
			return fmt.Errorf("gitrefs: create %s: %d", b, int(rc))
		}
		C.git_reference_free(ref)
	}
	return nil
}

// FirstExisting returns the first candidate that names an existing reference.
func (r *Repo) FirstExisting(candidates ...string) (string, bool) {
	for _, c := range candidates {
		cname := C.CString(c)
		var ref *C.git_reference
		rc := C.git_reference_lookup(&ref, r.ptr, cname)
		C.free(unsafe.Pointer(cname))
		if rc == 0 {
			C.git_reference_free(ref)
			return c, true
		}
	}
	return "", false
}
