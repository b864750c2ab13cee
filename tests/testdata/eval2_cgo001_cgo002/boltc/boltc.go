// Package boltc binds a small B+tree key/value store written in C.
package boltc

/*
#include <stdlib.h>
#include <string.h>
#include "bolt.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// DB is an open database file.
type DB struct{ c *C.bolt_db }

// Tx is a transaction.
type Tx struct{ c *C.bolt_tx }

var errMeta = errors.New("boltc: cannot read meta page")

// metaScratch is the last meta page read by checkMeta.
var metaScratch []byte

// pageBuf owns a page-sized C buffer and the Go view of it.
type pageBuf struct {
	ptr  unsafe.Pointer
	data []byte
}

var freelistPage *pageBuf

func boltError(rc C.int) error {
	if rc == 0 {
		return nil
	}
	return fmt.Errorf("boltc: error %d", int(rc))
}

// release frees a string returned by the library.
func release(s *C.char) { C.bolt_free(unsafe.Pointer(s)) }

// Open opens a database file.
func Open(path string, mode int) (*DB, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	db := C.bolt_open(cpath, C.int(mode))
	if db == nil {
		return nil, errors.New("boltc: open failed")
	}
	return &DB{c: db}, nil
}

// Stats returns the database statistics as JSON.
func (db *DB) Stats() string {
	js := C.bolt_stats_json(db.c)
	defer release(js)
	return C.GoString(js)
}

// PutString stores key=value and the reverse index value=key.
func (tx *Tx) PutString(bucket, key, value string) error {
	cb := C.CString(bucket)
	defer C.free(unsafe.Pointer(cb))
	ck := C.CString(key)
	defer C.free(unsafe.Pointer(ck))
	cv := C.CString(value)
	defer C.free(unsafe.Pointer(cv))
	if err := boltError(C.bolt_put(tx.c, cb, unsafe.Pointer(ck), C.size_t(len(key)), unsafe.Pointer(cv), C.size_t(len(value)))); err != nil {
		return err
	}
	cb = C.CString(bucket + ".idx") // want CGO001
	return boltError(C.bolt_put(tx.c, cb, unsafe.Pointer(cv), C.size_t(len(value)), unsafe.Pointer(ck), C.size_t(len(key))))
}

// Get returns a copy of the value stored under key.
func (tx *Tx) Get(bucket string, key []byte) []byte {
	cb := C.CString(bucket)
	defer C.free(unsafe.Pointer(cb))
	ck := C.CBytes(key)
	defer C.free(ck)
	var vl C.size_t
	v := C.bolt_get(tx.c, cb, ck, C.size_t(len(key)), &vl)
	if v == nil {
		return nil
	}
	return C.GoBytes(v, C.int(vl))
}

// Keys lists the keys of a bucket.
func (tx *Tx) Keys(bucket string) []string {
	cb := C.CString(bucket)
	defer C.free(unsafe.Pointer(cb))
	cur := C.bolt_cursor_open(tx.c, cb)
	defer C.bolt_cursor_close(cur)
	var keys []string
	var k unsafe.Pointer
	var kl C.size_t
	for C.bolt_cursor_next(cur, &k, &kl) != 0 {
		keys = append(keys, C.GoString(C.strndup((*C.char)(k), kl))) // want CGO001
	}
	return keys
}

// ReadPage copies page id out of the file.
func (db *DB) ReadPage(id uint64) ([]byte, error) {
	size := int(C.bolt_page_size(db.c))
	p := C.malloc(C.size_t(size))
	defer C.free(p)
	if C.bolt_read_page(db.c, C.ulong(id), p) != 0 {
		return nil, fmt.Errorf("boltc: cannot read page %d", id)
	}
	return append([]byte(nil), unsafe.Slice((*byte)(p), size)...), nil
}

// checkMeta reads the meta page into metaScratch.
func (db *DB) checkMeta() error {
	size := int(C.bolt_page_size(db.c))
	p := C.malloc(C.size_t(size)) // want CGO002
	if C.bolt_read_page(db.c, 0, p) != 0 {
		C.free(p)
		return errMeta
	}
	metaScratch = unsafe.Slice((*byte)(p), size)
	return nil
}

// loadFreelist caches the freelist page together with its C buffer.
func (db *DB) loadFreelist() error {
	size := int(C.bolt_page_size(db.c))
	p := C.malloc(C.size_t(size))
	if C.bolt_read_page(db.c, 1, p) != 0 {
		C.free(p)
		return errMeta
	}
	if freelistPage != nil {
		C.free(freelistPage.ptr)
	}
	freelistPage = &pageBuf{ptr: p, data: unsafe.Slice((*byte)(p), size)}
	return nil
}
