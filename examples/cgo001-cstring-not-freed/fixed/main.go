// Command devprobe opens a list of device paths through a small C driver
// shim, reports which ones are available and how many of their names the
// shim accepts as labels.
//
// Every C.CString is followed at once by a deferred C.free, so the C copy of
// a path or name is freed on every path out of the function that made it,
// error returns included.
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
	defer C.free(unsafe.Pointer(cpath))
	h, err := C.open_resource(cpath)
	if h < 0 {
		return -1, fmt.Errorf("open %s: %w", p, err)
	}
	return int(h), nil
}

// validLabel reports whether name is a valid label. It is a function of its
// own so that the deferred free runs once per name, not at the end of a loop.
func validLabel(name string) bool {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	return C.valid_label(cname) != 0
}

// countLabels returns how many of names are valid labels.
func countLabels(names []string) int {
	n := 0
	for _, name := range names {
		if validLabel(name) {
			n++
		}
	}
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
