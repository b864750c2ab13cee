// Package avaudio converts decoded FFmpeg audio frames to float32 samples.
package avaudio

/*
#include <stdlib.h>
#include <stdint.h>

typedef struct {
	int nb_samples;
	int channels;
	uint8_t *data[8];
	int linesize[8];
} AVFrame;
typedef struct SwrContext SwrContext;

#define AV_SAMPLE_FMT_FLT 3

static int swr_convert(SwrContext *s, uint8_t **out, int out_count, const uint8_t **in, int in_count) { return in_count; }
static int av_samples_get_buffer_size(int *linesize, int channels, int nb_samples, int fmt, int align) { return channels * nb_samples * 4; }
static float peak_level(const float *s, int n) { return n > 0 ? s[0] : 0; }
*/
import "C"

import (
	"fmt"
	"math"
	"unsafe"
)

// Resampler converts frames to interleaved float32.
type Resampler struct {
	swr      *C.SwrContext
	channels int
}

func (r *Resampler) bufferSize(frame *C.AVFrame) (C.int, error) {
	size := C.av_samples_get_buffer_size(nil, C.int(r.channels), frame.nb_samples, C.AV_SAMPLE_FMT_FLT, 1)
	if size < 0 {
		return 0, fmt.Errorf("avaudio: bad frame (%d)", int(size))
	}
	return size, nil
}

// Convert resamples frame and copies the samples into Go memory.
func (r *Resampler) Convert(frame *C.AVFrame) ([]float32, error) {
	size, err := r.bufferSize(frame)
	if err != nil {
		return nil, err
	}
	buf := C.malloc(C.size_t(size))
	defer C.free(buf)
	out := (*C.uint8_t)(buf)
	in := (**C.uint8_t)(unsafe.Pointer(&frame.data[0]))
	n := C.swr_convert(r.swr, &out, frame.nb_samples, in, frame.nb_samples)
	if n < 0 {
		return nil, fmt.Errorf("avaudio: swr_convert: %d", int(n))
	}
	samples := unsafe.Slice((*float32)(buf), int(n)*r.channels)
	return append([]float32(nil), samples...), nil
}

var lastBlock []float32

// ConvertShared resamples into C memory; the result stays valid until the next call.
func (r *Resampler) ConvertShared(frame *C.AVFrame) []float32 {
	size, err := r.bufferSize(frame)
	if err != nil {
		return nil
	}
	buf := C.malloc(C.size_t(size)) // want CGO002
	out := (*C.uint8_t)(buf)
	in := (**C.uint8_t)(unsafe.Pointer(&frame.data[0]))
	n := int(C.swr_convert(r.swr, &out, frame.nb_samples, in, frame.nb_samples)) * r.channels
	lastBlock = (*[1 << 28]float32)(buf)[:n:n]
	return lastBlock
}

// PlanarChannel views channel ch of a planar float frame; the frame owns the memory.
func PlanarChannel(frame *C.AVFrame, ch int) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(frame.data[ch])), int(frame.nb_samples))
}

// Peak copies samples into a scratch C buffer and measures the peak level.
func Peak(samples []float32) float32 {
	if len(samples) == 0 {
		return 0
	}
	p := C.malloc(C.size_t(len(samples)) * 4)
	scratch := unsafe.Slice((*float32)(p), len(samples))
	copy(scratch, samples)
	peak := C.peak_level((*C.float)(p), C.int(len(samples)))
	C.free(p)
	return float32(peak)
}

// PeakPerChannel measures each channel of interleaved samples.
func PeakPerChannel(samples []float32, channels int) ([]float32, error) {
	frames := len(samples) / channels
	p := C.malloc(C.size_t(frames) * 4) // want CGO002
	plane := unsafe.Slice((*float32)(p), frames)
	peaks := make([]float32, channels)
	for ch := 0; ch < channels; ch++ {
		for i := range plane {
			plane[i] = samples[i*channels+ch]
		}
		peaks[ch] = float32(C.peak_level((*C.float)(p), C.int(frames)))
		if math.IsNaN(float64(peaks[ch])) {
			return nil, fmt.Errorf("avaudio: channel %d contains NaN", ch)
		}
	}
	C.free(p)
	return peaks, nil
}
