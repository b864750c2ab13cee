#ifndef HTTPDB_DB_H
#define HTTPDB_DB_H

typedef struct db_conn db_conn;

db_conn *db_connect(const char *host, int port);
int db_query(db_conn *c, const char *sql, char *out, int outlen);
int db_exec(db_conn *c, const char *sql);
int db_prepare(db_conn *c, const char *name, const char *sql);
int db_escape(const char *in, char *out, int outlen);
const char *db_last_error(const db_conn *c);
void db_close(db_conn *c);

#endif
