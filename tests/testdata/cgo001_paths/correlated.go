package git

/*
#include <stdlib.h>
// From a text-shaping library: reads the language tag during the call.
void buffer_set_language(void *buf, const char *lang);
void buffer_shape(void *buf);
*/
import "C"

import "unsafe"

// Shape allocates the language tag only when there is one, and frees it under the same
// condition: the condition cannot change in between, so every path that allocates frees.
func Shape(buf unsafe.Pointer, language string) {
	var clang *C.char
	if language != "" {
		clang = C.CString(language)
		C.buffer_set_language(buf, clang)
	}
	C.buffer_shape(buf)
	if language != "" {
		C.free(unsafe.Pointer(clang))
	}
}

// ShapeNegated tests the opposite condition before freeing.
func ShapeNegated(buf unsafe.Pointer, language string) {
	var clang *C.char
	if language != "" {
		clang = C.CString(language)
		C.buffer_set_language(buf, clang)
	}
	C.buffer_shape(buf)
	if language == "" {
		return
	}
	C.free(unsafe.Pointer(clang))
}

// ShapeChanged reassigns the condition's variable in between: the second test says nothing
// about the first.
func ShapeChanged(buf unsafe.Pointer, language string) {
	var clang *C.char
	if language != "" {
		clang = C.CString(language) // want CGO001 "clang \(from C.CString\) is not freed when the function ends at line 54"
		C.buffer_set_language(buf, clang)
	}
	C.buffer_shape(buf)
	language = ""
	if language != "" {
		C.free(unsafe.Pointer(clang))
	}
}
