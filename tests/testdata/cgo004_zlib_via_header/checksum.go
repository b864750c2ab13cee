package zwrap

// #cgo LDFLAGS: -lz
// #include "zwrap.h"
import "C"

import "unsafe"

// Checksum returns the CRC-32 of b, computed by zlib.
func Checksum(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return uint32(C.crc32(0, (*C.Bytef)(unsafe.Pointer(&b[0])), C.uInt(len(b))))
}

// Pack deflates b with zlib's one-shot API.
func Pack(b []byte) []byte {
	out := make([]byte, len(b)+64)
	n := C.uLongf(len(out))
	C.compress2((*C.Bytef)(unsafe.Pointer(&out[0])), &n, (*C.Bytef)(unsafe.Pointer(&b[0])), C.uLong(len(b)), 6)
	return out[:n]
}
