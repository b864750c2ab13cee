// Package ncwin wraps a small ncurses-like windowing API.
package ncwin

/*
#include <stdlib.h>
#include <string.h>

typedef struct { int rows, cols; } WINDOW;

static WINDOW *nc_newwin(int rows, int cols) {
	if (rows <= 0 || cols <= 0) return NULL;
	WINDOW *w = malloc(sizeof *w); w->rows = rows; w->cols = cols; return w;
}
static void nc_delwin(WINDOW *w) { free(w); }
static int nc_mvwaddstr(WINDOW *w, int y, int x, const char *s) {
	return (y < 0 || y >= w->rows || x + (int)strlen(s) > w->cols) ? -1 : 0;
}
static int nc_wgetnstr(WINDOW *w, char *buf, int n) {
	strncpy(buf, "user input", n); buf[n] = 0; return 0;
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

var errRange = errors.New("ncwin: position out of range")

type Window struct {
	w      *C.WINDOW
	rows   int
	status *C.char
}

func NewWindow(rows, cols int) (*Window, error) {
	w := C.nc_newwin(C.int(rows), C.int(cols))
	if w == nil {
		return nil, errors.New("ncwin: newwin failed")
	}
	return &Window{w: w, rows: rows}, nil
}

func (w *Window) Close() {
	C.nc_delwin(w.w)
	C.free(unsafe.Pointer(w.status))
}

func (w *Window) Print(y, x int, s string) error {
	cs := C.CString(s)
	rc := C.nc_mvwaddstr(w.w, C.int(y), C.int(x), cs)
	C.free(unsafe.Pointer(cs))
	if rc != 0 {
		return errRange
	}
	return nil
}

func (w *Window) PrintLines(y int, lines []string) {
	var cs *C.char
	for i, l := range lines {
		cs = C.CString(l) // want CGO001
		C.nc_mvwaddstr(w.w, C.int(y+i), 0, cs)
	}
	C.free(unsafe.Pointer(cs))
}

func (w *Window) PrintColumns(y int, cols []string) error {
	x := 0
	for _, c := range cols {
		cs := C.CString(c)
		rc := C.nc_mvwaddstr(w.w, C.int(y), C.int(x), cs)
		C.free(unsafe.Pointer(cs))
		if rc != 0 {
			return errRange
		}
		x += len(c) + 1
	}
	return nil
}

func (w *Window) Prompt(max int) string {
	buf := C.malloc(C.size_t(max + 1))
	C.nc_wgetnstr(w.w, (*C.char)(buf), C.int(max))
	s := C.GoString((*C.char)(buf))
	C.free(buf)
	return s
}

// ReadLine leaks its buffer, but the memory is never viewed as a Go slice
// and it is not a C string allocation, so neither rule applies.
func (w *Window) ReadLine() string {
	buf := (*C.char)(C.malloc(81))
	C.nc_wgetnstr(w.w, buf, 80)
	return C.GoString(buf)
}

func (w *Window) SetStatus(s string) {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	C.free(unsafe.Pointer(w.status))
	w.status = C.strdup(cs)
	C.nc_mvwaddstr(w.w, C.int(w.rows-1), 0, w.status)
}

func (w *Window) Label(y int, s string, width int) {
	cs := C.CString(s)
	label := C.strndup(cs, C.size_t(width)) // want CGO001
	C.free(unsafe.Pointer(cs))
	C.nc_mvwaddstr(w.w, C.int(y), 0, label)
}
