package httpc

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

import "unsafe"

// Calloc collects C strings so that one Free releases them all, but its methods have value
// receivers: String appends to a copy of the pool, and Free ranges over the caller's, which
// stays empty.
type Calloc struct {
	pool []unsafe.Pointer
}

func NewCalloc() Calloc { return Calloc{} }

func (c Calloc) String(in string) *C.char {
	result := C.CString(in) // want CGO001 "result \(from C.CString\) is appended to c.pool at line 22, but String has a value receiver: c is a copy of the caller's Calloc, so the store is lost when String returns and Free \(line 26\), which frees what pool holds on the caller's Calloc, never sees it; give Calloc's methods a pointer receiver \(func \(c \*Calloc\) String\)"
	c.pool = append(c.pool, unsafe.Pointer(result))
	return result
}

func (c Calloc) Free() {
	for _, p := range c.pool {
		C.free(p)
	}
	c.pool = nil
}

// Arena does the same with pointer receivers: the pool the caller frees is the one that keeps
// the strings.
type Arena struct {
	pool []unsafe.Pointer
}

func (a *Arena) String(in string) *C.char {
	p := C.CString(in)
	a.pool = append(a.pool, unsafe.Pointer(p))
	return p
}

func (a *Arena) Free() {
	for _, p := range a.pool {
		C.free(p)
	}
	a.pool = nil
}

// Args is built by value: With returns the copy that holds the new string, and the caller keeps
// using that copy.
type Args struct {
	argv []*C.char
}

func (a Args) With(s string) Args {
	a.argv = append(a.argv, C.CString(s))
	return a
}

func (a Args) Free() {
	for _, p := range a.argv {
		C.free(unsafe.Pointer(p))
	}
}

// Names keeps its strings in a map, which a copy of the struct shares with the caller.
type Names struct {
	byID map[int]*C.char
}

func (n Names) Set(id int, s string) {
	n.byID[id] = C.CString(s)
}

func (n Names) Free() {
	for _, p := range n.byID {
		C.free(unsafe.Pointer(p))
	}
}

// Label keeps one string in a field of a copy, but nothing in the package frees that field: the
// caller owns the returned pointer.
type Label struct {
	last *C.char
}

func (l Label) Make(s string) *C.char {
	p := C.CString(s)
	l.last = p
	return p
}
