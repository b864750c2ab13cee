// Command httpdb serves a small user directory backed by a line-protocol database.
package main

/*
#include <stdlib.h>
#include "db.h"
*/
import "C"

import (
	"fmt"
	"log"
	"net/http"
	"sync"
	"unsafe"
)

var conn *C.db_conn

func main() {
	host := C.CString("127.0.0.1")
	defer C.free(unsafe.Pointer(host))
	conn = C.db_connect(host, 7070)
	if conn == nil {
		log.Fatal("db: connect failed")
	}
	defer C.db_close(conn)

	http.HandleFunc("/users", func(w http.ResponseWriter, r *http.Request) {
		name := C.CString(r.URL.Query().Get("name"))
		defer C.free(unsafe.Pointer(name))
		var esc [256]C.char
		if C.db_escape(name, &esc[0], C.int(len(esc))) < 0 {
			http.Error(w, "name too long", http.StatusBadRequest)
			return
		}
		sql := C.CString(fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", C.GoString(&esc[0])))
		defer C.free(unsafe.Pointer(sql))
		var out [1024]C.char
		if C.db_query(conn, sql, &out[0], C.int(len(out))) < 0 { // want CGO003
			http.Error(w, C.GoString(C.db_last_error(conn)), http.StatusBadGateway)
			return
		}
		fmt.Fprintln(w, C.GoString(&out[0]))
	})
	http.Handle("/stats", &statsHandler{})
	http.HandleFunc("/touch", touch)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

type statsHandler struct {
	prepare sync.Once
}

func (h *statsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.prepare.Do(func() {
		name := C.CString("user_count")
		defer C.free(unsafe.Pointer(name))
		sql := C.CString("SELECT count(*) FROM users")
		defer C.free(unsafe.Pointer(sql))
		C.db_prepare(conn, name, sql)
	})
	exec := C.CString("EXECUTE user_count")
	defer C.free(unsafe.Pointer(exec))
	var out [64]C.char
	C.db_query(conn, exec, &out[0], C.int(len(out))) // want CGO003
	fmt.Fprintf(w, "users=%s\n", C.GoString(&out[0]))
}

func touch(w http.ResponseWriter, r *http.Request) {
	sql := C.CString("UPDATE meta SET touched = now()")
	defer C.free(unsafe.Pointer(sql))
	if C.db_exec(conn, sql) != 0 { // want CGO003
		http.Error(w, C.GoString(C.db_last_error(conn)), http.StatusBadGateway)
	}
}

// deleteUser is not registered yet; it still has a handler's signature.
func deleteUser(w http.ResponseWriter, r *http.Request) {
	sql := C.CString("DELETE FROM users WHERE id = " + r.URL.Query().Get("id"))
	defer C.free(unsafe.Pointer(sql))
	C.db_exec(conn, sql) // want CGO003
}
