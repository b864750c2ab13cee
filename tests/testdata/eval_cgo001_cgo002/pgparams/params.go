// Package pgparams sends binary query parameters through libpq.
package pgparams

/*
#include <stdlib.h>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

#define PGRES_COMMAND_OK 1

static PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const unsigned int *paramTypes,
	const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat) { return 0; }
static int PQresultStatus(const PGresult *res) { return PGRES_COMMAND_OK; }
static char *PQresultErrorMessage(const PGresult *res) { return (char *)""; }
static void PQclear(PGresult *res) {}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Conn is a borrowed libpq connection.
type Conn struct{ c *C.PGconn }

func freeAll(ps []*C.char) {
	for _, p := range ps {
		C.free(unsafe.Pointer(p))
	}
}

func resultError(res *C.PGresult) error {
	if C.PQresultStatus(res) == C.PGRES_COMMAND_OK {
		return nil
	}
	return errors.New("pg: " + C.GoString(C.PQresultErrorMessage(res)))
}

// ExecBinary runs command with binary parameters.
func (c *Conn) ExecBinary(command string, args [][]byte) error {
	ccmd := C.CString(command)
	defer C.free(unsafe.Pointer(ccmd))
	n := len(args)
	lengths := unsafe.Slice((*C.int)(C.calloc(C.size_t(n+1), C.size_t(unsafe.Sizeof(C.int(0))))), n+1)
	defer C.free(unsafe.Pointer(&lengths[0]))
	formats := C.calloc(C.size_t(n+1), C.size_t(unsafe.Sizeof(C.int(0))))
	defer C.free(formats)
	fmts := (*[1 << 20]C.int)(formats)[:n:n]
	values := make([]*C.char, n+1)
	for i, a := range args {
		values[i] = (*C.char)(C.CBytes(a))
		lengths[i], fmts[i] = C.int(len(a)), 1
	}
	defer freeAll(values)
	res := C.PQexecParams(c.c, ccmd, C.int(n), nil, &values[0], &lengths[0], (*C.int)(formats), 0)
	defer C.PQclear(res)
	return resultError(res)
}

// SendBatch runs command once per row of binary parameters.
func (c *Conn) SendBatch(command string, rows [][][]byte) error {
	ccmd := C.CString(command)
	defer C.free(unsafe.Pointer(ccmd))
	for _, row := range rows {
		n := len(row)
		lmem := C.calloc(C.size_t(n+1), C.size_t(unsafe.Sizeof(C.int(0)))) // want CGO002
		lengths := unsafe.Slice((*C.int)(lmem), n+1)
		values := make([]*C.char, n+1)
		for i, v := range row {
			values[i] = (*C.char)(C.CBytes(v))
			lengths[i] = C.int(len(v))
		}
		res := C.PQexecParams(c.c, ccmd, C.int(n), nil, &values[0], &lengths[0], nil, 1)
		err := resultError(res)
		C.PQclear(res)
		freeAll(values)
		if err != nil {
			return err
		}
		C.free(lmem)
	}
	return nil
}

// ExecOne runs command with a single text parameter.
func (c *Conn) ExecOne(command, arg string) error {
	ccmd := C.CString(command)
	defer C.free(unsafe.Pointer(ccmd))
	carg := C.CString(arg) // want CGO001
	res := C.PQexecParams(c.c, ccmd, 1, nil, &carg, nil, nil, 0)
	defer C.PQclear(res)
	return resultError(res)
}

// ExecTyped runs command with one parameter whose text form depends on its type; nil is SQL NULL.
func (c *Conn) ExecTyped(command string, v any) error {
	ccmd := C.CString(command)
	defer C.free(unsafe.Pointer(ccmd))
	var carg *C.char
	switch x := v.(type) {
	case string:
		carg = C.CString(x)
	case []byte:
		carg = (*C.char)(C.CBytes(append(x[:len(x):len(x)], 0)))
	case nil:
	default:
		return fmt.Errorf("pg: unsupported parameter type %T", v)
	}
	defer C.free(unsafe.Pointer(carg))
	res := C.PQexecParams(c.c, ccmd, 1, nil, &carg, nil, nil, 0)
	defer C.PQclear(res)
	return resultError(res)
}
