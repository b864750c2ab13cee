// Package sqlite binds a sqlite-style C API. Every function here hands its C memory on or frees
// it correctly, except the labelled ones. Its preamble defines sqlite3_* stand-ins: they are the
// package's own C functions, not calls into SQLite, so CGO004 has nothing to say.
package sqlite

/*
#include <stdlib.h>
#include <string.h>
typedef struct sqlite3_stmt sqlite3_stmt;
static int sqlite3_prepare_v2(void *db, const char *sql, int n, sqlite3_stmt **out, const char **tail) { *out = 0; return 0; }
static int sqlite3_bind_text(sqlite3_stmt *s, int i, const char *v, int n, void (*d)(void*)) { return 0; }
static int sqlite3_finalize(sqlite3_stmt *s) { return 0; }

// stmt_free_name frees its argument: a C-side free wrapper.
static void stmt_free_name(char *name) { free(name); }

// keep_name stores its argument in a global: ownership moves to C.
static char *kept;
static void keep_name(char *name) { kept = name; }

// dup_label returns malloc'd memory: an allocation the Go side must free.
static char *dup_label(const char *s) { return strdup(s); }
*/
import "C"

import (
	"errors"
	"unsafe"
)

var registry = map[string]*C.char{}

var lastName *C.char

type Stmt struct {
	ptr  *C.sqlite3_stmt
	sql  *C.char
	args []*C.char
}

// Prepare keeps the SQL text in the statement: the owner type frees it in Close.
func Prepare(db unsafe.Pointer, sql string) (*Stmt, error) {
	csql := C.CString(sql)
	var s *C.sqlite3_stmt
	if C.sqlite3_prepare_v2(db, csql, -1, &s, nil) != 0 {
		C.free(unsafe.Pointer(csql))
		return nil, errors.New("prepare failed")
	}
	return &Stmt{ptr: s, sql: csql}, nil
}

func (s *Stmt) Close() error {
	C.free(unsafe.Pointer(s.sql))
	for _, a := range s.args {
		freeCString(a)
	}
	C.sqlite3_finalize(s.ptr)
	return nil
}

func freeCString(p *C.char) { C.free(unsafe.Pointer(p)) }

// release calls the helper: transitively it frees its parameter too.
func release(p *C.char) { freeCString(p) }

// Bind keeps every argument in the statement: stored in a struct field's slice.
func (s *Stmt) Bind(i int, v string) {
	cv := C.CString(v)
	s.args = append(s.args, cv)
	C.sqlite3_bind_text(s.ptr, C.int(i), cv, -1, nil)
}

// BindField stores through a field assignment.
func (s *Stmt) BindSQL(sql string) {
	cs := C.CString(sql)
	s.sql = cs
}

// Exec frees through a helper, on every path.
func Exec(db unsafe.Pointer, sql string) error {
	csql := C.CString(sql)
	defer freeCString(csql)
	var s *C.sqlite3_stmt
	if C.sqlite3_prepare_v2(db, csql, -1, &s, nil) != 0 {
		return errors.New("prepare failed")
	}
	return nil
}

// ExecRelease frees through a helper of a helper.
func ExecRelease(db unsafe.Pointer, sql string) {
	csql := C.CString(sql)
	var s *C.sqlite3_stmt
	C.sqlite3_prepare_v2(db, csql, -1, &s, nil)
	release(csql)
}

// ExecC frees through the C wrapper.
func ExecC(db unsafe.Pointer, sql string) {
	csql := C.CString(sql)
	var s *C.sqlite3_stmt
	C.sqlite3_prepare_v2(db, csql, -1, &s, nil)
	C.stmt_free_name(csql)
}

// Keep hands the string to C, which keeps it.
func Keep(name string) {
	C.keep_name(C.CString(name))
}

// Register stores in a map and in a global.
func Register(name string) {
	cname := C.CString(name) // want CGO001 "cname \(from C.CString\) is stored in the package-level registry, which only grows"
	registry[name] = cname
	lastName = C.CString(name)
}

// Send passes ownership through a channel.
func Send(ch chan<- *C.char, name string) {
	cname := C.CString(name)
	ch <- cname
}

// NewName returns ownership to the caller.
func NewName(name string) *C.char {
	return C.CString(name)
}

// NewNames returns it with an error.
func NewNames(name string) (*C.char, error) {
	cname := C.CString(name)
	if name == "" {
		C.free(unsafe.Pointer(cname))
		return nil, errors.New("empty name")
	}
	return cname, nil
}

// Named results: the bare return hands cname back.
func Named(name string) (cname *C.char, err error) {
	cname = C.CString(name)
	return
}

// Args builds a C argv: the slice element owns each string, a deferred loop frees them.
func Args(args []string) int {
	cargs := make([]*C.char, len(args))
	for i, a := range args {
		cargs[i] = C.CString(a)
	}
	defer func() {
		for _, p := range cargs {
			C.free(unsafe.Pointer(p))
		}
	}()
	return len(cargs)
}

// Label frees what the C helper allocated.
func Label(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	label := C.dup_label(cs)
	defer C.free(unsafe.Pointer(label))
	return C.GoString(label)
}

// Closure captures the string for later: it escapes with the closure.
func Closure(name string) func() {
	cname := C.CString(name)
	return func() { C.free(unsafe.Pointer(cname)) }
}

// Bytes copies with C.CBytes and frees the unsafe.Pointer directly.
func Bytes(b []byte) int {
	p := C.CBytes(b)
	defer C.free(p)
	return int(C.sqlite3_bind_text(nil, 0, (*C.char)(p), C.int(len(b)), nil))
}

// Alias frees through a second name.
func Alias(name string) {
	cname := C.CString(name)
	p := unsafe.Pointer(cname)
	C.sqlite3_bind_text(nil, 0, cname, -1, nil)
	C.free(p)
}

// Immediately invoked closure frees now.
func Now(name string) {
	cname := C.CString(name)
	C.sqlite3_bind_text(nil, 0, cname, -1, nil)
	func() { C.free(unsafe.Pointer(cname)) }()
}

// Label leaks what the C helper returned.
func LabelLeak(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	label := C.dup_label(cs) // want CGO001 "label \(from C.dup_label\) is not freed when returning"
	return C.GoString(label)
}

// LabelErrno uses cgo's errno form: the error branch has nothing to free (the helper returned
// NULL), but the success path loses the label.
func LabelErrno(s string) (string, error) {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	label, err := C.dup_label(cs) // want CGO001 "label \(from C.dup_label\) is not freed when returning at line 213"
	if err != nil {
		return "", err
	}
	return C.GoString(label), nil
}

// LabelErrnoFreed frees the errno form's result on the path that has one.
func LabelErrnoFreed(s string) (string, error) {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	label, err := C.dup_label(cs)
	if err != nil {
		return "", err
	}
	defer C.free(unsafe.Pointer(label))
	return C.GoString(label), nil
}
