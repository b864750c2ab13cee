// Package clog forwards log lines to a C sink from a background goroutine.
package clog

/*
#include <stdlib.h>

static int log_line(const char *line) { return 0; }
static int send_message(const char *topic, const char *payload) { return 0; }
*/
import "C"

import (
	"context"
	"fmt"
	"unsafe"
)

// Logger hands C strings to a goroutine that writes and frees them.
type Logger struct {
	lines chan *C.char
	done  chan struct{}
	min   int
}

// NewLogger starts the writer goroutine.
func NewLogger(minLevel int) *Logger {
	l := &Logger{lines: make(chan *C.char, 64), done: make(chan struct{}), min: minLevel}
	go l.run()
	return l
}

func (l *Logger) run() {
	defer close(l.done)
	for line := range l.lines {
		C.log_line(line)
		C.free(unsafe.Pointer(line))
	}
}

// Printf queues a formatted line.
func (l *Logger) Printf(format string, args ...any) {
	l.lines <- C.CString(fmt.Sprintf(format, args...))
}

// Log queues msg if level passes the threshold.
func (l *Logger) Log(level int, msg string) {
	cmsg := C.CString(msg) // want CGO001
	if level < l.min {
		return
	}
	l.lines <- cmsg
}

// Send queues msg, giving up when ctx is done.
func (l *Logger) Send(ctx context.Context, msg string) error {
	cmsg := C.CString(msg) // want CGO001
	select {
	case l.lines <- cmsg:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TrySend queues msg without blocking and reports whether it was queued.
func (l *Logger) TrySend(msg string) bool {
	cmsg := C.CString(msg)
	select {
	case l.lines <- cmsg:
		return true
	default:
		C.free(unsafe.Pointer(cmsg))
		return false
	}
}

// Publish sends payload to topic from a new goroutine and reports the result.
func Publish(topic, payload string) <-chan error {
	errc := make(chan error, 1)
	ctopic := C.CString(topic)
	cpayload := C.CString(payload)
	go func() {
		defer C.free(unsafe.Pointer(ctopic))
		defer C.free(unsafe.Pointer(cpayload))
		if rc := C.send_message(ctopic, cpayload); rc != 0 {
			errc <- fmt.Errorf("clog: publish %s: %d", topic, int(rc))
			return
		}
		errc <- nil
	}()
	return errc
}

// PublishSync sends payload to topic and waits.
func PublishSync(ctx context.Context, topic, payload string) error {
	ctopic := C.CString(topic)
	defer C.free(unsafe.Pointer(ctopic))
	if err := ctx.Err(); err != nil {
		return err
	}
	cpayload := C.CString(payload)
	rc := C.send_message(ctopic, cpayload)
	C.free(unsafe.Pointer(cpayload))
	if rc != 0 {
		return fmt.Errorf("clog: publish %s: %d", topic, int(rc))
	}
	return nil
}

// Close flushes and stops the writer.
func (l *Logger) Close() {
	close(l.lines)
	<-l.done
}
