// Command exitpath normalises a stream of integer samples.
package main

/*
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "guard.h"

static int clamp_checked(int v)
{
	if (v > 1 << 20) {
		fprintf(stderr, "sample %d out of range\n", v);
		_exit(3);
	}
	return v < 0 ? 0 : v;
}
*/
import "C"

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"unsafe"
)

func main() {
	scale := C.must_positive(C.int(len(os.Args)))
	sc := bufio.NewScanner(os.Stdin)
	var sum int64
	for sc.Scan() {
		line := sc.Bytes()
		n := C.check_len(C.int(len(line)), 32)
		scratch := C.must_alloc(C.size_t(n + 1))
		v, err := strconv.Atoi(string(line))
		C.free(scratch)
		if err != nil {
			continue
		}
		x := C.clamp_checked(C.int(v))
		x = C.must_positive(x + 1)
		x = C.warn_negative(x - C.int(v))                // not hot (relabelled): a loop over a Scanner's input stream, not over a collection
		sum += int64(C.scale_or_log(C.stdout, x, scale)) // not hot (relabelled): a loop over a Scanner's input stream, not over a collection
	}
	buf := C.must_alloc(32)
	defer C.free(buf)
	fmt.Println(sum, unsafe.Pointer(buf) != nil)
}
