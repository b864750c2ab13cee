// Package xpath wraps a libxml2-style XPath evaluation API.
package xpath

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { const char *xml; } xmlDoc;
typedef struct { xmlDoc *doc; char *nsPrefix; } xpathCtx;
typedef struct { int count; } xpathObj;

static xpathCtx *xp_new_context(xmlDoc *d) { if (!d) return NULL; xpathCtx *c = calloc(1, sizeof *c); c->doc = d; return c; }
static void xp_free_context(xpathCtx *c) { free(c->nsPrefix); free(c); }
static int xp_register_ns(xpathCtx *c, const char *p, const char *uri) { free(c->nsPrefix); c->nsPrefix = strdup(p); return uri[0] == 0; }
static xpathObj *xp_eval(xpathCtx *c, const char *expr) {
	if (!expr[0]) return NULL;
	xpathObj *o = calloc(1, sizeof *o); o->count = (int)strlen(expr) % 5; return o;
}
static void xp_free_object(xpathObj *o) { free(o); }
static char *xp_node_content(xpathObj *o, int i) {
	if (i >= o->count) return NULL;
	char buf[32]; snprintf(buf, sizeof buf, "node-%d", i); return strdup(buf);
}
static char *xp_get_prop(xpathObj *o, int i, const char *name) {
	size_t n = strlen(name) + 16; char *r = malloc(n);
	snprintf(r, n, "%s=%d", name, i); return r;
}
static void xml_free(void *p) { free(p); }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

var errCtx = errors.New("xpath: cannot create context")

type (
	Doc     struct{ p *C.xmlDoc }
	Context struct{ c *C.xpathCtx }
	Result  struct{ o *C.xpathObj }
)

func (c *Context) RegisterNS(prefix, uri string) error {
	cp := C.CString(prefix)
	cu := C.CString(uri)
	defer func() {
		C.free(unsafe.Pointer(cp))
		C.free(unsafe.Pointer(cu))
	}()
	if C.xp_register_ns(c.c, cp, cu) != 0 {
		return fmt.Errorf("xpath: bad namespace %q", uri)
	}
	return nil
}

func Eval(d *Doc, expr string) (*Result, error) {
	cexpr := C.CString(expr) // want CGO001
	ctx := C.xp_new_context(d.p)
	if ctx == nil {
		return nil, errCtx
	}
	defer C.xp_free_context(ctx)
	defer C.free(unsafe.Pointer(cexpr))
	o := C.xp_eval(ctx, cexpr)
	if o == nil {
		return nil, fmt.Errorf("xpath: invalid expression %q", expr)
	}
	return &Result{o: o}, nil
}

func (c *Context) Query(expr string, relative bool) (*Result, error) {
	q := C.CString(expr) // want CGO001
	if !relative {
		q = C.CString("/" + expr)
	}
	defer C.free(unsafe.Pointer(q))
	o := C.xp_eval(c.c, q)
	if o == nil {
		return nil, fmt.Errorf("xpath: invalid expression %q", expr)
	}
	return &Result{o: o}, nil
}

func (r *Result) Free() { C.xp_free_object(r.o) }

func (r *Result) Content(i int) string {
	s := C.xp_node_content(r.o, C.int(i))
	defer C.xml_free(unsafe.Pointer(s))
	return C.GoString(s)
}

func (r *Result) Attr(i int, name string) string {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	v := C.xp_get_prop(r.o, C.int(i), cn) // want CGO001
	return C.GoString(v)
}

func (r *Result) Strings() []string {
	var out []string
	for i := 0; i < int(r.o.count); i++ {
		s := C.xp_node_content(r.o, C.int(i))
		if s == nil {
			continue
		}
		out = append(out, C.GoString(s))
		C.free(unsafe.Pointer(s))
	}
	return out
}
