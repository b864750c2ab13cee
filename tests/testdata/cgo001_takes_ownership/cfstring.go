//go:build darwin

package owned

/*
#cgo LDFLAGS: -framework CoreFoundation
#include <stdlib.h>
#include <CoreFoundation/CoreFoundation.h>
*/
import "C"

// CFName makes the C string the CFString's backing store; the default allocator frees it.
func CFName(s string) C.CFStringRef {
	return C.CFStringCreateWithCStringNoCopy(C.kCFAllocatorDefault, C.CString(s), C.kCFStringEncodingUTF8, C.kCFAllocatorDefault)
}

// CFBorrowed passes kCFAllocatorNull: nothing frees the buffer, so it leaks.
func CFBorrowed(s string) C.CFStringRef {
	return C.CFStringCreateWithCStringNoCopy(C.kCFAllocatorDefault, C.CString(s), C.kCFStringEncodingUTF8, C.kCFAllocatorNull) // want CGO001 "passed straight to C.CFStringCreateWithCStringNoCopy"
}
