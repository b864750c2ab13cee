package owned

/*
#include <stdlib.h>
typedef struct { void *metadata; } GstElementClass;
typedef char gchar;
// From GStreamer: the _static_ variants keep the strings they are given ("they will not be
// copied"); the plain variants copy them.
void gst_element_class_set_static_metadata(GstElementClass *klass, const gchar *longname,
    const gchar *classification, const gchar *description, const gchar *author);
void gst_element_class_add_static_metadata(GstElementClass *klass, const gchar *key, const gchar *value);
void gst_element_class_set_metadata(GstElementClass *klass, const gchar *longname,
    const gchar *classification, const gchar *description, const gchar *author);
*/
import "C"

import "unsafe"

// SetStaticMetadata hands its strings to the class, which keeps them for the life of the process.
func SetStaticMetadata(klass *C.GstElementClass, longname, classification, description, author string) {
	C.gst_element_class_set_static_metadata(klass,
		(*C.gchar)(C.CString(longname)),
		(*C.gchar)(C.CString(classification)),
		(*C.gchar)(C.CString(description)),
		(*C.gchar)(C.CString(author)),
	)
}

// AddStaticMetadata: the value is kept, the key is copied and leaks.
func AddStaticMetadata(klass *C.GstElementClass, key, value string) {
	C.gst_element_class_add_static_metadata(klass,
		(*C.gchar)(C.CString(key)), // want CGO001 "passed straight to C.gst_element_class_add_static_metadata"
		(*C.gchar)(C.CString(value)),
	)
}

// SetMetadata uses the copying variant: every string leaks.
func SetMetadata(klass *C.GstElementClass, longname, classification, description, author string) {
	cl := C.CString(longname) // want CGO001 "cl \(from C.CString\) is not freed when the function ends at line 47"
	cc := C.CString(classification)
	defer C.free(unsafe.Pointer(cc))
	cd := C.CString(description)
	defer C.free(unsafe.Pointer(cd))
	ca := C.CString(author)
	defer C.free(unsafe.Pointer(ca))
	C.gst_element_class_set_metadata(klass, (*C.gchar)(cl), (*C.gchar)(cc), (*C.gchar)(cd), (*C.gchar)(ca))
}
