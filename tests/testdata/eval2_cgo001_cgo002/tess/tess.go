// Package tess is a Tesseract OCR client in the style of gosseract.
package tess

/*
#include <stdlib.h>
#include <string.h>

typedef struct { int w, h; unsigned long checksum; char lang[16]; } TessBaseAPI;

static TessBaseAPI* TessBaseAPICreate(void) { return calloc(1, sizeof(TessBaseAPI)); }
static void TessBaseAPIDelete(TessBaseAPI* a) { free(a); }
static int TessBaseAPIInit3(TessBaseAPI* a, const char* datapath, const char* lang) {
	(void)datapath;
	if (lang == NULL) return -1;
	strncpy(a->lang, lang, sizeof(a->lang) - 1);
	return 0;
}
static void TessBaseAPISetImage(TessBaseAPI* a, const unsigned char* data, int w, int h, int bpp, int bpl) {
	// The image is copied, as Tesseract does; data is not kept.
	(void)bpp; (void)bpl;
	a->checksum = 0;
	for (int i = 0; i < w * h; i++) a->checksum += data[i];
	a->w = w; a->h = h;
}
static int TessBaseAPIRecognize(TessBaseAPI* a) { return a->w > 0 ? 0 : -1; }
static char* TessBaseAPIGetUTF8Text(TessBaseAPI* a) {
	(void)a;
	char* s = malloc(6);
	if (s) strcpy(s, "hello");
	return s;
}
static void TessDeleteText(char* text) { free(text); }
static int TessBaseAPIMeanTextConf(TessBaseAPI* a) { return a->w > 0 ? 90 : 0; }
static int TessBaseAPISetVariable(TessBaseAPI* a, const char* name, const char* value) { (void)a; return name && value; }
static const char* TessVersion(void) { return "5.3.0"; }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// ErrLowConfidence is returned when the mean confidence is below the threshold.
var ErrLowConfidence = errors.New("tess: low confidence")

// Client owns a TessBaseAPI and the image it is working on.
type Client struct {
	api *C.TessBaseAPI
	img unsafe.Pointer
}

// New initialises Tesseract for a language.
func New(datapath, lang string) (*Client, error) {
	cpath := C.CString(datapath)
	defer C.free(unsafe.Pointer(cpath))
	clang := C.CString(lang)
	defer C.free(unsafe.Pointer(clang))
	api := C.TessBaseAPICreate()
	if C.TessBaseAPIInit3(api, cpath, clang) != 0 {
		C.TessBaseAPIDelete(api)
		return nil, errors.New("tess: init failed")
	}
	return &Client{api: api}, nil
}

// SetVariable sets a Tesseract configuration variable.
func (c *Client) SetVariable(name, value string) bool {
	cn := C.CString(name)
	cv := C.CString(value)
	ok := C.TessBaseAPISetVariable(c.api, cn, cv) != 0
	C.free(unsafe.Pointer(cn))
	C.free(unsafe.Pointer(cv))
	return ok
}

// SetImage copies an 8-bit grayscale image into C memory owned by the client.
func (c *Client) SetImage(pix []byte, w, h int) {
	if c.img != nil {
		C.free(c.img)
	}
	c.img = C.malloc(C.size_t(len(pix)))
	copy(unsafe.Slice((*byte)(c.img), len(pix)), pix)
	C.TessBaseAPISetImage(c.api, (*C.uchar)(c.img), C.int(w), C.int(h), 1, C.int(w))
}

// Text recognises the current image.
func (c *Client) Text() (string, error) {
	out := C.TessBaseAPIGetUTF8Text(c.api)
	if out == nil {
		return "", errors.New("tess: recognition failed")
	}
	defer C.TessDeleteText(out)
	return C.GoString(out), nil
}

// TextIfConfident returns the text only when Tesseract is confident enough.
func (c *Client) TextIfConfident(minConf int) (string, error) {
	text := C.TessBaseAPIGetUTF8Text(c.api) // want CGO001
	if int(C.TessBaseAPIMeanTextConf(c.api)) < minConf {
		return "", ErrLowConfidence
	}
	s := C.GoString(text)
	C.TessDeleteText(text)
	return s, nil
}

// Binarize thresholds pix into a scratch buffer and recognises it.
func (c *Client) Binarize(pix []byte, w, h int, threshold byte) error {
	p := C.malloc(C.size_t(w * h)) // want CGO002
	dst := unsafe.Slice((*byte)(p), w*h)
	for i := range dst {
		if pix[i] >= threshold {
			dst[i] = 255
		} else {
			dst[i] = 0
		}
	}
	C.TessBaseAPISetImage(c.api, (*C.uchar)(p), C.int(w), C.int(h), 1, C.int(w))
	if C.TessBaseAPIRecognize(c.api) != 0 {
		return errors.New("tess: recognize failed")
	}
	C.free(p)
	return nil
}

// Version returns the library version; the string is static.
func Version() string { return C.GoString(C.TessVersion()) }

// Close frees the image and the API handle.
func (c *Client) Close() {
	C.free(c.img)
	C.TessBaseAPIDelete(c.api)
}
