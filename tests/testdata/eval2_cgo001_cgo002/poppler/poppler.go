// Package poppler extracts text from PDF documents via a poppler-glib-style API.
package poppler

/*
#include <stdlib.h>
#include <string.h>

typedef struct { const char* data; int len; int npages; } PopplerDocument;
typedef struct { PopplerDocument* doc; int index; } PopplerPage;

static void g_free(void* p) { free(p); }
static char* g_strdup(const char* s) { return s ? strdup(s) : NULL; }

static PopplerDocument* poppler_document_new_from_data(char* data, int len, const char* password, char** err) {
	(void)password;
	if (len < 4 || memcmp(data, "%PDF", 4) != 0) { *err = g_strdup("not a PDF"); return NULL; }
	PopplerDocument* d = calloc(1, sizeof *d);
	d->data = data; d->len = len; d->npages = 2;
	return d;
}
static void poppler_document_free(PopplerDocument* d) { free(d); }
static int poppler_document_get_n_pages(PopplerDocument* d) { return d->npages; }
static char* poppler_document_get_title(PopplerDocument* d) { return d->npages ? g_strdup("Untitled") : NULL; }
static PopplerPage* poppler_document_get_page(PopplerDocument* d, int i) {
	PopplerPage* p = calloc(1, sizeof *p);
	p->doc = d; p->index = i;
	return p;
}
static void poppler_page_free(PopplerPage* p) { free(p); }
static char* poppler_page_get_text(PopplerPage* p) { return g_strdup(p->index ? "page two" : "page one"); }
static int poppler_page_find_text(PopplerPage* p, const char* needle) { (void)p; return needle[0] == 'p'; }
*/
import "C"

import (
	"context"
	"errors"
	"unsafe"
)

// Document keeps the PDF bytes alive in C memory for as long as it is open.
type Document struct {
	c    *C.PopplerDocument
	data unsafe.Pointer
}

// NewFromData opens a PDF held in memory.
func NewFromData(data []byte, password string) (*Document, error) {
	cdata := C.CBytes(data)
	var cpw *C.char
	if password != "" {
		cpw = C.CString(password)
		defer C.free(unsafe.Pointer(cpw))
	}
	var cerr *C.char
	d := C.poppler_document_new_from_data((*C.char)(cdata), C.int(len(data)), cpw, &cerr)
	if d == nil {
		C.free(cdata)
		defer C.g_free(unsafe.Pointer(cerr))
		return nil, errors.New(C.GoString(cerr))
	}
	return &Document{c: d, data: cdata}, nil
}

// Close frees the document and its bytes.
func (d *Document) Close() {
	C.poppler_document_free(d.c)
	C.free(d.data)
}

// Title returns the document title, or "".
func (d *Document) Title() string {
	t := C.poppler_document_get_title(d.c)
	if t == nil {
		return ""
	}
	defer C.g_free(unsafe.Pointer(t))
	return C.GoString(t)
}

// Text extracts the text of every page, stopping when ctx is done.
func (d *Document) Text(ctx context.Context) ([]string, error) {
	var out []string
	n := int(C.poppler_document_get_n_pages(d.c))
	for i := 0; i < n; i++ {
		page := C.poppler_document_get_page(d.c, C.int(i))
		txt := C.poppler_page_get_text(page) // want CGO001
		select {
		case <-ctx.Done():
			C.poppler_page_free(page)
			return out, ctx.Err()
		default:
		}
		out = append(out, C.GoString(txt))
		C.g_free(unsafe.Pointer(txt))
		C.poppler_page_free(page)
	}
	return out, nil
}

// streamText sends each page's text to ch; the receiver frees it.
func (d *Document) streamText(ch chan<- *C.char) {
	defer close(ch)
	n := int(C.poppler_document_get_n_pages(d.c))
	for i := 0; i < n; i++ {
		page := C.poppler_document_get_page(d.c, C.int(i))
		txt := C.poppler_page_get_text(page)
		C.poppler_page_free(page)
		ch <- txt
	}
}

// Pages returns page texts using a producer goroutine.
func (d *Document) Pages() []string {
	ch := make(chan *C.char)
	go d.streamText(ch)
	var out []string
	for t := range ch {
		out = append(out, C.GoString(t))
		C.g_free(unsafe.Pointer(t))
	}
	return out
}

// Find returns up to limit page indexes containing needle.
func (d *Document) Find(needle string, limit int) []int {
	cneedle := C.CString(needle)
	var hits []int
	n := int(C.poppler_document_get_n_pages(d.c))
	for i := 0; i < n; i++ {
		page := C.poppler_document_get_page(d.c, C.int(i))
		found := C.poppler_page_find_text(page, cneedle) != 0
		C.poppler_page_free(page)
		if found {
			hits = append(hits, i)
			if len(hits) >= limit {
				break
			}
		}
	}
	C.free(unsafe.Pointer(cneedle))
	return hits
}

// FirstPageText returns the first page's text.
func (d *Document) FirstPageText() string {
	page := C.poppler_document_get_page(d.c, 0)
	defer C.poppler_page_free(page)
	return C.GoString(C.poppler_page_get_text(page)) // want CGO001
}
