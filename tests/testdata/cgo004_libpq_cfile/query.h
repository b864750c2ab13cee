#include <libpq-fe.h>
int run_count(PGconn *conn, const char *sql);
