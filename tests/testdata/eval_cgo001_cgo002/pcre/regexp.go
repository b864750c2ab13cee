// Package pcre wraps a PCRE2-style regular expression engine.
package pcre

/*
#include <stdlib.h>

typedef struct pcre2_code pcre2_code;

static pcre2_code *pcre2_compile(const char *pattern, size_t length, unsigned int options, int *errorcode, size_t *erroroffset) {
	static int dummy;
	return (pcre2_code *)&dummy;
}
static void pcre2_code_free(pcre2_code *code) {}
static int pcre2_match(const pcre2_code *code, const char *subject, size_t length) { return length > 0; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Regexp is a compiled pattern.
type Regexp struct {
	code *C.pcre2_code
	expr string
}

// Compile compiles pattern.
func Compile(pattern string) (*Regexp, error) {
	cpat := C.CString(pattern)
	defer C.free(unsafe.Pointer(cpat))
	var errcode C.int
	var erroff C.size_t
	code := C.pcre2_compile(cpat, C.size_t(len(pattern)), 0, &errcode, &erroff)
	if code == nil {
		return nil, fmt.Errorf("pcre: %q: error %d at offset %d", pattern, int(errcode), int(erroff))
	}
	re := &Regexp{code: code, expr: pattern}
	runtime.SetFinalizer(re, func(r *Regexp) { C.pcre2_code_free(r.code) })
	return re, nil
}

// MatchString reports whether s matches.
func (re *Regexp) MatchString(s string) bool {
	cs := C.CString(s) // want CGO001
	n := C.size_t(len(s))
	match := func() bool { return C.pcre2_match(re.code, cs, n) > 0 }
	return match()
}

// Subject prepares s for repeated matching; call release when done.
func (re *Regexp) Subject(s string) (match func() bool, release func()) {
	cs := C.CString(s)
	n := C.size_t(len(s))
	match = func() bool { return C.pcre2_match(re.code, cs, n) > 0 }
	release = func() { C.free(unsafe.Pointer(cs)) }
	return match, release
}

// FirstMatch returns the index of the first subject that matches, or -1.
func (re *Regexp) FirstMatch(subjects []string) int {
	var cs *C.char
	defer func() {
		if cs != nil {
			C.free(unsafe.Pointer(cs))
		}
	}()
	for i, s := range subjects {
		cs = C.CString(s) // want CGO001
		if C.pcre2_match(re.code, cs, C.size_t(len(s))) > 0 {
			return i
		}
	}
	return -1
}

// LastMatch returns the index of the last subject that matches, or -1.
func (re *Regexp) LastMatch(subjects []string) int {
	var cs *C.char
	defer func() { C.free(unsafe.Pointer(cs)) }()
	last := -1
	for i, s := range subjects {
		if cs != nil {
			C.free(unsafe.Pointer(cs))
		}
		cs = C.CString(s)
		if C.pcre2_match(re.code, cs, C.size_t(len(s))) > 0 {
			last = i
		}
	}
	return last
}

// MatchAll matches every subject, converting them all to C first.
func (re *Regexp) MatchAll(subjects []string) []bool {
	csubs := make([]*C.char, 0, len(subjects))
	cleanup := func() {
		for _, c := range csubs {
			C.free(unsafe.Pointer(c))
		}
	}
	defer cleanup()
	for _, s := range subjects {
		csubs = append(csubs, C.CString(s))
	}
	out := make([]bool, len(subjects))
	for i, c := range csubs {
		out[i] = C.pcre2_match(re.code, c, C.size_t(len(subjects[i]))) > 0
	}
	return out
}
