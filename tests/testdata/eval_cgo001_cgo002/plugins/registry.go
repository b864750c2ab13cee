// Package plugins keeps C-visible names for a plugin registry implemented in C.
package plugins

/*
#include <stdlib.h>

static void *plugin_lookup(const char *name) { return 0; }
static int plugin_register(const char *name, void *fn) { return 0; }
static void plugin_trace(const char *name) {}
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

var (
	mu          sync.Mutex
	interned    = map[string]*C.char{}
	pinned      []*C.char // names the C registry still points to
	defaultName *C.char
	debug       bool
)

// Intern returns a C copy of name that lives for the life of the process.
func Intern(name string) *C.char {
	mu.Lock()
	defer mu.Unlock()
	if c, ok := interned[name]; ok {
		return c
	}
	c := C.CString(name)
	interned[name] = c
	return c
}

// SetDefault sets the default plugin name.
func SetDefault(name string) {
	mu.Lock()
	defer mu.Unlock()
	if defaultName != nil {
		C.free(unsafe.Pointer(defaultName))
	}
	defaultName = C.CString(name)
}

func pin(c *C.char) {
	mu.Lock()
	pinned = append(pinned, c)
	mu.Unlock()
}

func trace(c *C.char) {
	if debug {
		C.plugin_trace(c)
	}
}

// Register registers fn under name; the C registry keeps the name pointer.
func Register(name string, fn unsafe.Pointer) error {
	cname := C.CString(name)
	if rc := C.plugin_register(cname, fn); rc != 0 {
		C.free(unsafe.Pointer(cname))
		return fmt.Errorf("plugins: register %s: %d", name, int(rc))
	}
	pin(cname)
	return nil
}

// Lookup finds a registered entry point.
func Lookup(name string) unsafe.Pointer {
	cname := C.CString(name) // want CGO001
	trace(cname)
	return C.plugin_lookup(cname)
}

// Alias makes alias resolve to the interned name of target; unknown targets are ignored.
func Alias(alias, target string) bool {
	calias := C.CString(alias) // want CGO001
	mu.Lock()
	defer mu.Unlock()
	if _, ok := interned[target]; !ok {
		return false
	}
	interned[alias] = calias
	return true
}

// Table maps C names to entry points for a C dispatcher.
type Table struct {
	entries map[*C.char]unsafe.Pointer
}

// Add adds an entry; the table owns the name.
func (t *Table) Add(name string, fn unsafe.Pointer) {
	if t.entries == nil {
		t.entries = make(map[*C.char]unsafe.Pointer)
	}
	t.entries[C.CString(name)] = fn
}

// Reset unregisters everything and frees the pinned names.
func Reset() {
	mu.Lock()
	defer mu.Unlock()
	for _, c := range pinned {
		C.free(unsafe.Pointer(c))
	}
	pinned = nil
}
