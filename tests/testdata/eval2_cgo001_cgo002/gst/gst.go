// Package gst wraps a tiny GStreamer-like pipeline API.
package gst

/*
#include <stdlib.h>
#include <string.h>

typedef struct { char name[32]; char factory[32]; } GstElement;
typedef struct { int kind; } GstMessage;

#define GST_MESSAGE_EOS 1
#define GST_MESSAGE_ERROR 2

static GstElement elements[16];
static int n_elements;
static GstMessage eos = { GST_MESSAGE_EOS };

static GstElement* gst_element_factory_make(const char* factory, const char* name) {
	if (n_elements >= 16) return NULL;
	GstElement* e = &elements[n_elements++];
	strncpy(e->factory, factory, sizeof(e->factory) - 1);
	if (name) strncpy(e->name, name, sizeof(e->name) - 1);
	return e;
}

static void gst_object_set_string(GstElement* e, const char* prop, const char* value) {
	(void)e; (void)prop; (void)value;
}

static GstElement* gst_parse_launch(const char* desc, char** err) {
	if (desc[0] == 0) { *err = strdup("empty pipeline description"); return NULL; }
	return gst_element_factory_make("pipeline", NULL);
}

static char* gst_element_get_name(GstElement* e) { return strdup(e->name); }
static GstMessage* gst_bus_pop(GstElement* pipe) { (void)pipe; return &eos; }
*/
import "C"

import (
	"context"
	"errors"
	"unsafe"
)

// Element is a pipeline element.
type Element struct{ ptr *C.GstElement }

// ElementFactoryMake creates an element of the given factory.
func ElementFactoryMake(factory, name string) (*Element, error) {
	cfactory := C.CString(factory)
	defer C.free(unsafe.Pointer(cfactory))
	var cname *C.char
	if name != "" {
		cname = C.CString(name)
		defer C.free(unsafe.Pointer(cname))
	}
	e := C.gst_element_factory_make(cfactory, cname)
	if e == nil {
		return nil, errors.New("gst: could not create " + factory)
	}
	return &Element{ptr: e}, nil
}

// SetProperties sets several string properties at once.
func (e *Element) SetProperties(props map[string]string) {
	for k, v := range props {
		ck := C.CString(k)
		defer C.free(unsafe.Pointer(ck))
		cv := C.CString(v)
		defer C.free(unsafe.Pointer(cv))
		C.gst_object_set_string(e.ptr, ck, cv)
	}
}

// MakeAll creates one element per factory name, stopping at the first failure.
func MakeAll(factories []string) int {
	made := 0
	var cf *C.char
	for _, f := range factories {
		cf = C.CString(f) // want CGO001
		if C.gst_element_factory_make(cf, nil) == nil {
			break
		}
		made++
	}
	C.free(unsafe.Pointer(cf))
	return made
}

// ParseLaunch builds a pipeline from a gst-launch style description.
func ParseLaunch(desc string) (*Element, error) {
	cdesc := C.CString(desc)
	defer C.free(unsafe.Pointer(cdesc))
	var cerr *C.char
	e := C.gst_parse_launch(cdesc, &cerr)
	if e == nil {
		defer C.free(unsafe.Pointer(cerr))
		return nil, errors.New(C.GoString(cerr))
	}
	return &Element{ptr: e}, nil
}

// Name returns the element's name.
func (e *Element) Name() string {
	n := C.gst_element_get_name(e.ptr)
	defer C.free(unsafe.Pointer(n))
	return C.GoString(n)
}

// HasName reports whether the element was given a name.
func (e *Element) HasName() bool {
	return len(C.GoString(C.gst_element_get_name(e.ptr))) > 0 // want CGO001
}

// WaitEOS labels the pipeline and polls its bus until end of stream.
func (e *Element) WaitEOS(ctx context.Context, label string) error {
	clabel := C.CString(label) // want CGO001

	C.gst_object_set_string(e.ptr, C.CString("name"), clabel) // want CGO001
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		msg := C.gst_bus_pop(e.ptr)
		if msg == nil {
			continue
		}
		switch msg.kind {
		case C.GST_MESSAGE_EOS:
			C.free(unsafe.Pointer(clabel))
			return nil
		case C.GST_MESSAGE_ERROR:
			C.free(unsafe.Pointer(clabel))
			return errors.New("gst: pipeline error")
		}
	}
}
