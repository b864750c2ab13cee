// Package api is the HTTP API: a small router, an audit middleware and the item handlers.
package api

/*
#include <stdlib.h>
#include "audit.h"
*/
import "C"

import (
	"fmt"
	"net/http"
	"sync"
	"unsafe"
)

type Router struct{ mux *http.ServeMux }

func (rt *Router) Get(path string, h http.HandlerFunc)  { rt.mux.HandleFunc("GET "+path, h) }
func (rt *Router) Post(path string, h http.HandlerFunc) { rt.mux.HandleFunc("POST "+path, h) }

type Server struct {
	log     *C.audit_log
	rotate  sync.Once
	Handler http.Handler
}

func audit(a *C.audit_log, who, what string) {
	cw := C.CString(who)
	defer C.free(unsafe.Pointer(cw))
	ct := C.CString(what)
	defer C.free(unsafe.Pointer(ct))
	C.audit_append(a, cw, ct) // want CGO003
}

func withAudit(a *C.audit_log, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := C.CString(r.RemoteAddr)
		what := C.CString(r.Method + " " + r.URL.Path)
		C.audit_append(a, who, what) // want CGO003
		C.free(unsafe.Pointer(who))
		C.free(unsafe.Pointer(what))
		next.ServeHTTP(w, r)
	})
}

func NewServer(path string) (*Server, error) {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	s := &Server{log: C.audit_open(p)}
	if s.log == nil {
		return nil, fmt.Errorf("open audit log %s", path)
	}
	if C.audit_sync(s.log) != 0 {
		return nil, fmt.Errorf("audit log %s is not writable", path)
	}

	rt := &Router{mux: http.NewServeMux()}
	rt.Get("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if C.audit_is_open(s.log) == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	rt.Get("/items", s.handleItems)
	rt.Post("/items", func(w http.ResponseWriter, r *http.Request) {
		audit(s.log, r.RemoteAddr, "create item")
		if C.audit_sync(s.log) != 0 { // want CGO003
			http.Error(w, "audit sync failed", http.StatusInternalServerError)
		}
	})
	rt.mux.HandleFunc("POST /rotate", func(w http.ResponseWriter, r *http.Request) {
		s.rotate.Do(func() { C.audit_rotate(s.log) })
		fmt.Fprintln(w, "rotated")
	})
	s.Handler = withAudit(s.log, rt.mux)
	return s, nil
}

func (s *Server) handleItems(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "%d items\n", C.item_count(s.log))
}
