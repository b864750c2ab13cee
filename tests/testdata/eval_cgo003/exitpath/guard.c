#include <stdio.h>
#include <stdlib.h>

#include "guard.h"

static void die(const char *msg)
{
	fprintf(stderr, "fatal: %s\n", msg);
	exit(1);
}

int check_len(int n, int max)
{
	if (n < 0 || n > max) {
		fprintf(stderr, "bad length %d (max %d)\n", n, max);
		exit(2);
	}
	return n;
}

void *must_alloc(size_t n)
{
	void *p = malloc(n);
	if (p == NULL) {
		fputs("out of memory\n", stderr);
		abort();
	}
	return p;
}

int must_positive(int v)
{
	if (v <= 0)
		die("value must be positive");
	return v;
}

/* Logs and carries on: the error branch returns. */
int warn_negative(int v)
{
	if (v < 0) {
		fprintf(stderr, "warning: negative sample %d clamped\n", v);
		return 0;
	}
	return v;
}

int scale_or_log(FILE *log, int v, int k)
{
	if (k == 0) {
		fprintf(stderr, "scale factor is zero\n");
		exit(1);
	}
	if (v > 1000000)
		fprintf(log, "large sample %d\n", v);
	return v / k;
}
