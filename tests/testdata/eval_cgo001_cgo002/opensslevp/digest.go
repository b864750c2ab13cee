// Package opensslevp computes message digests with OpenSSL's EVP interface.
package opensslevp

/*
#include <stdlib.h>

typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;

static EVP_MD_CTX *EVP_MD_CTX_new(void) { return 0; }
static void EVP_MD_CTX_free(EVP_MD_CTX *ctx) {}
static const EVP_MD *EVP_get_digestbyname(const char *name) { return 0; }
static int EVP_MD_get_size(const EVP_MD *md) { return 32; }
static int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, void *impl) { return 1; }
static int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt) { return 1; }
static int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s) { return 1; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

var errDigest = errors.New("evp: digest failed")

func digestByName(name string) (*C.EVP_MD, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	md := C.EVP_get_digestbyname(cname)
	if md == nil {
		return nil, fmt.Errorf("evp: unknown digest %q", name)
	}
	return md, nil
}

func digestInto(md *C.EVP_MD, data []byte, out unsafe.Pointer) (int, error) {
	ctx := C.EVP_MD_CTX_new()
	defer C.EVP_MD_CTX_free(ctx)
	if C.EVP_DigestInit_ex(ctx, md, nil) != 1 {
		return 0, errDigest
	}
	if len(data) > 0 && C.EVP_DigestUpdate(ctx, unsafe.Pointer(&data[0]), C.size_t(len(data))) != 1 {
		return 0, errDigest
	}
	var n C.uint
	if C.EVP_DigestFinal_ex(ctx, (*C.uchar)(out), &n) != 1 {
		return 0, errDigest
	}
	return int(n), nil
}

// SumNoCopy returns the digest directly in C memory to avoid a copy.
func SumNoCopy(name string, data []byte) ([]byte, error) {
	md, err := digestByName(name)
	if err != nil {
		return nil, err
	}
	size := int(C.EVP_MD_get_size(md))
	out := C.malloc(C.size_t(size)) // want CGO002
	digest := unsafe.Slice((*byte)(out), size)
	n, err := digestInto(md, data, out)
	if err != nil {
		return nil, err
	}
	return digest[:n], nil
}

// Digest is a digest held in C memory; call Free when done with Bytes.
type Digest struct {
	Bytes []byte
	ptr   unsafe.Pointer
}

// Free releases the C memory behind Bytes.
func (d *Digest) Free() {
	C.free(d.ptr)
	d.ptr, d.Bytes = nil, nil
}

// SumDigest computes the digest into a Digest owned by the caller.
func SumDigest(name string, data []byte) (*Digest, error) {
	md, err := digestByName(name)
	if err != nil {
		return nil, err
	}
	size := int(C.EVP_MD_get_size(md))
	out := C.malloc(C.size_t(size))
	d := &Digest{Bytes: unsafe.Slice((*byte)(out), size), ptr: out}
	n, err := digestInto(md, data, out)
	if err != nil {
		d.Free()
		return nil, err
	}
	d.Bytes = d.Bytes[:n]
	return d, nil
}

// SumChunks hashes every chunk separately.
func SumChunks(name string, chunks [][]byte) ([][]byte, error) {
	md, err := digestByName(name)
	if err != nil {
		return nil, err
	}
	size := int(C.EVP_MD_get_size(md))
	var out unsafe.Pointer
	sums := make([][]byte, 0, len(chunks))
	for _, chunk := range chunks {
		out = C.malloc(C.size_t(size)) // want CGO002
		buf := unsafe.Slice((*byte)(out), size)
		var n int
		if n, err = digestInto(md, chunk, out); err != nil {
			break
		}
		sums = append(sums, append([]byte(nil), buf[:n]...))
	}
	C.free(out)
	return sums, err
}
