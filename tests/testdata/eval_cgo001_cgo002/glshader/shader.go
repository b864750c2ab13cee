// Package glshader compiles OpenGL shaders and looks up program locations.
package glshader

/*
#include <stdlib.h>
#include <stdint.h>

#define GL_COMPILE_STATUS 0x8B81
#define GL_INFO_LOG_LENGTH 0x8B84
#define GL_RGBA 0x1908
#define GL_UNSIGNED_BYTE 0x1401

static unsigned int glCreateShader(unsigned int type) { return 1; }
static void glShaderSource(unsigned int shader, int count, const char *const *string, const int *length) {}
static void glCompileShader(unsigned int shader) {}
static void glGetShaderiv(unsigned int shader, unsigned int pname, int *params) { *params = 1; }
static void glGetShaderInfoLog(unsigned int shader, int bufSize, int *length, char *infoLog) { if (bufSize > 0) infoLog[0] = 0; }
static void glDeleteShader(unsigned int shader) {}
static int glGetUniformLocation(unsigned int program, const char *name) { return 0; }
static void glBindAttribLocation(unsigned int program, unsigned int index, const char *name) {}
static void glReadPixels(int x, int y, int w, int h, unsigned int format, unsigned int type, void *data) {}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func freeCString(s *C.char) { C.free(unsafe.Pointer(s)) }

// CompileShader compiles GLSL source of the given kind.
func CompileShader(kind uint32, source string) (uint32, error) {
	shader := C.glCreateShader(C.uint(kind))
	csrc := C.CString(source)
	length := C.int(len(source))
	C.glShaderSource(shader, 1, &csrc, &length)
	freeCString(csrc)
	C.glCompileShader(shader)
	var status C.int
	C.glGetShaderiv(shader, C.GL_COMPILE_STATUS, &status)
	if status == 0 {
		var logLen C.int
		C.glGetShaderiv(shader, C.GL_INFO_LOG_LENGTH, &logLen)
		buf := C.malloc(C.size_t(logLen) + 1)
		defer C.free(buf)
		C.glGetShaderInfoLog(shader, logLen, nil, (*C.char)(buf))
		C.glDeleteShader(shader)
		return 0, fmt.Errorf("gl: compile: %s", C.GoString((*C.char)(buf)))
	}
	return uint32(shader), nil
}

// CompileSources compiles several source strings as one shader.
func CompileSources(kind uint32, sources ...string) uint32 {
	shader := C.glCreateShader(C.uint(kind))
	csources := make([]*C.char, len(sources))
	for i, s := range sources {
		csources[i] = C.CString(s)
	}
	defer func() {
		for _, s := range csources {
			freeCString(s)
		}
	}()
	C.glShaderSource(shader, C.int(len(sources)), &csources[0], nil)
	C.glCompileShader(shader)
	return uint32(shader)
}

// UniformLocation returns the location of a uniform.
func UniformLocation(program uint32, name string) int32 {
	return int32(C.glGetUniformLocation(C.uint(program), C.CString(name))) // want CGO001
}

// UniformLocations looks up several uniforms; a missing one is an error.
func UniformLocations(program uint32, names []string) (map[string]int32, error) {
	locs := make(map[string]int32, len(names))
	for _, n := range names {
		cn := C.CString(n) // want CGO001
		loc := C.glGetUniformLocation(C.uint(program), cn)
		if loc < 0 {
			return nil, fmt.Errorf("gl: uniform %q not found", n)
		}
		freeCString(cn)
		locs[n] = int32(loc)
	}
	return locs, nil
}

// BindAttribs binds attribute names to locations 0, 1, 2, ...
func BindAttribs(program uint32, names ...string) {
	for i, n := range names {
		cn := C.CString(n)
		defer freeCString(cn)
		C.glBindAttribLocation(C.uint(program), C.uint(i), cn)
	}
}

// ReadPixels reads the framebuffer as RGBA.
func ReadPixels(w, h int) []byte {
	n := w * h * 4
	p := C.malloc(C.size_t(n)) // want CGO002
	C.glReadPixels(0, 0, C.int(w), C.int(h), C.GL_RGBA, C.GL_UNSIGNED_BYTE, p)
	return unsafe.Slice((*byte)(p), n)
}

// ReadPixelsInto reads the framebuffer into dst.
func ReadPixelsInto(dst []byte, w, h int) {
	n := w * h * 4
	p := C.malloc(C.size_t(n))
	defer C.free(p)
	C.glReadPixels(0, 0, C.int(w), C.int(h), C.GL_RGBA, C.GL_UNSIGNED_BYTE, p)
	copy(dst, unsafe.Slice((*byte)(p), n))
}
