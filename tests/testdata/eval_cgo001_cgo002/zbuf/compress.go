// Package zbuf compresses data with zlib using C-allocated output buffers.
package zbuf

/*
#include <stdlib.h>

typedef unsigned long uLong;

#define Z_OK 0
#define Z_BUF_ERROR (-5)

static uLong compressBound(uLong sourceLen) { return sourceLen + sourceLen / 1000 + 12; }
static int compress2(unsigned char *dest, uLong *destLen, const unsigned char *source, uLong sourceLen, int level) { *destLen = sourceLen; return Z_OK; }
static int uncompress(unsigned char *dest, uLong *destLen, const unsigned char *source, uLong sourceLen) { return Z_OK; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Compress compresses src at level.
func Compress(src []byte, level int) ([]byte, error) {
	bound := C.compressBound(C.uLong(len(src)))
	dst := C.malloc(C.size_t(bound))
	defer C.free(dst)
	csrc := C.CBytes(src)
	defer C.free(csrc)
	n := bound
	if rc := C.compress2((*C.uchar)(dst), &n, (*C.uchar)(csrc), C.uLong(len(src)), C.int(level)); rc != C.Z_OK {
		return nil, fmt.Errorf("zbuf: compress2: %d", int(rc))
	}
	out := (*[1 << 30]byte)(dst)[:n:n]
	return append([]byte(nil), out...), nil
}

// CompressBlocks compresses fixed-size blocks, stopping at the first block that does not shrink.
func CompressBlocks(src []byte, blockSize int) [][]byte {
	var blocks [][]byte
	bound := C.compressBound(C.uLong(blockSize))
	for off := 0; off < len(src); off += blockSize {
		chunk := src[off:min(off+blockSize, len(src))]
		dst := C.malloc(C.size_t(bound)) // want CGO002
		buf := (*[1 << 30]byte)(dst)[:bound:bound]
		n := bound
		rc := C.compress2((*C.uchar)(&buf[0]), &n, (*C.uchar)(&chunk[0]), C.uLong(len(chunk)), 6)
		if rc != C.Z_OK || int(n) >= len(chunk) {
			break
		}
		blocks = append(blocks, append([]byte(nil), buf[:n]...))
		C.free(dst)
	}
	return blocks
}

// CompressAll compresses each message, growing a scratch buffer when needed.
func CompressAll(msgs [][]byte) [][]byte {
	capacity := 4096
	dst := C.malloc(C.size_t(capacity)) // want CGO002
	defer func() { C.free(dst) }()
	scratch := unsafe.Slice((*byte)(dst), capacity)
	out := make([][]byte, 0, len(msgs))
	for _, m := range msgs {
		if len(m) == 0 {
			continue
		}
		if bound := int(C.compressBound(C.uLong(len(m)))); bound > capacity {
			capacity = bound
			dst = C.malloc(C.size_t(capacity)) // want CGO002
			scratch = unsafe.Slice((*byte)(dst), capacity)
		}
		n := C.uLong(capacity)
		C.compress2((*C.uchar)(dst), &n, (*C.uchar)(&m[0]), C.uLong(len(m)), 6)
		out = append(out, append([]byte(nil), scratch[:n]...))
	}
	return out
}

// CompressedSize reports how large src is after compression.
func CompressedSize(src []byte, level int) (int, error) {
	if len(src) == 0 {
		return 0, nil
	}
	bound := int(C.compressBound(C.uLong(len(src))))
	buf := unsafe.Slice((*byte)(C.malloc(C.size_t(bound))), bound)
	defer C.free(unsafe.Pointer(&buf[0]))
	n := C.uLong(bound)
	if rc := C.compress2((*C.uchar)(&buf[0]), &n, (*C.uchar)(&src[0]), C.uLong(len(src)), C.int(level)); rc != C.Z_OK {
		return 0, fmt.Errorf("zbuf: compress2: %d", int(rc))
	}
	return int(n), nil
}

// Ratio estimates the compression ratio of a sample.
func Ratio(sample []byte) float64 {
	if len(sample) == 0 {
		return 1
	}
	bound := C.compressBound(C.uLong(len(sample)))
	dst := C.malloc(C.size_t(bound))
	n := bound
	C.compress2((*C.uchar)(dst), &n, (*C.uchar)(&sample[0]), C.uLong(len(sample)), 6)
	return float64(n) / float64(len(sample))
}
