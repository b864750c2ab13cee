// Package pipeline encodes audio in a worker pool and stores rows with libpq.
package pipeline

//cgolint:file-ignore CGO004 this fixture is about CGO003

/*
#cgo pkg-config: libpq libswresample
#include <stdlib.h>
#include <libpq-fe.h>
#include <libswresample/swresample.h>
#include <zlib.h>
#include "worker.h"
*/
import "C"

import "unsafe"

type Job struct{ In, Out unsafe.Pointer; N int }

// Worker is a goroutine's loop over a channel: a worker holds one thread by design, so its
// calls are not findings (relabelled: the old rule called every worker loop hot).
func Worker(conn *C.PGconn, swr *C.SwrContext, jobs <-chan Job) {
	for job := range jobs {
		C.swr_convert(swr, (**C.uint8_t)(job.Out), C.int(job.N), (**C.uint8_t)(job.In), C.int(job.N))
		store(conn, job)
	}
}

// Backfill converts and stores a slice of jobs one by one: every job pays for the resampler and
// a round trip to the database, where one batch or one transaction could serve them all.
func Backfill(conn *C.PGconn, swr *C.SwrContext, jobs []Job) {
	for _, job := range jobs {
		C.swr_convert(swr, (**C.uint8_t)(job.Out), C.int(job.N), (**C.uint8_t)(job.In), C.int(job.N)) // want CGO003 "C.swr_convert runs long CPU-bound C work .* once per item: it runs in the loop over jobs at line 32 of pipeline.go.*, or use the pure-Go github.com/zeozeozeo/gomplerate"
		store(conn, job)
	}
}

// store is not a loop itself, but it is called in one: hot through the caller.
func store(conn *C.PGconn, job Job) {
	q := C.CString("INSERT INTO frames VALUES (1)")
	defer C.free(unsafe.Pointer(q))
	res := C.PQexec(conn, q) // want CGO003 "C.PQexec can block .*store is called at line 34 of pipeline.go; it runs in the loop over jobs at line 32 of pipeline.go.*pure-Go github.com/jackc/pgx/v5"
	C.PQclear(res)
}

// Start launches the pool: the connection happens once, at start-up.
func Start(dsn string, n int) *C.PGconn {
	cdsn := C.CString(dsn)
	defer C.free(unsafe.Pointer(cdsn))
	conn := C.PQconnectdb(cdsn)
	for i := 0; i < n; i++ {
		go Worker(conn, nil, nil)
	}
	return conn
}

// Compress compresses each block in the C-side batch helper: one crossing per call, not per block.
func Compress(blocks [][]byte) {
	for _, b := range blocks {
		sum(b) // a Go function that never reaches C: not a finding
	}
	C.compress_all(C.int(len(blocks)))
}

func sum(b []byte) (s int) {
	for _, x := range b {
		s += int(x)
	}
	return s
}

// Drain closes results in a deferred call inside the loop: it runs at exit, not per item.
func Drain(conn *C.PGconn, ids []int) {
	for range ids {
		defer C.PQfinish(conn)
	}
}

// Checksums are cheap C calls in a loop: not findings.
func Checksums(blocks [][]byte) (c C.uLong) {
	for _, b := range blocks {
		c = C.adler32(c, (*C.Bytef)(unsafe.Pointer(&b[0])), C.uInt(len(b)))
	}
	return c
}

func init() {
	for i := 0; i < 3; i++ {
		C.usleep(10) // init is start-up
	}
}

//cgolint:hot
func Deflate(strm *C.z_stream) {
	C.deflate(strm, C.Z_FINISH) // want CGO003 "runs long CPU-bound C work .*marked //cgolint:hot"
}
