// Command sealmsg encrypts a message with AES-256-GCM and prints the nonce,
// ciphertext, authentication tag and a CRC-32 of the sealed frame.
//
// This version uses crypto/aes and crypto/cipher from the standard library
// instead of OpenSSL through cgo, so it needs no C toolchain or libcrypto.
package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strings"
)

const (
	keySize   = 32 // AES-256
	nonceSize = 12 // standard GCM nonce
)

// sealGCM encrypts msg with AES-256-GCM, authenticating aad as well.
// It returns the ciphertext and the tag separately.
func sealGCM(key, nonce, msg, aad []byte) (ciphertext, tag []byte, err error) {
	if len(key) != keySize {
		return nil, nil, fmt.Errorf("key must be %d bytes, got %d", keySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, nil, err
	}
	if len(nonce) != aead.NonceSize() {
		return nil, nil, fmt.Errorf("nonce must be %d bytes, got %d", aead.NonceSize(), len(nonce))
	}
	// Seal appends ciphertext||tag; there is no separate "final" step.
	sealed := aead.Seal(nil, nonce, msg, aad)
	split := len(sealed) - aead.Overhead()
	return sealed[:split], sealed[split:], nil
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
