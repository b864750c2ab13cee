// Package spawn starts processes through a small C launcher.
package spawn

/*
#include <stdlib.h>
#include <unistd.h>

static int spawn_process(const char *path, char *const argv[], char *const envp[], int *pid) { *pid = 1; return 0; }
*/
import "C"

import (
	"fmt"
	"os"
	"unsafe"
)

// cStrings converts ss to a NULL-terminated C array; free it with freeCStrings.
func cStrings(ss []string) []*C.char {
	out := make([]*C.char, len(ss)+1)
	for i, s := range ss {
		out[i] = C.CString(s)
	}
	return out
}

func freeCStrings(cs []*C.char) {
	for _, c := range cs {
		if c != nil {
			C.free(unsafe.Pointer(c))
		}
	}
}

// Spawn starts path with args and env and returns its pid.
func Spawn(path string, args, env []string) (int, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	cargs := make([]*C.char, len(args)+1)
	for i, a := range args {
		cargs[i] = C.CString(a)
	}
	defer func() {
		for _, a := range cargs {
			C.free(unsafe.Pointer(a))
		}
	}()
	cenv := cStrings(env)
	defer freeCStrings(cenv)
	var pid C.int
	if rc := C.spawn_process(cpath, &cargs[0], &cenv[0], &pid); rc != 0 {
		return 0, fmt.Errorf("spawn %s: error %d", path, int(rc))
	}
	return int(pid), nil
}

// LookPath finds file in one of dirs.
func LookPath(file string, dirs []string) (string, error) {
	for _, d := range dirs {
		p := d + "/" + file
		cp := C.CString(p) // want CGO001
		if C.access(cp, C.X_OK) == 0 {
			return p, nil
		}
		C.free(unsafe.Pointer(cp))
	}
	return "", fmt.Errorf("spawn: %s not found", file)
}

// Exec replaces the current process image.
func Exec(path string, args []string) error {
	cpath := C.CString(path) // want CGO001
	cargs := cStrings(args)
	defer freeCStrings(cargs)
	_, err := C.execv(cpath, &cargs[0])
	return fmt.Errorf("exec %s: %w", path, err)
}

// Chdir changes the working directory of the C side.
func Chdir(dir string) error {
	cdir := C.CString(dir)
	defer C.free(unsafe.Pointer(cdir))
	if rc, err := C.chdir(cdir); rc != 0 {
		return &os.PathError{Op: "chdir", Path: dir, Err: err}
	}
	return nil
}

// Executable reports whether every path is executable.
func Executable(paths ...string) bool {
	for _, p := range paths {
		cp := C.CString(p)
		ok := C.access(cp, C.X_OK) == 0
		C.free(unsafe.Pointer(cp))
		if !ok {
			return false
		}
	}
	return true
}

// Symlink creates newname as a symbolic link to oldname.
func Symlink(oldname, newname string) error {
	cold := C.CString(oldname)
	cnew := C.CString(newname) // want CGO001
	defer C.free(unsafe.Pointer(cold))
	if rc, err := C.symlink(cold, cnew); rc != 0 {
		return &os.LinkError{Op: "symlink", Old: oldname, New: newname, Err: err}
	}
	return nil
}
