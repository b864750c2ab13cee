// Package sdlwindow creates SDL windows and reads back their pixels.
package sdlwindow

/*
#include <stdlib.h>
#include <stdint.h>

typedef struct SDL_Window SDL_Window;

#define SDL_WINDOWPOS_CENTERED 0x2FFF0000
#define SDL_WINDOW_SHOWN 0x4

static SDL_Window *SDL_CreateWindow(const char *title, int x, int y, int w, int h, unsigned int flags) { return 0; }
static void SDL_DestroyWindow(SDL_Window *window) {}
static void SDL_SetWindowTitle(SDL_Window *window, const char *title) {}
static const char *SDL_GetError(void) { return ""; }
static int SDL_SetHint(const char *name, const char *value) { return 1; }
static int read_window_pixels(SDL_Window *window, uint32_t *pixels, int w, int h) { return 0; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Window is an SDL window.
type Window struct {
	w    *C.SDL_Window
	W, H int
}

// MustCreateWindow creates a centered window or panics.
func MustCreateWindow(title string, w, h int) *Window {
	ctitle := C.CString(title) // want CGO001
	win := C.SDL_CreateWindow(ctitle, C.SDL_WINDOWPOS_CENTERED, C.SDL_WINDOWPOS_CENTERED, C.int(w), C.int(h), C.SDL_WINDOW_SHOWN)
	if win == nil {
		panic("sdl: " + C.GoString(C.SDL_GetError()))
	}
	C.free(unsafe.Pointer(ctitle))
	return &Window{w: win, W: w, H: h}
}

// SetTitle sets the title, truncated to 255 bytes.
func (w *Window) SetTitle(title string) {
	ctitle := C.CString(title)
	defer func() {
		C.free(unsafe.Pointer(ctitle))
	}()
	if len(title) > 255 {
		C.free(unsafe.Pointer(ctitle))
		ctitle = C.CString(title[:255])
	}
	C.SDL_SetWindowTitle(w.w, ctitle)
}

// SetProgressTitle shows base, then base with a percentage when pct >= 0.
func (w *Window) SetProgressTitle(base string, pct int) {
	ctitle := C.CString(base) // want CGO001
	defer func() { C.free(unsafe.Pointer(ctitle)) }()
	C.SDL_SetWindowTitle(w.w, ctitle)
	if pct >= 0 {
		ctitle = C.CString(fmt.Sprintf("%s (%d%%)", base, pct))
		C.SDL_SetWindowTitle(w.w, ctitle)
	}
}

// SetHints applies SDL hints and panics if one is rejected.
func SetHints(hints map[string]string) {
	for name, value := range hints {
		cname := C.CString(name)
		cvalue := C.CString(value)
		ok := C.SDL_SetHint(cname, cvalue)
		C.free(unsafe.Pointer(cname))
		C.free(unsafe.Pointer(cvalue))
		if ok == 0 {
			panic("sdl: hint rejected: " + name)
		}
	}
}

// Screenshot returns the window's ARGB pixels.
func (w *Window) Screenshot() ([]uint32, error) {
	n := w.W * w.H
	mem := C.malloc(C.size_t(n) * 4) // want CGO002
	pixels := unsafe.Slice((*uint32)(mem), n)
	if C.read_window_pixels(w.w, (*C.uint32_t)(mem), C.int(w.W), C.int(w.H)) != 0 {
		C.free(mem)
		return nil, errors.New("sdl: " + C.GoString(C.SDL_GetError()))
	}
	return pixels, nil
}

// ScreenshotCopy returns the pixels in Go memory.
func (w *Window) ScreenshotCopy() ([]uint32, error) {
	n := w.W * w.H
	mem := C.malloc(C.size_t(n) * 4)
	defer C.free(mem)
	pixels := unsafe.Slice((*uint32)(mem), n)
	if C.read_window_pixels(w.w, (*C.uint32_t)(mem), C.int(w.W), C.int(w.H)) != 0 {
		return nil, errors.New("sdl: " + C.GoString(C.SDL_GetError()))
	}
	return append([]uint32(nil), pixels...), nil
}
