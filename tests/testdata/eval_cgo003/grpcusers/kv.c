#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kv.h"

#define SLOT 256
#define NSLOTS 65536

struct kv_store {
	int fd;
};

static int read_slot(int fd, unsigned long slot, char *buf)
{
	return pread(fd, buf, SLOT, (off_t)(slot * SLOT)) == SLOT ? 0 : -1;
}

static int write_slot(int fd, unsigned long slot, const char *buf)
{
	return pwrite(fd, buf, SLOT, (off_t)(slot * SLOT)) == SLOT ? 0 : -1;
}

kv_store *kv_open(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT, 0600);
	if (fd < 0)
		return NULL;
	kv_store *s = malloc(sizeof *s);
	s->fd = fd;
	return s;
}

int kv_get(kv_store *s, unsigned long key, char *val, int vallen)
{
	char buf[SLOT];
	if (read_slot(s->fd, key % NSLOTS, buf) != 0)
		return -1;
	int n = (unsigned char)buf[0];
	if (n >= vallen)
		n = vallen - 1;
	memcpy(val, buf + 1, (size_t)n);
	val[n] = '\0';
	return n;
}

int kv_put(kv_store *s, unsigned long key, const char *val, int vallen)
{
	char buf[SLOT] = {0};
	if (vallen > SLOT - 1)
		return -1;
	buf[0] = (char)vallen;
	memcpy(buf + 1, val, (size_t)vallen);
	return write_slot(s->fd, key % NSLOTS, buf);
}

int kv_sync(kv_store *s)
{
	return fsync(s->fd);
}

int kv_is_open(const kv_store *s)
{
	return s != NULL && s->fd >= 0;
}

unsigned long kv_hash(const char *k)
{
	unsigned long h = 1469598103934665603UL;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211UL;
	return h;
}

void kv_close(kv_store *s)
{
	close(s->fd);
	free(s);
}
