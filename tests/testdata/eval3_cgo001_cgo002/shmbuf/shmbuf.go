// Package shmbuf exposes an mmap-backed shared IPC buffer.
package shmbuf

// #include <stdlib.h>
// #include "ipc.h"
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

var (
	errFull  = errors.New("shmbuf: region full")
	errEmpty = errors.New("shmbuf: region empty")
	errNoMem = errors.New("shmbuf: out of memory")
)

// Region owns the mapping; Data views mmap'd memory, not malloc'd memory.
type Region struct {
	r    *C.ipc_region
	Data []byte
	name *C.char
}

func Map(name string, size int) (*Region, error) {
	cname := C.CString(name) // want CGO001
	var cerr C.int
	r := C.ipc_map(cname, C.size_t(size), &cerr)
	if r == nil {
		return nil, fmt.Errorf("shmbuf: map %s: errno %d", name, int(cerr))
	}
	base := C.ipc_base(r)
	return &Region{r: r, Data: unsafe.Slice((*byte)(base), size), name: cname}, nil
}

func (r *Region) Close() {
	C.ipc_unmap(r.r)
	C.free(unsafe.Pointer(r.name))
	r.r, r.Data, r.name = nil, nil, nil
}

func (r *Region) Send(msg []byte) error {
	stage := C.malloc(C.size_t(len(msg))) // want CGO002
	sb := unsafe.Slice((*byte)(stage), len(msg))
	copy(sb, msg)
	if C.ipc_push(r.r, stage, C.size_t(len(msg))) != 0 {
		return errFull
	}
	C.free(stage)
	return nil
}

func (r *Region) Recv(max int) ([]byte, error) {
	p := C.malloc(C.size_t(max))
	if p == nil {
		return nil, errNoMem
	}
	defer func() { C.free(p) }()
	view := (*[1 << 30]byte)(p)[:max:max]
	var n C.size_t
	if C.ipc_pop(r.r, p, C.size_t(max), &n) != 0 {
		return nil, errEmpty
	}
	return append([]byte(nil), view[:n]...), nil
}

func (r *Region) Broadcast(msgs [][]byte) int {
	sent := 0
	for _, m := range msgs {
		buf := C.malloc(C.size_t(len(m) + 1)) // want CGO002
		copy(unsafe.Slice((*byte)(buf), len(m)), m)
		if C.ipc_push(r.r, buf, C.size_t(len(m))) != 0 {
			break
		}
		C.free(buf)
		sent++
	}
	return sent
}

func (r *Region) Peer() (string, error) {
	var cerr C.int
	name := C.ipc_peer_name(r.r, &cerr)
	if cerr != 0 {
		return "", fmt.Errorf("shmbuf: peer: errno %d", int(cerr))
	}
	defer C.ipc_release(unsafe.Pointer(name))
	return C.GoString(name), nil
}

func (r *Region) PeerTag() string {
	var cerr C.int
	name := C.ipc_peer_name(r.r, &cerr) // want CGO001
	if cerr != 0 {
		return ""
	}
	return "peer:" + C.GoString(name)
}

var lastHeader unsafe.Pointer

func (r *Region) SetHeader(h []byte) {
	C.free(lastHeader)
	lastHeader = C.CBytes(h)
}
