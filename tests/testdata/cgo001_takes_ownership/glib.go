// Package owned wraps GLib, SQLite and libc calls that take ownership of the memory they are given.
package owned

/*
#cgo pkg-config: glib-2.0 gobject-2.0
#include <stdlib.h>
#include <glib.h>
#include <glib-object.h>
#include <gtk/gtk.h>
*/
import "C"

import "unsafe"

// NewVariant hands the string to the GVariant, which frees it with g_free: no leak, and a
// `defer C.free` here would free it twice.
func NewVariant(s string) *C.GVariant {
	return C.g_variant_new_take_string((*C.gchar)(C.CString(s)))
}

// SetString gives the GValue the string (g_value_take_string takes its second argument).
func SetString(v *C.GValue, s string) {
	cs := (*C.gchar)(C.CString(s))
	C.g_value_take_string(v, cs)
}

// CopyVariant uses g_variant_new_string, which copies: the C string leaks.
func CopyVariant(s string) *C.GVariant {
	return C.g_variant_new_string((*C.gchar)(C.CString(s))) // want CGO001 "the result of C.CString is passed straight to C.g_variant_new_string and never freed; keep it in a variable p and if C.g_variant_new_string only borrows it"
}

// InitGTK builds argv for gtk_init, which rewrites it in place and keeps pointers into it for the
// life of the program: it must never be freed.
func InitGTK(args []string) {
	argc := C.int(len(args))
	argv := (**C.char)(C.malloc(C.size_t(len(args)) * C.size_t(unsafe.Sizeof(uintptr(0)))))
	view := unsafe.Slice(argv, len(args))
	for i, a := range args {
		view[i] = C.CString(a)
	}
	C.gtk_init(&argc, &argv)
}

// SetClipboard frees the text with g_free through GLib's gpointer (void *): freed on every path.
func SetClipboard(cb *C.GtkClipboard, text string) {
	ctext := C.CString(text)
	defer C.g_free(C.gpointer(ctext))
	C.gtk_clipboard_set_text(cb, (*C.gchar)(ctext), -1)
}
