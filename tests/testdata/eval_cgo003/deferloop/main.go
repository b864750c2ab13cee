// Command deferloop counts lines in the files named on the command line.
package main

/*
#include <stdio.h>
#include <stdlib.h>

static FILE *open_file(const char *p) { return fopen(p, "r"); }

static long count_lines(FILE *f)
{
	char buf[4096];
	long n = 0;
	while (fgets(buf, sizeof buf, f) != NULL)
		n++;
	return n;
}

static int close_file(FILE *f) { return fclose(f); }
static void flush_log(void) { fflush(stdout); }
static int is_eof(FILE *f) { return feof(f); }
*/
import "C"

import (
	"fmt"
	"log"
	"os"
	"unsafe"
)

func closeOne(f *C.FILE, name string) {
	if C.close_file(f) != 0 {
		log.Printf("%s: close failed", name)
	}
}

func countAll(paths []string) (total int64) {
	for _, p := range paths {
		cp := C.CString(p)
		f := C.open_file(cp) // want CGO003
		C.free(unsafe.Pointer(cp))
		if f == nil {
			log.Printf("%s: cannot open", p)
			continue
		}
		defer C.close_file(f)
		total += int64(C.count_lines(f)) // want CGO003
		if C.is_eof(f) == 0 {
			log.Printf("%s: read error", p)
		}
	}
	return total
}

func countEach(paths []string) map[string]int64 {
	res := make(map[string]int64, len(paths))
	for _, p := range paths {
		defer func() { C.flush_log() }()
		cp := C.CString(p)
		f := C.open_file(cp) // want CGO003
		C.free(unsafe.Pointer(cp))
		if f == nil {
			continue
		}
		defer closeOne(f, p)
		res[p] = int64(C.count_lines(f)) // want CGO003
	}
	return res
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "-each" {
		for p, n := range countEach(os.Args[2:]) {
			fmt.Printf("%8d %s\n", n, p)
		}
		return
	}
	fmt.Println(countAll(os.Args[1:]))
}
