// Package magic identifies file types through a libmagic-style library.
package magic

// #include <stdlib.h>
// #include "magic.h"
import "C"

import (
	"errors"
	"unsafe"
)

// Magic is an open cookie.
type Magic struct{ c *C.magic_set }

// Open creates a cookie with the given flags.
func Open(flags int) (*Magic, error) {
	m := C.magic_open(C.int(flags))
	if m == nil {
		return nil, errors.New("magic: open failed")
	}
	return &Magic{c: m}, nil
}

func (m *Magic) err() error { return errors.New(C.GoString(C.magic_error(m.c))) }

// SetDefaultDatabase sets the database used by Load(""); the library keeps the string.
func SetDefaultDatabase(path string) {
	cpath := C.CString(path)
	C.magic_set_default_db(cpath)
}

// Load loads a database; "" means the default one.
func (m *Magic) Load(db string) error {
	var cdb *C.char
	if db != "" {
		cdb = C.CString(db)
		defer C.free(unsafe.Pointer(cdb))
	}
	if C.magic_load(m.c, cdb) != 0 {
		return m.err()
	}
	return nil
}

// File describes the file at path.
func (m *Magic) File(path string) (string, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	r := C.magic_file(m.c, cpath)
	if r == nil {
		return "", m.err()
	}
	return C.GoString(r), nil
}

// Describe is like File but goes through the copying API.
func (m *Magic) Describe(path string) (string, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	d := C.magic_describe_dup(m.c, cpath)
	if d == nil {
		return "", m.err()
	}
	s := C.GoString(d)
	C.magic_string_free(d)
	return s, nil
}

// DescribeAll describes several files, skipping the ones that fail.
func (m *Magic) DescribeAll(paths []string) []string {
	var out []string
	for _, p := range paths {
		cp := C.CString(p)
		d := C.magic_describe_dup(m.c, cp) // want CGO001
		C.free(unsafe.Pointer(cp))
		if d == nil {
			continue
		}
		out = append(out, C.GoString(d))
	}
	return out
}

// Buffer describes an in-memory buffer.
func (m *Magic) Buffer(data []byte) (string, error) {
	cbuf := C.CBytes(data) // want CGO001
	r := C.magic_buffer(m.c, cbuf, C.size_t(len(data)))
	if r == nil {
		return "", m.err()
	}
	C.free(cbuf)
	return C.GoString(r), nil
}

// Close releases the cookie.
func (m *Magic) Close() { C.magic_close(m.c) }
