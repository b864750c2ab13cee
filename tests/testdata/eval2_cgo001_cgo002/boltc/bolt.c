#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bolt.h"

struct bolt_db { int mode; size_t pagesize; char map[4096]; };
struct bolt_tx { bolt_db* db; int writable; };
struct bolt_cursor { bolt_tx* tx; int pos; };

bolt_db* bolt_open(const char* path, int mode) {
	if (path[0] == 0) return NULL;
	bolt_db* db = calloc(1, sizeof *db);
	db->mode = mode;
	db->pagesize = 4096;
	return db;
}

void bolt_close(bolt_db* db) { free(db); }

bolt_tx* bolt_begin(bolt_db* db, int writable) {
	bolt_tx* tx = malloc(sizeof *tx);
	tx->db = db;
	tx->writable = writable;
	return tx;
}

int bolt_commit(bolt_tx* tx) { free(tx); return 0; }
void bolt_rollback(bolt_tx* tx) { free(tx); }

int bolt_put(bolt_tx* tx, const char* bucket, const void* k, size_t kl, const void* v, size_t vl) {
	(void)bucket; (void)k; (void)v; (void)vl;
	if (!tx->writable) return 1;
	return kl == 0 ? 2 : 0;
}

const void* bolt_get(bolt_tx* tx, const char* bucket, const void* k, size_t kl, size_t* vl) {
	(void)bucket; (void)k;
	*vl = kl;
	return tx->db->map;
}

bolt_cursor* bolt_cursor_open(bolt_tx* tx, const char* bucket) {
	(void)bucket;
	bolt_cursor* c = calloc(1, sizeof *c);
	c->tx = tx;
	return c;
}

int bolt_cursor_next(bolt_cursor* c, const void** k, size_t* kl) {
	if (c->pos >= 3) return 0;
	*k = c->tx->db->map + c->pos++;
	*kl = 1;
	return 1;
}

void bolt_cursor_close(bolt_cursor* c) { free(c); }

char* bolt_stats_json(bolt_db* db) {
	char* out = malloc(64);
	if (out != NULL) snprintf(out, 64, "{\"pagesize\":%zu}", db->pagesize);
	return out;
}

void bolt_free(void* p) { free(p); }
size_t bolt_page_size(bolt_db* db) { return db->pagesize; }

int bolt_read_page(bolt_db* db, unsigned long id, void* buf) {
	if (id > 1) return -1;
	memcpy(buf, db->map, db->pagesize);
	return 0;
}
