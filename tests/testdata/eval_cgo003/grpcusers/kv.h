#ifndef USERSVC_KV_H
#define USERSVC_KV_H

typedef struct kv_store kv_store;

kv_store *kv_open(const char *path);
int kv_get(kv_store *s, unsigned long key, char *val, int vallen);
int kv_put(kv_store *s, unsigned long key, const char *val, int vallen);
int kv_sync(kv_store *s);
int kv_is_open(const kv_store *s);
unsigned long kv_hash(const char *k);
void kv_close(kv_store *s);

#endif
