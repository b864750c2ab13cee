// Package x11title manages X11 window titles and atoms.
package x11title

/*
#include <stdlib.h>

typedef struct _XDisplay Display;
typedef unsigned long Window;
typedef unsigned long Atom;

static Display *XOpenDisplay(const char *display_name) { return 0; }
static int XCloseDisplay(Display *d) { return 0; }
static int XStoreName(Display *d, Window w, const char *window_name) { return 0; }
static int XSetIconName(Display *d, Window w, const char *icon_name) { return 0; }
static Atom XInternAtom(Display *d, const char *atom_name, int only_if_exists) { return 1; }
static int XFlush(Display *d) { return 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Display is a connection to an X server.
type Display struct{ d *C.Display }

// Window is a top-level window; the last title is kept for WM_NAME refreshes.
type Window struct {
	dpy   *Display
	id    C.Window
	title *C.char
}

// OpenDisplay connects to the named display; "" means $DISPLAY.
func OpenDisplay(name string) (*Display, error) {
	var cname *C.char
	if name != "" {
		cname = C.CString(name)
		defer C.free(unsafe.Pointer(cname))
	}
	d := C.XOpenDisplay(cname)
	if d == nil {
		return nil, fmt.Errorf("x11: cannot open display %q", name)
	}
	return &Display{d: d}, nil
}

// SetTitle sets the window title and icon name.
func (w *Window) SetTitle(title string) {
	ctitle := C.CString(title)
	C.XStoreName(w.dpy.d, w.id, ctitle)
	C.XSetIconName(w.dpy.d, w.id, ctitle)
	if w.title != nil {
		C.free(unsafe.Pointer(w.title))
	}
	w.title = ctitle
	C.XFlush(w.dpy.d)
}

// SetIconName sets only the icon name.
func (w *Window) SetIconName(name string) {
	C.XSetIconName(w.dpy.d, w.id, C.CString(name)) // want CGO001
	C.XFlush(w.dpy.d)
}

// Atoms interns the given atom names.
func (dpy *Display) Atoms(names ...string) []C.Atom {
	atoms := make([]C.Atom, len(names))
	for i, n := range names {
		cn := C.CString(n)
		atoms[i] = C.XInternAtom(dpy.d, cn, 0)
		C.free(unsafe.Pointer(cn))
	}
	return atoms
}

// AtomExists reports whether the atom has already been interned by someone.
func (dpy *Display) AtomExists(name string) bool {
	cn := C.CString(name) // want CGO001
	a := C.XInternAtom(dpy.d, cn, 1)
	if a == 0 {
		return false
	}
	C.free(unsafe.Pointer(cn))
	return true
}

// Close frees the kept title.
func (w *Window) Close() {
	if w.title != nil {
		C.free(unsafe.Pointer(w.title))
		w.title = nil
	}
}

// CloseDisplay disconnects from the server.
func (dpy *Display) CloseDisplay() {
	C.XCloseDisplay(dpy.d)
}

// IconData builds _NET_WM_ICON property data: width, height, then ARGB pixels.
func IconData(w, h int, argb []uint32) []C.ulong {
	n := 2 + w*h
	mem := C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.ulong(0)))) // want CGO002
	data := unsafe.Slice((*C.ulong)(mem), n)
	data[0], data[1] = C.ulong(w), C.ulong(h)
	for i, p := range argb[:w*h] {
		data[2+i] = C.ulong(p)
	}
	return data
}
