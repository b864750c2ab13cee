package main

/*
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int open_blocks(const char *path) { return open(path, O_RDONLY); }

static int read_block(int fd, long i, unsigned char *buf, int n)
{
	return (int)pread(fd, buf, (size_t)n, (off_t)i * n);
}

static long load_index(const char *path, long *offsets, long max)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	long n = (long)fread(offsets, sizeof *offsets, (size_t)max, f);
	fclose(f);
	return n;
}

static unsigned block_sum(const unsigned char *buf, int n)
{
	unsigned s = 0;
	for (int i = 0; i < n; i++)
		s += buf[i];
	return s;
}
*/
import "C"

import "unsafe"

const blockSize = 4096

func openBlocks(path string) C.int {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	return C.open_blocks(p)
}

func readBlock(fd C.int, i int64, buf []byte) int {
	return int(C.read_block(fd, C.long(i), (*C.uchar)(unsafe.Pointer(&buf[0])), C.int(len(buf)))) // want CGO003
}

func loadIndex(path string) []int64 {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	offs := make([]int64, 1024)
	n := C.load_index(p, (*C.long)(unsafe.Pointer(&offs[0])), C.long(len(offs)))
	if n < 0 {
		return nil
	}
	return offs[:n]
}

func sum(buf []byte) uint32 {
	return uint32(C.block_sum((*C.uchar)(unsafe.Pointer(&buf[0])), C.int(len(buf))))
}
