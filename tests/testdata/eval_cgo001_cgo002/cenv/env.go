// Package cenv reads and writes the C library's environment, which C code sees.
package cenv

/*
#include <stdlib.h>
*/
import "C"

import (
	"fmt"
	"strings"
	"unsafe"
)

func freeCString(s *C.char) { C.free(unsafe.Pointer(s)) }

// Get returns the value of key in the C environment.
func Get(key string) (string, bool) {
	ckey := C.CString(key)
	defer C.free(unsafe.Pointer(ckey))
	v := C.getenv(ckey)
	if v == nil {
		return "", false
	}
	return C.GoString(v), true
}

// Set sets key=value, overwriting any existing value.
func Set(key, value string) error {
	ckey := C.CString(key)
	defer C.free(unsafe.Pointer(ckey))
	cvalue := C.CString(value) // want CGO001
	if rc, err := C.setenv(ckey, cvalue, 1); rc != 0 {
		return fmt.Errorf("setenv %s: %w", key, err)
	}
	return nil
}

// Unset removes key from the environment.
func Unset(key string) error {
	if rc, err := C.unsetenv(C.CString(key)); rc != 0 { // want CGO001
		return fmt.Errorf("unsetenv %s: %w", key, err)
	}
	return nil
}

// SetDefault sets key only when it is not already set.
func SetDefault(key, value string) error {
	ckey := C.CString(key)
	defer C.free(unsafe.Pointer(ckey))
	if C.getenv(ckey) != nil {
		return nil
	}
	cvalue := C.CString(value)
	defer C.free(unsafe.Pointer(cvalue))
	if rc, err := C.setenv(ckey, cvalue, 0); rc != 0 {
		return fmt.Errorf("setenv %s: %w", key, err)
	}
	return nil
}

// SetAll applies every entry of env.
func SetAll(env map[string]string) error {
	for k, v := range env {
		ck := C.CString(k)
		cv := C.CString(v)
		rc, err := C.setenv(ck, cv, 1)
		freeCString(ck)
		freeCString(cv)
		if rc != 0 {
			return fmt.Errorf("setenv %s: %w", k, err)
		}
	}
	return nil
}

// Lookup returns the set variables among keys.
func Lookup(keys ...string) map[string]string {
	out := make(map[string]string, len(keys))
	var ck *C.char
	for _, k := range keys {
		ck = C.CString(k) // want CGO001
		if v := C.getenv(ck); v != nil {
			out[k] = C.GoString(v)
		}
	}
	freeCString(ck)
	return out
}

// Export applies KEY=VALUE pairs, stopping at the first malformed one.
func Export(pairs []string) error {
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		ck := C.CString(k) // want CGO001
		if !ok || k == "" {
			return fmt.Errorf("cenv: malformed pair %q", kv)
		}
		cv := C.CString(v)
		rc, err := C.setenv(ck, cv, 1)
		freeCString(ck)
		freeCString(cv)
		if rc != 0 {
			return fmt.Errorf("setenv %s: %w", k, err)
		}
	}
	return nil
}
