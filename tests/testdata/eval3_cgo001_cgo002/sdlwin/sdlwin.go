// Package sdlwin wraps an SDL-like window and renderer API.
package sdlwin

/*
#include <stdlib.h>
#include <string.h>

typedef struct { char title[128]; int w, h; } SDL_Window;
typedef struct { SDL_Window *win; } SDL_Renderer;
typedef struct { int w, h; } SDL_Texture;

static char sdl_err[256];
static const char *sdl_get_error(void) { return sdl_err; }
static SDL_Window *sdl_create_window(const char *title, int w, int h) {
	if (w <= 0 || h <= 0) { strcpy(sdl_err, "invalid window size"); return NULL; }
	SDL_Window *win = calloc(1, sizeof *win);
	strncpy(win->title, title, 127); win->w = w; win->h = h;
	return win;
}
static void sdl_destroy_window(SDL_Window *w) { free(w); }
static void sdl_set_window_title(SDL_Window *w, const char *t) { strncpy(w->title, t, 127); }
static int sdl_show_message(const char *title, const char *msg) { return title[0] == 0 ? -1 : 0; }
static int sdl_set_hint(const char *name, const char *value) { return name[0] == 0; }
static SDL_Texture *sdl_load_texture(SDL_Renderer *r, const char *path) {
	if (path[0] == 0) return NULL;
	return calloc(1, sizeof(SDL_Texture));
}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

type Window struct {
	p     *C.SDL_Window
	title *C.char
}

type Renderer struct{ p *C.SDL_Renderer }
type Texture struct{ p *C.SDL_Texture }

func CreateWindow(title string, w, h int) (*Window, error) {
	ct := C.CString(title)
	win := C.sdl_create_window(ct, C.int(w), C.int(h))
	C.free(unsafe.Pointer(ct))
	if win == nil {
		return nil, errors.New(C.GoString(C.sdl_get_error()))
	}
	return &Window{p: win}, nil
}

func (w *Window) Destroy() {
	C.sdl_destroy_window(w.p)
	C.free(unsafe.Pointer(w.title))
	w.p, w.title = nil, nil
}

func (w *Window) SetTitle(title string) {
	C.sdl_set_window_title(w.p, C.CString(title)) // want CGO001
}

func (w *Window) SetTitleCached(title string) {
	if w.title != nil {
		C.free(unsafe.Pointer(w.title))
	}
	w.title = C.CString(title)
	C.sdl_set_window_title(w.p, w.title)
}

func ShowMessage(title, msg string) error {
	ct := C.CString(title)
	defer C.free(unsafe.Pointer(ct))
	cm := C.CString(msg) // want CGO001
	if C.sdl_show_message(ct, cm) != 0 {
		return errors.New(C.GoString(C.sdl_get_error()))
	}
	C.free(unsafe.Pointer(cm))
	return nil
}

func SetHints(hints map[string]string) error {
	for k, v := range hints {
		ck := C.CString(k)
		cv := C.CString(v)
		rc := C.sdl_set_hint(ck, cv)
		C.free(unsafe.Pointer(ck))
		C.free(unsafe.Pointer(cv))
		if rc != 0 {
			return fmt.Errorf("sdlwin: hint %s rejected", k)
		}
	}
	return nil
}

func (r *Renderer) LoadTexture(path string) *Texture {
	cp := C.CString(path) // want CGO001
	tex := C.sdl_load_texture(r.p, cp)
	if tex == nil {
		panic("sdlwin: cannot load texture " + path)
	}
	C.free(unsafe.Pointer(cp))
	return &Texture{p: tex}
}

func (t *Texture) Destroy() { C.free(unsafe.Pointer(t.p)) }
