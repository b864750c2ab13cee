/* zstd_decompress.c: the one-shot decompressor, from the vendored Zstandard sources. */
#include <string.h>

#include "zstd.h"

#define ERROR(e) ((size_t)-(e))

unsigned long long ZSTD_getFrameContentSize(const void *src, size_t srcSize) {
	const unsigned char *p = src;
	size_t size;
	if (srcSize < 4 + sizeof(size) || p[0] != 0x28 || p[1] != 0xb5) {
		return ZSTD_CONTENTSIZE_ERROR;
	}
	memcpy(&size, p + 4, sizeof(size));
	return size;
}

size_t ZSTD_decompress(void *dst, size_t dstCapacity, const void *src, size_t compressedSize) {
	unsigned long long size = ZSTD_getFrameContentSize(src, compressedSize);
	if (size == ZSTD_CONTENTSIZE_ERROR) {
		return ERROR(3);
	}
	if (size > dstCapacity) {
		return ERROR(2);
	}
	memcpy(dst, (const unsigned char *)src + 4 + sizeof(size_t), (size_t)size);
	return (size_t)size;
}
