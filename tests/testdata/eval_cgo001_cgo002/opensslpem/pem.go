// Package opensslpem loads certificates and keys through OpenSSL BIOs.
package opensslpem

/*
#include <stdlib.h>

typedef struct bio_st BIO;
typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;

static BIO *BIO_new_mem_buf(const void *buf, int len) { return (BIO *)buf; }
static BIO *BIO_new_file(const char *filename, const char *mode) { return 0; }
static int BIO_free(BIO *b) { return 1; }
static X509 *PEM_read_bio_X509(BIO *bp, X509 **x, void *cb, void *u) { return 0; }
static EVP_PKEY *PEM_read_bio_PrivateKey(BIO *bp, EVP_PKEY **x, void *cb, void *u) { return 0; }
static void X509_free(X509 *x) {}
static void EVP_PKEY_free(EVP_PKEY *k) {}
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

var errBIO = errors.New("pem: cannot create BIO")

// Certificate owns an X509 structure.
type Certificate struct{ x *C.X509 }

// PrivateKey owns an EVP_PKEY.
type PrivateKey struct{ k *C.EVP_PKEY }

func newCertificate(x *C.X509) *Certificate {
	c := &Certificate{x: x}
	runtime.SetFinalizer(c, func(c *Certificate) { C.X509_free(c.x) })
	return c
}

// ParseCertificate parses one PEM-encoded certificate.
func ParseCertificate(pemBytes []byte) (*Certificate, error) {
	if len(pemBytes) == 0 {
		return nil, errors.New("pem: empty input")
	}
	buf := C.CBytes(pemBytes)
	defer C.free(buf)
	bio := C.BIO_new_mem_buf(buf, C.int(len(pemBytes)))
	if bio == nil {
		return nil, errBIO
	}
	defer C.BIO_free(bio)
	x := C.PEM_read_bio_X509(bio, nil, nil, nil)
	if x == nil {
		return nil, errors.New("pem: no certificate found")
	}
	return newCertificate(x), nil
}

// ParsePrivateKey parses a PEM private key, decrypting it with password if set.
func ParsePrivateKey(pemBytes []byte, password string) (*PrivateKey, error) {
	buf := C.CBytes(pemBytes) // want CGO001
	bio := C.BIO_new_mem_buf(buf, C.int(len(pemBytes)))
	if bio == nil {
		return nil, errBIO
	}
	defer C.BIO_free(bio)
	var cpass unsafe.Pointer
	if password != "" {
		cpass = unsafe.Pointer(C.CString(password))
		defer C.free(cpass)
	}
	key := C.PEM_read_bio_PrivateKey(bio, nil, nil, cpass)
	C.free(buf)
	if key == nil {
		return nil, errors.New("pem: bad private key or password")
	}
	return &PrivateKey{k: key}, nil
}

// LoadCertificateFile reads a PEM certificate with OpenSSL's file BIO.
func LoadCertificateFile(path string) (*Certificate, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	bio := C.BIO_new_file(cpath, C.CString("r")) // want CGO001
	if bio == nil {
		return nil, fmt.Errorf("pem: cannot open %s", path)
	}
	defer C.BIO_free(bio)
	x := C.PEM_read_bio_X509(bio, nil, nil, nil)
	if x == nil {
		return nil, fmt.Errorf("pem: %s: no certificate", path)
	}
	return newCertificate(x), nil
}

// DecodeBundle parses each PEM block of a CA bundle.
func DecodeBundle(blocks [][]byte) ([]*Certificate, error) {
	certs := make([]*Certificate, 0, len(blocks))
	for i, block := range blocks {
		buf := C.CBytes(block)
		bio := C.BIO_new_mem_buf(buf, C.int(len(block)))
		x := C.PEM_read_bio_X509(bio, nil, nil, nil)
		C.BIO_free(bio)
		C.free(buf)
		if x == nil {
			return nil, fmt.Errorf("pem: block %d: no certificate", i)
		}
		certs = append(certs, newCertificate(x))
	}
	return certs, nil
}
