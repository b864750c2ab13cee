// Package codec defines C helpers whose names collide with zlib's. The
// package's own C functions are never reported, even with zlib linked.
package codec

/*
#cgo LDFLAGS: -lz
#include <zlib.h> // want CGO004 "^Package codec calls into zlib from 1 call site in 1 file; pure-Go replacement: hash/adler32 for adler32\."

static int compress_block(unsigned char *dst, const unsigned char *src, int n) {
	for (int i = 0; i < n; i++) dst[i] = src[i] ^ 0x5a;
	return n;
}

static unsigned long checksum(const unsigned char *p, unsigned int n) {
	return adler32(1L, p, n);
}
*/
import "C"

import "unsafe"

func Compress(dst, src []byte) int {
	return int(C.compress_block((*C.uchar)(unsafe.Pointer(&dst[0])), (*C.uchar)(unsafe.Pointer(&src[0])), C.int(len(src))))
}

func Checksum(p []byte) uint64 {
	msg := "C.deflate(stream) is only text in a string"
	_ = msg
	return uint64(C.checksum((*C.uchar)(unsafe.Pointer(&p[0])), C.uint(len(p))))
}
