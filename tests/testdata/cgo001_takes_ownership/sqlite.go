package owned

/*
#cgo LDFLAGS: -lsqlite3
#include <stdlib.h>
#include <sqlite3.h>

// Hands the text to SQLite, which frees it with free() when done.
static int bind_text_owned(sqlite3_stmt *s, int i, char *p, int n) {
	return sqlite3_bind_text(s, i, p, n, free);
}

// SQLITE_TRANSIENT: SQLite copies the text, the caller keeps (and must free) it.
static int bind_text_copy(sqlite3_stmt *s, int i, char *p, int n) {
	return sqlite3_bind_text(s, i, p, n, SQLITE_TRANSIENT);
}
*/
import "C"

import "unsafe"

var freeText = (*[0]byte)(unsafe.Pointer(C.free))

// Bind passes C.free as the destructor: SQLite owns the text from here.
func Bind(stmt *C.sqlite3_stmt, i int, s string) C.int {
	cs := C.CString(s)
	return C.sqlite3_bind_text(stmt, C.int(i), cs, C.int(len(s)), (*[0]byte)(C.free))
}

// Result does the same through a package variable holding C.free.
func Result(ctx *C.sqlite3_context, s string) {
	C.sqlite3_result_text(ctx, C.CString(s), C.int(len(s)), freeText)
}

// BindOwned goes through the package's wrapper, which passes free.
func BindOwned(stmt *C.sqlite3_stmt, i int, s string) C.int {
	return C.bind_text_owned(stmt, C.int(i), C.CString(s), C.int(len(s)))
}

// BindCopy's wrapper makes SQLite copy the text, so the C string leaks.
func BindCopy(stmt *C.sqlite3_stmt, i int, s string) C.int {
	cs := C.CString(s) // want CGO001 "cs \(from C.CString\) is not freed when returning at line 43; if C.bind_text_copy \(which hands it to sqlite3_bind_text\) only borrows it"
	return C.bind_text_copy(stmt, C.int(i), cs, C.int(len(s)))
}
