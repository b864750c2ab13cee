// Package ui sets window titles through an X11-style C API, in loops.
package ui

/*
#include <stdlib.h>
static void set_title(void *w, const char *t) {}
static int valid(const char *t) { return t[0] != 0; }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// FreedInLoop frees every iteration.
func FreedInLoop(windows []unsafe.Pointer, titles []string) {
	for i, w := range windows {
		ct := C.CString(titles[i])
		C.set_title(w, ct)
		C.free(unsafe.Pointer(ct))
	}
}

// DeferInLoop frees at function exit: not a leak.
func DeferInLoop(windows []unsafe.Pointer, titles []string) {
	for i, w := range windows {
		ct := C.CString(titles[i])
		defer C.free(unsafe.Pointer(ct))
		C.set_title(w, ct)
	}
}

// FreedAfterLoop frees only the last one.
func FreedAfterLoop(w unsafe.Pointer, titles []string) {
	var ct *C.char
	for _, t := range titles {
		ct = C.CString(t) // want CGO001 "before the next iteration of the loop at line 37, so every iteration but the last leaks"
		C.set_title(w, ct)
	}
	C.free(unsafe.Pointer(ct))
}

// NeverFreedInLoop loses each iteration's string when the iteration ends.
func NeverFreedInLoop(w unsafe.Pointer, titles []string) {
	for _, t := range titles {
		ct := C.CString(t) // want CGO001 "by the end of the loop iteration at line 49, so every iteration leaks"
		C.set_title(w, ct)
	}
}

// ContinueSkipsFree: the continue jumps over the free.
func ContinueSkipsFree(w unsafe.Pointer, titles []string) {
	for _, t := range titles {
		ct := C.CString(t) // want CGO001 "when the continue at line 57 skips to the next iteration"
		if C.valid(ct) == 0 {
			continue
		}
		C.set_title(w, ct)
		C.free(unsafe.Pointer(ct))
	}
}

// BreakSkipsFree: the break leaves the loop with the string still allocated.
func BreakSkipsFree(w unsafe.Pointer, titles []string) error {
	for _, t := range titles {
		ct := C.CString(t) // want CGO001 "when the break at line 69 leaves the loop"
		if C.valid(ct) == 0 {
			break
		}
		C.set_title(w, ct)
		C.free(unsafe.Pointer(ct))
	}
	return nil
}

// ReturnInLoop returns with the string allocated.
func ReturnInLoop(w unsafe.Pointer, titles []string) error {
	for _, t := range titles {
		ct := C.CString(t) // want CGO001 "when returning at line 82"
		if C.valid(ct) == 0 {
			return errors.New("invalid title " + t)
		}
		C.set_title(w, ct)
		C.free(unsafe.Pointer(ct))
	}
	return nil
}

// FreeBeforeContinue is correct.
func FreeBeforeContinue(w unsafe.Pointer, titles []string) {
	for _, t := range titles {
		ct := C.CString(t)
		if C.valid(ct) == 0 {
			C.free(unsafe.Pointer(ct))
			continue
		}
		C.set_title(w, ct)
		C.free(unsafe.Pointer(ct))
	}
}

// Labeled: break out of the outer loop with the inner string allocated.
func Labeled(w unsafe.Pointer, rows [][]string) {
outer:
	for _, row := range rows {
		for _, t := range row {
			ct := C.CString(t) // want CGO001 "when the break at line 110 leaves the loop"
			if C.valid(ct) == 0 {
				break outer
			}
			C.free(unsafe.Pointer(ct))
		}
	}
}

// AllocatedBeforeLoop, freed after it, with a return inside the loop.
func AllocatedBeforeLoop(w unsafe.Pointer, titles []string) error {
	prefix := C.CString("app: ") // want CGO001 "when returning at line 122"
	for _, t := range titles {
		if t == "" {
			return errors.New("empty title")
		}
		C.set_title(w, prefix)
	}
	C.free(unsafe.Pointer(prefix))
	return nil
}

// Select: a case that returns before the free.
func Select(w unsafe.Pointer, titles <-chan string, done <-chan struct{}) {
	for {
		select {
		case t := <-titles:
			ct := C.CString(t)
			C.set_title(w, ct)
			C.free(unsafe.Pointer(ct))
		case <-done:
			return
		}
	}
}
