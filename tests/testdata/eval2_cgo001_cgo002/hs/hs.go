// Package hs compiles and runs multi-pattern regex databases through a
// Hyperscan-style API.
package hs

/*
#include <stdlib.h>
#include <string.h>

typedef struct { unsigned int n; } hs_database_t;
typedef struct { char* message; int expression; } hs_compile_error_t;
typedef struct { unsigned int id; unsigned long long from, to; } hs_match;

static int hs_compile_multi(const char* const* exprs, const unsigned int* flags, const unsigned int* ids,
                            unsigned int n, unsigned int mode, hs_database_t** db, hs_compile_error_t** err) {
	(void)flags; (void)ids; (void)mode;
	for (unsigned int i = 0; i < n; i++) {
		if (exprs[i][0] == '(' && exprs[i][1] == 0) {
			*err = malloc(sizeof(hs_compile_error_t));
			(*err)->message = strdup("unbalanced parenthesis");
			(*err)->expression = (int)i;
			return -4;
		}
	}
	*db = malloc(sizeof(hs_database_t)); (*db)->n = n; return 0;
}
static void hs_free_compile_error(hs_compile_error_t* e) { if (e) { free(e->message); free(e); } }
static void hs_free_database(hs_database_t* db) { free(db); }
static unsigned int hs_scan_collect(hs_database_t* db, const char* data, unsigned int len, hs_match* out, unsigned int max) {
	unsigned int n = 0; (void)data;
	for (unsigned int i = 0; i < db->n && n < max; i++) { out[n].id = i; out[n].from = 0; out[n].to = len; n++; }
	return n;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Pattern is one expression of a database.
type Pattern struct {
	Expr  string
	Flags uint
	ID    uint
}

// Database is a compiled pattern set.
type Database struct{ c *C.hs_database_t }

// ErrEmpty is returned for an empty literal.
var ErrEmpty = errors.New("hs: empty pattern")

func compileError(cerr *C.hs_compile_error_t) error {
	defer C.hs_free_compile_error(cerr)
	return fmt.Errorf("hs: expression %d: %s", int(cerr.expression), C.GoString(cerr.message))
}

// freeStrings frees every C string of an argv-style array.
func freeStrings(argv []*C.char) {
	for _, s := range argv {
		C.free(unsafe.Pointer(s))
	}
}

// CompileMulti compiles several patterns into one database.
func CompileMulti(patterns []Pattern) (*Database, error) {
	n := len(patterns)
	cexprs := C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof((*C.char)(nil))))
	defer C.free(cexprs)
	exprs := unsafe.Slice((**C.char)(cexprs), n)
	defer freeStrings(exprs)
	cflags := C.calloc(C.size_t(n), 4)
	defer C.free(cflags)
	flags := unsafe.Slice((*C.uint)(cflags), n)
	cids := C.calloc(C.size_t(n), 4)
	defer C.free(cids)
	ids := unsafe.Slice((*C.uint)(cids), n)
	for i, p := range patterns {
		exprs[i] = C.CString(p.Expr)
		flags[i] = C.uint(p.Flags)
		ids[i] = C.uint(p.ID)
	}
	var db *C.hs_database_t
	var cerr *C.hs_compile_error_t
	if C.hs_compile_multi((**C.char)(cexprs), (*C.uint)(cflags), (*C.uint)(cids), C.uint(n), 1, &db, &cerr) != 0 {
		return nil, compileError(cerr)
	}
	return &Database{c: db}, nil
}

// Compile compiles a single expression.
func Compile(expr string, flags uint) (*Database, error) {
	cexpr := C.CString(expr) // want CGO001
	cflags := C.uint(flags)
	var db *C.hs_database_t
	var cerr *C.hs_compile_error_t
	if C.hs_compile_multi(&cexpr, &cflags, nil, 1, 1, &db, &cerr) != 0 {
		return nil, compileError(cerr)
	}
	C.free(unsafe.Pointer(cexpr))
	return &Database{c: db}, nil
}

// CompileLiterals compiles literal strings, numbering them from 0.
func CompileLiterals(lits []string) (*Database, error) {
	n := len(lits)
	cexprs := C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof((*C.char)(nil))))
	defer C.free(cexprs)
	exprs := unsafe.Slice((**C.char)(cexprs), n)
	defer freeStrings(exprs)
	p := C.malloc(C.size_t(n) * 4) // want CGO002
	ids := (*[1 << 30]C.uint)(unsafe.Pointer(p))[:n:n]
	for i, lit := range lits {
		if lit == "" {
			return nil, ErrEmpty
		}
		exprs[i] = C.CString(lit)
		ids[i] = C.uint(i)
	}
	var db *C.hs_database_t
	var cerr *C.hs_compile_error_t
	rc := C.hs_compile_multi((**C.char)(cexprs), nil, (*C.uint)(p), C.uint(n), 1, &db, &cerr)
	C.free(p)
	if rc != 0 {
		return nil, compileError(cerr)
	}
	return &Database{c: db}, nil
}

// Scan calls onMatch for each match until it returns true.
func (db *Database) Scan(data []byte, onMatch func(id uint, from, to uint64) bool) {
	cdata := C.CBytes(data)
	defer C.free(cdata)
	const max = 64
	cm := C.calloc(max, C.size_t(unsafe.Sizeof(C.hs_match{})))
	defer C.free(cm)
	matches := unsafe.Slice((*C.hs_match)(cm), max)
	n := C.hs_scan_collect(db.c, (*C.char)(cdata), C.uint(len(data)), (*C.hs_match)(cm), max)
	for _, m := range matches[:n] {
		if onMatch(uint(m.id), uint64(m.from), uint64(m.to)) {
			break
		}
	}
}

// Free releases the database.
func (db *Database) Free() { C.hs_free_database(db.c) }
