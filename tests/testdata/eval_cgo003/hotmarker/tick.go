// Package tick emits metrics from the scheduler's per-millisecond callback.
package tick

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int emit_metric(int fd, const char *line, int n) { return (int)write(fd, line, (size_t)n); }
static void backoff(unsigned us) { usleep(us); }
static int metric_len(const char *s) { return (int)strlen(s); }
static int reopen_sink(const char *path, int *fd)
{
	FILE *f = fopen(path, "a");
	if (f == NULL)
		return -1;
	*fd = fileno(f);
	return 0;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type Emitter struct {
	fd      C.int
	retries int
}

// Tick is registered with the scheduler and runs every millisecond.
//
//cgolint:hot
func (e *Emitter) Tick(name string, v int64) {
	line := C.CString(fmt.Sprintf("%s:%d|c\n", name, v))
	defer C.free(unsafe.Pointer(line))
	n := C.metric_len(line)
	if C.emit_metric(e.fd, line, n) < 0 { // want CGO003
		e.retry()
	}
}

func (e *Emitter) retry() {
	e.retries++
	C.backoff(C.uint(100 * e.retries)) // want CGO003
}

//cgolint:hot
func Gauge(e *Emitter, name string, v float64) {
	line := C.CString(fmt.Sprintf("%s:%g|g\n", name, v))
	C.emit_metric(e.fd, line, C.metric_len(line)) // want CGO003
	C.free(unsafe.Pointer(line))
}

//cgolint:hot

// Reload is run on SIGHUP. The marker above is detached from it by a blank line.
func (e *Emitter) Reload(path string) error {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	if C.reopen_sink(p, &e.fd) != 0 {
		return fmt.Errorf("reopen %s", path)
	}
	return nil
}

// Flush writes a final marker; it is called at shutdown only.
func (e *Emitter) Flush() {
	end := C.CString("tick.shutdown:1|c\n")
	defer C.free(unsafe.Pointer(end))
	C.emit_metric(e.fd, end, C.metric_len(end))
}
