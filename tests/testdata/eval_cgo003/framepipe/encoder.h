#ifndef FRAMEPIPE_ENCODER_H
#define FRAMEPIPE_ENCODER_H

#include <stdio.h>

/* Delta + run-length coding of one grey frame. Pure computation. */
int encode_frame(const unsigned char *in, int n, unsigned char *out, int cap);

FILE *open_output(const char *path);
int write_packet(FILE *f, const unsigned char *p, int n);
int close_output(FILE *f);

#endif
