// Package replica follows a primary over a line protocol and applies its batches locally.
package replica

/*
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "replica.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unsafe"
)

type SyncRequest struct{ FromLSN int64 }
type SyncReply struct{ Applied int }
type StatusRequest struct{}
type StatusReply struct{ RTT time.Duration }

type Replica struct {
	fd   C.int
	path *C.char
}

func Dial(host, port, path string) (*Replica, error) {
	ch, cp := C.CString(host), C.CString(port)
	defer C.free(unsafe.Pointer(ch))
	defer C.free(unsafe.Pointer(cp))
	fd := C.wire_dial(ch, cp)
	if fd < 0 {
		return nil, fmt.Errorf("dial %s:%s", host, port)
	}
	return &Replica{fd: fd, path: C.CString(path)}, nil
}

func (r *Replica) Close() {
	C.close(r.fd)
	C.free(unsafe.Pointer(r.path))
}

func (r *Replica) fetch(lsn int64) (string, error) {
	q := C.CString(fmt.Sprintf("FETCH %d\n", lsn))
	defer C.free(unsafe.Pointer(q))
	var out [8192]C.char
	if C.wire_query(r.fd, q, &out[0], C.int(len(out))) < 0 { // want CGO003
		return "", errors.New("replica: fetch failed")
	}
	return strings.TrimSuffix(C.GoString(&out[0]), "\n"), nil
}

func (r *Replica) Sync(ctx context.Context, req *SyncRequest) (*SyncReply, error) {
	applied := 0
	for lsn := req.FromLSN; ctx.Err() == nil; lsn++ {
		rows, err := r.fetch(lsn)
		if err != nil || rows == "" {
			break
		}
		cr := C.CString(rows)
		if C.checksum_rows(cr, C.int(len(rows))) == 0 {
			C.free(unsafe.Pointer(cr))
			continue
		}
		rc := C.apply_batch(r.path, cr, C.int(len(rows))) // want CGO003
		C.free(unsafe.Pointer(cr))
		if rc != 0 {
			return nil, errors.New("replica: apply failed")
		}
		applied++
	}
	return &SyncReply{Applied: applied}, nil
}

func (r *Replica) Status(ctx context.Context, req *StatusRequest) (*StatusReply, error) {
	start := time.Now()
	if C.wire_ping(r.fd) != 0 { // want CGO003
		return nil, errors.New("replica: primary unreachable")
	}
	return &StatusReply{RTT: time.Since(start)}, nil
}

// Follow polls the primary five times a second until stop is closed.
func (r *Replica) Follow(stop <-chan struct{}) {
	pause := C.struct_timespec{tv_sec: 0, tv_nsec: 200_000_000}
	for {
		select {
		case <-stop:
			return
		default:
		}
		C.nanosleep(&pause, nil) // not hot (relabelled): a poller loop that runs until stop is closed
		if _, err := r.fetch(-1); err != nil {
			C.sleep(1) // not hot (relabelled): a poller loop that runs until stop is closed
		}
	}
}
