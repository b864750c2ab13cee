// Package curleasy wraps a libcurl easy handle.
package curleasy

/*
#include <stdlib.h>

typedef void CURL;
struct curl_slist { char *data; struct curl_slist *next; };

#define CURLOPT_URL 10002
#define CURLOPT_USERAGENT 10018
#define CURLOPT_HTTPHEADER 10023
#define CURLOPT_POSTFIELDS 10015
#define CURLOPT_POSTFIELDSIZE 60
#define CURLOPT_CAINFO 10065

static CURL *curl_easy_init(void) { static int h; return &h; }
static void curl_easy_cleanup(CURL *h) {}
// Non-variadic shims: cgo cannot call curl_easy_setopt directly.
static int setopt_str(CURL *h, int opt, const char *v) { return 0; }
static int setopt_ptr(CURL *h, int opt, void *v) { return 0; }
static int setopt_long(CURL *h, int opt, long v) { return 0; }
static struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s) { return list; }
static void curl_slist_free_all(struct curl_slist *list) {}
static const char *curl_easy_strerror(int code) { return "No error"; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Easy is one transfer handle.
type Easy struct {
	h       unsafe.Pointer
	headers *C.struct_curl_slist
	keep    []*C.char // libcurl does not copy POSTFIELDS; kept until Close
}

// New creates a handle.
func New() *Easy { return &Easy{h: C.curl_easy_init()} }

func codeErr(rc C.int) error {
	if rc == 0 {
		return nil
	}
	return fmt.Errorf("curl: %s", C.GoString(C.curl_easy_strerror(rc)))
}

// SetURL sets CURLOPT_URL; libcurl copies the string.
func (e *Easy) SetURL(url string) error {
	return codeErr(C.setopt_str(e.h, C.CURLOPT_URL, C.CString(url))) // want CGO001
}

// SetUserAgent sets the User-Agent header.
func (e *Easy) SetUserAgent(ua string) error {
	cua := C.CString(ua)
	defer C.free(unsafe.Pointer(cua))
	return codeErr(C.setopt_str(e.h, C.CURLOPT_USERAGENT, cua))
}

// SetHeaders replaces the request headers.
func (e *Easy) SetHeaders(headers map[string]string) error {
	var list *C.struct_curl_slist
	for k, v := range headers {
		line := C.CString(k + ": " + v)
		list = C.curl_slist_append(list, line)
		C.free(unsafe.Pointer(line))
	}
	if rc := C.setopt_ptr(e.h, C.CURLOPT_HTTPHEADER, unsafe.Pointer(list)); rc != 0 {
		C.curl_slist_free_all(list)
		return codeErr(rc)
	}
	if e.headers != nil {
		C.curl_slist_free_all(e.headers)
	}
	e.headers = list
	return nil
}

// SetPostFields sets the request body without letting libcurl copy it.
func (e *Easy) SetPostFields(body []byte) error {
	cbody := C.CBytes(body)
	e.keep = append(e.keep, (*C.char)(cbody))
	if rc := C.setopt_long(e.h, C.CURLOPT_POSTFIELDSIZE, C.long(len(body))); rc != 0 {
		return codeErr(rc)
	}
	return codeErr(C.setopt_ptr(e.h, C.CURLOPT_POSTFIELDS, cbody))
}

// SetCAFile points libcurl at a CA bundle; an empty path keeps the default.
func (e *Easy) SetCAFile(path string) error {
	cpath := C.CString(path) // want CGO001
	if path == "" {
		return nil
	}
	defer C.free(unsafe.Pointer(cpath))
	return codeErr(C.setopt_str(e.h, C.CURLOPT_CAINFO, cpath))
}

// Close releases the handle, the header list and the kept bodies.
func (e *Easy) Close() {
	C.curl_easy_cleanup(e.h)
	if e.headers != nil {
		C.curl_slist_free_all(e.headers)
		e.headers = nil
	}
	for _, p := range e.keep {
		C.free(unsafe.Pointer(p))
	}
	e.keep = nil
}
