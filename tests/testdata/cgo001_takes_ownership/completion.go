package owned

/*
#include <stdlib.h>
// The package's own glue: puts a string into the completion list that libedit frees element by
// element (and the list itself) when it is done with it.
static void set_string_array(char **ar, int p, char *s) {
	ar[p] = s;
}
*/
import "C"

import "unsafe"

// Complete fills libedit's malloc'd match list: the strings belong to the list now, and freeing
// them here would leave libedit with dangling pointers.
func Complete(list unsafe.Pointer, words []string) {
	ar := (**C.char)(list)
	for i, w := range words {
		C.set_string_array(ar, C.int(i), C.CString(w))
	}
}
