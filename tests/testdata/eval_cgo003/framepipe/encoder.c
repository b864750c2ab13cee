#include <stdint.h>
#include <stdio.h>

#include "encoder.h"

int encode_frame(const unsigned char *in, int n, unsigned char *out, int cap)
{
	int o = 0;
	unsigned char prev = 0;
	for (int i = 0; i < n;) {
		unsigned char d = (unsigned char)(in[i] - prev);
		int run = 1;
		while (i + run < n && run < 255 && (unsigned char)(in[i + run] - in[i + run - 1]) == 0 && d == 0)
			run++;
		if (o + 2 > cap)
			return -1;
		out[o++] = d;
		out[o++] = (unsigned char)run;
		prev = in[i + run - 1];
		i += run;
	}
	return o;
}

FILE *open_output(const char *path)
{
	return fopen(path, "wb");
}

int write_packet(FILE *f, const unsigned char *p, int n)
{
	uint32_t len = (uint32_t)n;
	if (fwrite(&len, sizeof len, 1, f) != 1)
		return -1;
	return fwrite(p, 1, (size_t)n, f) == (size_t)n ? 0 : -1;
}

int close_output(FILE *f)
{
	return fclose(f);
}
