// Package sqliteexec runs SQL scripts with sqlite3_exec.
package sqliteexec

/*
#include <stdlib.h>

typedef struct sqlite3 sqlite3;

#define SQLITE_OK 0
#define SQLITE_BUSY 5

static int sqlite3_open_v2(const char *filename, sqlite3 **db, int flags, const char *vfs) { *db = 0; return SQLITE_OK; }
static int sqlite3_close_v2(sqlite3 *db) { return SQLITE_OK; }
static int sqlite3_exec(sqlite3 *db, const char *sql, void *callback, void *arg, char **errmsg) {
	if (errmsg) *errmsg = 0;
	return SQLITE_OK;
}
static void sqlite3_free(void *p) { free(p); }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// ErrBusy is returned when the database is locked.
var ErrBusy = errors.New("sqlite: database is busy")

// Conn is an open database.
type Conn struct{ db *C.sqlite3 }

// Open opens filename; vfs may be empty to use the default VFS.
func Open(filename string, flags int, vfs string) (*Conn, error) {
	cname := C.CString(filename)
	defer C.free(unsafe.Pointer(cname))
	var cvfs *C.char
	if vfs != "" {
		cvfs = C.CString(vfs)
		defer C.free(unsafe.Pointer(cvfs))
	}
	var db *C.sqlite3
	if rc := C.sqlite3_open_v2(cname, &db, C.int(flags), cvfs); rc != C.SQLITE_OK {
		C.sqlite3_close_v2(db)
		return nil, fmt.Errorf("sqlite: open %s: %d", filename, int(rc))
	}
	return &Conn{db: db}, nil
}

// Migrate runs the schema script and then the seed script.
func (c *Conn) Migrate(schema, seed string) error {
	csql := C.CString(schema) // want CGO001
	if rc := C.sqlite3_exec(c.db, csql, nil, nil, nil); rc != C.SQLITE_OK {
		C.free(unsafe.Pointer(csql))
		return fmt.Errorf("sqlite: schema: %d", int(rc))
	}
	csql = C.CString(seed)
	defer C.free(unsafe.Pointer(csql))
	if rc := C.sqlite3_exec(c.db, csql, nil, nil, nil); rc != C.SQLITE_OK {
		return fmt.Errorf("sqlite: seed: %d", int(rc))
	}
	return nil
}

// SetJournalMode switches between rollback and WAL journaling.
func (c *Conn) SetJournalMode(mode string) error {
	var q *C.char
	switch mode {
	case "wal":
		q = C.CString("PRAGMA journal_mode=WAL")
	case "delete":
		q = C.CString("PRAGMA journal_mode=DELETE")
	default:
		return fmt.Errorf("sqlite: unknown journal mode %q", mode)
	}
	defer C.free(unsafe.Pointer(q))
	if rc := C.sqlite3_exec(c.db, q, nil, nil, nil); rc != C.SQLITE_OK {
		return fmt.Errorf("sqlite: journal_mode: %d", int(rc))
	}
	return nil
}

// Attach attaches the database file at path under alias.
func (c *Conn) Attach(path, alias string) error {
	cq := C.CString(fmt.Sprintf("ATTACH DATABASE '%s' AS %s", path, alias)) // want CGO001
	var errmsg *C.char
	rc := C.sqlite3_exec(c.db, cq, nil, nil, &errmsg)
	switch rc {
	case C.SQLITE_OK:
		C.free(unsafe.Pointer(cq))
		return nil
	case C.SQLITE_BUSY:
		C.free(unsafe.Pointer(cq))
		return ErrBusy
	}
	msg := C.GoString(errmsg)
	C.sqlite3_free(unsafe.Pointer(errmsg))
	return fmt.Errorf("sqlite: attach: %s", msg)
}

// RunAll runs each statement separately, reusing one variable for the C text.
func (c *Conn) RunAll(stmts []string) error {
	var csql *C.char
	defer func() {
		C.free(unsafe.Pointer(csql))
	}()
	for i, s := range stmts {
		C.free(unsafe.Pointer(csql))
		csql = C.CString(s)
		if rc := C.sqlite3_exec(c.db, csql, nil, nil, nil); rc != C.SQLITE_OK {
			return fmt.Errorf("sqlite: statement %d: %d", i, int(rc))
		}
	}
	return nil
}
