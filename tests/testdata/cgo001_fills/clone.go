package vcs

/*
#include <stdlib.h>
#include "vcs.h"
*/
import "C"

import (
	"errors"
	"unsafe"
)

type CloneOptions struct {
	Bare           bool
	CheckoutBranch string
	Fetch          *FetchOptions
}

func populateCloneOptions(ptr *C.clone_options, opts *CloneOptions) {
	if opts.Bare {
		ptr.bare = 1
	}
	populateFetchOptions(&ptr.fetch_opts, opts.Fetch)
}

func freeCloneOptions(ptr *C.clone_options) {
	freeFetchOptions(&ptr.fetch_opts)
	C.free(unsafe.Pointer(ptr.checkout_branch))
	C.free(unsafe.Pointer(ptr))
}

// Clone hands its options to freeCloneOptions, which frees what they hold and then the struct.
func Clone(url string, opts *CloneOptions) error {
	curl := C.CString(url)
	defer C.free(unsafe.Pointer(curl))
	copts := (*C.clone_options)(C.calloc(1, C.size_t(unsafe.Sizeof(C.clone_options{}))))
	populateCloneOptions(copts, opts)
	defer freeCloneOptions(copts)
	if opts.CheckoutBranch != "" {
		copts.checkout_branch = C.CString(opts.CheckoutBranch)
	}
	if C.clone_repo(curl, copts) < 0 {
		return errors.New("clone failed")
	}
	return nil
}

// freeMirrorOptions frees the branch and the struct, and nothing populateFetchOptions stored in
// fetch_opts: the shape of git2go's freeCloneOptions before v31.4.7.
func freeMirrorOptions(ptr *C.clone_options) {
	C.free(unsafe.Pointer(ptr.checkout_branch))
	C.free(unsafe.Pointer(ptr))
}

// Mirror clones with options it frees with freeMirrorOptions: the proxy URL is lost.
func Mirror(url string, opts *CloneOptions) error {
	curl := C.CString(url)
	defer C.free(unsafe.Pointer(curl))
	copts := (*C.clone_options)(C.calloc(1, C.size_t(unsafe.Sizeof(C.clone_options{}))))
	populateCloneOptions(copts, opts)
	defer freeMirrorOptions(copts)
	if C.clone_repo(curl, copts) < 0 {
		return errors.New("mirror failed")
	}
	return nil
}

type IndexEntry struct {
	Path string
	Mode int
}

func populateIndexEntry(source *IndexEntry, dest *C.index_entry) {
	dest.mode = C.int(source.Mode)
	dest.path = C.CString(source.Path) // want CGO001 "dest.path \(from C.CString\) is stored in the caller's struct through dest, so populateIndexEntry's callers must free it; AddAll does not: centry.path, filled by its call of populateIndexEntry at line 99, is not freed before the next iteration of the loop at line 98"
}

func freeIndexEntry(entry *C.index_entry) {
	C.free(unsafe.Pointer(entry.path))
}

// Add frees the entry's path when it returns.
func Add(index unsafe.Pointer, entry *IndexEntry) error {
	var centry C.index_entry
	populateIndexEntry(entry, &centry)
	defer freeIndexEntry(&centry)
	if C.index_add(index, &centry) < 0 {
		return errors.New("add failed")
	}
	return nil
}

// AddAll refills one entry in a loop and frees only the last path.
func AddAll(index unsafe.Pointer, entries []IndexEntry) int {
	var centry C.index_entry
	n := 0
	for i := range entries {
		populateIndexEntry(&entries[i], &centry)
		n += int(C.index_add(index, &centry))
	}
	freeIndexEntry(&centry)
	return n
}
