// Package checksum frames records in memory: every C call here is cheap.
package checksum

/*
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Nothing here sleeps, reads a file or writes one: all of it works on memory.
static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
	}
	return ~crc;
}

static uint32_t read_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int format_key(char *out, size_t n, const char *ns, long id)
{
	return snprintf(out, n, "%s:%ld", ns, id);
}

static const char *op_name(int op)
{
	switch (op) {
	case 0:
		return "read(2)";
	case 1:
		return "write(2)";
	default:
		return "fsync";
	}
}

typedef struct {
	unsigned char buf[4096];
	size_t head;
} ring;

static size_t ring_write(ring *r, const unsigned char *p, size_t n)
{
	if (n > sizeof r->buf - r->head)
		n = sizeof r->buf - r->head;
	memcpy(r->buf + r->head, p, n);
	r->head += n;
	return n;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type Record struct {
	Op   int
	ID   int64
	Data []byte
}

// Frame appends each record as len|crc|payload and returns the bytes.
func Frame(recs []Record) []byte {
	var r C.ring
	for _, rec := range recs {
		if len(rec.Data) == 0 {
			continue
		}
		p := (*C.uchar)(unsafe.Pointer(&rec.Data[0]))
		crc := C.crc32_update(0, p, C.size_t(len(rec.Data)))
		hdr := [8]byte{byte(len(rec.Data)), byte(len(rec.Data) >> 8), 0, 0, byte(crc), byte(crc >> 8), byte(crc >> 16), byte(crc >> 24)}
		C.ring_write(&r, (*C.uchar)(unsafe.Pointer(&hdr[0])), C.size_t(len(hdr)))
		C.ring_write(&r, p, C.size_t(len(rec.Data)))
	}
	return C.GoBytes(unsafe.Pointer(&r.buf[0]), C.int(r.head))
}

// Lengths decodes the length prefixes of a framed buffer.
func Lengths(b []byte) []uint32 {
	var out []uint32
	for off := 0; off+8 <= len(b); {
		n := C.read_u32((*C.uchar)(unsafe.Pointer(&b[off])))
		out = append(out, uint32(n))
		off += 8 + int(n)
	}
	return out
}

// Keys renders "op:id" keys, using scratch C memory for each one.
func Keys(recs []Record) []string {
	keys := make([]string, 0, len(recs))
	for _, rec := range recs {
		buf := C.malloc(64)
		ns := C.CString(C.GoString(C.op_name(C.int(rec.Op))))
		C.format_key((*C.char)(buf), 64, ns, C.long(rec.ID))
		n := C.strlen((*C.char)(buf))
		keys = append(keys, C.GoStringN((*C.char)(buf), C.int(n)))
		C.free(unsafe.Pointer(ns))
		C.free(buf)
	}
	return keys
}

// Spread is the largest absolute difference between consecutive IDs.
func Spread(recs []Record) int {
	max := 0
	for i := 1; i < len(recs); i++ {
		d := int(C.abs(C.int(recs[i].ID - recs[i-1].ID)))
		if d > max {
			max = d
		}
	}
	return max
}

// Copy duplicates a payload through C memory, as the C encoder API expects.
func Copy(src []byte) ([]byte, error) {
	if len(src) == 0 {
		return nil, fmt.Errorf("empty payload")
	}
	dst := make([]byte, len(src))
	for off := 0; off < len(src); off += 512 {
		end := min(off+512, len(src))
		C.memcpy(unsafe.Pointer(&dst[off]), unsafe.Pointer(&src[off]), C.size_t(end-off))
	}
	return dst, nil
}
