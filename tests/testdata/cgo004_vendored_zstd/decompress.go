package zstd

// #include "zstd.h"
import "C"

import (
	"errors"
	"unsafe"
)

// Decompress decompresses one frame whose content size is in its header.
func Decompress(src []byte) ([]byte, error) {
	if len(src) == 0 {
		return nil, errors.New("zstd: empty frame")
	}
	size := C.ZSTD_getFrameContentSize(unsafe.Pointer(&src[0]), C.size_t(len(src)))
	if size == C.ZSTD_CONTENTSIZE_ERROR || size == C.ZSTD_CONTENTSIZE_UNKNOWN {
		return nil, errors.New("zstd: no content size in the frame header")
	}
	dst := make([]byte, int(size)+1)
	n := C.ZSTD_decompress(unsafe.Pointer(&dst[0]), C.size_t(len(dst)), unsafe.Pointer(&src[0]), C.size_t(len(src)))
	if C.ZSTD_isError(n) != 0 {
		return nil, errors.New("zstd: corrupt frame")
	}
	return dst[:n], nil
}
