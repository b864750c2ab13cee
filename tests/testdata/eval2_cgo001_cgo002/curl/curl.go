// Package curl is a minimal libcurl "easy" binding.
package curl

/*
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct curl_slist { char* data; struct curl_slist* next; };
typedef struct { char url[256]; struct curl_slist* headers; int calls; } CURL;

static CURL* curl_easy_init(void) { return calloc(1, sizeof(CURL)); }
static void curl_easy_cleanup(CURL* c) { free(c); }
static struct curl_slist* curl_slist_append(struct curl_slist* l, const char* s) {
	struct curl_slist* n = calloc(1, sizeof *n);
	n->data = strdup(s);
	if (l == NULL) return n;
	struct curl_slist* t = l;
	while (t->next) t = t->next;
	t->next = n;
	return l;
}
static void curl_slist_free_all(struct curl_slist* l) {
	while (l) { struct curl_slist* n = l->next; free(l->data); free(l); l = n; }
}
static void curl_easy_set_url(CURL* c, const char* url) { strncpy(c->url, url, sizeof(c->url) - 1); }
static const char* curl_effective_url(CURL* c) { return c->url; }
static void lower_inplace(char* s) { for (; *s; s++) *s = (char)tolower((unsigned char)*s); }
static int curl_easy_perform(CURL* c, char* body, size_t cap, size_t* n) {
	c->calls++;
	*n = cap < 16 ? cap : 16;
	memset(body, 'b', *n);
	return c->url[0] ? 0 : 3;
}
static char* curl_easy_escape(CURL* c, const char* s, int len) {
	(void)c;
	char* out = malloc((size_t)len * 3 + 1);
	memcpy(out, s, (size_t)len);
	out[len] = 0;
	return out;
}
static void curl_free(void* p) { free(p); }
static const char* curl_version(void) { return "libcurl/8.5.0"; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Easy owns a handle and its header list.
type Easy struct {
	c       *C.CURL
	headers *C.struct_curl_slist
}

// NewEasy creates a handle for url.
func NewEasy(url string) *Easy {
	e := &Easy{c: C.curl_easy_init()}
	curl := C.CString(url)
	C.curl_easy_set_url(e.c, curl)
	C.free(unsafe.Pointer(curl))
	return e
}

// SetHeaders replaces the request headers; libcurl copies each line.
func (e *Easy) SetHeaders(hdrs map[string]string) {
	C.curl_slist_free_all(e.headers)
	e.headers = nil
	for k, v := range hdrs {
		line := C.CString(k + ": " + v)
		e.headers = C.curl_slist_append(e.headers, line)
		C.free(unsafe.Pointer(line))
	}
}

// EscapeAll URL-escapes every part.
func (e *Easy) EscapeAll(parts []string) []string {
	out := make([]string, 0, len(parts))
	var esc *C.char
	defer func() { C.curl_free(unsafe.Pointer(esc)) }()
	for _, p := range parts {
		cs := C.CString(p)
		C.curl_free(unsafe.Pointer(esc))
		esc = C.curl_easy_escape(e.c, cs, C.int(len(p)))
		C.free(unsafe.Pointer(cs))
		out = append(out, C.GoString(esc))
	}
	return out
}

// EffectiveURLLower returns the effective URL in lower case.
func (e *Easy) EffectiveURLLower() string {
	u := C.strdup(C.curl_effective_url(e.c)) // want CGO001
	C.lower_inplace(u)
	return C.GoString(u)
}

// URL returns a C copy of the effective URL and a function that frees it.
func (e *Easy) URL() (*C.char, func()) {
	u := C.strdup(C.curl_effective_url(e.c))
	return u, func() { C.free(unsafe.Pointer(u)) }
}

// Perform runs the request; the caller frees ptr after using body.
func (e *Easy) Perform(maxBody int) (body []byte, ptr unsafe.Pointer, err error) {
	p := C.malloc(C.size_t(maxBody))
	var n C.size_t
	if rc := C.curl_easy_perform(e.c, (*C.char)(p), C.size_t(maxBody), &n); rc != 0 {
		C.free(p)
		return nil, nil, fmt.Errorf("curl: error %d", int(rc))
	}
	return unsafe.Slice((*byte)(p), int(n)), p, nil
}

// Get performs the request, retrying once with a larger buffer if the body was truncated.
func (e *Easy) Get(size int) (string, error) {
	p := C.malloc(C.size_t(size))
	defer C.free(p)
	var n C.size_t
	if rc := C.curl_easy_perform(e.c, (*C.char)(p), C.size_t(size), &n); rc != 0 {
		return "", fmt.Errorf("curl: error %d", int(rc))
	}
	if int(n) == size {
		size *= 4
		p = C.malloc(C.size_t(size)) // want CGO002
		C.curl_easy_perform(e.c, (*C.char)(p), C.size_t(size), &n)
	}
	return string(unsafe.Slice((*byte)(p), int(n))), nil
}

// Version returns the static version string.
func Version() string { return C.GoString(C.curl_version()) }

// Cleanup frees the handle and headers.
func (e *Easy) Cleanup() {
	C.curl_slist_free_all(e.headers)
	C.curl_easy_cleanup(e.c)
}
