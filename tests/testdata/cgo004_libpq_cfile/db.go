package db

/*
#cgo pkg-config: libpq
#include <stdlib.h>
#include "query.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type DB struct{ conn *C.PGconn }

func Open(dsn string) (*DB, error) {
	cdsn := C.CString(dsn)
	defer C.free(unsafe.Pointer(cdsn))
	conn := C.PQconnectdb(cdsn)
	if C.PQstatus(conn) != C.CONNECTION_OK {
		return nil, fmt.Errorf("connect: %s", C.GoString(C.PQerrorMessage(conn)))
	}
	return &DB{conn: conn}, nil
}

// Count goes through the package's C wrapper: the wrapper is not a library call.
func (db *DB) Count(sql string) int {
	csql := C.CString(sql)
	defer C.free(unsafe.Pointer(csql))
	return int(C.run_count(db.conn, csql))
}
