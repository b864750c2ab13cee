#ifndef TRANSCODER_CODEC_H
#define TRANSCODER_CODEC_H

int probe_codec(const char *name);
int read_packet(int fd, unsigned char *buf, int cap);
int transcode(int codec, const unsigned char *in, int n, unsigned char *out, int cap);
int mux_write(int fd, const unsigned char *p, int n);
void progress(int pct);

#endif
