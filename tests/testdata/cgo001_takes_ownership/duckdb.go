package owned

/*
#include <stdlib.h>
typedef struct { void *p; } duckdb_prepared_statement;
typedef int duckdb_state;
typedef unsigned long long idx_t;
// From DuckDB's C API: binds copy the value; duckdb_free is free().
duckdb_state duckdb_bind_varchar(duckdb_prepared_statement stmt, idx_t i, const char *val);
void duckdb_free(void *ptr);
*/
import "C"

import "unsafe"

// BindString frees with duckdb_free, DuckDB's name for free(): freed on every path.
func BindString(stmt C.duckdb_prepared_statement, val string, n int) C.duckdb_state {
	v := C.CString(val)
	state := C.duckdb_bind_varchar(stmt, C.idx_t(n+1), v)
	C.duckdb_free(unsafe.Pointer(v))
	return state
}

// BindEarly frees only after the error check.
func BindEarly(stmt C.duckdb_prepared_statement, val string, n int) C.duckdb_state {
	v := C.CString(val) // want CGO001 "v \(from C.CString\) is not freed when returning at line 28; replace the free at line 30"
	if state := C.duckdb_bind_varchar(stmt, C.idx_t(n+1), v); state != 0 {
		return state
	}
	C.duckdb_free(unsafe.Pointer(v))
	return 0
}
