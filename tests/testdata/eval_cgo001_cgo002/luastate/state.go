// Package luastate embeds a Lua interpreter.
package luastate

/*
#include <stdlib.h>

typedef struct lua_State lua_State;

#define LUA_OK 0

static lua_State *luaL_newstate(void) { return 0; }
static void lua_close(lua_State *L) {}
static int luaL_loadstring(lua_State *L, const char *s) { return LUA_OK; }
static int lua_pcall(lua_State *L, int nargs, int nresults, int msgh) { return LUA_OK; }
static const char *lua_pushstring(lua_State *L, const char *s) { return s; }
static void lua_setglobal(lua_State *L, const char *name) {}
static int lua_getglobal(lua_State *L, const char *name) { return 0; }
static const char *lua_tolstring(lua_State *L, int idx, size_t *len) { return ""; }
static void lua_settop(lua_State *L, int idx) {}
static void lua_createtable(lua_State *L, int narr, int nrec) {}
static void lua_setfield(lua_State *L, int idx, const char *k) {}
*/
import "C"

import (
	"errors"
	"unsafe"
)

// State is a Lua interpreter.
type State struct{ L *C.lua_State }

// NewState creates an interpreter.
func NewState() *State { return &State{L: C.luaL_newstate()} }

// Close closes the interpreter.
func (s *State) Close() { C.lua_close(s.L) }

func (s *State) popError() error {
	msg := C.GoString(C.lua_tolstring(s.L, -1, nil))
	C.lua_settop(s.L, -2)
	return errors.New("lua: " + msg)
}

// DoString loads and runs a chunk.
func (s *State) DoString(code string) error {
	ccode := C.CString(code)
	rc := C.luaL_loadstring(s.L, ccode)
	C.free(unsafe.Pointer(ccode))
	if rc != C.LUA_OK {
		return s.popError()
	}
	if C.lua_pcall(s.L, 0, 0, 0) != C.LUA_OK {
		return s.popError()
	}
	return nil
}

// SetGlobal sets a global string variable.
func (s *State) SetGlobal(name, value string) {
	cvalue := C.CString(value)
	C.lua_pushstring(s.L, cvalue)
	C.free(unsafe.Pointer(cvalue))
	C.lua_setglobal(s.L, C.CString(name)) // want CGO001
}

// SetTable sets global name to a table of string fields, skipping empty values.
func (s *State) SetTable(name string, fields map[string]string) {
	C.lua_createtable(s.L, 0, C.int(len(fields)))
	for k, v := range fields {
		if v == "" {
			continue
		}
		cv := C.CString(v)
		ck := C.CString(k)
		C.lua_pushstring(s.L, cv)
		C.lua_setfield(s.L, -2, ck)
		C.free(unsafe.Pointer(cv))
		C.free(unsafe.Pointer(ck))
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	C.lua_setglobal(s.L, cname)
}

// Globals reads several global strings; unset globals are skipped.
func (s *State) Globals(names ...string) map[string]string {
	out := make(map[string]string, len(names))
	for _, n := range names {
		cn := C.CString(n) // want CGO001
		if C.lua_getglobal(s.L, cn) == 0 {
			C.lua_settop(s.L, -2)
			continue
		}
		out[n] = C.GoString(C.lua_tolstring(s.L, -1, nil))
		C.lua_settop(s.L, -2)
		C.free(unsafe.Pointer(cn))
	}
	return out
}

// Call calls the global function fn with string arguments and returns its result.
func (s *State) Call(fn string, args ...string) (string, error) {
	cfn := C.CString(fn)
	defer C.free(unsafe.Pointer(cfn))
	C.lua_getglobal(s.L, cfn)
	for _, a := range args {
		ca := C.CString(a)
		C.lua_pushstring(s.L, ca)
		C.free(unsafe.Pointer(ca))
	}
	if C.lua_pcall(s.L, C.int(len(args)), 1, 0) != C.LUA_OK {
		return "", s.popError()
	}
	res := C.GoString(C.lua_tolstring(s.L, -1, nil))
	C.lua_settop(s.L, -2)
	return res, nil
}
