// Package sqlitestmt is a thin prepared-statement layer over SQLite.
package sqlitestmt

/*
#include <stdlib.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

#define SQLITE_OK 0
#define SQLITE_ROW 100
#define SQLITE_DONE 101

static int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **stmt, const char **tail) {
	*stmt = 0;
	if (tail) *tail = 0;
	return SQLITE_OK;
}
static int sqlite3_bind_text(sqlite3_stmt *stmt, int i, const char *text, int n, void (*destructor)(void *)) { return SQLITE_OK; }
static int bind_text_transient(sqlite3_stmt *stmt, int i, const char *text, int n) {
	return sqlite3_bind_text(stmt, i, text, n, (void (*)(void *))-1);
}
static int sqlite3_step(sqlite3_stmt *stmt) { return SQLITE_DONE; }
static int sqlite3_finalize(sqlite3_stmt *stmt) { return SQLITE_OK; }
static const unsigned char *sqlite3_column_text(sqlite3_stmt *stmt, int col) { return (const unsigned char *)""; }
static int sqlite3_column_bytes(sqlite3_stmt *stmt, int col) { return 0; }
static const char *sqlite3_errmsg(sqlite3 *db) { return "not an error"; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Conn is an open database handle.
type Conn struct{ db *C.sqlite3 }

// Stmt is a prepared statement. Text bound with BindText stays alive until Finalize.
type Stmt struct {
	conn  *Conn
	s     *C.sqlite3_stmt
	bound []*C.char
}

func (c *Conn) errorf(rc C.int) error {
	return fmt.Errorf("sqlite: %s (%d)", C.GoString(C.sqlite3_errmsg(c.db)), int(rc))
}

// Prepare compiles one SQL statement.
func (c *Conn) Prepare(query string) (*Stmt, error) {
	cquery := C.CString(query)
	defer C.free(unsafe.Pointer(cquery))
	var s *C.sqlite3_stmt
	if rc := C.sqlite3_prepare_v2(c.db, cquery, -1, &s, nil); rc != C.SQLITE_OK {
		return nil, c.errorf(rc)
	}
	return &Stmt{conn: c, s: s}, nil
}

// BindText binds v to parameter i with SQLITE_STATIC, so SQLite does not copy it.
func (s *Stmt) BindText(i int, v string) error {
	cv := C.CString(v)
	if rc := C.sqlite3_bind_text(s.s, C.int(i), cv, C.int(len(v)), nil); rc != C.SQLITE_OK {
		C.free(unsafe.Pointer(cv))
		return s.conn.errorf(rc)
	}
	s.bound = append(s.bound, cv)
	return nil
}

// BindTextCopy binds v with SQLITE_TRANSIENT, so SQLite makes its own copy.
func (s *Stmt) BindTextCopy(i int, v string) error {
	cv := C.CString(v) // want CGO001
	rc := C.bind_text_transient(s.s, C.int(i), cv, C.int(len(v)))
	if rc != C.SQLITE_OK {
		return s.conn.errorf(rc)
	}
	C.free(unsafe.Pointer(cv))
	return nil
}

// Finalize releases the statement and any text bound with BindText.
func (s *Stmt) Finalize() error {
	rc := C.sqlite3_finalize(s.s)
	for _, cv := range s.bound {
		C.free(unsafe.Pointer(cv))
	}
	s.bound = nil
	if rc != C.SQLITE_OK {
		return s.conn.errorf(rc)
	}
	return nil
}

// QueryStrings runs query and collects the first column of every row.
func (c *Conn) QueryStrings(query string) ([]string, error) {
	cquery := C.CString(query) // want CGO001
	var s *C.sqlite3_stmt
	if rc := C.sqlite3_prepare_v2(c.db, cquery, C.int(len(query)), &s, nil); rc != C.SQLITE_OK {
		return nil, c.errorf(rc)
	}
	C.free(unsafe.Pointer(cquery))
	defer C.sqlite3_finalize(s)
	var out []string
	for {
		switch rc := C.sqlite3_step(s); rc {
		case C.SQLITE_ROW:
			p := C.sqlite3_column_text(s, 0)
			n := C.sqlite3_column_bytes(s, 0)
			out = append(out, C.GoStringN((*C.char)(unsafe.Pointer(p)), n))
		case C.SQLITE_DONE:
			return out, nil
		default:
			return nil, c.errorf(rc)
		}
	}
}
