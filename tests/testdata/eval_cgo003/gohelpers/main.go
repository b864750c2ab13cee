// Command gohelpers simulates connection churn and writes a report file.
package main

/*
#include <stdio.h>
#include <stdlib.h>

static FILE *open_report(const char *path) { return fopen(path, "w"); }
static int report_line(FILE *f, const char *s) { return fputs(s, f); }
static int close_report(FILE *f) { return fclose(f); }
*/
import "C"

import (
	"fmt"
	"log"
	"strings"
	"unsafe"
)

type memConn struct {
	buf    []byte
	closed bool
}

func (m *memConn) Write(p []byte) { m.buf = append(m.buf, p...) }
func (m *memConn) Close() error   { m.closed = true; return nil }

type reportFile struct{ f *C.FILE }

func openReport(path string) *reportFile {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	f := C.open_report(p)
	if f == nil {
		log.Fatalf("cannot create %s", path)
	}
	return &reportFile{f: f}
}

func (r *reportFile) line(s string) {
	cs := C.CString(s + "\n")
	C.report_line(r.f, cs) // want CGO003
	C.free(unsafe.Pointer(cs))
}

func (r *reportFile) flush() {
	C.fflush(r.f)
}

func (r *reportFile) Close() error {
	r.flush()
	if C.close_report(r.f) != 0 {
		return fmt.Errorf("close report")
	}
	return nil
}

// flush drops buffered bytes of closed connections; pure Go.
func flush(conns []*memConn) int {
	n := 0
	for _, c := range conns {
		if c.closed {
			n += len(c.buf)
			c.buf = c.buf[:0]
		}
	}
	return n
}

func summarize(conns []*memConn) string {
	var b strings.Builder
	for i, c := range conns {
		fmt.Fprintf(&b, "%d:%d ", i, len(c.buf))
	}
	return b.String()
}

func writeHeader(r *reportFile, round int) {
	r.line(fmt.Sprintf("== round %d ==", round))
}

func main() {
	rep := openReport("churn.txt")
	defer rep.Close()
	writeHeader(rep, -1)

	conns := make([]*memConn, 8)
	for i := range conns {
		conns[i] = &memConn{}
	}
	for round := 0; round < 10; round++ {
		for i, c := range conns {
			c.Write([]byte(strings.Repeat("x", i+round)))
			if (i+round)%3 == 0 {
				c.Close()
			}
		}
		dropped := flush(conns)
		log.Printf("round %d dropped %d bytes: %s", round, dropped, summarize(conns))
		if round%5 == 0 {
			writeHeader(rep, round)
		}
	}
}
