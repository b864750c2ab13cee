package blobstore

// #include <zlib.h> // want CGO004 "^Package blobstore calls into zlib from 3 call sites in 1 file; pure-Go replacements: compress/zlib for compress2, uncompress; hash/crc32 for crc32\..*Table row `zlib`; to stop this note: `disable = \[\"zlib\"\]` under \[rules\.CGO004\]\.$"
import "C"

import (
	"errors"
	"unsafe"
)

func pack(b []byte) ([]byte, error) {
	out := make([]byte, len(b)+len(b)/1000+64)
	n := C.uLongf(len(out))
	if len(b) == 0 {
		return nil, nil
	}
	if C.compress2((*C.Bytef)(unsafe.Pointer(&out[0])), &n, (*C.Bytef)(unsafe.Pointer(&b[0])), C.uLong(len(b)), 6) != C.Z_OK {
		return nil, errors.New("compress2 failed")
	}
	return out[:n], nil
}

func unpack(b []byte, size int) ([]byte, error) {
	out := make([]byte, size)
	n := C.uLongf(size)
	if C.uncompress((*C.Bytef)(unsafe.Pointer(&out[0])), &n, (*C.Bytef)(unsafe.Pointer(&b[0])), C.uLong(len(b))) != C.Z_OK {
		return nil, errors.New("uncompress failed")
	}
	return out[:n], nil
}

func checksum(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return uint32(C.crc32(0, (*C.Bytef)(unsafe.Pointer(&b[0])), C.uInt(len(b))))
}
