#ifndef ZS_H
#define ZS_H
#include <stddef.h>

typedef struct zs_stream zs_stream;

zs_stream *zs_new(int level);
void zs_end(zs_stream *z);
int zs_set_dict(zs_stream *z, const unsigned char *d, int n);
size_t zs_bound(size_t n);
int zs_deflate(zs_stream *z, const unsigned char *in, size_t n, unsigned char *out, size_t cap, size_t *outn);
/* returns 1 when cap is too small */
int zs_inflate_chunk(zs_stream *z, const unsigned char *in, size_t n, unsigned char *out, size_t cap, size_t *outn);

#endif
