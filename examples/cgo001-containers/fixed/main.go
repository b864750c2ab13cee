// Command fixed runs the same requests as bad and frees every C string it makes.
package main

/*
#include <stdlib.h>
#include <string.h>

typedef struct { const char *method; const char *path; } request_t;
typedef struct { const char *name; int width; } column_t;
typedef struct { int kind; const char *text; } event_t;

// Reads the request's strings during the call and keeps nothing.
static size_t request_size(const request_t *r) { return strlen(r->method) + strlen(r->path); }

// Read the columns' names and the event's text during the call and keep nothing.
static size_t columns_size(const column_t *cols, int n) {
	size_t total = 0;
	for (int i = 0; i < n; i++) total += strlen(cols[i].name) + (size_t)cols[i].width;
	return total;
}
static size_t event_size(const event_t *ev) { return strlen(ev->text) + (size_t)ev->kind; }

// Options filled in by helpers, the way bindings fill a library's option structs.
typedef struct { const char *url; int timeout; } proxy_opts_t;
typedef struct { int retries; proxy_opts_t proxy; } fetch_opts_t;

// Reads the options during the call and keeps nothing.
static size_t fetch_size(const fetch_opts_t *o) {
	return strlen(o->proxy.url) + (size_t)o->retries + (size_t)o->proxy.timeout;
}

// A template whose caps are given inline: a struct inside a struct, the way media libraries
// describe their pads. Reads the text during the call and keeps nothing.
typedef struct { int fixed; const char *text; } caps_t;
typedef struct { int direction; caps_t caps; } template_t;
static size_t template_size(const template_t *t) { return strlen(t->caps.text) + (size_t)t->direction; }

// Reads argv during the call and keeps nothing.
static size_t argv_size(char **argv, int argc) {
	size_t n = 0;
	for (int i = 0; i < argc; i++) n += strlen(argv[i]);
	return n;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// bannerSize converts, measures and frees in a function, where a free has a place to go.
func bannerSize() int {
	s := C.CString("cgolint containers example")
	defer C.free(unsafe.Pointer(s))
	return int(C.strlen(s))
}

var banner = bannerSize()

// requestSize frees each field right after filling it, with a defer.
func requestSize(method, path string) int {
	var req C.request_t
	req.method = C.CString(method)
	defer C.free(unsafe.Pointer(req.method))
	req.path = C.CString(path)
	defer C.free(unsafe.Pointer(req.path))
	return int(C.request_size(&req))
}

// columnsSize frees every name in a deferred closure.
func columnsSize(names []string) int {
	cols := make([]C.column_t, len(names))
	defer func() {
		for i := range cols {
			C.free(unsafe.Pointer(cols[i].name))
		}
	}()
	for i, n := range names {
		cols[i].name = C.CString(n)
		cols[i].width = 8
	}
	return int(C.columns_size(&cols[0], C.int(len(cols))))
}

// event mirrors event_t in Go.
type event struct {
	kind C.int
	text *C.char
}

// eventSize frees the field after lending the struct to C.
func eventSize(text string) int {
	var ev event
	ev.kind = 1
	ev.text = C.CString(text)
	defer C.free(unsafe.Pointer(ev.text))
	return int(C.event_size((*C.event_t)(unsafe.Pointer(&ev))))
}

// argvSize frees every element in a deferred closure, which reads argv when it runs.
func argvSize(args []string) int {
	var argv []*C.char
	defer func() {
		for _, p := range argv {
			C.free(unsafe.Pointer(p))
		}
	}()
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	return int(C.argv_size(&argv[0], C.int(len(argv))))
}

// history keeps Go strings; C sees a copy only for the length of a call.
var history []string

func remember(s string) int {
	history = append(history, s)
	return len(history)
}

// arena collects C strings so that one free releases them all; with pointer receivers the pool
// str appends to is the one free ranges over.
type arena struct {
	pool []unsafe.Pointer
}

func (a *arena) str(s string) *C.char {
	p := C.CString(s)
	a.pool = append(a.pool, unsafe.Pointer(p))
	return p
}

func (a *arena) free() {
	for _, p := range a.pool {
		C.free(p)
	}
	a.pool = nil
}

// labelsSize measures two labels made through the arena.
func labelsSize(x, y string) int {
	mem := arena{}
	defer mem.free()
	return int(C.strlen(mem.str(x)) + C.strlen(mem.str(y)))
}

// fillProxy stores a C string in the caller's struct: whoever owns the struct must free it.
func fillProxy(p *C.proxy_opts_t, url string) {
	p.url = C.CString(url)
	p.timeout = 30
}

// fillFetch fills the proxy options inside the fetch options.
func fillFetch(o *C.fetch_opts_t, url string) {
	o.retries = 3
	fillProxy(&o.proxy, url)
}

// freeFetch frees what fillFetch stores in the options.
func freeFetch(o *C.fetch_opts_t) {
	C.free(unsafe.Pointer(o.proxy.url))
}

// fetchSize frees the string fillProxy left in the options, then the options struct.
func fetchSize(url string) int {
	opts := (*C.fetch_opts_t)(C.calloc(1, C.sizeof_fetch_opts_t))
	defer C.free(unsafe.Pointer(opts))
	fillFetch(opts, url)
	defer freeFetch(opts)
	return int(C.fetch_size(opts))
}

// templateSize frees the caps text once C is done with the struct.
func templateSize(caps string) int {
	t := C.template_t{
		direction: 1,
		caps:      C.caps_t{fixed: 1, text: C.CString(caps)},
	}
	defer C.free(unsafe.Pointer(t.caps.text))
	return int(C.template_size(&t))
}

func main() {
	total := banner
	for i := 0; i < 3; i++ {
		total += requestSize("GET", "/index.html")
		total += columnsSize([]string{"id", "name"})
		total += eventSize("started")
		total += argvSize([]string{"ls", "-l", "/tmp"})
		total += argvSize([]string{"cat", "/etc/hostname"})
		total += remember("request")
		total += labelsSize("ok", "cancel")
		total += fetchSize("http://proxy.example:3128")
		total += templateSize("audio/x-raw")
	}
	fmt.Println("total:", total)
}
