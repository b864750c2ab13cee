// Command sealmsg encrypts a message with AES-256-GCM and prints the nonce,
// ciphertext, authentication tag and a CRC-32 of the sealed frame.
//
// This version calls OpenSSL's EVP API through cgo. cgolint reports OpenSSL
// once, as CGO004 risky-c-library-call at the #include below, with every call
// as a related location: crypto/aes + crypto/cipher in the standard library
// do the same job without cgo (see ../fixed).
package main

/*
#cgo pkg-config: libcrypto
#include <stdlib.h>
#include <openssl/evp.h>

// seal_update encrypts inlen bytes of in into out and returns the number of
// bytes written, or -1 on failure.
static int seal_update(EVP_CIPHER_CTX *ctx, unsigned char *out,
                       const unsigned char *in, int inlen) {
	int outlen = 0;
	if (inlen == 0) {
		return 0;
	}
	if (EVP_EncryptUpdate(ctx, out, &outlen, in, inlen) != 1) {
		return -1;
	}
	return outlen;
}
*/
import "C"

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"unsafe"
)

const (
	keySize   = 32 // AES-256
	nonceSize = 12 // standard GCM nonce
	tagSize   = 16
)

// sealGCM encrypts msg with AES-256-GCM, authenticating aad as well.
// It returns the ciphertext and the tag separately.
func sealGCM(key, nonce, msg, aad []byte) (ciphertext, tag []byte, err error) {
	if len(key) != keySize {
		return nil, nil, fmt.Errorf("key must be %d bytes, got %d", keySize, len(key))
	}
	if len(nonce) != nonceSize {
		return nil, nil, fmt.Errorf("nonce must be %d bytes, got %d", nonceSize, len(nonce))
	}
	if len(msg) > math.MaxInt32-tagSize || len(aad) > math.MaxInt32 {
		return nil, nil, errors.New("input too large for OpenSSL's int lengths")
	}

	ctx := C.EVP_CIPHER_CTX_new()
	if ctx == nil {
		return nil, nil, errors.New("EVP_CIPHER_CTX_new failed")
	}
	defer C.EVP_CIPHER_CTX_free(ctx)

	cKey := C.CBytes(key)
	defer C.free(cKey)
	cNonce := C.CBytes(nonce)
	defer C.free(cNonce)

	if C.EVP_EncryptInit_ex(ctx, C.EVP_aes_256_gcm(), nil,
		(*C.uchar)(cKey), (*C.uchar)(cNonce)) != 1 {
		return nil, nil, errors.New("EVP_EncryptInit_ex failed")
	}

	var outLen C.int
	if len(aad) > 0 {
		cAAD := C.CBytes(aad)
		defer C.free(cAAD)
		// A nil output buffer tells OpenSSL this is additional data.
		if C.EVP_EncryptUpdate(ctx, nil, &outLen, (*C.uchar)(cAAD), C.int(len(aad))) != 1 {
			return nil, nil, errors.New("EVP_EncryptUpdate (AAD) failed")
		}
	}

	cIn := C.CBytes(msg)
	defer C.free(cIn)
	// GCM is a stream mode: the output is never longer than the input.
	// Allocate at least one byte so malloc(0) cannot return NULL.
	cOut := C.malloc(C.size_t(len(msg) + 1))
	if cOut == nil {
		return nil, nil, errors.New("malloc failed")
	}
	defer C.free(cOut)

	n := C.seal_update(ctx, (*C.uchar)(cOut), (*C.uchar)(cIn), C.int(len(msg)))
	if n < 0 {
		return nil, nil, errors.New("EVP_EncryptUpdate failed")
	}
	total := int(n)

	var finalLen C.int
	if C.EVP_EncryptFinal_ex(ctx, (*C.uchar)(unsafe.Add(cOut, total)), &finalLen) != 1 {
		return nil, nil, errors.New("EVP_EncryptFinal_ex failed")
	}
	total += int(finalLen)

	cTag := C.malloc(tagSize)
	if cTag == nil {
		return nil, nil, errors.New("malloc failed")
	}
	defer C.free(cTag)
	if C.EVP_CIPHER_CTX_ctrl(ctx, C.EVP_CTRL_GCM_GET_TAG, tagSize, cTag) != 1 {
		return nil, nil, errors.New("EVP_CIPHER_CTX_ctrl(GET_TAG) failed")
	}

	return C.GoBytes(cOut, C.int(total)), C.GoBytes(cTag, tagSize), nil
}

// hexOrRandom decodes s as hex, or returns n random bytes when s is empty.
func hexOrRandom(s string, n int) ([]byte, error) {
	if s == "" {
		b := make([]byte, n)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		return b, nil
	}
	return hex.DecodeString(s)
}

func main() {
	keyHex := flag.String("key", "", "hex-encoded 32-byte key (default: random)")
	nonceHex := flag.String("nonce", "", "hex-encoded 12-byte nonce, for test vectors only; never reuse one (default: random)")
	aad := flag.String("aad", "", "additional authenticated data")
	flag.Parse()

	msg := "attack at dawn"
	if flag.NArg() > 0 {
		msg = strings.Join(flag.Args(), " ")
	}

	key, err := hexOrRandom(*keyHex, keySize)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sealmsg: bad -key:", err)
		os.Exit(2)
	}
	nonce, err := hexOrRandom(*nonceHex, nonceSize)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sealmsg: bad -nonce:", err)
		os.Exit(2)
	}

	ciphertext, tag, err := sealGCM(key, nonce, []byte(msg), []byte(*aad))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sealmsg:", err)
		os.Exit(1)
	}

	frame := make([]byte, 0, len(nonce)+len(ciphertext)+len(tag))
	frame = append(frame, nonce...)
	frame = append(frame, ciphertext...)
	frame = append(frame, tag...)

	fmt.Printf("plaintext:  %q (%d bytes)\n", msg, len(msg))
	fmt.Printf("key:        %x\n", key)
	fmt.Printf("nonce:      %x\n", nonce)
	fmt.Printf("ciphertext: %x\n", ciphertext)
	fmt.Printf("tag:        %x\n", tag)
	fmt.Printf("frame:      %d bytes, crc32 %08x\n", len(frame), checksum(frame))
}
