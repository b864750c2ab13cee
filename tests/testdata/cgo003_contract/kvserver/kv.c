#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kv.h"

struct kv_store {
	int fd;
	int events;
	int n;
};

static long slot_of(const char *key) {
	unsigned long h = 5381;
	while (*key)
		h = h * 33 + (unsigned char)*key++;
	return (long)(h % 4096) * 256;
}

/* Two levels of package C code down to the disk: kv_get -> read_slot -> pread. */
static int read_slot(kv_store *s, long off, char *out, size_t cap) {
	return (int)pread(s->fd, out, cap, off);
}

static int write_slot(kv_store *s, long off, const char *val) {
	return (int)pwrite(s->fd, val, strlen(val) + 1, off);
}

kv_store *kv_open(const char *path) {
	kv_store *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->fd = open(path, O_RDWR | O_CREAT, 0644);
	return s;
}

int kv_get(kv_store *s, const char *key, char *out, size_t cap) {
	return read_slot(s, slot_of(key), out, cap);
}

int kv_put(kv_store *s, const char *key, const char *val) {
	return write_slot(s, slot_of(key), val);
}

int kv_sync(kv_store *s) {
	return fdatasync(s->fd);
}

int kv_count(kv_store *s) {
	return s->n;
}

int kv_key_at(kv_store *s, int i, char *out, size_t cap) {
	return read_slot(s, (long)i * 256, out, cap);
}

int kv_wait_change(kv_store *s, int timeout_ms) {
	struct pollfd p = {.fd = s->events, .events = POLLIN};
	return poll(&p, 1, timeout_ms);
}

int kv_connect_replica(const char *addr) {
	FILE *f = fopen(addr, "r+");
	if (f == NULL)
		return -1;
	return fileno(f);
}
