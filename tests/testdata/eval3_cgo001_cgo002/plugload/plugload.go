// Package plugload loads shared-object plugins with dlopen/dlsym.
package plugload

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static char *pl_describe(void *h, const char *sym) {
	char *buf = malloc(256);
	snprintf(buf, 256, "%p:%s", h, sym);
	return buf;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

type Plugin struct {
	h    unsafe.Pointer
	path string
}

func Open(path string) (*Plugin, error) {
	cp := C.CString(path)
	defer C.free(unsafe.Pointer(cp))
	h := C.dlopen(cp, C.RTLD_NOW|C.RTLD_LOCAL)
	if h == nil {
		return nil, errors.New(C.GoString(C.dlerror()))
	}
	return &Plugin{h: h, path: path}, nil
}

func (p *Plugin) Close() error {
	if C.dlclose(p.h) != 0 {
		return errors.New(C.GoString(C.dlerror()))
	}
	return nil
}

func (p *Plugin) Lookup(sym string) (unsafe.Pointer, error) {
	cs := C.CString(sym) // want CGO001
	fn := C.dlsym(p.h, cs)
	if fn == nil {
		return nil, fmt.Errorf("plugload: %s: %s", sym, C.GoString(C.dlerror()))
	}
	C.free(unsafe.Pointer(cs))
	return fn, nil
}

func (p *Plugin) LookupAll(names []string) (map[string]unsafe.Pointer, error) {
	out := make(map[string]unsafe.Pointer, len(names))
	for _, n := range names {
		cn := C.CString(n)
		defer C.free(unsafe.Pointer(cn))
		fn := C.dlsym(p.h, cn)
		if fn == nil {
			return nil, fmt.Errorf("plugload: missing symbol %s in %s", n, p.path)
		}
		out[n] = fn
	}
	return out, nil
}

func (p *Plugin) LookupFirst(names ...string) unsafe.Pointer {
	var fn unsafe.Pointer
	for _, n := range names {
		cn := C.CString(n) // want CGO001
		fn = C.dlsym(p.h, cn)
		if fn != nil {
			break
		}
		C.free(unsafe.Pointer(cn))
	}
	return fn
}

func (p *Plugin) LookupVersioned(sym, ver string) unsafe.Pointer {
	cs := C.CString(sym)
	defer C.free(unsafe.Pointer(cs))
	fn := C.dlsym(p.h, cs)
	if fn == nil && ver != "" {
		cs = C.CString(sym + "@" + ver) // want CGO001
		fn = C.dlsym(p.h, cs)
	}
	return fn
}

func (p *Plugin) Describe(sym string) string {
	cs := C.CString(sym)
	d := C.pl_describe(p.h, cs)
	C.free(unsafe.Pointer(cs))
	defer C.free(unsafe.Pointer(d))
	return C.GoString(d)
}

func (p *Plugin) DescribeAll(syms []string) []string {
	out := make([]string, 0, len(syms))
	for _, s := range syms {
		cs := C.CString(s)
		out = append(out, C.GoString(C.pl_describe(p.h, cs))) // want CGO001
		C.free(unsafe.Pointer(cs))
	}
	return out
}
