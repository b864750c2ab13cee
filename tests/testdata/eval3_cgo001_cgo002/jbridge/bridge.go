// Package jbridge is a JNI-like bridge to a managed runtime.
package jbridge

/*
#include <stdlib.h>
#include <string.h>

typedef struct { int id; } jclass_t;
typedef struct { int id; } jmethod_t;
typedef struct { char *utf; } jstring_t;
static jclass_t classes[8];
static jmethod_t methods[8];

static jclass_t *jb_find_class(const char *name) { return name[0] ? &classes[strlen(name) % 8] : NULL; }
static jmethod_t *jb_get_static_method(jclass_t *c, const char *n, const char *sig) { return sig[0] == '(' ? &methods[strlen(n) % 8] : NULL; }
static long jb_call_static(jclass_t *c, jmethod_t *m, const char *arg) { return (long)strlen(arg); }
static jstring_t *jb_new_string_utf(const char *s) { jstring_t *j = malloc(sizeof *j); j->utf = strdup(s); return j; }
static char *jb_get_string_chars(jstring_t *j) { return strdup(j->utf); }
static void jb_release_string_chars(char *p) { free(p); }
static void jb_log(const char *msg) { (void)msg; }
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"
)

var errNoMethod = errors.New("jbridge: no such method")

var internTable = map[string]*C.char{}

type Class struct{ p *C.jclass_t }
type JString struct{ p *C.jstring_t }
type Bridge struct {
	queue  chan *C.char
	pinned []*C.char
}

func FindClass(name string) (*Class, error) {
	cn := C.CString(strings.ReplaceAll(name, ".", "/"))
	defer C.free(unsafe.Pointer(cn))
	c := C.jb_find_class(cn)
	if c == nil {
		return nil, fmt.Errorf("jbridge: class %s not found", name)
	}
	return &Class{p: c}, nil
}

func (c *Class) CallStatic(method, sig, arg string) (int64, error) {
	cm := C.CString(method)
	defer C.free(unsafe.Pointer(cm))
	cs := C.CString(sig) // want CGO001
	mid := C.jb_get_static_method(c.p, cm, cs)
	if mid == nil {
		return 0, errNoMethod
	}
	C.free(unsafe.Pointer(cs))
	ca := C.CString(arg)
	r := C.jb_call_static(c.p, mid, ca)
	C.free(unsafe.Pointer(ca))
	return int64(r), nil
}

func NewString(s string) *JString {
	return &JString{p: C.jb_new_string_utf(C.CString(s))} // want CGO001
}

func (j *JString) String() string {
	chars := C.jb_get_string_chars(j.p)
	defer C.jb_release_string_chars(chars)
	return C.GoString(chars)
}

func (j *JString) Len() int {
	chars := C.jb_get_string_chars(j.p) // want CGO001
	return int(C.strlen(chars))
}

func Intern(s string) *C.char {
	if p, ok := internTable[s]; ok {
		return p
	}
	cs := C.CString(s)
	internTable[s] = cs
	return cs
}

func (b *Bridge) Post(msg string) {
	cs := C.CString(msg)
	b.queue <- cs
}

func (b *Bridge) pin(p *C.char) { b.pinned = append(b.pinned, p) }

func (b *Bridge) Retain(args ...string) {
	for _, a := range args {
		cs := C.CString(a)
		b.pin(cs)
	}
}

func DeferredLog(msg string) func() {
	cm := C.CString(msg)
	return func() {
		C.jb_log(cm)
		C.free(unsafe.Pointer(cm))
	}
}

func (b *Bridge) LogAll(msgs []string) {
	for _, m := range msgs {
		cm := C.CString(m) // want CGO001
		if strings.TrimSpace(m) == "" {
			continue
		}
		C.jb_log(cm)
		C.free(unsafe.Pointer(cm))
	}
}
