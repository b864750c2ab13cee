// Package secretbox wraps a libsodium-like secretbox API with C-side buffers.
package secretbox

/*
#include <stdlib.h>
#include <string.h>

enum { SB_KEYBYTES = 32, SB_NONCEBYTES = 24, SB_MACBYTES = 16 };

static int sb_seal(unsigned char *out, const unsigned char *m, size_t mlen, const unsigned char *n, const unsigned char *k) {
	memset(out, 0, SB_MACBYTES); for (size_t i = 0; i < mlen; i++) out[SB_MACBYTES + i] = m[i] ^ k[i % SB_KEYBYTES] ^ n[i % SB_NONCEBYTES];
	return 0;
}
static int sb_open(unsigned char *out, const unsigned char *c, size_t clen, const unsigned char *n, const unsigned char *k) {
	if (clen < SB_MACBYTES) return -1;
	for (size_t i = 0; i < clen - SB_MACBYTES; i++) out[i] = c[SB_MACBYTES + i] ^ k[i % SB_KEYBYTES] ^ n[i % SB_NONCEBYTES];
	return 0;
}
static void sb_memzero_free(void *p, size_t n) { if (p) { memset(p, 0, n); free(p); } }
*/
import "C"

import (
	"errors"
	"unsafe"
)

const (
	KeySize   = C.SB_KEYBYTES
	NonceSize = C.SB_NONCEBYTES
	Overhead  = C.SB_MACBYTES
)

var ErrOpen = errors.New("secretbox: authentication failed")

type Key struct {
	mem unsafe.Pointer
	b   []byte
}

func NewKey(src []byte) *Key {
	mem := C.calloc(KeySize, 1)
	b := unsafe.Slice((*byte)(mem), KeySize)
	copy(b, src)
	return &Key{mem: mem, b: b}
}

func (k *Key) Free() { C.sb_memzero_free(k.mem, KeySize); k.mem, k.b = nil, nil }

func Seal(msg []byte, nonce *[NonceSize]byte, key *Key) []byte {
	n := C.size_t(len(msg) + Overhead)
	out := C.malloc(n)
	defer C.free(out)
	ob := unsafe.Slice((*byte)(out), int(n))
	cm := C.CBytes(msg)
	defer C.free(cm)
	C.sb_seal((*C.uchar)(out), (*C.uchar)(cm), C.size_t(len(msg)), (*C.uchar)(unsafe.Pointer(&nonce[0])), (*C.uchar)(key.mem))
	return append([]byte(nil), ob...)
}

func Open(box []byte, nonce *[NonceSize]byte, key *Key) ([]byte, error) {
	if len(box) < Overhead {
		return nil, ErrOpen
	}
	mlen := len(box) - Overhead
	plain := C.malloc(C.size_t(mlen + 1)) // want CGO002
	pb := unsafe.Slice((*byte)(plain), mlen)
	cbox := C.CBytes(box)
	rc := C.sb_open((*C.uchar)(plain), (*C.uchar)(cbox), C.size_t(len(box)), (*C.uchar)(unsafe.Pointer(&nonce[0])), (*C.uchar)(key.mem))
	C.free(cbox)
	if rc != 0 {
		return nil, ErrOpen
	}
	res := append([]byte(nil), pb...)
	C.sb_memzero_free(plain, C.size_t(mlen+1))
	return res, nil
}

func MAC(msg []byte, key *Key) []byte {
	buf := C.malloc(C.size_t(len(msg) + Overhead)) // want CGO002
	view := unsafe.Slice((*byte)(buf), len(msg)+Overhead)
	if key == nil || key.mem == nil {
		panic("secretbox: nil key")
	}
	var zero [NonceSize]byte
	cm := C.CBytes(msg)
	C.sb_seal((*C.uchar)(buf), (*C.uchar)(cm), C.size_t(len(msg)), (*C.uchar)(unsafe.Pointer(&zero[0])), (*C.uchar)(key.mem))
	C.free(cm)
	mac := append([]byte(nil), view[:Overhead]...)
	C.free(buf)
	return mac
}

var scratchNonce []byte

func initScratch() {
	p := C.calloc(NonceSize, 1) // want CGO002
	scratchNonce = unsafe.Slice((*byte)(p), NonceSize)
}

func wipe(p unsafe.Pointer, n int) {
	b := unsafe.Slice((*byte)(p), n)
	for i := range b {
		b[i] = 0
	}
	C.free(p)
}

func DeriveNonce(seed []byte) (nonce [NonceSize]byte) {
	tmp := C.malloc(NonceSize)
	tb := unsafe.Slice((*byte)(tmp), NonceSize)
	for i := range tb {
		tb[i] = byte(i)
	}
	copy(tb, seed)
	copy(nonce[:], tb)
	wipe(tmp, NonceSize)
	return nonce
}
