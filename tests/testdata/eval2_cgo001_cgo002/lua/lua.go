// Package lua embeds a Lua-like interpreter in the style of golua.
package lua

/*
#include <stdlib.h>
#include <string.h>

#define LUA_MULTRET (-1)

typedef struct lua_State { int top; } lua_State;

static const char* chunk_names[64];
static int n_chunk_names;

static lua_State* luaL_newstate(void) { return calloc(1, sizeof(lua_State)); }
static void lua_close(lua_State* L) { free(L); }
static int luaL_loadstring(lua_State* L, const char* s) { L->top++; return s[0] == 0; }
static int lua_pcall(lua_State* L, int nargs, int nres, int errfunc) { (void)nargs; (void)nres; (void)errfunc; L->top--; return 0; }
static void lua_pushstring(lua_State* L, const char* s) { (void)s; L->top++; }
static void lua_setglobal(lua_State* L, const char* name) { (void)name; L->top--; }
static void lua_getglobal(lua_State* L, const char* name) { (void)name; L->top++; }
static const char* lua_tostring(lua_State* L, int idx) { (void)L; (void)idx; return "error object"; }
static void lua_settop(lua_State* L, int idx) { L->top = idx; }
static int lua_gettop(lua_State* L) { return L->top; }
// lua_keep_chunkname keeps the pointer: the name must stay valid forever.
static void lua_keep_chunkname(const char* name) { chunk_names[n_chunk_names++ % 64] = name; }
*/
import "C"

import (
	"errors"
	"unsafe"
)

const maxStack = 200

// State is an interpreter; it owns the names of registered functions.
type State struct {
	c     *C.lua_State
	names map[string]*C.char
}

// NewState creates an interpreter.
func NewState() *State {
	return &State{c: C.luaL_newstate(), names: map[string]*C.char{}}
}

func (L *State) popError() error {
	msg := C.GoString(C.lua_tostring(L.c, -1))
	C.lua_settop(L.c, C.lua_gettop(L.c)-1)
	return errors.New(msg)
}

// DoString loads and runs a chunk.
func (L *State) DoString(code string) error {
	ccode := C.CString(code)
	defer C.free(unsafe.Pointer(ccode))
	if C.luaL_loadstring(L.c, ccode) != 0 {
		return L.popError()
	}
	if C.lua_pcall(L.c, 0, C.LUA_MULTRET, 0) != 0 {
		return L.popError()
	}
	return nil
}

// LoadChunk loads code under a chunk name that Lua keeps for tracebacks.
func (L *State) LoadChunk(name, code string) error {
	cname := C.CString(name)
	C.lua_keep_chunkname(cname)
	return L.DoString(code)
}

// SetGlobals assigns string globals.
func (L *State) SetGlobals(vals map[string]string) {
	for name, v := range vals {
		cv := C.CString(v)
		C.lua_pushstring(L.c, cv)
		C.free(unsafe.Pointer(cv))
		cn := C.CString(name)
		C.lua_setglobal(L.c, cn)
		C.free(unsafe.Pointer(cn))
	}
}

// PushStrings pushes vals until the stack is full and returns how many were pushed.
func (L *State) PushStrings(vals []string) int {
	n := 0
	for _, v := range vals {
		cv := C.CString(v) // want CGO001
		if C.lua_gettop(L.c) >= maxStack {
			break
		}
		C.lua_pushstring(L.c, cv)
		C.free(unsafe.Pointer(cv))
		n++
	}
	return n
}

// Rename moves a global to a new name.
func (L *State) Rename(oldName, newName string) {
	cname := C.CString(oldName) // want CGO001
	C.lua_getglobal(L.c, cname)
	cname = C.CString(newName)
	C.lua_setglobal(L.c, cname)
	C.free(unsafe.Pointer(cname))
}

// Copy copies global src to dst.
func (L *State) Copy(src, dst string) {
	cname := C.CString(src)
	C.lua_getglobal(L.c, cname)
	C.free(unsafe.Pointer(cname))
	cname = C.CString(dst)
	C.lua_setglobal(L.c, cname)
	C.free(unsafe.Pointer(cname))
}

// Register records a Go function name; Close frees the names.
func (L *State) Register(name string) {
	cname := C.CString(name)
	L.names[name] = cname
	C.lua_pushstring(L.c, cname)
	C.lua_setglobal(L.c, cname)
}

// PushLater pushes s and returns a function that releases its C copy.
func (L *State) PushLater(s string) (release func()) {
	cs := C.CString(s)
	C.lua_pushstring(L.c, cs)
	return func() { C.free(unsafe.Pointer(cs)) }
}

// Close frees the interpreter and the registered names.
func (L *State) Close() {
	for _, p := range L.names {
		C.free(unsafe.Pointer(p))
	}
	C.lua_close(L.c)
}
