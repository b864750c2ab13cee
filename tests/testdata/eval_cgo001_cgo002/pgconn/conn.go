// Package pgconn is a minimal libpq client.
package pgconn

/*
#include <stdlib.h>
#include <string.h>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

#define CONNECTION_OK 0
#define PGRES_COMMAND_OK 1
#define PGRES_TUPLES_OK 2

static PGconn *PQconnectdb(const char *conninfo) { return 0; }
static int PQstatus(const PGconn *conn) { return CONNECTION_OK; }
static char *PQerrorMessage(const PGconn *conn) { return (char *)""; }
static void PQfinish(PGconn *conn) {}
static PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const unsigned int *paramTypes,
	const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat) { return 0; }
static int PQresultStatus(const PGresult *res) { return PGRES_COMMAND_OK; }
static char *PQresultErrorMessage(const PGresult *res) { return (char *)""; }
static void PQclear(PGresult *res) {}
static int PQntuples(const PGresult *res) { return 0; }
static char *PQgetvalue(const PGresult *res, int row, int col) { return (char *)""; }
static char *PQescapeLiteral(PGconn *conn, const char *str, size_t len) { return strndup(str, len); }
static void PQfreemem(void *ptr) { free(ptr); }
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"
)

// Conn is a database connection.
type Conn struct{ c *C.PGconn }

// Connect opens a connection described by conninfo.
func Connect(conninfo string) (*Conn, error) {
	cinfo := C.CString(conninfo)
	defer C.free(unsafe.Pointer(cinfo))
	c := C.PQconnectdb(cinfo)
	if C.PQstatus(c) != C.CONNECTION_OK {
		err := errors.New(C.GoString(C.PQerrorMessage(c)))
		C.PQfinish(c)
		return nil, err
	}
	return &Conn{c: c}, nil
}

// Exec runs command with text parameters and returns the number of rows.
func (c *Conn) Exec(command string, args ...string) (int, error) {
	ccmd := C.CString(command)
	defer C.free(unsafe.Pointer(ccmd))
	values := make([]*C.char, len(args))
	for i, a := range args {
		values[i] = C.CString(a)
		defer C.free(unsafe.Pointer(values[i]))
	}
	var pv **C.char
	if len(values) > 0 {
		pv = &values[0]
	}
	res := C.PQexecParams(c.c, ccmd, C.int(len(args)), nil, pv, nil, nil, 0)
	defer C.PQclear(res)
	if st := C.PQresultStatus(res); st != C.PGRES_COMMAND_OK && st != C.PGRES_TUPLES_OK {
		return 0, errors.New(C.GoString(C.PQresultErrorMessage(res)))
	}
	return int(C.PQntuples(res)), nil
}

// Quote escapes s as an SQL literal.
func (c *Conn) Quote(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	q := C.PQescapeLiteral(c.c, cs, C.size_t(len(s)))
	defer C.PQfreemem(unsafe.Pointer(q))
	return C.GoString(q)
}

// Insert inserts one row of quoted literals into table.
func (c *Conn) Insert(table string, values []string) error {
	quoted := make([]string, len(values))
	for i, v := range values {
		cv := C.CString(v)
		q := C.PQescapeLiteral(c.c, cv, C.size_t(len(v))) // want CGO001
		C.free(unsafe.Pointer(cv))
		if q == nil {
			return errors.New(C.GoString(C.PQerrorMessage(c.c)))
		}
		quoted[i] = C.GoString(q)
	}
	_, err := c.Exec(fmt.Sprintf("INSERT INTO %s VALUES (%s)", table, strings.Join(quoted, ", ")))
	return err
}

// QueryColumn returns the first column of every row.
func (c *Conn) QueryColumn(query string) ([]string, error) {
	cq := C.CString(query) // want CGO001
	res := C.PQexecParams(c.c, cq, 0, nil, nil, nil, nil, 0)
	defer C.PQclear(res)
	if C.PQresultStatus(res) != C.PGRES_TUPLES_OK {
		return nil, errors.New(C.GoString(C.PQresultErrorMessage(res)))
	}
	C.free(unsafe.Pointer(cq))
	rows := make([]string, int(C.PQntuples(res)))
	for i := range rows {
		rows[i] = C.GoString(C.PQgetvalue(res, C.int(i), 0))
	}
	return rows, nil
}
