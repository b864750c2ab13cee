// Package zstd binds Zstandard, whose C sources it compiles (vendored beside
// this file, as many zstd bindings do). The package calls zstd: one finding, at
// the include. The library's own .c files call zstd too; that is zstd calling
// itself, not counted.
package zstd

/*
#cgo CFLAGS: -O3
#include "zstd.h" // want CGO004 "^Package zstd calls into Zstandard \(libzstd\) from 7 call sites in 2 files; pure-Go replacement: github.com/klauspost/compress/zstd\. This package also contains the library's own C code \(4 files, e\.g\. zstd_common\.c\); calls inside it are not counted\. Table row `zstd`; to stop this note: `disable = \[\"zstd\"\]` under \[rules\.CGO004\]\.$"
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Compress compresses src at the given level.
func Compress(src []byte, level int) ([]byte, error) {
	dst := make([]byte, int(C.ZSTD_compressBound(C.size_t(len(src)))))
	if len(src) == 0 {
		return dst[:0], nil
	}
	n := C.ZSTD_compress(unsafe.Pointer(&dst[0]), C.size_t(len(dst)),
		unsafe.Pointer(&src[0]), C.size_t(len(src)), C.int(level))
	if C.ZSTD_isError(n) != 0 {
		return nil, errors.New(C.GoString(C.ZSTD_getErrorName(n)))
	}
	return dst[:n], nil
}
