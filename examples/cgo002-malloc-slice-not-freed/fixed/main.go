// Command levels reads one 10 ms frame of 16-bit samples from each channel of
// a (simulated) audio capture device and prints its peak and RMS level.
//
// The frame buffer is C memory from C.malloc, viewed as a Go slice with
// unsafe.Slice and filled by the C driver. A deferred C.free right after the
// allocation releases it on every path, error returns included.
package main

/*
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#define NCHANNELS 4

// Peak amplitude of each simulated input; channel 2 is driven to full scale.
static const int amplitude[NCHANNELS] = {1200, 8000, 32767, 450};

// read_samples fills buf with n samples of a triangle wave from channel ch.
// It returns 0, or -1 with errno set to ENODEV when there is no such channel.
static int read_samples(int16_t *buf, int n, int ch) {
	if (ch < 0 || ch >= NCHANNELS) {
		errno = ENODEV;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		int phase = i % 64;
		int tri = phase < 32 ? phase : 64 - phase;
		buf[i] = (int16_t)((tri - 16) * amplitude[ch] / 16);
	}
	return 0;
}
*/
import "C"

import (
	"fmt"
	"math"
	"unsafe"
)

const frameLen = 480 // 10 ms at 48 kHz

type level struct {
	peak int
	rms  float64
}

// readLevel reads one frame from channel ch and measures it.
func readLevel(ch int) (level, error) {
	// cgo's C.malloc never returns nil: it panics when out of memory.
	buf := C.malloc(C.size_t(frameLen) * C.sizeof_int16_t)
	defer C.free(buf)
	samples := unsafe.Slice((*int16)(buf), frameLen)

	if rc, err := C.read_samples((*C.int16_t)(buf), frameLen, C.int(ch)); rc != 0 {
		return level{}, fmt.Errorf("channel %d: %w", ch, err)
	}

	var lv level
	var sum float64
	for _, s := range samples {
		a := int(s)
		if a < 0 {
			a = -a
		}
		if a >= math.MaxInt16 {
			return level{}, fmt.Errorf("channel %d: frame clipped", ch)
		}
		lv.peak = max(lv.peak, a)
		sum += float64(s) * float64(s)
	}
	lv.rms = math.Sqrt(sum / frameLen)
	return lv, nil
}

func main() {
	for _, ch := range []int{0, 1, 2, 3, 5, 7} {
		lv, err := readLevel(ch)
		if err != nil {
			fmt.Println("skip:", err)
			continue
		}
		fmt.Printf("channel %d: peak %5d  rms %7.1f  (%.1f dBFS)\n",
			ch, lv.peak, lv.rms, 20*math.Log10(lv.rms/math.MaxInt16))
	}
}
