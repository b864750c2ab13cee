#ifndef BOLTC_H
#define BOLTC_H

#include <stddef.h>

typedef struct bolt_db bolt_db;
typedef struct bolt_tx bolt_tx;
typedef struct bolt_cursor bolt_cursor;

bolt_db* bolt_open(const char* path, int mode);
void bolt_close(bolt_db* db);
bolt_tx* bolt_begin(bolt_db* db, int writable);
int bolt_commit(bolt_tx* tx);
void bolt_rollback(bolt_tx* tx);
int bolt_put(bolt_tx* tx, const char* bucket, const void* k, size_t kl, const void* v, size_t vl);
/* Points into the memory map; valid until the transaction ends. */
const void* bolt_get(bolt_tx* tx, const char* bucket, const void* k, size_t kl, size_t* vl);
bolt_cursor* bolt_cursor_open(bolt_tx* tx, const char* bucket);
int bolt_cursor_next(bolt_cursor* c, const void** k, size_t* kl);
void bolt_cursor_close(bolt_cursor* c);
/* Heap-allocated JSON; release with bolt_free. */
char* bolt_stats_json(bolt_db* db);
void bolt_free(void* p);
size_t bolt_page_size(bolt_db* db);
int bolt_read_page(bolt_db* db, unsigned long id, void* buf);

#endif
