package httpc

/*
#include <stdlib.h>
typedef struct { const char *name; int flags; } column_t;
// From a process library: reads argv during the call.
int proc_spawn(char **argv, int argc);
// From a table library: copies the column names.
int table_create(void *db, column_t *cols, int n);
// The package's own helpers: spawn, then free every argument.
static void free_argv(char **argv, int n) {
	for (int i = 0; i < n; i++) free(argv[i]);
}
static int proc_spawn_free(char **argv, int n) {
	int rc = proc_spawn(argv, n);
	free_argv(argv, n);
	return rc;
}
*/
import "C"

import "unsafe"

// Spawn builds argv with append and never frees its elements.
func Spawn(args []string) int {
	var argv []*C.char
	for _, a := range args {
		argv = append(argv, C.CString(a)) // want CGO001 "C.CString memory stored in an element of argv is not freed when returning at line 30; if C.proc_spawn only borrows the strings \(check its documentation\), free every element of argv before it goes away"
	}
	return int(C.proc_spawn(&argv[0], C.int(len(argv))))
}

// SpawnFreed frees every element in a deferred closure, which reads argv when it runs.
func SpawnFreed(args []string) int {
	argv := make([]*C.char, 0, len(args))
	defer func() {
		for _, p := range argv {
			C.free(unsafe.Pointer(p))
		}
	}()
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	return int(C.proc_spawn(&argv[0], C.int(len(argv))))
}

// SpawnEarlyDefer hands argv to the deferred function while it is still empty: the arguments of
// a deferred call are evaluated at the defer statement, so nothing appended later is freed.
func SpawnEarlyDefer(args []string) int {
	var argv []*C.char
	defer func(ps []*C.char) {
		for _, p := range ps {
			C.free(unsafe.Pointer(p))
		}
	}(argv)
	for _, a := range args {
		argv = append(argv, C.CString(a)) // want CGO001 "the deferred call at line 51 was given argv when it was still empty"
	}
	return int(C.proc_spawn(&argv[0], C.int(len(argv))))
}

// SpawnHelper frees through a package helper that frees every element.
func SpawnHelper(args []string) int {
	argv := make([]*C.char, len(args))
	for i, a := range args {
		argv[i] = C.CString(a)
	}
	defer freeAll(argv)
	return int(C.proc_spawn(&argv[0], C.int(len(argv))))
}

// SpawnLoopFree frees every element with an index loop on the way out.
func SpawnLoopFree(args []string) int {
	argv := make([]*C.char, len(args))
	for i, a := range args {
		argv[i] = C.CString(a)
	}
	rc := C.proc_spawn(&argv[0], C.int(len(argv)))
	for i := 0; i < len(argv); i++ {
		C.free(unsafe.Pointer(argv[i]))
	}
	return int(rc)
}

// SpawnEarlyReturn frees the elements on the normal path only.
func SpawnEarlyReturn(args []string) int {
	argv := make([]*C.char, len(args))
	for i, a := range args {
		argv[i] = C.CString(a) // want CGO001 "C.CString memory stored in an element of argv is not freed when returning at line 92"
	}
	if len(argv) > 64 {
		return -1
	}
	rc := C.proc_spawn(&argv[0], C.int(len(argv)))
	freeAll(argv)
	return int(rc)
}

func freeAll(ps []*C.char) {
	for _, p := range ps {
		C.free(unsafe.Pointer(p))
	}
}

// CreateTable fills an array of C structs and frees none of the names.
func CreateTable(db unsafe.Pointer, names []string) int {
	cols := make([]C.column_t, len(names))
	for i, n := range names {
		cols[i].name = C.CString(n) // want CGO001 "C.CString memory stored in cols\[\]\.name is not freed when returning at line 112"
		cols[i].flags = 0
	}
	return int(C.table_create(db, &cols[0], C.int(len(cols))))
}

// CreateTableFreed frees every name.
func CreateTableFreed(db unsafe.Pointer, names []string) int {
	cols := make([]C.column_t, len(names))
	for i, n := range names {
		cols[i].name = C.CString(n)
	}
	defer func() {
		for i := range cols {
			C.free(unsafe.Pointer(cols[i].name))
		}
	}()
	return int(C.table_create(db, &cols[0], C.int(len(cols))))
}

// Triple uses a fixed array on the stack.
func Triple(a, b, c string) int {
	var argv [4]*C.char
	argv[0] = C.CString(a) // want CGO001 "C.CString memory stored in an element of argv is not freed when returning at line 135"
	argv[1] = C.CString(b) // want CGO001 "C.CString memory stored in an element of argv"
	argv[2] = C.CString(c) // want CGO001 "C.CString memory stored in an element of argv"
	return int(C.proc_spawn(&argv[0], 3))
}

// Literal builds argv with a slice literal and frees it.
func Literal(a, b string) int {
	argv := []*C.char{C.CString(a), C.CString(b), nil}
	defer freeAll(argv)
	return int(C.proc_spawn(&argv[0], 2))
}

// Args returns argv: its caller frees it.
func Args(args []string) []*C.char {
	var argv []*C.char
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	return argv
}

// Holder keeps argv in a field and frees it in Close.
type Holder struct{ argv []*C.char }

func (h *Holder) Set(args []string) {
	argv := make([]*C.char, 0, len(args))
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	h.argv = argv
}

// Appended through a variable: the element keeps it.
func Spawn2(args []string) int {
	var argv []*C.char
	for _, a := range args {
		p := C.CString(a) // want CGO001 "p \(from C.CString, kept in an element of argv\) is not freed when returning at line 172"
		argv = append(argv, p)
	}
	return int(C.proc_spawn(&argv[0], C.int(len(argv))))
}

// SpawnC lends argv to a C helper of the package that frees every element.
func SpawnC(args []string) int {
	argv := make([]*C.char, 0, len(args))
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	return int(C.proc_spawn_free(&argv[0], C.int(len(argv))))
}

// SpawnIndexDefer defers the helper before storing by index into a slice made with its final
// length: the deferred call shares the backing array, so it frees what is stored later.
func SpawnIndexDefer(args []string) int {
	argv := make([]*C.char, len(args))
	defer freeAll(argv)
	for i, a := range args {
		argv[i] = C.CString(a)
	}
	return int(C.proc_spawn(&argv[0], C.int(len(argv))))
}

// lastArgv keeps the most recent argv for a later call.
var lastArgv []*C.char

// SpawnKeep stores argv in a package-level variable: the elements leave with it.
func SpawnKeep(args []string) int {
	var argv []*C.char
	for _, a := range args {
		argv = append(argv, C.CString(a))
	}
	lastArgv = argv
	return int(C.proc_spawn(&argv[0], C.int(len(argv))))
}

// Env builds a map of C strings and frees them all.
func Env(vars map[string]string) int {
	cvars := map[string]*C.char{}
	defer func() {
		for _, v := range cvars {
			C.free(unsafe.Pointer(v))
		}
	}()
	for k, v := range vars {
		cvars[k] = C.CString(v)
	}
	return len(cvars)
}

// SpawnEach builds a fresh argv for every command and frees none of them.
func SpawnEach(cmds [][]string) {
	for _, args := range cmds {
		argv := make([]*C.char, 0, len(args))
		for _, a := range args {
			argv = append(argv, C.CString(a)) // want CGO001 "C.CString memory stored in an element of argv is not freed by the end of the loop iteration at line 230, so every iteration leaks; free every element of argv before each iteration ends"
		}
		C.proc_spawn(&argv[0], C.int(len(argv)))
	}
}
