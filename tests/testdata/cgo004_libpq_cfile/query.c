#include <libpq-fe.h> // want CGO004 "^Package db calls into PostgreSQL libpq from 8 call sites in 2 files; pure-Go replacement: github.com/jackc/pgx/v5\. github.com/lib/pq is pure Go too but in maintenance mode\. Table row `libpq`; to stop this note: `disable = \[\"libpq\"\]` under \[rules\.CGO004\]\.$"
#include <stdlib.h>
#include "query.h"

/* run_count returns the number of rows of a query, or -1. */
int run_count(PGconn *conn, const char *sql) {
	PGresult *res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		PQclear(res);
		return -1;
	}
	int n = PQntuples(res);
	PQclear(res);
	return n;
}
