#include <libpq-fe.h>
#include <stdlib.h>
#include "query.h"

/* run_count returns the number of rows of a query, or -1. */
int run_count(PGconn *conn, const char *sql) {
	PGresult *res = PQexec(conn, sql); // want CGO004 "PQexec in C function run_count is a call into PostgreSQL libpq.*github.com/jackc/pgx/v5"
	if (PQresultStatus(res) != PGRES_TUPLES_OK) { // want CGO004
		PQclear(res); // want CGO004
		return -1;
	}
	int n = PQntuples(res); // want CGO004
	PQclear(res); // want CGO004
	return n;
}
