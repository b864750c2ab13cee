// Package userservice implements the Users gRPC service on top of a slot file.
package userservice

/*
#include <stdlib.h>
#include "kv.h"
*/
import "C"

import (
	"context"
	"errors"
	"unsafe"
)

type GetUserRequest struct{ Name string }
type GetUserReply struct{ Email string }
type PutUserRequest struct{ Name, Email string }
type PutUserReply struct{}
type HealthRequest struct{}
type HealthReply struct{ Serving bool }

// Options configures Open; it is not an RPC message.
type Options struct{ Path string }

type Server struct {
	store *C.kv_store
}

var errNotFound = errors.New("user not found")

// Open is called once by the process that hosts the service.
func (s *Server) Open(ctx context.Context, opts *Options) error {
	p := C.CString(opts.Path)
	defer C.free(unsafe.Pointer(p))
	s.store = C.kv_open(p)
	if s.store == nil {
		return errors.New("open " + opts.Path)
	}
	return nil
}

func (s *Server) GetUser(ctx context.Context, req *GetUserRequest) (*GetUserReply, error) {
	email, err := s.lookup(req.Name)
	if err != nil {
		return nil, err
	}
	return &GetUserReply{Email: email}, nil
}

func (s *Server) lookup(name string) (string, error) {
	k := C.CString(name)
	defer C.free(unsafe.Pointer(k))
	key := C.kv_hash(k)
	var buf [256]C.char
	if C.kv_get(s.store, key, &buf[0], C.int(len(buf))) <= 0 { // want CGO003
		return "", errNotFound
	}
	return C.GoString(&buf[0]), nil
}

func (s *Server) PutUser(ctx context.Context, req *PutUserRequest) (*PutUserReply, error) {
	k := C.CString(req.Name)
	defer C.free(unsafe.Pointer(k))
	v := C.CString(req.Email)
	defer C.free(unsafe.Pointer(v))
	if C.kv_put(s.store, C.kv_hash(k), v, C.int(len(req.Email))) != 0 { // want CGO003
		return nil, errors.New("write failed")
	}
	return &PutUserReply{}, nil
}

func (s *Server) Health(ctx context.Context, req *HealthRequest) (*HealthReply, error) {
	return &HealthReply{Serving: C.kv_is_open(s.store) != 0}, nil
}

// Close flushes and releases the store at shutdown.
func (s *Server) Close(ctx context.Context) error {
	if C.kv_sync(s.store) != 0 {
		return errors.New("sync failed")
	}
	C.kv_close(s.store)
	s.store = nil
	return nil
}

// Compact is run by an operator command, never per request.
func (s *Server) Compact() error {
	if C.kv_sync(s.store) != 0 {
		return errors.New("sync failed")
	}
	return nil
}
