// Package audio wraps a PortAudio-style blocking stream API.
package audio

/*
#include <stdlib.h>

typedef struct { int channels; double rate; unsigned long frames; } PaStream;

static int Pa_OpenDefaultStream(PaStream** s, int inCh, int outCh, double rate, unsigned long frames) {
	*s = calloc(1, sizeof(PaStream));
	if (*s == NULL) return -1;
	(*s)->channels = inCh > outCh ? inCh : outCh;
	(*s)->rate = rate;
	(*s)->frames = frames;
	return 0;
}
static int Pa_WriteStream(PaStream* s, const void* buf, unsigned long frames) { (void)s; (void)buf; (void)frames; return 0; }
static int Pa_ReadStream(PaStream* s, void* buf, unsigned long frames) { (void)s; (void)buf; (void)frames; return 0; }
static int Pa_CloseStream(PaStream* s) { free(s); return 0; }
static const char* Pa_GetErrorText(int code) { return code ? "PortAudio error" : "Success"; }
*/
import "C"

import (
	"errors"
	"math"
	"unsafe"
)

// Stream owns the C stream and its interleaved output buffer.
type Stream struct {
	c      *C.PaStream
	buf    unsafe.Pointer
	Out    []float32
	frames int
}

func paError(rc C.int) error { return errors.New(C.GoString(C.Pa_GetErrorText(rc))) }

// OpenDefaultStream opens an output stream with a C-allocated buffer.
func OpenDefaultStream(channels int, rate float64, frames int) (*Stream, error) {
	var cs *C.PaStream
	if rc := C.Pa_OpenDefaultStream(&cs, 0, C.int(channels), C.double(rate), C.ulong(frames)); rc != 0 {
		return nil, paError(rc)
	}
	n := channels * frames
	p := C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.float(0))))
	s := &Stream{c: cs, buf: p, frames: frames}
	s.Out = (*[1 << 30]float32)(unsafe.Pointer(p))[:n:n]
	return s, nil
}

// Write plays the current contents of Out.
func (s *Stream) Write() error {
	if rc := C.Pa_WriteStream(s.c, s.buf, C.ulong(s.frames)); rc != 0 {
		return paError(rc)
	}
	return nil
}

// Close stops the stream and frees its buffer.
func (s *Stream) Close() error {
	C.free(s.buf)
	s.buf, s.Out = nil, nil
	return paError(C.Pa_CloseStream(s.c))
}

// Record reads count buffers of input.
func (s *Stream) Record(count int) ([]float32, error) {
	n := s.frames * int(s.c.channels)
	p := C.malloc(C.size_t(n) * 4) // want CGO002
	chunk := (*[1 << 30]C.float)(unsafe.Pointer(p))[:n:n]
	var out []float32
	for i := 0; i < count; i++ {
		if rc := C.Pa_ReadStream(s.c, p, C.ulong(s.frames)); rc != 0 {
			return out, paError(rc)
		}
		for _, v := range chunk {
			out = append(out, float32(v))
		}
	}
	C.free(p)
	return out, nil
}

// PlayOnce copies samples into a temporary C buffer and plays them.
func (s *Stream) PlayOnce(samples []float32) {
	p := C.malloc(C.size_t(len(samples)) * 4)
	buf := unsafe.Slice((*C.float)(p), len(samples))
	for i, v := range samples {
		buf[i] = C.float(v)
	}
	C.Pa_WriteStream(s.c, p, C.ulong(len(samples)/int(s.c.channels)))
	C.free(p)
}

// Mix sums several tracks in a scratch buffer.
func (s *Stream) Mix(tracks [][]float32) error {
	n := len(s.Out)
	mem := C.calloc(C.size_t(n), 4)
	if mem == nil {
		return errors.New("audio: out of memory")
	}
	defer C.free(mem)
	fp := (*C.float)(mem)
	acc := (*[1 << 30]C.float)(unsafe.Pointer(fp))[:n:n]
	for _, t := range tracks {
		for i := 0; i < n && i < len(t); i++ {
			acc[i] += C.float(t[i])
		}
	}
	for i, v := range acc {
		s.Out[i] = float32(v)
	}
	return s.Write()
}

// toneTable builds one period of a sine wave.
func toneTable(n int) []C.float {
	mem := C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(C.float(0)))) // want CGO002
	ptr := (*C.float)(mem)
	table := unsafe.Slice(ptr, n)
	for i := range table {
		table[i] = C.float(math.Sin(2 * math.Pi * float64(i) / float64(n)))
	}
	return table
}
