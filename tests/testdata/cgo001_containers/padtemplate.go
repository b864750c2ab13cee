package httpc

/*
#include <stdlib.h>
typedef struct { void *caps; const char *string; } static_caps_t;
typedef struct { const char *name_template; int direction; static_caps_t static_caps; } static_pad_template_t;
typedef struct { void *klass; } element_class_t;
// From a media library (GStreamer's shape): builds a pad template from the static one during the
// call; with caps set, the caps string is never read or kept.
void element_class_add_static_pad_template(element_class_t *klass, static_pad_template_t *templ);
*/
import "C"

import "unsafe"

// AddTemplate fills a struct literal nested in another: the caps string is a field of a field of
// the local struct, lent to C and never freed.
func AddTemplate(klass *C.element_class_t, caps unsafe.Pointer, name string) {
	templ := C.static_pad_template_t{
		direction: 1,
		static_caps: C.static_caps_t{
			caps:   caps,
			string: C.CString(name), // want CGO001 "templ.static_caps.string \(from C.CString, kept in the local struct templ\) is not freed when the function ends at line 27"
		},
	}
	C.element_class_add_static_pad_template(klass, &templ)
}

// AddTemplateFreed frees the nested field once C is done with the struct.
func AddTemplateFreed(klass *C.element_class_t, caps unsafe.Pointer, name string) {
	templ := C.static_pad_template_t{
		static_caps: C.static_caps_t{caps: caps, string: C.CString(name)},
	}
	defer C.free(unsafe.Pointer(templ.static_caps.string))
	C.element_class_add_static_pad_template(klass, &templ)
}

// Register frees its strings in one deferred loop over a slice literal that lists them.
func Register(klass *C.element_class_t, name, desc, version string) {
	cName := C.CString(name)
	cDesc := C.CString(desc)
	cVers := C.CString(version)
	defer func() {
		for _, p := range []*C.char{cName, cDesc, cVers} {
			C.free(unsafe.Pointer(p))
		}
	}()
	templ := C.static_pad_template_t{name_template: cName}
	C.element_class_add_static_pad_template(klass, &templ)
	_, _ = cDesc, cVers
}

// RegisterSome lists only two of its three strings in the freeing loop.
func RegisterSome(klass *C.element_class_t, name, desc, version string) {
	cName := C.CString(name)
	cDesc := C.CString(desc)
	cVers := C.CString(version) // want CGO001 "cVers \(from C.CString\) is not freed when the function ends at line 66"
	defer func() {
		for _, p := range []*C.char{cName, cDesc} {
			C.free(unsafe.Pointer(p))
		}
	}()
	templ := C.static_pad_template_t{name_template: cName}
	C.element_class_add_static_pad_template(klass, &templ)
	_, _ = cDesc, cVers
}
