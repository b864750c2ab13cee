/*
 * Symbol-count normalisation, vendored from an FSE-style entropy coder
 * (BSD-licensed) and trimmed to what histsrv uses.
 */
#include <stdio.h>
#include <string.h>

#include "debug.h"
#include "norm.h"

#ifndef NORM_STRATEGY
#  define NORM_STRATEGY 1 /* 1: per-symbol table reads, 2: one bulk read */
#endif

static unsigned highbit32(unsigned v)
{
    unsigned r = 0;
    while (v >>= 1)
        r++;
    return r;
}

unsigned norm_optimal_table_log(unsigned max_table_log, size_t total, unsigned max_symbol)
{
    unsigned max_bits_src = highbit32((unsigned)(total - 1)) - 2;
    unsigned table_log = max_table_log;
    unsigned min_bits = highbit32(max_symbol) + 2;
    if (table_log == 0)
        table_log = NORM_MAX_TABLELOG;
    if (max_bits_src < table_log)
        table_log = max_bits_src;
    if (min_bits > table_log)
        table_log = min_bits;
    if (table_log < NORM_MIN_TABLELOG)
        table_log = NORM_MIN_TABLELOG;
    if (table_log > NORM_MAX_TABLELOG)
        table_log = NORM_MAX_TABLELOG;
    return table_log;
}

size_t norm_count(short *norm, unsigned table_log, const unsigned *count, size_t total, unsigned max_symbol)
{
    if (table_log < NORM_MIN_TABLELOG || table_log > NORM_MAX_TABLELOG || total == 0)
        return 0;
    DEBUGLOG("norm_count: %zu symbols, table log %u\n", total, table_log);
    {
        unsigned long long const scale = 62 - table_log;
        unsigned long long const step = (1ULL << 62) / total;
        int remaining = 1 << table_log;
        unsigned s, largest = 0;
        short largest_p = 0;

        for (s = 0; s <= max_symbol; s++) {
            short proba;
            if (count[s] == 0) {
                norm[s] = 0;
                continue;
            }
            proba = (short)((count[s] * step) >> scale);
            if (proba == 0)
                proba = 1;
            if (proba > largest_p) {
                largest_p = proba;
                largest = s;
            }
            norm[s] = proba;
            remaining -= proba;
        }
        norm[largest] = (short)(norm[largest] + remaining);
    }
#if 0
    {   /* Print Table (debug) */
        unsigned s;
        unsigned n_total = 0;
        for (s = 0; s <= max_symbol; s++)
            printf("%3u: %4i \n", s, norm[s]);
        for (s = 0; s <= max_symbol; s++)
            n_total += (unsigned)(norm[s] < 0 ? -norm[s] : norm[s]);
        if (n_total != (1U << table_log))
            printf("Warning !!! Total == %u != %u !!!", n_total, 1U << table_log);
        getchar();
    }
#endif
#if DEBUGLEVEL >= 2
    fprintf(stderr, "norm_count: table log %u for %zu symbols\n", table_log, total);
#endif
    return table_log;
}

int norm_read_table(FILE *f, short *norm, unsigned max_symbol)
{
    unsigned s;
    rewind(f);
#if NORM_STRATEGY == 1
    for (s = 0; s <= max_symbol; s++) {
        if (fread(&norm[s], sizeof norm[s], 1, f) != 1)
            break;
#else
    size_t n = fread(norm, sizeof *norm, (size_t)max_symbol + 1, f);
    for (s = 0; s < n; s++) {
#endif
        if (norm[s] < -1)
            return -1;
    }
    return s == max_symbol + 1 ? 0 : -1;
}
