// Package media fills audio frames through C buffers, the way ffmpeg bindings do.
package media

/*
#include <stdlib.h>
static int decode_into(float *dst, int n) { for (int i = 0; i < n; i++) dst[i] = 0; return n; }
static int fill_ints(int *dst, int n) { return n; }

// new_plane allocates with malloc: an allocation the Go side owns.
static float *new_plane(int n) { return (float *)malloc(n * sizeof(float)); }
*/
import "C"

import (
	"errors"
	"unsafe"
)

var scratch []float32

// Deferred: the idiom.
func Decode(n int) ([]float32, error) {
	buf := C.malloc(C.size_t(n) * 4)
	defer C.free(buf)
	samples := unsafe.Slice((*float32)(buf), n)
	if C.decode_into((*C.float)(buf), C.int(n)) < 0 {
		return nil, errors.New("decode failed")
	}
	out := make([]float32, n)
	copy(out, samples)
	return out, nil
}

// EarlyReturn leaks on the error path.
func EarlyReturn(n int) ([]float32, error) {
	buf := C.calloc(C.size_t(n), 4) // want CGO002 "C.calloc memory viewed as a Go slice \(line 37\) is not freed when returning at line 39; replace the free at line 42 with `defer C.free\(buf\)` right after C.calloc \(do not add a second free\)"
	samples := unsafe.Slice((*float32)(buf), n)
	if C.decode_into((*C.float)(buf), C.int(n)) < 0 {
		return nil, errors.New("decode failed")
	}
	out := append([]float32(nil), samples...)
	C.free(buf)
	return out, nil
}

// StraightLine frees with no exit in between: accepted.
func StraightLine(n int) float32 {
	buf := C.malloc(C.size_t(n) * 4)
	samples := unsafe.Slice((*float32)(buf), n)
	C.decode_into((*C.float)(buf), C.int(n))
	sum := float32(0)
	for _, s := range samples {
		sum += s
	}
	C.free(buf)
	return sum
}

// OldCast uses the pre-1.17 array cast and never frees.
func OldCast(n int) int {
	p := C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.int(0)))) // want CGO002 "when returning at line 64"
	ints := (*[1 << 28]C.int)(unsafe.Pointer(p))[:n:n]
	C.fill_ints(&ints[0], C.int(n))
	return int(ints[0])
}

// Returned alone: the caller cannot free the memory behind the slice.
func Plane(n int) []float32 {
	p := C.malloc(C.size_t(n) * 4) // want CGO002 "is returned at line 70 without its owner"
	return unsafe.Slice((*float32)(p), n)
}

// Stored in a package-level variable alone.
func Scratch(n int) {
	p := C.malloc(C.size_t(n) * 4) // want CGO002 "is stored in a package-level variable at line 76 without its owner"
	scratch = unsafe.Slice((*float32)(p), n)
}

// Returned with its free function: fine.
func PlaneWithFree(n int) ([]float32, func()) {
	p := C.malloc(C.size_t(n) * 4)
	return unsafe.Slice((*float32)(p), n), func() { C.free(p) }
}

// Buffer is an owner type: Close frees the pointer.
type Buffer struct {
	ptr     unsafe.Pointer
	Samples []float32
}

func NewBuffer(n int) *Buffer {
	p := C.calloc(C.size_t(n), 4)
	return &Buffer{ptr: p, Samples: unsafe.Slice((*float32)(p), n)}
}

func (b *Buffer) Close() { C.free(b.ptr) }

// FreedThroughTheSlice frees with &s[0].
func FreedThroughTheSlice(n int) float32 {
	s := unsafe.Slice((*float32)(C.malloc(C.size_t(n)*4)), n)
	defer C.free(unsafe.Pointer(&s[0]))
	C.decode_into((*C.float)(unsafe.Pointer(&s[0])), C.int(n))
	return s[0]
}

// InlineNeverFreed: the only reference is the slice, and nothing frees it.
func InlineNeverFreed(n int) float32 {
	s := unsafe.Slice((*float32)(C.malloc(C.size_t(n)*4)), n) // want CGO002 "when returning at line 110"
	C.decode_into((*C.float)(unsafe.Pointer(&s[0])), C.int(n))
	return s[0]
}

// PlaneFromC: memory from the package's own C allocator, viewed and leaked on error.
func PlaneFromC(n int) ([]float32, error) {
	p := C.new_plane(C.int(n)) // want CGO002 "C.new_plane memory viewed as a Go slice"
	s := unsafe.Slice((*float32)(unsafe.Pointer(p)), n)
	if C.decode_into(p, C.int(n)) < 0 {
		return nil, errors.New("decode failed")
	}
	out := append([]float32(nil), s...)
	C.free(unsafe.Pointer(p))
	return out, nil
}

// NoView: malloc never seen as a slice is not CGO002's business.
func NoView(n int) {
	p := C.malloc(C.size_t(n))
	if n > 10 {
		return
	}
	C.free(p)
}
