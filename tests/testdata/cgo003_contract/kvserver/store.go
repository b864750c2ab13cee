// Package kvserver serves a small disk-backed key-value store over HTTP and gRPC-style methods.
package kvserver

/*
#include <poll.h>
#include <stdlib.h>
#include "kv.h"
*/
import "C"

import (
	"context"
	"errors"
	"io"
	"time"
	"unsafe"
)

// Store wraps the C store.
type Store struct {
	c *C.kv_store
}

// NewStore opens the store file.
func NewStore(path string) (*Store, error) {
	cp := C.CString(path)
	defer C.free(unsafe.Pointer(cp))
	s := C.kv_open(cp)
	if s == nil {
		return nil, errors.New("kv: open failed")
	}
	return &Store{c: s}, nil
}

// Get reads one key: two levels of package C code down to pread.
func (s *Store) Get(key string) string {
	ck := C.CString(key)
	defer C.free(unsafe.Pointer(ck))
	var buf [256]C.char
	if C.kv_get(s.c, ck, &buf[0], C.size_t(len(buf))) < 0 { // want CGO003 "C.kv_get can block \(kv_get → read_slot → pread: .*\) in request-serving code: \(\*Store\).Get is called at line \d+ of server.go; \(\*Server\).lookup is called at line \d+ of server.go; \(\*Server\).ServeHTTP is an HTTP handler"
		return ""
	}
	return C.GoString(&buf[0])
}

// Put writes one key.
func (s *Store) Put(key, val string) error {
	ck, cv := C.CString(key), C.CString(val)
	defer C.free(unsafe.Pointer(ck))
	defer C.free(unsafe.Pointer(cv))
	if C.kv_put(s.c, ck, cv) < 0 { // want CGO003 "C.kv_put can block \(kv_put → write_slot → pwrite: .*\) once per item: \(\*Store\).Put is called at line \d+ of store.go; it runs in the loop over pairs at line \d+ of store.go"
		return errors.New("kv: put failed")
	}
	return nil
}

// Sync makes the writes durable.
func (s *Store) Sync() error {
	if C.kv_sync(s.c) != 0 { // want CGO003 "C.kv_sync can block \(kv_sync → fdatasync: waits for the disk\) once per item: \(\*Store\).Sync is called at line \d+ of store.go; it runs in the loop over batches"
		return errors.New("kv: sync failed")
	}
	return nil
}

// Import writes pairs one by one: a crossing and a disk write per pair, where one C call
// could take the whole batch.
func Import(path string, pairs map[string]string) error {
	st, err := NewStore(path)
	if err != nil {
		return err
	}
	for k, v := range pairs {
		if err := st.Put(k, v); err != nil {
			return err
		}
	}
	return nil
}

// Commit syncs after every batch: per item.
func Commit(st *Store, batches [][]string) {
	for _, b := range batches {
		_ = b
		st.Sync()
	}
}

// Keys counts over the store's keys with an index: a per-item loop.
func Keys(st *Store) []string {
	var out []string
	var buf [256]C.char
	for i := 0; i < int(C.kv_count(st.c)); i++ {
		C.kv_key_at(st.c, C.int(i), &buf[0], C.size_t(len(buf))) // want CGO003 "C.kv_key_at can block \(kv_key_at → read_slot → pread: .*\) once per item: it runs in the loop counting i at line \d+ of store.go"
		out = append(out, C.GoString(&buf[0]))
	}
	return out
}

// Connect retries three times: the counter is not an item, so this is not a per-item loop.
func Connect(addr string) C.int {
	ca := C.CString(addr)
	defer C.free(unsafe.Pointer(ca))
	for attempt := 0; attempt < 3; attempt++ {
		if fd := C.kv_connect_replica(ca); fd >= 0 {
			return fd
		}
		time.Sleep(time.Second)
	}
	return -1
}

// Watch polls for changes on its own goroutine until ctx is done: a dedicated poller holds one
// thread by design, and the timeout drops to 0 after the first pass anyway.
func Watch(ctx context.Context, st *Store, changed chan<- struct{}) {
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for range tick.C {
			if ctx.Err() != nil {
				return
			}
			if C.kv_wait_change(st.c, 50) > 0 {
				changed <- struct{}{}
			}
		}
	}()
}

// Drain waits on each descriptor, but only the first wait may block: later passes poll with 0.
func Drain(fds []C.struct_pollfd) int {
	ready := 0
	timeout := 100
	for i := range fds {
		ready += int(C.poll(&fds[i], 1, C.int(timeout)))
		timeout = 0
	}
	return ready
}

// Dump copies every value to w. w is an io.Writer: which Write runs is decided at run time, so
// the package's own (*Writer).Write is not assumed to be the one called here.
func Dump(st *Store, keys []string, w io.Writer) {
	for _, k := range keys {
		w.Write([]byte(k))
	}
}

// Writer appends values to the store's log file.
type Writer struct{ st *Store }

func (w *Writer) Write(p []byte) (int, error) {
	C.kv_sync(w.st.c)
	return len(p), nil
}

// Touch rewrites a key's value in place.
func (s *Store) Touch(key string) {
	ck := C.CString(key)
	defer C.free(unsafe.Pointer(ck))
	var buf [256]C.char
	C.kv_get(s.c, ck, &buf[0], C.size_t(len(buf))) // want CGO003 "C.kv_get can block \(kv_get → read_slot → pread: .*\) once per item: \(\*Store\).Touch is called at line \d+ of store.go; refresh is called at line \d+ of store.go; it runs in the loop over keys at line \d+ of store.go"
	C.kv_put(s.c, ck, &buf[0]) // want CGO003 "C.kv_put can block .* once per item: \(\*Store\).Touch is called"
}

// Refresh touches every key: two Go levels (refresh, Touch) and two C levels below the loop.
func Refresh(st *Store, keys []string) {
	for _, k := range keys {
		refresh(st, k)
	}
}

func refresh(st *Store, key string) {
	if key != "" {
		st.Touch(key)
	}
}
