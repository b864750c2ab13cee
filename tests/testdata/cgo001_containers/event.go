package httpc

/*
#include <stdlib.h>
// From an event library: copies the event's payload into its queue.
void post_event(void *ev);
*/
import "C"

import "unsafe"

// event mirrors the C event layout in Go.
type event struct {
	kind int32
	fstr unsafe.Pointer
}

// PostText puts a C string in a field of a Go struct and lends the struct to C.
func PostText(s string) {
	var ev event
	ev.kind = 1
	ev.fstr = unsafe.Pointer(C.CString(s)) // want CGO001 "ev.fstr \(from C.CString, kept in the local struct ev\) is not freed when the function ends at line 24"
	C.post_event(unsafe.Pointer(&ev))
}

// PostTextFreed frees the field after the call.
func PostTextFreed(s string) {
	var ev event
	ev.kind = 1
	ev.fstr = unsafe.Pointer(C.CString(s))
	C.post_event(unsafe.Pointer(&ev))
	C.free(ev.fstr)
}

// post is a Go method that may keep the event: the struct leaves this function.
func (e *event) post() { C.post_event(unsafe.Pointer(e)) }

func PostMethod(s string) {
	var ev event
	ev.fstr = unsafe.Pointer(C.CString(s))
	ev.post()
}
