#ifndef REPORTS_STORE_H
#define REPORTS_STORE_H

typedef struct {
	long id;
	int flags;
	char name[64];
} record;

typedef struct store store;
typedef struct cursor cursor;

int count_records(store *s);
int cached_count(const store *s);
const char *run_query(store *s, const char *q);
int fetch_all(store *s, const char *q, record *out, int max);
cursor *open_cursor(store *s);
int next_record(cursor *c, record *r);
void close_cursor(cursor *c);
int mark_seen(store *s, long id);

#endif
