// Package sqlexec runs SQL scripts through SQLite's C API, the way database/sql drivers do.
package sqlexec

/*
#cgo LDFLAGS: -lsqlite3
#include <sqlite3.h>
#include <stdlib.h>
*/
import "C"

import (
	"errors"
	"unsafe"
)

type Conn struct{ db *C.sqlite3 }

// Exec runs every statement of one query string: each pass prepares the next statement from the
// tail the previous one left. The loop walks one logical operation, so it is not per item.
func (c *Conn) Exec(query string) error {
	cq := C.CString(query)
	defer C.free(unsafe.Pointer(cq))
	next := cq
	for {
		var stmt *C.sqlite3_stmt
		var tail *C.char
		if C.sqlite3_prepare_v2(c.db, next, -1, &stmt, &tail) != C.SQLITE_OK {
			return errors.New(C.GoString(C.sqlite3_errmsg(c.db)))
		}
		if stmt == nil {
			return nil
		}
		rc := C.sqlite3_step(stmt)
		C.sqlite3_finalize(stmt)
		if rc != C.SQLITE_DONE && rc != C.SQLITE_ROW {
			return errors.New(C.GoString(C.sqlite3_errmsg(c.db)))
		}
		if *tail == 0 {
			return nil
		}
		next = tail
	}
}

// InsertAll steps one prepared INSERT per row: a disk write and a crossing per row, where one
// transaction (or one C-side loop) could take them all.
func (c *Conn) InsertAll(stmt *C.sqlite3_stmt, ids []int64) error {
	for _, id := range ids {
		C.sqlite3_bind_int64(stmt, 1, C.sqlite3_int64(id))
		if C.sqlite3_step(stmt) != C.SQLITE_DONE { // want CGO003 "C.sqlite3_step can block \(waits for the disk, or for a lock up to the busy timeout\) once per item: it runs in the loop over ids at line 48 of exec.go"
			return errors.New(C.GoString(C.sqlite3_errmsg(c.db)))
		}
		C.sqlite3_reset(stmt)
	}
	return nil
}
