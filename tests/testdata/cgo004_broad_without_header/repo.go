// Package vcs has its own tiny C layer whose names look like libgit2's and
// zlib's but are not: no git2.h or zlib.h is included and nothing is linked.
package vcs

/*
#include "vcs.h"
*/
import "C"

func Open(path string) int {
	cpath := C.CString(path)
	defer C.free_path(cpath)
	return int(C.git_repository_open(cpath))
}

func Sum(n int) uint32 {
	return uint32(C.crc32_of_int(C.int(n)))
}
