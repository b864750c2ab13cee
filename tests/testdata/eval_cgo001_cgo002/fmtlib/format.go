// Package fmtlib binds a small C formatting library built from fmtlib.c.
package fmtlib

/*
#include <stdlib.h>
#include "fmtlib.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"
)

// Version returns the library version.
func Version() string {
	return C.GoString(C.fmt_version()) // want CGO001
}

// Describe returns the description of code.
func Describe(code int) string {
	d := C.fmt_describe(C.int(code))
	if d == nil {
		return ""
	}
	defer C.fmt_release(d)
	return C.GoString(d)
}

// Category returns the static category name of code.
func Category(code int) string {
	return C.GoString(C.fmt_category(C.int(code)))
}

// Render renders tmpl with arg.
func Render(tmpl, arg string) (string, error) {
	ctmpl := C.CString(tmpl)
	defer C.fmt_release(ctmpl)
	carg := C.CString(arg)
	defer C.free(unsafe.Pointer(carg))
	var buf [256]C.char
	if n := C.fmt_render(ctmpl, carg, &buf[0], C.int(len(buf))); n < 0 {
		return "", errors.New("fmtlib: output too long")
	}
	return C.GoString(&buf[0]), nil
}

// DescribeAll describes every non-empty code.
func DescribeAll(codes []int) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		d := C.fmt_describe(C.int(c)) // want CGO001
		s := C.GoString(d)
		if s == "" {
			continue
		}
		C.fmt_release(d)
		out = append(out, s)
	}
	return out
}

var (
	versionOnce sync.Once
	versionC    *C.char // kept for the life of the process
)

// VersionC returns the version as a C string shared by all callers.
func VersionC() *C.char {
	versionOnce.Do(func() {
		versionC = C.fmt_version()
	})
	return versionC
}

// LongVersion returns the version followed by its category.
func LongVersion() string {
	v := C.fmt_version()
	s := C.GoString(v)
	C.free(unsafe.Pointer(v))
	return s + " (" + Category(0) + ")"
}

// RenderAll renders tmpl once for each argument.
func RenderAll(tmpl string, args []string) ([]string, error) {
	ctmpl := C.CString(tmpl)
	defer C.free(unsafe.Pointer(ctmpl))
	out := make([]string, 0, len(args))
	var buf [256]C.char
	for _, a := range args {
		carg := C.CString(a) // want CGO001
		if C.fmt_render(ctmpl, carg, &buf[0], C.int(len(buf))) < 0 {
			return nil, fmt.Errorf("fmtlib: %q: output too long", a)
		}
		C.fmt_release(carg)
		out = append(out, C.GoString(&buf[0]))
	}
	return out, nil
}

// Banner returns "name version", or just the version when name is empty.
func Banner(name string) string {
	v := C.fmt_version() // want CGO001
	if name == "" {
		return C.GoString(v)
	}
	defer C.free(unsafe.Pointer(v))
	return name + " " + C.GoString(v)
}
