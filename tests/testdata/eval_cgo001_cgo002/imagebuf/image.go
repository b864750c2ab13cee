// Package imagebuf keeps RGBA pixel buffers in C memory for a C image library.
package imagebuf

/*
#include <stdlib.h>
#include <stdint.h>

static void blur_rgba(uint8_t *pix, int w, int h, int stride, int radius) {}
static int decode_png_into(const void *data, size_t n, uint8_t *out, int w, int h) { return 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Image is an RGBA image whose pixels live in C memory.
type Image struct {
	Pix    []uint8
	Stride int
	W, H   int
	mem    unsafe.Pointer
}

// NewImage allocates a zeroed image; release it with Free.
func NewImage(w, h int) *Image {
	mem := C.calloc(C.size_t(w*h), 4)
	return &Image{Pix: unsafe.Slice((*uint8)(mem), w*h*4), Stride: w * 4, W: w, H: h, mem: mem}
}

// Free releases the pixels.
func (m *Image) Free() {
	C.free(m.mem)
	m.mem, m.Pix = nil, nil
}

// scratch is reused between Blur calls.
var scratch []uint8

// Blur blurs img in place through a scratch buffer.
func Blur(img *Image, radius int) {
	if len(scratch) < len(img.Pix) {
		p := C.malloc(C.size_t(len(img.Pix))) // want CGO002
		scratch = unsafe.Slice((*uint8)(p), len(img.Pix))
	}
	copy(scratch, img.Pix)
	C.blur_rgba((*C.uint8_t)(&scratch[0]), C.int(img.W), C.int(img.H), C.int(img.Stride), C.int(radius))
	copy(img.Pix, scratch[:len(img.Pix)])
}

// DecodePixels decodes a PNG and returns its pixels in Go memory.
func DecodePixels(data []byte, w, h int) ([]uint8, error) {
	n := w * h * 4
	out := C.malloc(C.size_t(n))
	defer C.free(out)
	cdata := C.CBytes(data)
	defer C.free(cdata)
	if rc := C.decode_png_into(cdata, C.size_t(len(data)), (*C.uint8_t)(out), C.int(w), C.int(h)); rc != 0 {
		return nil, fmt.Errorf("imagebuf: decode failed (%d)", int(rc))
	}
	pix := (*[1 << 30]uint8)(out)[:n:n]
	return append([]uint8(nil), pix...), nil
}

// DecodeView decodes a PNG without copying the pixels out of C memory.
func DecodeView(data []byte, w, h int) ([]uint8, error) {
	n := w * h * 4
	out := C.malloc(C.size_t(n)) // want CGO002
	cdata := C.CBytes(data)
	defer C.free(cdata)
	if rc := C.decode_png_into(cdata, C.size_t(len(data)), (*C.uint8_t)(out), C.int(w), C.int(h)); rc != 0 {
		C.free(out)
		return nil, fmt.Errorf("imagebuf: decode failed (%d)", int(rc))
	}
	return (*[1 << 30]uint8)(out)[:n:n], nil
}

// Grayscale converts src to one byte per pixel; call release when done with the result.
func Grayscale(src *Image) (gray []uint8, release func()) {
	p := C.malloc(C.size_t(src.W * src.H))
	gray = unsafe.Slice((*uint8)(p), src.W*src.H)
	for i := range gray {
		r, g, b := int(src.Pix[4*i]), int(src.Pix[4*i+1]), int(src.Pix[4*i+2])
		gray[i] = uint8((299*r + 587*g + 114*b) / 1000)
	}
	return gray, func() { C.free(p) }
}

// Decode decodes a PNG into a new Image owned by the caller.
func Decode(data []byte, w, h int) (*Image, error) {
	img := NewImage(w, h)
	cdata := C.CBytes(data)
	rc := C.decode_png_into(cdata, C.size_t(len(data)), (*C.uint8_t)(img.mem), C.int(w), C.int(h))
	C.free(cdata)
	if rc != 0 {
		img.Free()
		return nil, fmt.Errorf("imagebuf: decode failed (%d)", int(rc))
	}
	return img, nil
}

// DecodeAll decodes each PNG, skipping the ones that fail.
func DecodeAll(pngs [][]byte, w, h int) [][]uint8 {
	n := w * h * 4
	var out [][]uint8
	for _, data := range pngs {
		mem := C.malloc(C.size_t(n)) // want CGO002
		pix := unsafe.Slice((*uint8)(mem), n)
		cdata := C.CBytes(data)
		rc := C.decode_png_into(cdata, C.size_t(len(data)), (*C.uint8_t)(mem), C.int(w), C.int(h))
		C.free(cdata)
		if rc != 0 {
			continue
		}
		out = append(out, append([]uint8(nil), pix...))
		C.free(mem)
	}
	return out
}
