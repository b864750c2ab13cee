package kvserver

/*
#include <poll.h>
#include "kv.h"

// Waits for a change, then reads the key again: kv_wait_change → poll.
static int wait_and_get(kv_store *s, const char *key, char *out, size_t cap, int timeout_ms) {
	if (kv_wait_change(s, timeout_ms) <= 0)
		return -1;
	return kv_get(s, key, out, cap);
}
*/
import "C"

import (
	"context"
	"net/http"
	"unsafe"
)

// Server serves the store.
type Server struct {
	st *Store
}

type GetRequest struct{ Key string }
type GetReply struct{ Value string }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(s.lookup(r.URL.Query().Get("key"))))
}

// lookup is a Go helper between the handlers and the store.
func (s *Server) lookup(key string) string {
	return s.st.Get(key)
}

// GetValue is a gRPC-style service method; it reaches kv_get through two Go and two C levels.
func (s *Server) GetValue(ctx context.Context, req *GetRequest) (*GetReply, error) {
	return &GetReply{Value: s.lookup(req.Key)}, nil
}

// Await waits for the key to change while the request is open: the waiter goroutine polls
// with a short timeout to notice cancellation; it is the request's own dedicated waiter.
func (s *Server) Await(w http.ResponseWriter, r *http.Request) {
	done := make(chan string, 1)
	key := C.CString(r.URL.Query().Get("key"))
	go func() {
		defer C.free(unsafe.Pointer(key))
		var buf [256]C.char
		for r.Context().Err() == nil {
			if C.wait_and_get(s.st.c, key, &buf[0], C.size_t(len(buf)), 50) >= 0 {
				done <- C.GoString(&buf[0])
				return
			}
		}
	}()
	select {
	case v := <-done:
		w.Write([]byte(v))
	case <-r.Context().Done():
	}
}

// Wait blocks in the handler itself: the request holds a thread until the change comes.
func (s *Server) Wait(w http.ResponseWriter, r *http.Request) {
	key := C.CString(r.URL.Query().Get("key"))
	defer C.free(unsafe.Pointer(key))
	var buf [256]C.char
	for {
		n := C.wait_and_get(s.st.c, key, &buf[0], C.size_t(len(buf)), -1) // want CGO003 "C.wait_and_get can block \(wait_and_get → kv_wait_change → poll: .*\) in request-serving code: \(\*Server\).Wait is an HTTP handler"
		if n >= 0 {
			break
		}
	}
	w.Write([]byte(C.GoString(&buf[0])))
}

// Flush starts a background sync and returns: the handler does not wait for it.
func (s *Server) Flush(w http.ResponseWriter, r *http.Request) {
	go s.st.Sync()
	w.WriteHeader(http.StatusAccepted)
}
