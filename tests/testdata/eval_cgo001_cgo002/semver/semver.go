// Package semver formats versions and paths with C helpers that return malloc'd strings.
package semver

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int major, minor, patch; } semver;

static char *semver_format(semver v) {
	char buf[64];
	snprintf(buf, sizeof buf, "%d.%d.%d", v.major, v.minor, v.patch);
	return strdup(buf);
}

static char *path_join(const char *a, const char *b) {
	size_t n = strlen(a) + strlen(b) + 2;
	char *out = malloc(n);
	snprintf(out, n, "%s/%s", a, b);
	return out;
}

static const char *semver_channel(semver v) { return v.major == 0 ? "unstable" : "stable"; }
static int path_exists(const char *p) { return p[0] != 0; }
static void path_release(char *p) { free(p); }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Version is a semantic version.
type Version struct{ Major, Minor, Patch int }

func (v Version) c() C.semver {
	return C.semver{major: C.int(v.Major), minor: C.int(v.Minor), patch: C.int(v.Patch)}
}

// String formats v with the C formatter.
func (v Version) String() string {
	cs := C.semver_format(v.c())
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(cs)
}

// Channel returns "stable" or "unstable".
func (v Version) Channel() string {
	return C.GoString(C.semver_channel(v.c()))
}

// FormatAll formats versions, rejecting negative components.
func FormatAll(vs []Version) ([]string, error) {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		cs := C.semver_format(v.c()) // want CGO001
		if v.Major < 0 || v.Minor < 0 || v.Patch < 0 {
			return nil, fmt.Errorf("semver: negative component in %s", C.GoString(cs))
		}
		out = append(out, C.GoString(cs))
		C.free(unsafe.Pointer(cs))
	}
	return out, nil
}

// Join joins two path elements with the C helper.
func Join(a, b string) string {
	ca := C.CString(a)
	cb := C.CString(b)
	defer C.free(unsafe.Pointer(ca))
	defer C.free(unsafe.Pointer(cb))
	return C.GoString(C.path_join(ca, cb)) // want CGO001
}

// Exists reports whether dir/name exists.
func Exists(dir, name string) bool {
	cdir := C.CString(dir)
	defer C.free(unsafe.Pointer(cdir))
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	p := C.path_join(cdir, cname)
	ok := C.path_exists(p) != 0
	C.path_release(p)
	return ok
}

// Dup returns a C copy of s that the caller must free.
func Dup(s string) *C.char {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return C.strdup(cs)
}

// Prefix returns the first n bytes of s, using strndup.
func Prefix(s string, n int) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	p := C.strndup(cs, C.size_t(n)) // want CGO001
	return C.GoString(p)
}

// Truncate is Prefix done right.
func Truncate(s string, n int) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	p := C.strndup(cs, C.size_t(n))
	defer C.free(unsafe.Pointer(p))
	return C.GoString(p)
}
