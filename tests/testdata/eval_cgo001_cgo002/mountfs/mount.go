// Package mountfs wraps mount(2)-style calls exposed by a C shim.
package mountfs

/*
#include <stdlib.h>

#define MS_BIND 4096
#define MNT_DETACH 2

static int sys_mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data) { return 0; }
static int sys_umount2(const char *target, int flags) { return 0; }
static int sys_mkdir(const char *path, unsigned int mode) { return 0; }
static int sys_statfs_type(const char *path, long *type) { *type = 0x01021994; return 0; }
*/
import "C"

import (
	"errors"
	"fmt"
	"syscall"
	"unsafe"
)

// Mount mounts source on target; data holds filesystem-specific options.
func Mount(source, target, fstype string, flags uintptr, data string) error {
	csource := C.CString(source)
	defer C.free(unsafe.Pointer(csource))
	ctarget := C.CString(target)
	defer C.free(unsafe.Pointer(ctarget))
	cfstype := C.CString(fstype)
	defer C.free(unsafe.Pointer(cfstype))
	var cdata *C.char
	if data != "" {
		cdata = C.CString(data) // want CGO001
	}
	if rc, err := C.sys_mount(csource, ctarget, cfstype, C.ulong(flags), unsafe.Pointer(cdata)); rc != 0 {
		return fmt.Errorf("mount %s on %s: %w", source, target, err)
	}
	if cdata != nil {
		C.free(unsafe.Pointer(cdata))
	}
	return nil
}

// Unmount unmounts target, lazily if requested.
func Unmount(target string, lazy bool) error {
	ctarget := C.CString(target)
	defer C.free(unsafe.Pointer(ctarget))
	flags := C.int(0)
	if lazy {
		flags = C.MNT_DETACH
	}
	if rc, err := C.sys_umount2(ctarget, flags); rc != 0 {
		return fmt.Errorf("umount %s: %w", target, err)
	}
	return nil
}

// EnsureDirs creates each mount point, ignoring ones that exist.
func EnsureDirs(paths []string) error {
	for _, p := range paths {
		cp := C.CString(p) // want CGO001
		rc, err := C.sys_mkdir(cp, 0o755)
		if rc != 0 && !errors.Is(err, syscall.EEXIST) {
			return fmt.Errorf("mkdir %s: %w", p, err)
		}
		C.free(unsafe.Pointer(cp))
	}
	return nil
}

// FSType returns the filesystem magic number of path.
func FSType(path string) (magic int64, err error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var t C.long
	if rc, e := C.sys_statfs_type(cpath, &t); rc != 0 {
		err = fmt.Errorf("statfs %s: %w", path, e)
		return
	}
	magic = int64(t)
	return
}

// BindAll bind-mounts each source onto its target.
func BindAll(pairs map[string]string) error {
	for src, dst := range pairs {
		csrc := C.CString(src)
		defer C.free(unsafe.Pointer(csrc))
		cdst := C.CString(dst)
		defer C.free(unsafe.Pointer(cdst))
		if rc, err := C.sys_mount(csrc, cdst, nil, C.MS_BIND, nil); rc != 0 {
			return fmt.Errorf("bind %s on %s: %w", src, dst, err)
		}
	}
	return nil
}

// MustUnmount unmounts target and panics on failure.
func MustUnmount(target string) {
	ctarget := C.CString(target)
	defer C.free(unsafe.Pointer(ctarget))
	if rc, err := C.sys_umount2(ctarget, 0); rc != 0 {
		panic(fmt.Sprintf("umount %s: %v", target, err))
	}
}
