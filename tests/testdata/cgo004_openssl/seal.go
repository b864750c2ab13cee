// Package seal encrypts records with AES-256-GCM through OpenSSL's EVP API,
// the way many Go bindings to libcrypto are written.
package seal

/*
#cgo pkg-config: libcrypto
#include <stdlib.h>
#include <openssl/evp.h> // want CGO004 "^Package seal calls into OpenSSL from 5 call sites in 1 file; pure-Go replacement: crypto/aes \+ crypto/cipher \(or golang.org/x/crypto/chacha20poly1305\)\."

// seal_update feeds one chunk to the cipher; it lives in C to keep the
// out-length bookkeeping on the C side.
static int seal_update(EVP_CIPHER_CTX *ctx, unsigned char *out, const unsigned char *in, int n) {
	int outl = 0;
	if (EVP_EncryptUpdate(ctx, out, &outl, in, n) != 1) {
		return -1;
	}
	return outl;
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Sealer is a Go type with a method that happens to share a C name.
type Sealer struct{ ctx *C.EVP_CIPHER_CTX }

// EVP_EncryptInit_ex is a Go method, not a call into C: never reported.
func (s *Sealer) EVP_EncryptInit_ex() error { return nil }

func New(key []byte) (*Sealer, error) {
	ctx := C.EVP_CIPHER_CTX_new()
	if ctx == nil {
		return nil, errors.New("EVP_CIPHER_CTX_new failed")
	}
	k := C.CBytes(key)
	defer C.free(k)
	if C.EVP_EncryptInit_ex(ctx, C.EVP_aes_256_gcm(), nil, (*C.uchar)(k), nil) != 1 {
		C.EVP_CIPHER_CTX_free(ctx)
		return nil, errors.New("C.EVP_EncryptInit_ex failed")
	}
	s := &Sealer{ctx: ctx}
	_ = s.EVP_EncryptInit_ex()
	return s, nil
}

func (s *Sealer) Update(out, in []byte) int {
	// A comment about C.EVP_EncryptUpdate(ctx, ...) is not a call.
	n := C.seal_update(s.ctx, (*C.uchar)(unsafe.Pointer(&out[0])), (*C.uchar)(unsafe.Pointer(&in[0])), C.int(len(in)))
	return int(n)
}
