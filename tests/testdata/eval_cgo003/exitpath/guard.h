#ifndef EXITPATH_GUARD_H
#define EXITPATH_GUARD_H

#include <stddef.h>
#include <stdio.h>

int check_len(int n, int max);
void *must_alloc(size_t n);
int must_positive(int v);
int warn_negative(int v);
int scale_or_log(FILE *log, int v, int k);

#endif
