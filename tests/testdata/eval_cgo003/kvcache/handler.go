// Package kvcache serves slots of a paged file over HTTP.
package kvcache

/*
#include <stdlib.h>
#include "cache.h"

static int get_or_default(cache *c, long key, char *out, int n)
{
	if (key < 0) {
		out[0] = '\0';
		return 0;
	}
	return cache_get(c, key, out, n);
}
*/
import "C"

import (
	"fmt"
	"net/http"
	"strconv"
	"unsafe"
)

type Handler struct {
	c *C.cache
}

func New(path string) (*Handler, error) {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	c := C.cache_open(p)
	if c == nil {
		return nil, fmt.Errorf("open %s", path)
	}
	return &Handler{c: c}, nil
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key, err := strconv.ParseInt(r.URL.Query().Get("key"), 10, 64)
	if err != nil {
		http.Error(w, "bad key", http.StatusBadRequest)
		return
	}
	switch r.Method {
	case http.MethodDelete:
		C.cache_evict(h.c, C.long(key)) // want CGO003
		return
	case "WALK":
		n := C.walk_tree(h.c, C.long(key), C.tree_depth(C.long(key))) // want CGO003
		fmt.Fprintf(w, "visited %d\n", n)
		return
	}
	fmt.Fprintf(w, "depth=%d cached=%d\n", C.tree_depth(C.long(key)), C.cache_peek(h.c, C.long(key)))
	var buf [64]C.char
	n := C.get_or_default(h.c, C.long(key), &buf[0], C.int(len(buf))) // want CGO003
	w.Write(C.GoBytes(unsafe.Pointer(&buf[0]), n))
}
