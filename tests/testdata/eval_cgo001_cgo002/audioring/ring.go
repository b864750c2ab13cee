// Package audioring moves 16-bit audio between Go and a C audio stream.
package audioring

/*
#include <stdlib.h>
#include <stdint.h>

static int pa_read(void *stream, int16_t *buf, int frames) { return frames; }
static int pa_write(void *stream, const int16_t *buf, int frames) { return frames; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Ring is a ring buffer of samples in C memory, shared with the audio callback.
type Ring struct {
	mem  unsafe.Pointer
	buf  []int16
	r, w int
}

// NewRing allocates a ring of n samples; release it with Free.
func NewRing(n int) *Ring {
	mem := C.calloc(C.size_t(n), 2)
	return &Ring{mem: mem, buf: (*[1 << 30]int16)(mem)[:n:n]}
}

// Grow resizes the ring, keeping unread samples.
func (r *Ring) Grow(n int) {
	mem := C.calloc(C.size_t(n), 2)
	buf := unsafe.Slice((*int16)(mem), n)
	k := copy(buf, r.buf[r.r:r.w])
	C.free(r.mem)
	r.mem, r.buf, r.r, r.w = mem, buf, 0, k
}

// Free releases the ring.
func (r *Ring) Free() {
	C.free(r.mem)
	r.mem, r.buf = nil, nil
}

// Capture reads frames from stream and returns them in Go memory.
func Capture(stream unsafe.Pointer, frames int) ([]int16, error) {
	mem := C.malloc(C.size_t(frames) * 2)
	defer C.free(mem)
	samples := (*[1 << 30]int16)(mem)[:frames:frames]
	n := C.pa_read(stream, (*C.int16_t)(mem), C.int(frames))
	if n < 0 {
		return nil, fmt.Errorf("audioring: read failed: %d", int(n))
	}
	return append([]int16(nil), samples[:n]...), nil
}

// MustCapture is Capture that panics on error.
func MustCapture(stream unsafe.Pointer, frames int) []int16 {
	mem := C.calloc(C.size_t(frames), 2) // want CGO002
	samples := unsafe.Slice((*int16)(mem), frames)
	n := C.pa_read(stream, (*C.int16_t)(mem), C.int(frames))
	if n < 0 {
		panic(fmt.Sprintf("audioring: read failed: %d", int(n)))
	}
	out := append([]int16(nil), samples[:n]...)
	C.free(mem)
	return out
}

// CaptureLoop reads blocks until stop is closed, handing each block to fn.
func CaptureLoop(stream unsafe.Pointer, frames int, stop <-chan struct{}, fn func([]int16)) error {
	mem := C.malloc(C.size_t(frames) * 2) // want CGO002
	block := unsafe.Slice((*int16)(mem), frames)
	for {
		select {
		case <-stop:
			C.free(mem)
			return nil
		default:
		}
		n := C.pa_read(stream, (*C.int16_t)(mem), C.int(frames))
		if n < 0 {
			return fmt.Errorf("audioring: read failed: %d", int(n))
		}
		fn(block[:n])
	}
}

// Playback writes blocks, growing the scratch buffer when a block is larger.
func Playback(stream unsafe.Pointer, blocks [][]int16) error {
	capacity := 1024
	mem := C.malloc(C.size_t(capacity) * 2)
	defer func() { C.free(mem) }()
	scratch := unsafe.Slice((*int16)(mem), capacity)
	for _, b := range blocks {
		if len(b) > capacity {
			C.free(mem)
			capacity = len(b)
			mem = C.malloc(C.size_t(capacity) * 2)
			scratch = unsafe.Slice((*int16)(mem), capacity)
		}
		copy(scratch, b)
		if n := C.pa_write(stream, (*C.int16_t)(mem), C.int(len(b))); n < 0 {
			return fmt.Errorf("audioring: write failed: %d", int(n))
		}
	}
	return nil
}

// Duplicate copies block into C memory and returns it with the pointer that owns it.
func Duplicate(block []int16) ([]int16, unsafe.Pointer) {
	mem := C.malloc(C.size_t(len(block)) * 2)
	dup := unsafe.Slice((*int16)(mem), len(block))
	copy(dup, block)
	return dup, mem
}
