// Package vcs binds a libgit2-style C API whose calls take option structs that Go helpers fill
// field by field. The helpers store C strings in the caller's struct; every caller that owns the
// struct must free them. The labelled allocations leak in some caller; the others are freed by
// every caller, or handed to a struct cgolint cannot follow, and stay quiet.
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

type ProxyOptions struct {
	Type int
	URL  string
}

type FetchOptions struct {
	Prune   bool
	Headers []string
	Proxy   ProxyOptions
}

type Remote struct{ ptr unsafe.Pointer }

func populateProxyOptions(ptr *C.proxy_options, opts *ProxyOptions) {
	C.proxy_options_init(ptr)
	if opts == nil {
		return
	}
	ptr._type = C.int(opts.Type)
	ptr.url = C.CString(opts.URL) // want CGO001 "ptr.url \(from C.CString\) is stored in the caller's struct through ptr, so populateProxyOptions's callers must free it; Remote.Fetch does not: coptions.proxy_opts.url, filled by its call of populateFetchOptions at line 84 \(which calls populateProxyOptions\), is not freed when returning at line 87"
}

func freeProxyOptions(ptr *C.proxy_options) {
	C.free(unsafe.Pointer(ptr.url))
}

func makeCStrings(list []string) **C.char {
	if len(list) == 0 {
		return nil
	}
	out := (*[1 << 20]*C.char)(C.calloc(C.size_t(len(list)), C.size_t(unsafe.Sizeof((*C.char)(nil)))))
	for i, s := range list {
		out[i] = C.CString(s)
	}
	return &out[0]
}

func freeStrarray(arr *C.strarray) {
	list := (*[1 << 20]*C.char)(unsafe.Pointer(arr.strings))[:arr.count:arr.count]
	for _, s := range list {
		C.free(unsafe.Pointer(s))
	}
	C.free(unsafe.Pointer(arr.strings))
}

func populateFetchOptions(options *C.fetch_options, opts *FetchOptions) {
	if opts == nil {
		return
	}
	if opts.Prune {
		options.prune = 1
	}
	options.custom_headers.count = C.size_t(len(opts.Headers))
	options.custom_headers.strings = makeCStrings(opts.Headers)
	populateProxyOptions(&options.proxy_opts, &opts.Proxy)
}

func freeFetchOptions(options *C.fetch_options) {
	freeStrarray(&options.custom_headers)
	freeProxyOptions(&options.proxy_opts)
}

// Fetch frees the headers and the struct, but not the proxy URL populateProxyOptions stored in it.
func (r *Remote) Fetch(opts *FetchOptions) error {
	coptions := (*C.fetch_options)(C.calloc(1, C.size_t(unsafe.Sizeof(C.fetch_options{}))))
	defer C.free(unsafe.Pointer(coptions))
	populateFetchOptions(coptions, opts)
	defer freeStrarray(&coptions.custom_headers)
	if C.remote_fetch(r.ptr, coptions) < 0 {
		return errors.New("fetch failed")
	}
	return nil
}

// FetchFixed frees everything populateFetchOptions stores.
func (r *Remote) FetchFixed(opts *FetchOptions) error {
	coptions := (*C.fetch_options)(C.calloc(1, C.size_t(unsafe.Sizeof(C.fetch_options{}))))
	defer C.free(unsafe.Pointer(coptions))
	populateFetchOptions(coptions, opts)
	defer freeFetchOptions(coptions)
	if C.remote_fetch(r.ptr, coptions) < 0 {
		return errors.New("fetch failed")
	}
	return nil
}

// Connect fills a struct value of its own and frees the URL with a helper.
func (r *Remote) Connect(proxy *ProxyOptions) error {
	var cproxy C.proxy_options
	populateProxyOptions(&cproxy, proxy)
	defer freeProxyOptions(&cproxy)
	if C.remote_connect(r.ptr, &cproxy) == 0 {
		return errors.New("connect failed")
	}
	return nil
}

// ConnectDirect frees the field itself, once C is done with it.
func (r *Remote) ConnectDirect(proxy *ProxyOptions) bool {
	var cproxy C.proxy_options
	populateProxyOptions(&cproxy, proxy)
	ok := C.remote_connect(r.ptr, &cproxy) != 0
	C.free(unsafe.Pointer(cproxy.url))
	return ok
}

// remoteOptions keeps the options it fills for the life of the Remote: Close frees them, and the
// analysis does not follow a struct that is not the function's own.
type remoteOptions struct {
	fetch C.fetch_options
}

func (o *remoteOptions) Prepare(opts *FetchOptions) {
	populateFetchOptions(&o.fetch, opts)
}

func (o *remoteOptions) Close() {
	freeFetchOptions(&o.fetch)
}
