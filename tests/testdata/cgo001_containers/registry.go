package httpc

/*
#include <stdlib.h>
// From a logging library: copies the name it is given.
void *logger_open(const char *name);
// From a metrics library: registers counters, copying their names.
int counter_register(const char **names, int n);
*/
import "C"

import (
	"sync"
	"unsafe"
)

// names only grows: every call of Register leaks one C string.
var names []*C.char

func Register(name string) int {
	names = append(names, C.CString(name)) // want CGO001 "C.CString memory is appended to the package-level names, which only grows"
	return int(C.counter_register(&names[0], C.int(len(names))))
}

// builtins is filled once, by init, and kept for the life of the process: a note.
var builtins []*C.char

func init() {
	for _, n := range []string{"requests", "errors"} {
		builtins = append(builtins, C.CString(n)) // want CGO001 "kept in the package-level builtins for the life of the process"
	}
}

// defaults is filled once, in a sync.Once body: a note too.
var (
	defaults     map[string]*C.char
	defaultsOnce sync.Once
)

func Default(k string) *C.char {
	defaultsOnce.Do(func() {
		defaults = map[string]*C.char{}
		defaults["host"] = C.CString("localhost") // want CGO001 "kept in the package-level defaults for the life of the process"
	})
	return defaults[k]
}

// interned is a cache: one C string per distinct name, looked up before it is stored.
var interned = map[string]*C.char{}

func Intern(s string) *C.char {
	if p, ok := interned[s]; ok {
		return p
	}
	p := C.CString(s)
	interned[s] = p
	return p
}

// labels is emptied and freed by Reset: it does not only grow.
var labels []*C.char

func AddLabel(s string) {
	labels = append(labels, C.CString(s))
}

func Reset() {
	for _, p := range labels {
		C.free(unsafe.Pointer(p))
	}
	labels = nil
}

// byID deletes what it no longer needs.
var byID = map[int]*C.char{}

func Put(id int, s string) { byID[id] = C.CString(s) }

func Drop(id int) {
	C.free(unsafe.Pointer(byID[id]))
	delete(byID, id)
}

// Package-level initializers run once: an inline C string handed to a C function that copies it
// still leaks, but bound to a variable it lives as long as the program.
var logger = C.logger_open(C.CString("httpc")) // want CGO001 "the result of C.CString in a package-level initializer is passed straight to C.logger_open and never freed; if C.logger_open only borrows it"

var defaultName = C.CString("httpc")
