package main

import "hash/crc32"

// checksum returns the IEEE CRC-32 of data, the same polynomial zlib's
// crc32() uses, computed in pure Go by hash/crc32.
func checksum(data []byte) uint32 {
	return crc32.ChecksumIEEE(data)
}
