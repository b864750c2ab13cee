// Command procstats exposes a few /proc figures over HTTP.
package main

/*
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_first_line(const char *path, char *buf, int n)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	int ok = fgets(buf, n, f) != NULL;
	fclose(f);
	return ok ? 0 : -1;
}

static long parse_kb(const char *line)
{
	const char *p = strpbrk(line, "0123456789");
	return p ? strtol(p, NULL, 10) : -1;
}

static int load_avg(double *a) { return getloadavg(a, 3); }

static long uid_of(const char *name)
{
	struct passwd *pw = getpwnam(name);
	return pw ? (long)pw->pw_uid : -1;
}
*/
import "C"

import (
	"fmt"
	"log"
	"net/http"
	"strconv"
	"strings"
	"unsafe"
)

func firstLine(path string) (string, bool) {
	cp := C.CString(path)
	defer C.free(unsafe.Pointer(cp))
	var buf [256]C.char
	if C.read_first_line(cp, &buf[0], C.int(len(buf))) != 0 { // want CGO003
		return "", false
	}
	return strings.TrimSpace(C.GoString(&buf[0])), true
}

func meminfo(w http.ResponseWriter, r *http.Request) {
	line, ok := firstLine("/proc/meminfo")
	if !ok {
		http.Error(w, "no meminfo", http.StatusInternalServerError)
		return
	}
	cl := C.CString(line)
	defer C.free(unsafe.Pointer(cl))
	fmt.Fprintf(w, "total_kb %d\n", C.parse_kb(cl))
}

type procHandler struct{}

func (procHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for _, pid := range strings.Split(r.URL.Query().Get("pids"), ",") {
		if _, err := strconv.Atoi(pid); err != nil {
			continue
		}
		cp := C.CString("/proc/" + pid + "/comm")
		var comm [64]C.char
		if C.read_first_line(cp, &comm[0], C.int(len(comm))) == 0 { // want CGO003
			fmt.Fprintf(w, "%s %s", pid, C.GoString(&comm[0]))
		}
		C.free(unsafe.Pointer(cp))
	}
}

func main() {
	var buf [256]C.char
	ver := C.CString("/proc/version")
	if C.read_first_line(ver, &buf[0], C.int(len(buf))) == 0 {
		log.Printf("kernel: %s", strings.TrimSpace(C.GoString(&buf[0])))
	}
	C.free(unsafe.Pointer(ver))

	http.HandleFunc("/meminfo", meminfo)
	http.HandleFunc("/load", func(w http.ResponseWriter, r *http.Request) {
		var a [3]C.double
		if C.load_avg(&a[0]) == 3 {
			fmt.Fprintf(w, "%.2f %.2f %.2f\n", a[0], a[1], a[2])
		}
	})
	http.HandleFunc("/uid", func(w http.ResponseWriter, r *http.Request) {
		cn := C.CString(r.URL.Query().Get("user"))
		defer C.free(unsafe.Pointer(cn))
		fmt.Fprintln(w, C.uid_of(cn)) // want CGO003
	})
	http.Handle("/procs", procHandler{})
	log.Fatal(http.ListenAndServe(":9100", nil))
}
