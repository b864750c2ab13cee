#ifndef HISTSRV_NORM_H
#define HISTSRV_NORM_H

#include <stddef.h>
#include <stdio.h>

#define NORM_MAX_SYMBOL 255
#define NORM_MIN_TABLELOG 5
#define NORM_MAX_TABLELOG 12

unsigned norm_optimal_table_log(unsigned max_table_log, size_t total, unsigned max_symbol);
size_t norm_count(short *norm, unsigned table_log, const unsigned *count, size_t total, unsigned max_symbol);
int norm_read_table(FILE *f, short *norm, unsigned max_symbol);

#endif /* HISTSRV_NORM_H */
