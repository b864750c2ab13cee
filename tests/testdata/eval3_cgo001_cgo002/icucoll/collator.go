// Package icucoll wraps a small ICU-like collation API.
package icucoll

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char locale[32]; char *rules; } UCollator;

static UCollator *ucol_open_stub(const char *loc, int *status) {
	if (loc == NULL || loc[0] == 0) { *status = 1; return NULL; }
	UCollator *c = calloc(1, sizeof(UCollator));
	strncpy(c->locale, loc, sizeof(c->locale) - 1); *status = 0;
	return c;
}
static void ucol_close_stub(UCollator *c) { free(c->rules); free(c); }
static int ucol_strcoll_stub(UCollator *c, const char *a, const char *b) { return strcmp(a, b); }
static void ucol_set_rules(UCollator *c, const char *r) { free(c->rules); c->rules = strdup(r); }
static int ucol_sort_key(UCollator *c, const char *s, unsigned char *out, int cap) {
	int n = (int)strlen(s); if (n > cap) n = cap;
	memcpy(out, s, n); return n;
}
static char *ucol_display_name(UCollator *c) {
	char *r = malloc(64);
	snprintf(r, 64, "Collator(%s)", c->locale);
	return r;
}
*/
import "C"

import (
	"errors"
	"strings"
	"unsafe"
)

var ErrOpen = errors.New("icucoll: cannot open collator")

type Collator struct{ p *C.UCollator }

func Open(locale string) (*Collator, error) {
	cl := C.CString(locale)
	defer C.free(unsafe.Pointer(cl))
	var status C.int
	p := C.ucol_open_stub(cl, &status)
	if status != 0 {
		return nil, ErrOpen
	}
	return &Collator{p: p}, nil
}

func (c *Collator) Close() { C.ucol_close_stub(c.p); c.p = nil }

func (c *Collator) Compare(a, b string) int {
	ca := C.CString(a)
	defer C.free(unsafe.Pointer(ca))
	cb := C.CString(b) // want CGO001
	if c.p == nil {
		return strings.Compare(a, b)
	}
	r := C.ucol_strcoll_stub(c.p, ca, cb)
	C.free(unsafe.Pointer(cb))
	return int(r)
}

func (c *Collator) SetRules(rules string) {
	C.ucol_set_rules(c.p, C.CString(rules)) // want CGO001
}

func (c *Collator) SortKey(s string) []byte {
	cs := C.CString(s)
	buf := make([]byte, len(s)+1)
	n := C.ucol_sort_key(c.p, cs, (*C.uchar)(unsafe.Pointer(&buf[0])), C.int(len(buf)))
	C.free(unsafe.Pointer(cs))
	return buf[:n]
}

func (c *Collator) DisplayName() string {
	name := C.ucol_display_name(c.p) // want CGO001
	return C.GoString(name)
}

func (c *Collator) Locale() string {
	name := C.ucol_display_name(c.p)
	defer C.free(unsafe.Pointer(name))
	s := C.GoString(name)
	return strings.TrimSuffix(strings.TrimPrefix(s, "Collator("), ")")
}

// Min returns the smallest string according to the collator.
func (c *Collator) Min(xs []string) string {
	keys := make([]*C.char, len(xs))
	for i, x := range xs {
		keys[i] = C.CString(x)
	}
	defer func() {
		for _, k := range keys {
			C.free(unsafe.Pointer(k))
		}
	}()
	best := 0
	for i := 1; i < len(keys); i++ {
		if C.ucol_strcoll_stub(c.p, keys[i], keys[best]) < 0 {
			best = i
		}
	}
	return xs[best]
}
