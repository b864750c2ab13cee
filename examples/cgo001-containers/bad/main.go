// Command bad runs a tiny "request" through C four ways, and leaks C strings kept in a struct, in
// slice elements and in a package-level slice, one in a package-level initializer, one a helper
// stores in its caller's options struct, and one in a struct literal nested in another.
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

// banner is computed once, from a C string nobody frees.
var banner = C.strlen(C.CString("cgolint containers example"))

// requestSize fills a C struct field by field and never frees the fields.
func requestSize(method, path string) int {
	var req C.request_t
	req.method = C.CString(method)
	req.path = C.CString(path)
	return int(C.request_size(&req))
}

// columnsSize fills an array of C structs and frees none of the names.
func columnsSize(names []string) int {
	cols := make([]C.column_t, len(names))
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

// eventSize puts a C string in a field of a Go struct and lends the struct to C.
func eventSize(text string) int {
	var ev event
	ev.kind = 1
	ev.text = C.CString(text)
	return int(C.event_size((*C.event_t)(unsafe.Pointer(&ev))))
}

// argvSize builds argv with append and never frees its elements.
func argvSize(args []string) int {
	var argv []*C.char
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	return int(C.argv_size(&argv[0], C.int(len(argv))))
}

// argvSizeEarlyDefer means to free argv, but the deferred function is given argv while it is
// still empty: a deferred call's arguments are evaluated at the defer statement.
func argvSizeEarlyDefer(args []string) int {
	var argv []*C.char
	defer func(ps []*C.char) {
		for _, p := range ps {
			C.free(unsafe.Pointer(p))
		}
	}(argv)
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	return int(C.argv_size(&argv[0], C.int(len(argv))))
}

// history only grows: every call of remember keeps one more C string.
var history []*C.char

func remember(s string) int {
	history = append(history, C.CString(s))
	return len(history)
}

// arena collects C strings so that one free releases them all, but its methods have value
// receivers: str appends to a copy of the pool, and free ranges over the caller's, still empty.
type arena struct {
	pool []unsafe.Pointer
}

func (a arena) str(s string) *C.char {
	p := C.CString(s)
	a.pool = append(a.pool, unsafe.Pointer(p))
	return p
}

func (a arena) free() {
	for _, p := range a.pool {
		C.free(p)
	}
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

// fetchSize frees the options struct, but not the string fillProxy left in it.
func fetchSize(url string) int {
	opts := (*C.fetch_opts_t)(C.calloc(1, C.sizeof_fetch_opts_t))
	defer C.free(unsafe.Pointer(opts))
	fillFetch(opts, url)
	return int(C.fetch_size(opts))
}

// templateSize builds a struct literal with another inside it and never frees the caps text.
func templateSize(caps string) int {
	t := C.template_t{
		direction: 1,
		caps:      C.caps_t{fixed: 1, text: C.CString(caps)},
	}
	return int(C.template_size(&t))
}

func main() {
	total := int(banner)
	for i := 0; i < 3; i++ {
		total += requestSize("GET", "/index.html")
		total += columnsSize([]string{"id", "name"})
		total += eventSize("started")
		total += argvSize([]string{"ls", "-l", "/tmp"})
		total += argvSizeEarlyDefer([]string{"cat", "/etc/hostname"})
		total += remember("request")
		total += labelsSize("ok", "cancel")
		total += fetchSize("http://proxy.example:3128")
		total += templateSize("audio/x-raw")
	}
	fmt.Println("total:", total)
}
