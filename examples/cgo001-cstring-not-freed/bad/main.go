// Command devprobe opens a list of device paths through a small C driver
// shim, reports which ones are available and how many of their names the
// shim accepts as labels.
//
// This version leaks the C copies of the paths: openDevice returns early on
// the error path before C.free, and countLabels overwrites its C string on
// every iteration and frees only the last one. cgolint reports both as
// CGO001 cstring-not-freed (see ../fixed).
package main

/*
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int next_handle = 3;

// open_resource "opens" the device at path and returns a handle, or -1 with
// errno set when the path is not an absolute path under /dev/.
static int open_resource(const char *path) {
	if (path[0] != '/') {
		errno = EINVAL;
		return -1;
	}
	if (strncmp(path, "/dev/", 5) != 0) {
		errno = ENOENT;
		return -1;
	}
	return next_handle++;
}

// valid_label reports whether name is usable as a label: 1 to 15 bytes of
// lowercase letters and digits.
static int valid_label(const char *name) {
	size_t n = strlen(name);
	if (n == 0 || n > 15) {
		return 0;
	}
	return strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789") == n;
}
*/
import "C"

import (
	"fmt"
	"path"
	"unsafe"
)

// openDevice opens the device at p and returns its handle.
func openDevice(p string) (int, error) {
	cpath := C.CString(p)
	h, err := C.open_resource(cpath)
	if h < 0 {
		return -1, fmt.Errorf("open %s: %w", p, err) // leaks cpath
	}
	C.free(unsafe.Pointer(cpath))
	return int(h), nil
}

// countLabels returns how many of names are valid labels.
func countLabels(names []string) int {
	var cname *C.char
	n := 0
	for _, name := range names {
		cname = C.CString(name) // the next iteration overwrites (and leaks) this one
		if C.valid_label(cname) != 0 {
			n++
		}
	}
	C.free(unsafe.Pointer(cname))
	return n
}

func main() {
	paths := []string{
		"/dev/null",
		"dev/ttyS0",
		"/dev/sda",
		"/tmp/not-a-device",
		"/dev/loop0",
		"/dev/ttyUSB0",
		"relative",
	}

	var names []string
	for _, p := range paths {
		h, err := openDevice(p)
		if err != nil {
			fmt.Println("skip:", err)
			continue
		}
		fmt.Printf("open: %s -> handle %d\n", p, h)
		names = append(names, path.Base(p))
	}
	fmt.Printf("%d of %d devices open, %d with valid labels\n",
		len(names), len(paths), countLabels(names))
}
