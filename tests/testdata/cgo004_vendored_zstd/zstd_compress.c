/* zstd_compress.c: the one-shot compressor, from the vendored Zstandard sources. */
#include <string.h>

#include "zstd.h"

#define ERROR(e) ((size_t)-(e))

size_t ZSTD_compressBound(size_t srcSize) { return ZSTD_COMPRESSBOUND(srcSize); }

static size_t ZSTD_writeFrameHeader(unsigned char *dst, size_t srcSize) {
	dst[0] = 0x28; dst[1] = 0xb5; dst[2] = 0x2f; dst[3] = 0xfd;
	memcpy(dst + 4, &srcSize, sizeof(srcSize));
	return 4 + sizeof(srcSize);
}

size_t ZSTD_compress(void *dst, size_t dstCapacity, const void *src, size_t srcSize, int compressionLevel) {
	(void)compressionLevel;
	if (dstCapacity < ZSTD_compressBound(srcSize)) {
		return ERROR(2);
	}
	size_t header = ZSTD_writeFrameHeader(dst, srcSize);
	memcpy((unsigned char *)dst + header, src, srcSize); /* a raw block */
	return header + srcSize;
}
