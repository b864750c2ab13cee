package owned

/*
#include <stdlib.h>
*/
import "C"

// Export adds NAME=value to the environment: putenv keeps the string itself, so freeing it would
// corrupt the environment.
func Export(kv string) {
	C.putenv(C.CString(kv))
}

// Set uses setenv, which copies both strings: they leak here.
func Set(k, v string) {
	ck, cv := C.CString(k), C.CString(v) // want CGO001 "ck \(from C.CString\) is not freed" CGO001 "cv \(from C.CString\) is not freed"
	C.setenv(ck, cv, 1)
}
