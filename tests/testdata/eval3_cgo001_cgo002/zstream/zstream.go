// Package zstream is a thin zlib-style stream wrapper.
package zstream

// #include <stdlib.h>
// #include "zs.h"
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

var errInit, errData = errors.New("zstream: init failed"), errors.New("zstream: data error")

type Writer struct {
	z      *C.zs_stream
	window unsafe.Pointer
	buf    []byte
}

func NewWriter(level, window int) (*Writer, error) {
	z := C.zs_new(C.int(level))
	if z == nil {
		return nil, errInit
	}
	w := C.malloc(C.size_t(window))
	return &Writer{z: z, window: w, buf: unsafe.Slice((*byte)(w), window)}, nil
}

func (w *Writer) Close() error {
	C.zs_end(w.z)
	C.free(w.window)
	return nil
}

func (w *Writer) SetDictionary(dict []byte) error {
	if C.zs_set_dict(w.z, (*C.uchar)(C.CBytes(dict)), C.int(len(dict))) != 0 { // want CGO001
		return fmt.Errorf("zstream: bad dictionary (%d bytes)", len(dict))
	}
	return nil
}

func (w *Writer) WriteAll(parts [][]byte) (int, error) {
	total := 0
	for _, p := range parts {
		in := C.CBytes(p)
		defer C.free(in)
		var n C.size_t
		if C.zs_deflate(w.z, (*C.uchar)(in), C.size_t(len(p)), (*C.uchar)(w.window), C.size_t(len(w.buf)), &n) != 0 {
			return total, errData
		}
		total += int(n)
	}
	return total, nil
}

func Compress(data []byte, level int) ([]byte, error) {
	z := C.zs_new(C.int(level))
	if z == nil {
		return nil, errInit
	}
	defer C.zs_end(z)
	in := C.CBytes(data)
	defer C.free(in)
	bound := C.zs_bound(C.size_t(len(data)))
	outp := C.malloc(bound) // want CGO002
	out := (*[1 << 30]byte)(outp)[:bound:bound]
	var n C.size_t
	if rc := C.zs_deflate(z, (*C.uchar)(in), C.size_t(len(data)), (*C.uchar)(outp), bound, &n); rc != 0 {
		return nil, fmt.Errorf("zstream: deflate failed: %d", rc)
	}
	res := append([]byte(nil), out[:n]...)
	C.free(outp)
	return res, nil
}

func DecompressChunks(chunks [][]byte) ([]byte, error) {
	z := C.zs_new(0)
	defer C.zs_end(z)
	var res []byte
	var scratch unsafe.Pointer
	for _, ch := range chunks {
		size := 4*len(ch) + 64
		scratch = C.malloc(C.size_t(size)) // want CGO002
		view := unsafe.Slice((*byte)(scratch), size)
		in := C.CBytes(ch)
		var n C.size_t
		rc := C.zs_inflate_chunk(z, (*C.uchar)(in), C.size_t(len(ch)), (*C.uchar)(scratch), C.size_t(size), &n)
		C.free(in)
		if rc != 0 {
			C.free(scratch)
			return nil, errData
		}
		res = append(res, view[:n]...)
	}
	C.free(scratch)
	return res, nil
}

func (w *Writer) Inflate(src []byte) ([]byte, error) {
	in := C.CBytes(src)
	defer C.free(in)
	size := len(src)/2 + 16
	buf := C.malloc(C.size_t(size)) // want CGO002
	out := unsafe.Slice((*byte)(buf), size)
	var n C.size_t
	rc := C.zs_inflate_chunk(w.z, (*C.uchar)(in), C.size_t(len(src)), (*C.uchar)(buf), C.size_t(size), &n)
	if rc == 1 {
		size = 2*len(src) + 16
		buf = C.malloc(C.size_t(size))
		out = unsafe.Slice((*byte)(buf), size)
		rc = C.zs_inflate_chunk(w.z, (*C.uchar)(in), C.size_t(len(src)), (*C.uchar)(buf), C.size_t(size), &n)
	}
	defer C.free(buf)
	if rc != 0 {
		return nil, errData
	}
	return append([]byte(nil), out[:n]...), nil
}
