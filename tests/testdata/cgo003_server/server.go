// Package server serves frames from a C capture library over HTTP and gRPC-style methods.
package server

//cgolint:file-ignore CGO004 this fixture is about CGO003

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <pthread.h>
#include <netdb.h>
#include "capture.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

// fill reads from the device: blocking.
static int fill(FILE *f, unsigned char *buf, int n) { return (int)fread(buf, 1, n, f); }

// read_frame blocks through fill: two levels.
static int read_frame(FILE *f, unsigned char *buf, int n) { return fill(f, buf, n); }

// checksum is pure arithmetic: never blocking.
static unsigned checksum(const unsigned char *p, int n) { unsigned s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }

// must_alloc prints and exits only on the error path: not blocking.
static void *must_alloc(size_t n) {
	void *p = malloc(n);
	if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
	return p;
}

static int try_enter(void) { return pthread_mutex_trylock(&mu); }
*/
import "C"

import (
	"context"
	"net/http"
	"sync"
	"unsafe"
)

type Server struct {
	dev  *C.FILE
	once sync.Once
}

type FrameRequest struct{ N int }
type FrameReply struct{ Data []byte }

// ServeHTTP reads a frame per request: the handler is hot.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.once.Do(func() {
		C.usleep(1000) // a one-time warm-up in sync.Once: not hot
	})
	buf := make([]byte, 4096)
	n := C.read_frame(s.dev, (*C.uchar)(unsafe.Pointer(&buf[0])), C.int(len(buf))) // want CGO003 "C.read_frame can block \(read_frame → fill → fread: .*\) in request-serving code: \(\*Server\).ServeHTTP is an HTTP handler"
	_ = C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), n)
	w.Write(buf[:n])
}

// Status is an HTTP handler by signature.
func Status(w http.ResponseWriter, r *http.Request) {
	host := C.CString(r.Host)
	defer C.free(unsafe.Pointer(host))
	var res *C.struct_addrinfo
	C.getaddrinfo(host, nil, nil, &res) // want CGO003 "C.getaddrinfo can block .* Status is an HTTP handler"
	_ = C.strlen(host)
}

// Frame is a gRPC-style service method.
func (s *Server) Frame(ctx context.Context, req *FrameRequest) (*FrameReply, error) {
	buf := make([]byte, req.N)
	C.fill(s.dev, (*C.uchar)(unsafe.Pointer(&buf[0])), C.int(req.N)) // want CGO003 "service method"
	return &FrameReply{Data: buf}, nil
}

// Register wires a function literal as a handler.
func Register(mux *http.ServeMux, s *Server) {
	C.sleep(1) // start-up: not hot
	mux.HandleFunc("/flush", func(w http.ResponseWriter, r *http.Request) {
		C.fflush(nil) // want CGO003 "C.fflush can block"
	})
}

// Poll with a literal 0 timeout does not block; trylock never does; must_alloc only blocks before exit.
func (s *Server) Tick(fds []C.struct_pollfd) {
	for i := 0; i < 10; i++ {
		C.poll(&fds[0], C.nfds_t(len(fds)), 0)
		C.try_enter()
		C.must_alloc(64)
		C.poll(&fds[0], C.nfds_t(len(fds)), 100) // not hot (relabelled): ten polls that ignore the counter, a poll loop, not per item
	}
}

// Unknown C functions are not assumed to block.
func (s *Server) Unknown(w http.ResponseWriter, r *http.Request) {
	C.capture_version()
}

// captureLoop runs on a dedicated, locked OS thread: its loop is not hot.
func captureLoop(s *Server, out chan<- []byte) {
	runtimeLock()
	for {
		buf := make([]byte, 1024)
		C.read_frame(s.dev, (*C.uchar)(unsafe.Pointer(&buf[0])), C.int(len(buf)))
		out <- buf
	}
}
