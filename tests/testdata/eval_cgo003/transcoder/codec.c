#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "codec.h"

static const char *const known[] = {"pcm8", "ulaw", "delta4"};

int probe_codec(const char *name)
{
	for (int i = 0; i < (int)(sizeof known / sizeof known[0]); i++)
		if (strcmp(known[i], name) == 0)
			return i;
	return -1;
}

static int read_full(int fd, unsigned char *p, int n)
{
	int got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, (size_t)(n - got));
		if (r <= 0)
			return got;
		got += (int)r;
	}
	return got;
}

int read_packet(int fd, unsigned char *buf, int cap)
{
	uint16_t len;
	if (read_full(fd, (unsigned char *)&len, sizeof len) != sizeof len || len > cap)
		return -1;
	return read_full(fd, buf, len);
}

/* Sample conversion only: a few adds and shifts per byte. */
int transcode(int codec, const unsigned char *in, int n, unsigned char *out, int cap)
{
	if (n > cap)
		n = cap;
	unsigned char acc = 0;
	for (int i = 0; i < n; i++) {
		switch (codec) {
		case 1:
			out[i] = (unsigned char)(in[i] ^ 0x55);
			break;
		case 2:
			acc = (unsigned char)(acc + (in[i] >> 4));
			out[i] = acc;
			break;
		default:
			out[i] = in[i];
		}
	}
	return n;
}

static int write_all(int fd, const unsigned char *p, int n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, (size_t)n);
		if (w <= 0)
			return -1;
		p += w;
		n -= (int)w;
	}
	return 0;
}

int mux_write(int fd, const unsigned char *p, int n)
{
	uint16_t len = (uint16_t)n;
	if (write_all(fd, (const unsigned char *)&len, sizeof len) != 0)
		return -1;
	return write_all(fd, p, n);
}

void progress(int pct)
{
	if (pct < 0)
		fprintf(stderr, "transcoder: still working\n");
	else
		fprintf(stderr, "transcoder: %d%%\n", pct);
}
