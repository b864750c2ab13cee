// Command envsetup exports settings to the process environment for a C library that reads them
// with getenv. setenv copies its arguments (putenv, which keeps its string, is in the test fixtures:
// valgrind counts a putenv string as lost once glibc frees its environ array at exit).
package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// export copies name and value into the environment with setenv, which copies both strings, so
// they are freed here.
func export(name, value string) {
	cname, cvalue := C.CString(name), C.CString(value)
	defer C.free(unsafe.Pointer(cname))
	defer C.free(unsafe.Pointer(cvalue))
	C.setenv(cname, cvalue, 1)
}

func main() {
	export("APP_MODE", "batch")
	export("APP_LEVEL", "3")
	fmt.Println("exported APP_MODE and APP_LEVEL")
}
