#include <stdlib.h>
#include <string.h>
#include "zs.h"

struct zs_stream {
	int level;
	unsigned char dict[64];
	int dictlen;
};

zs_stream *zs_new(int level) {
	if (level < 0 || level > 9) return NULL;
	zs_stream *z = calloc(1, sizeof *z);
	z->level = level;
	return z;
}

void zs_end(zs_stream *z) { free(z); }

int zs_set_dict(zs_stream *z, const unsigned char *d, int n) {
	if (n > (int)sizeof z->dict) return -1;
	memcpy(z->dict, d, n);
	z->dictlen = n;
	return 0;
}

size_t zs_bound(size_t n) { return n + n / 16 + 64; }

int zs_deflate(zs_stream *z, const unsigned char *in, size_t n, unsigned char *out, size_t cap, size_t *outn) {
	if (n > cap) return -1;
	memcpy(out, in, n);
	*outn = n;
	return 0;
}

int zs_inflate_chunk(zs_stream *z, const unsigned char *in, size_t n, unsigned char *out, size_t cap, size_t *outn) {
	if (n > cap) return 1;
	memcpy(out, in, n);
	*outn = n;
	return 0;
}
