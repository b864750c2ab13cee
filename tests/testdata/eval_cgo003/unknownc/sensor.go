// Package sensor samples a vendor temperature sensor.
package sensor

/*
#cgo LDFLAGS: -lsensorhw
#include <unistd.h>
#include "sensorhw.h"

// sample_avg only uses the vendor SDK, whose code is not part of this package.
static int sample_avg(int h, int n, double *avg)
{
	double sum = 0, v;
	for (int i = 0; i < n; i++) {
		if (sensor_read_blocking(h, &v) != 0)
			return -1;
		sum += v;
	}
	*avg = sum / n;
	return 0;
}

static int sample_paced(int h, double *out)
{
	usleep(1000);
	return sensor_read_blocking(h, out);
}

static double to_fahrenheit(double c) { return c * 9.0 / 5.0 + 32.0; }
*/
import "C"

import (
	"context"
	"errors"
)

type Device struct{ h C.int }

func Open(bus int) (*Device, error) {
	h := C.sensor_open(C.int(bus))
	if h < 0 {
		return nil, errors.New("sensor: open failed")
	}
	return &Device{h: h}, nil
}

func (d *Device) Close() { C.sensor_close(d.h) }

// Poll sends one reading per event until ctx is done.
func (d *Device) Poll(ctx context.Context, out chan<- float64) {
	for ctx.Err() == nil {
		if C.sensor_wait_event(d.h, 100) <= 0 {
			C.vendor_sleep_ms(10)
			continue
		}
		var v C.double
		if C.sensor_read_blocking(d.h, &v) != 0 {
			continue
		}
		out <- float64(C.to_fahrenheit(v))
	}
}

// Smooth averages n readings per sample.
func (d *Device) Smooth(samples, n int) []float64 {
	res := make([]float64, 0, samples)
	for i := 0; i < samples; i++ {
		var avg C.double
		if C.sample_avg(d.h, C.int(n), &avg) == 0 {
			res = append(res, float64(avg))
		}
	}
	return res
}

// Paced reads at most one sample per millisecond.
func (d *Device) Paced(samples int) []float64 {
	res := make([]float64, 0, samples)
	for len(res) < samples {
		var v C.double
		if C.sample_paced(d.h, &v) == 0 { // not hot (relabelled): a paced sampling loop, not a loop over a collection
			res = append(res, float64(v))
		}
	}
	return res
}
