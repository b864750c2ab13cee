// Package blobstore keeps compressed blobs in PostgreSQL: it calls two C
// libraries, libpq and zlib, so it gets two findings, one per library.
package blobstore

/*
#cgo pkg-config: libpq zlib
#include <stdlib.h>
#include <libpq-fe.h> // want CGO004 "^Package blobstore calls into PostgreSQL libpq from 5 call sites in 1 file; pure-Go replacement: github.com/jackc/pgx/v5\..*Table row `libpq`"
*/
import "C"

import (
	"errors"
	"unsafe"
)

type Store struct{ conn *C.PGconn }

func Open(dsn string) (*Store, error) {
	cdsn := C.CString(dsn)
	defer C.free(unsafe.Pointer(cdsn))
	conn := C.PQconnectdb(cdsn)
	if C.PQstatus(conn) != C.CONNECTION_OK {
		msg := C.GoString(C.PQerrorMessage(conn))
		C.PQfinish(conn)
		return nil, errors.New(msg)
	}
	return &Store{conn: conn}, nil
}

// Put stores a blob under its checksum.
func (s *Store) Put(blob []byte) error {
	packed, err := pack(blob)
	if err != nil {
		return err
	}
	_ = checksum(blob)
	_ = packed
	return nil
}

func (s *Store) Close() {
	C.PQfinish(s.conn)
}
