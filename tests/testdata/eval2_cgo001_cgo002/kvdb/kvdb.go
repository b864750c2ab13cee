// Package kvdb binds a leveldb-style embedded key/value store.
package kvdb

// #include <stdlib.h>
// #include "kv.h"
import "C"

import (
	"errors"
	"unsafe"
)

// DB is an open database.
type DB struct{ c *C.kv_db }

// errFrom converts a C error string and frees it.
func errFrom(cerr *C.char) error {
	if cerr == nil {
		return nil
	}
	defer C.kv_free(unsafe.Pointer(cerr))
	return errors.New(C.GoString(cerr))
}

// Open opens the database at path.
func Open(path string) (*DB, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var cerr *C.char
	db := C.kv_open(cpath, &cerr)
	if cerr != nil {
		return nil, errFrom(cerr)
	}
	return &DB{c: db}, nil
}

// Put stores value under key.
func (db *DB) Put(key, value []byte) error {
	ck := C.CBytes(key)
	defer C.free(ck)
	cv := C.CBytes(value)
	defer C.free(cv)
	var cerr *C.char
	C.kv_put(db.c, (*C.char)(ck), C.size_t(len(key)), (*C.char)(cv), C.size_t(len(value)), &cerr)
	return errFrom(cerr)
}

// Get returns the value stored under key, or nil.
func (db *DB) Get(key []byte) ([]byte, error) {
	ck := C.CBytes(key)
	defer C.free(ck)
	var vlen C.size_t
	var cerr *C.char
	v := C.kv_get(db.c, (*C.char)(ck), C.size_t(len(key)), &vlen, &cerr)
	if err := errFrom(cerr); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, nil
	}
	defer C.kv_free(unsafe.Pointer(v))
	return C.GoBytes(unsafe.Pointer(v), C.int(vlen)), nil
}

// Has reports whether key is present.
func (db *DB) Has(key []byte) bool {
	ck := C.CBytes(key)
	defer C.free(ck)
	var vlen C.size_t
	var cerr *C.char
	v := C.kv_get(db.c, (*C.char)(ck), C.size_t(len(key)), &vlen, &cerr) // want CGO001
	_ = errFrom(cerr)
	return v != nil
}

// Delete removes key.
func (db *DB) Delete(key []byte) error {
	ck := C.CBytes(key) // want CGO001
	var cerr *C.char
	C.kv_delete(db.c, (*C.char)(ck), C.size_t(len(key)), &cerr)
	if cerr != nil {
		return errFrom(cerr)
	}
	C.free(ck)
	return nil
}

// Keys lists every key; the iterator's key memory belongs to the iterator.
func (db *DB) Keys() [][]byte {
	it := C.kv_iter_new(db.c)
	defer C.kv_iter_destroy(it)
	var keys [][]byte
	for ; C.kv_iter_valid(it) != 0; C.kv_iter_next(it) {
		var klen C.size_t
		k := C.kv_iter_key(it, &klen)
		keys = append(keys, C.GoBytes(unsafe.Pointer(k), C.int(klen)))
	}
	return keys
}

// Close closes the database.
func (db *DB) Close() {
	C.kv_close(db.c)
	db.c = nil
}
