package main

/*
#cgo LDFLAGS: -lz
#include <zlib.h>
*/
import "C"

import "unsafe"

// checksum returns the IEEE CRC-32 of data, computed by zlib's crc32().
// cgolint reports zlib once, as CGO004 at the #include above, listing these calls:
// hash/crc32 is the pure-Go equivalent.
func checksum(data []byte) uint32 {
	crc := C.crc32(0, nil, 0)
	// zlib takes a 32-bit length, so feed large inputs in chunks.
	const chunk = 1 << 30
	for len(data) > 0 {
		n := min(len(data), chunk)
		// Passing a pointer to Go byte memory is allowed: it holds no Go pointers
		// and zlib does not keep it after the call returns.
		crc = C.crc32(crc, (*C.Bytef)(unsafe.Pointer(&data[0])), C.uInt(n))
		data = data[n:]
	}
	return uint32(crc)
}
