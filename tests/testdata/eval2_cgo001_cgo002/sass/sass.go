// Package sass compiles SCSS through a libsass-like C API.
package sass

/*
#include <stdlib.h>
#include <string.h>

struct Sass_Options {
	const char* input_path;
	const char* output_style;
	char** include_paths;
	int n_include;
	int precision;
};

static char* sass_compile_string(struct Sass_Options* o, const char* src, char** err) {
	(void)o;
	if (src[0] == 0) { *err = strdup("empty input"); return NULL; }
	return strdup(src);
}
static char* sass_find_include(const char* name, char** dirs, int n) {
	return n > 0 && dirs[0] ? strdup(name) : NULL;
}
static void sass_free_memory(void* p) { free(p); }
static char* sass2scss(const char* sass, int options) { (void)options; return strdup(sass); }
static void sass_option_push_plugin_path(struct Sass_Options* o, const char* path) { (void)o; (void)path; }
static const char* libsass_version(void) { return "3.6.6"; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Options owns every C string handed to the compiler.
type Options struct {
	c    C.struct_Sass_Options
	argv unsafe.Pointer
}

// NewOptions builds compiler options; call Free when done.
func NewOptions(inputPath, style string, includes []string, precision int) *Options {
	o := &Options{}
	o.c.input_path = C.CString(inputPath)
	o.c.output_style = C.CString(style)
	o.argv = C.calloc(C.size_t(len(includes)+1), C.size_t(unsafe.Sizeof((*C.char)(nil))))
	argv := unsafe.Slice((**C.char)(o.argv), len(includes)+1)
	for i, p := range includes {
		argv[i] = C.CString(p)
	}
	o.c.include_paths = (**C.char)(o.argv)
	o.c.n_include = C.int(len(includes))
	o.c.precision = C.int(precision)
	return o
}

// Free releases the option strings.
func (o *Options) Free() {
	C.free(unsafe.Pointer(o.c.input_path))
	C.free(unsafe.Pointer(o.c.output_style))
	for _, p := range unsafe.Slice((**C.char)(o.argv), int(o.c.n_include)) {
		C.free(unsafe.Pointer(p))
	}
	C.free(o.argv)
	*o = Options{}
}

// Compile compiles SCSS source to CSS.
func (o *Options) Compile(src string) (string, error) {
	csrc := C.CString(src)
	defer C.free(unsafe.Pointer(csrc))
	var cerr *C.char
	out := C.sass_compile_string(&o.c, csrc, &cerr)
	if out == nil {
		msg := C.GoString(cerr)
		C.sass_free_memory(unsafe.Pointer(cerr))
		return "", errors.New(msg)
	}
	defer C.sass_free_memory(unsafe.Pointer(out))
	return C.GoString(out), nil
}

// AddPluginPaths registers plugin directories.
func (o *Options) AddPluginPaths(paths []string) {
	var cpath *C.char
	defer func() { C.free(unsafe.Pointer(cpath)) }()
	for _, p := range paths {
		cpath = C.CString(p) // want CGO001
		C.sass_option_push_plugin_path(&o.c, cpath)
	}
}

// Sass2Scss converts indented syntax to SCSS.
func Sass2Scss(src string) string {
	csrc := C.CString(src)
	defer C.free(unsafe.Pointer(csrc))
	return C.GoString(C.sass2scss(csrc, 0)) // want CGO001
}

// ResolveImport finds name in one of dirs.
func ResolveImport(name string, dirs []string) (string, error) {
	n := len(dirs)
	arr := C.calloc(C.size_t(n+1), C.size_t(unsafe.Sizeof(uintptr(0)))) // want CGO002
	argv := unsafe.Slice((**C.char)(arr), n+1)
	for i, d := range dirs {
		argv[i] = C.CString(d)
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	found := C.sass_find_include(cname, (**C.char)(arr), C.int(n))
	if found == nil {
		return "", fmt.Errorf("sass: import %q not found", name)
	}
	defer C.sass_free_memory(unsafe.Pointer(found))
	for _, p := range argv[:n] {
		C.free(unsafe.Pointer(p))
	}
	C.free(arr)
	return C.GoString(found), nil
}

// Version returns the libsass version string (static storage).
func Version() string { return C.GoString(C.libsass_version()) }
