// Package shapes has one function per shape of leak that --fix repairs, or leaves alone, each
// labelled with its finding. shapes.go.golden is this file after `cgolint check --fix --unsafe-fixes`:
// tests/test_fix.py checks that, and that the result passes go vet and go build.
package shapes

/*
#include <string.h>

static int keep_none(const char *s) { int n = 0; while (s[n]) n++; return n; }
static int lookup(const char *key) { return key[0] == 'k'; }
static int table_has(int t, const char *key) { return t > 0 && key[0] != 0; }
static int count3(const char *a, const char *b, const char *c) { return (a[0] != 0) + (b[0] != 0) + (c[0] != 0); }
*/
import "C"

import "errors"

// Length leaks on its only return: a defer after the allocation.
func Length(s string) int {
	cs := C.CString(s) // want CGO001 "cs \(from C.CString\) is not freed when returning at line 21; add .defer C.free\(unsafe.Pointer\(cs\)\). right after the allocation"
	return int(C.keep_none(cs))
}

// Name hands the string to its caller on success and loses it on the error path: the fix frees it
// on that path only (a defer would free what the caller gets).
func Name(s string) (*C.char, error) {
	cs := C.CString(s) // want CGO001 "cs \(from C.CString\) is not freed when returning at line 29; call .C.free\(unsafe.Pointer\(cs\)\). before the way out at line 29"
	if C.lookup(cs) == 0 {
		return nil, errors.New("unknown key")
	}
	return cs, nil
}

// Count makes a string per key and frees none: freed at the end of each iteration.
func Count(keys []string) int {
	n := 0
	for _, k := range keys {
		ck := C.CString(k) // want CGO001 "ck \(from C.CString\) is not freed by the end of the loop iteration at line 42"
		if C.lookup(ck) != 0 {
			n++
		}
	}
	return n
}

// Inline passes a C string straight to C: hoisted into a variable freed right after the call.
func Inline(s string) {
	C.keep_none(C.CString(s)) // want CGO001 "the result of C.CString is passed straight to C.keep_none and never freed"
}

// InlineReturn does the same in a return: hoisted, with a deferred free.
func InlineReturn(s string) bool {
	return C.lookup(C.CString(s)) != 0 // want CGO001 "the result of C.CString is passed straight to C.lookup and never freed"
}

// Echo copies the string back with C.GoString, cgo's own copy: a safe defer.
func Echo(s string) string {
	cs := C.CString(s) // want CGO001 "cs \(from C.CString\) is not freed when returning at line 59; add .defer C.free\(unsafe.Pointer\(cs\)\). right after the allocation"
	return C.GoString(cs)
}

// Table is a table on the C side.
type Table struct{ id C.int }

func (t *Table) native() C.int { return t.id }

// Has evaluates t.native() before the string. Hoisting the string above that call is still right:
// name is a parameter the function never assigns, so no call can change it.
func (t *Table) Has(name string) bool {
	return C.table_has(t.native(), C.CString(name)) != 0 // want CGO001 "the result of C.CString is passed straight to C.table_has and never freed"
}

// Triple passes three C strings straight to C in one call: hoisted one per round of --fix, each
// into a variable of its own, in the order Go evaluates them.
func Triple(a, b, c string) int {
	return int(C.count3(C.CString(a), C.CString(b), C.CString(c))) // want CGO001 "the result of C.CString is passed straight to C.count3" CGO001 "the result of C.CString is passed straight to C.count3" CGO001 "the result of C.CString is passed straight to C.count3"
}

// Later defers the C call: the hoisted string's deferred free is registered first, so it runs
// after the deferred call, as Go runs deferred calls last in, first out.
func Later(s string) {
	defer C.keep_none(C.CString(s)) // want CGO001 "the result of C.CString is passed straight to C.keep_none"
}

// Background hands the string to a goroutine: this function cannot know when the goroutine is done
// with it, so no fix is offered.
func Background(s string) {
	go C.keep_none(C.CString(s)) // want CGO001 "the result of C.CString is passed straight to C.keep_none, called by a new goroutine, and never freed; free it in that goroutine once the call returns"
}

// Declared lends the string to strlen, a C library function: the fix is right only if strlen
// keeps no pointer to it, so it is unsafe (applied with --unsafe-fixes).
func Declared(s string) int {
	var cs = C.CString(s) // want CGO001 "cs \(from C.CString\) is not freed when returning at line 95; if C.strlen only borrows it"
	return int(C.strlen(cs))
}

// Pick loses the string on a path whose return still reads it, and returns it on the other: a
// free before that return would be read after it is freed, so no fix is offered.
func Pick(s string) (*C.char, int) {
	cs := C.CString(s) // want CGO001 "cs \(from C.CString\) is not freed when returning at line 103"
	if C.lookup(cs) == 0 {
		return nil, int(C.keep_none(cs))
	}
	return cs, 0
}
