// Package tlsmem runs OpenSSL over memory BIOs: OpenSSL only encrypts and decrypts bytes in
// memory, and Go moves them over the network, so SSL_read and SSL_write never wait on a socket.
package tlsmem

/*
#cgo pkg-config: libssl libcrypto
#include <openssl/bio.h>
#include <openssl/ssl.h>

static void attach_mem_bios(SSL *ssl, BIO **in, BIO **out) {
	*in = BIO_new(BIO_s_mem());
	*out = BIO_new(BIO_s_mem());
	SSL_set_bio(ssl, *in, *out);
}
*/
import "C"

import (
	"net"
	"unsafe"
)

type Conn struct {
	ssl     *C.SSL
	in, out *C.BIO
	raw     net.Conn
}

func New(ctx *C.SSL_CTX, raw net.Conn) *Conn {
	c := &Conn{ssl: C.SSL_new(ctx), raw: raw}
	C.attach_mem_bios(c.ssl, &c.in, &c.out)
	return c
}

// WriteRecords encrypts each record in memory, then sends the ciphertext from Go.
func (c *Conn) WriteRecords(records [][]byte) error {
	buf := make([]byte, 16384)
	for _, r := range records {
		C.SSL_write(c.ssl, unsafe.Pointer(&r[0]), C.int(len(r)))
		for {
			n := C.BIO_read(c.out, unsafe.Pointer(&buf[0]), C.int(len(buf)))
			if n <= 0 {
				break
			}
			if _, err := c.raw.Write(buf[:n]); err != nil {
				return err
			}
		}
	}
	return nil
}
