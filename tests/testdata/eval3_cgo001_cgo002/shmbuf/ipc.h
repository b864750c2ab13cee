#ifndef IPC_H
#define IPC_H
#include <stddef.h>

typedef struct ipc_region ipc_region;

ipc_region *ipc_map(const char *name, size_t size, int *err);
void ipc_unmap(ipc_region *r);
void *ipc_base(ipc_region *r);
int ipc_push(ipc_region *r, const void *msg, size_t n);
int ipc_pop(ipc_region *r, void *out, size_t cap, size_t *n);
/* returns a malloc'd string, or NULL with *err set */
char *ipc_peer_name(ipc_region *r, int *err);
void ipc_release(void *p);

#endif
