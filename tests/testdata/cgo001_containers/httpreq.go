package httpc

/*
#include <stdlib.h>
typedef struct { const char *method; const char *path; const char *body; int status; } request_t;
typedef struct { void *conn; } client_t;
// From an HTTP library: reads the request's strings during the call, copies what it keeps.
int client_do(client_t *c, request_t *r);
// The package's own helper: sends the request, then frees the strings in it.
static int client_do_free(client_t *c, void *data) {
	request_t *r = (request_t *)data;
	int rc = client_do(c, r);
	free((void *)r->method);
	free((void *)r->path);
	return rc;
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

type Client struct{ c *C.client_t }

type Request struct{ Method, Path, Body string }

// Do fills a C struct on the stack field by field and never frees the fields.
func (cl *Client) Do(r *Request) (int, error) {
	var creq C.request_t
	creq.method = C.CString(r.Method) // want CGO001 "creq.method \(from C.CString, kept in the local struct creq\) is not freed when returning at line 36; if C.client_do only borrows it"
	creq.path = C.CString(r.Path)
	defer C.free(unsafe.Pointer(creq.path))
	if C.client_do(cl.c, &creq) != 0 {
		return 0, errors.New("request failed")
	}
	return int(creq.status), nil
}

// DoLiteral builds the struct with a composite literal: the same leak.
func (cl *Client) DoLiteral(r *Request) error {
	creq := C.request_t{
		method: C.CString(r.Method), // want CGO001 "creq.method \(from C.CString, kept in the local struct creq\) is not freed when returning at line 49"
		path:   C.CString(r.Path),
	}
	defer C.free(unsafe.Pointer(creq.path))
	if C.client_do(cl.c, &creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// DoFreed frees every field it filled, on every path.
func (cl *Client) DoFreed(r *Request) error {
	var creq C.request_t
	creq.method = C.CString(r.Method)
	defer C.free(unsafe.Pointer(creq.method))
	creq.path = C.CString(r.Path)
	defer C.free(unsafe.Pointer(creq.path))
	body := C.CString(r.Body)
	defer C.free(unsafe.Pointer(body))
	creq.body = body
	if C.client_do(cl.c, &creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// DoClosure frees the fields in one deferred closure, which reads them at exit.
func (cl *Client) DoClosure(r *Request) error {
	var creq C.request_t
	defer func() {
		C.free(unsafe.Pointer(creq.method))
		C.free(unsafe.Pointer(creq.path))
	}()
	creq.method = C.CString(r.Method)
	creq.path = C.CString(r.Path)
	if C.client_do(cl.c, &creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// DoAlias keeps the string in a variable too and frees it through the variable.
func (cl *Client) DoAlias(r *Request) error {
	m := C.CString(r.Method)
	creq := C.request_t{method: m}
	err := C.client_do(cl.c, &creq)
	C.free(unsafe.Pointer(m))
	if err != 0 {
		return errors.New("request failed")
	}
	return nil
}

// NewRequest hands the filled struct to its caller: the caller owns the fields.
func NewRequest(r *Request) C.request_t {
	var creq C.request_t
	creq.method = C.CString(r.Method)
	return creq
}

// pending keeps requests for a worker that frees them.
var pending = make(chan C.request_t, 16)

// Queue sends the struct on a channel: the receiver owns the fields.
func Queue(r *Request) {
	creq := C.request_t{method: C.CString(r.Method)}
	pending <- creq
}

// Keep stores the struct in its receiver.
type Keeper struct{ req C.request_t }

func (k *Keeper) Keep(r *Request) {
	var creq C.request_t
	creq.method = C.CString(r.Method)
	k.req = creq
}

// Prepare fills a struct its caller gave it: the caller's struct owns the fields.
func Prepare(dst *C.request_t, r *Request) {
	dst.method = C.CString(r.Method)
}

// Async lets a goroutine use the struct and free it.
func (cl *Client) Async(r *Request) {
	var creq C.request_t
	creq.method = C.CString(r.Method)
	go func() {
		C.client_do(cl.c, &creq)
		C.free(unsafe.Pointer(creq.method))
	}()
}

// DoAndFree lends the struct to a C helper of the package that frees its fields.
func (cl *Client) DoAndFree(r *Request) error {
	creq := C.request_t{method: C.CString(r.Method), path: C.CString(r.Path)}
	if C.client_do_free(cl.c, unsafe.Pointer(&creq)) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// freeRequest frees the strings of a request filled by the package.
func freeRequest(r *C.request_t) {
	C.free(unsafe.Pointer(r.method))
	C.free(unsafe.Pointer(r.path))
}

// DoHelper frees the fields through a Go helper of the package.
func (cl *Client) DoHelper(r *Request) error {
	creq := C.request_t{method: C.CString(r.Method), path: C.CString(r.Path)}
	defer freeRequest(&creq)
	if C.client_do(cl.c, &creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// DoHelperClosure frees the fields through the helper, in a deferred closure.
func (cl *Client) DoHelperClosure(r *Request) error {
	var creq C.request_t
	defer func() { freeRequest(&creq) }()
	creq.method = C.CString(r.Method)
	creq.path = C.CString(r.Path)
	if C.client_do(cl.c, &creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// DoHelperEarly defers the helper with the struct's address before filling it: the helper reads
// the struct when it runs, so it frees the fields filled later.
func (cl *Client) DoHelperEarly(r *Request) error {
	var creq C.request_t
	defer freeRequest(&creq)
	creq.method = C.CString(r.Method)
	if C.client_do(cl.c, &creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// DoHelperLate frees through the helper only on the success path.
func (cl *Client) DoHelperLate(r *Request) error {
	var creq C.request_t
	creq.method = C.CString(r.Method) // want CGO001 "creq.method \(from C.CString, kept in the local struct creq\) is not freed when returning at line 191; replace the free at line 193 with `defer freeRequest\(&creq\)` right after the allocation"
	if C.client_do(cl.c, &creq) != 0 {
		return errors.New("request failed")
	}
	freeRequest(&creq)
	return nil
}

// Log, when set, receives debug key-value pairs.
var Log func(keyvals ...interface{})

// DoNew fills a struct made with new, lends the pointer to C, and never frees the fields. When Log
// is set it may keep what it is given, but when it is nil nothing does.
func (cl *Client) DoNew(r *Request) error {
	creq := new(C.request_t)
	if r.Method != "" {
		creq.method = C.CString(r.Method) // want CGO001 "creq.method \(from C.CString, kept in the local struct creq\) is not freed when returning at line 211; call .C.free\(unsafe.Pointer\(creq.method\)\). before each way out at lines 211 and 213, not in a .defer.: on another path the memory is handed on \(stored or kept\) at line 208"
	}
	if Log != nil {
		Log("msg", "DoNew", "request", creq)
	}
	if C.client_do(cl.c, creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// DoNewHelper frees the fields of the struct through the package's helper.
func (cl *Client) DoNewHelper(r *Request) error {
	creq := new(C.request_t)
	creq.method = C.CString(r.Method)
	creq.path = C.CString(r.Path)
	defer freeRequest(creq)
	if C.client_do(cl.c, creq) != 0 {
		return errors.New("request failed")
	}
	return nil
}

// NewRequestPtr hands the struct, and the strings in it, to its caller.
func NewRequestPtr(r *Request) *C.request_t {
	creq := new(C.request_t)
	creq.method = C.CString(r.Method)
	return creq
}

// counter is a Go struct made with new that keeps a C string the caller frees.
type counter struct {
	label *C.char
	n     int
}

// newCounter returns the struct: the caller owns its label.
func newCounter(name string) *counter {
	c := new(counter)
	c.label = C.CString(name)
	return c
}
