package git

/*
#include <stdlib.h>
// From a machine-learning runtime: parses the serialized options during the call (copies them).
int options_set_config(void *opts, const void *proto, size_t len);
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Options hands the config buffer to the cleanup function it returns, but loses it when the
// library rejects the config: the free in the returned closure runs only if the caller gets it.
// Free before that return; moving the closure's free into a defer would free it too early.
func Options(opts unsafe.Pointer, config []byte) (func(), error) {
	var cConfig unsafe.Pointer
	if len(config) > 0 {
		cConfig = C.CBytes(config) // want CGO001 "cConfig \(from C.CBytes\) is not freed when returning at line 23; call `C.free\(cConfig\)` before the way out at line 23, not in a `defer`"
		if C.options_set_config(opts, cConfig, C.size_t(len(config))) != 0 {
			return func() {}, errors.New("invalid config")
		}
	}
	return func() {
		C.free(cConfig)
	}, nil
}

// Subject keeps the string for the release function it returns, through a local variable.
func Subject(opts unsafe.Pointer, name string) (release func()) {
	cname := C.CString(name)
	release = func() { C.free(unsafe.Pointer(cname)) }
	return release
}

// Labelled checks the string first, and leaks it when the check fails.
func Labelled(opts unsafe.Pointer, name string) func() {
	cname := C.CString(name) // want CGO001 "cname \(from C.CString\) is not freed when returning at line 42; call `C.free\(unsafe.Pointer\(cname\)\)` before the way out at line 42"
	if C.options_set_config(opts, unsafe.Pointer(cname), 0) != 0 {
		return nil
	}
	cleanup := func() { C.free(unsafe.Pointer(cname)) }
	return cleanup
}

// Checked runs its local closure (it only calls it), which frees the string: no leak.
func Checked(opts unsafe.Pointer, name string) int {
	cname := C.CString(name)
	done := func() { C.free(unsafe.Pointer(cname)) }
	rc := C.options_set_config(opts, unsafe.Pointer(cname), 0)
	done()
	return int(rc)
}
