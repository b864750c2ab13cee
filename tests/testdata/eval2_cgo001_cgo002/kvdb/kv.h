#ifndef KV_H
#define KV_H

#include <stddef.h>

typedef struct kv_db kv_db;
typedef struct kv_iter kv_iter;

kv_db* kv_open(const char* path, char** errptr);
void kv_close(kv_db* db);
void kv_put(kv_db* db, const char* key, size_t klen, const char* val, size_t vlen, char** errptr);
void kv_delete(kv_db* db, const char* key, size_t klen, char** errptr);
char* kv_get(kv_db* db, const char* key, size_t klen, size_t* vlen, char** errptr);
void kv_free(void* p);

kv_iter* kv_iter_new(kv_db* db);
int kv_iter_valid(const kv_iter* it);
void kv_iter_next(kv_iter* it);
const char* kv_iter_key(const kv_iter* it, size_t* klen);
void kv_iter_destroy(kv_iter* it);

#endif
