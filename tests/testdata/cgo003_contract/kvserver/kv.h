#ifndef KV_H
#define KV_H

#include <stddef.h>

typedef struct kv_store kv_store;

kv_store *kv_open(const char *path);
int kv_get(kv_store *s, const char *key, char *out, size_t cap);
int kv_put(kv_store *s, const char *key, const char *val);
int kv_sync(kv_store *s);
int kv_count(kv_store *s);
int kv_key_at(kv_store *s, int i, char *out, size_t cap);
int kv_wait_change(kv_store *s, int timeout_ms);
int kv_connect_replica(const char *addr);

#endif
