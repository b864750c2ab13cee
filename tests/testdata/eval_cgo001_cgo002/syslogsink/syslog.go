// Package syslogsink writes log records through a syslog-like C API.
package syslogsink

/*
#include <stdlib.h>

static void sl_openlog(const char *ident, int option, int facility) {}
static void sl_syslog(int priority, const char *msg) {}
static void sl_closelog(void) {}
static int sl_write_raw(const void *buf, size_t n) { return (int)n; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// ident must stay valid while the log is open: openlog keeps the pointer.
var ident *C.char

// Open starts logging under name.
func Open(name string, facility int) {
	if ident != nil {
		C.sl_closelog()
		C.free(unsafe.Pointer(ident))
	}
	ident = C.CString(name)
	C.sl_openlog(ident, 0x01, C.int(facility))
}

// Close stops logging.
func Close() {
	C.sl_closelog()
	if ident != nil {
		C.free(unsafe.Pointer(ident))
		ident = nil
	}
}

// Info logs an informational message.
func Info(msg string) {
	C.sl_syslog(6, C.CString(msg)) // want CGO001
}

// Logf logs a formatted message at priority.
func Logf(priority int, format string, args ...any) {
	cmsg := C.CString(fmt.Sprintf(format, args...))
	defer C.free(unsafe.Pointer(cmsg))
	C.sl_syslog(C.int(priority), cmsg)
}

func logLine(priority C.int, line *C.char) {
	C.sl_syslog(priority, line)
	C.free(unsafe.Pointer(line))
}

// Lines logs each line at notice priority.
func Lines(lines []string) {
	for _, l := range lines {
		logLine(5, C.CString(l))
	}
}

// WriteRaw writes one preformatted record.
func WriteRaw(rec []byte) (int, error) {
	p := C.CBytes(rec)
	n := C.sl_write_raw(p, C.size_t(len(rec)))
	C.free(p)
	if n < 0 {
		return 0, errors.New("syslogsink: write failed")
	}
	return int(n), nil
}

// WriteAll writes records, stopping at the first failure.
func WriteAll(recs [][]byte) error {
	for _, r := range recs {
		p := C.CBytes(r) // want CGO001
		if n := C.sl_write_raw(p, C.size_t(len(r))); n < 0 {
			return errors.New("syslogsink: write failed")
		}
		C.free(p)
	}
	return nil
}

// WriteBatch joins recs into one C buffer and writes it with a single call.
func WriteBatch(recs [][]byte) error {
	total := 0
	for _, r := range recs {
		total += len(r)
	}
	mem := C.malloc(C.size_t(total)) // want CGO002
	buf := unsafe.Slice((*byte)(mem), total)
	off := 0
	for _, r := range recs {
		off += copy(buf[off:], r)
	}
	if C.sl_write_raw(mem, C.size_t(total)) < 0 {
		return errors.New("syslogsink: write failed")
	}
	C.free(mem)
	return nil
}
