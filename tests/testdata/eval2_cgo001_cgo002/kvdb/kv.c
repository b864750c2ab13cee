#include <stdlib.h>
#include <string.h>

#include "kv.h"

struct kv_db {
	char* path;
	int readonly;
};

struct kv_iter {
	int pos;
	char key[16];
};

static char* dup_error(const char* msg) {
	char* s = malloc(strlen(msg) + 1);
	if (s != NULL) strcpy(s, msg);
	return s;
}

kv_db* kv_open(const char* path, char** errptr) {
	if (path[0] == 0) {
		*errptr = dup_error("kv: empty path");
		return NULL;
	}
	kv_db* db = calloc(1, sizeof *db);
	db->path = strdup(path);
	return db;
}

void kv_close(kv_db* db) {
	free(db->path);
	free(db);
}

void kv_put(kv_db* db, const char* key, size_t klen, const char* val, size_t vlen, char** errptr) {
	(void)key; (void)val; (void)vlen;
	if (db->readonly || klen == 0) *errptr = dup_error("kv: put refused");
}

void kv_delete(kv_db* db, const char* key, size_t klen, char** errptr) {
	(void)key;
	if (db->readonly || klen == 0) *errptr = dup_error("kv: delete refused");
}

char* kv_get(kv_db* db, const char* key, size_t klen, size_t* vlen, char** errptr) {
	(void)db; (void)errptr;
	if (klen == 0 || key[0] == '!') return NULL;
	char* v = malloc(3);
	memcpy(v, "abc", 3);
	*vlen = 3;
	return v;
}

void kv_free(void* p) { free(p); }

kv_iter* kv_iter_new(kv_db* db) { (void)db; return calloc(1, sizeof(kv_iter)); }
int kv_iter_valid(const kv_iter* it) { return it->pos < 3; }
void kv_iter_next(kv_iter* it) { it->pos++; }
const char* kv_iter_key(const kv_iter* it, size_t* klen) {
	kv_iter* m = (kv_iter*)it;
	m->key[0] = (char)('a' + it->pos);
	*klen = 1;
	return m->key;
}
void kv_iter_destroy(kv_iter* it) { free(it); }
