// Package virt is a small libvirt-style binding: connections, domains and
// their XML descriptions.
package virt

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int refs; } virConnect;
typedef struct { int id; char name[64]; } virDomain;

static virConnect the_conn;
static virDomain the_dom;

static virConnect* virConnectOpen(const char* uri) { (void)uri; the_conn.refs++; return &the_conn; }
static int virConnectClose(virConnect* c) { c->refs--; return 0; }

static virDomain* virDomainLookupByName(virConnect* c, const char* name) {
	(void)c;
	if (name == NULL || name[0] == 0) return NULL;
	strncpy(the_dom.name, name, sizeof(the_dom.name) - 1);
	return &the_dom;
}

static char* virDomainGetXMLDesc(virDomain* d, unsigned int flags) {
	char* out = malloc(128);
	if (out == NULL) return NULL;
	snprintf(out, 128, "<domain id='%d' flags='%u'><name>%s</name></domain>", d->id, flags, d->name);
	return out;
}

static int virDomainSetMetadata(virDomain* d, int kind, const char* meta, const char* key, const char* uri, unsigned int flags) {
	(void)d; (void)kind; (void)meta; (void)key; (void)uri; (void)flags;
	return 0;
}

static const char* virGetLastErrorMessage(void) { return "no error"; }
static void virLogMessage(const char* msg) { (void)msg; }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Connect is an open hypervisor connection.
type Connect struct{ ptr *C.virConnect }

// Domain is a guest known to a connection.
type Domain struct{ ptr *C.virDomain }

func lastError() error {
	return errors.New(C.GoString(C.virGetLastErrorMessage()))
}

// NewConnect opens a connection; an empty uri means the default hypervisor.
func NewConnect(uri string) (*Connect, error) {
	var curi *C.char
	if uri != "" {
		curi = C.CString(uri)
		defer C.free(unsafe.Pointer(curi))
	}
	ptr := C.virConnectOpen(curi)
	if ptr == nil {
		return nil, lastError()
	}
	return &Connect{ptr: ptr}, nil
}

// LookupDomainByName finds a domain by name.
func (c *Connect) LookupDomainByName(name string) (*Domain, error) {
	cname := C.CString(name) // want CGO001
	ptr := C.virDomainLookupByName(c.ptr, cname)
	if ptr == nil {
		return nil, lastError()
	}
	C.free(unsafe.Pointer(cname))
	return &Domain{ptr: ptr}, nil
}

// GetXMLDesc returns the domain's XML description.
func (d *Domain) GetXMLDesc(flags uint32) (string, error) {
	result := C.virDomainGetXMLDesc(d.ptr, C.uint(flags))
	if result == nil {
		return "", lastError()
	}
	defer C.free(unsafe.Pointer(result))
	return C.GoString(result), nil
}

// XMLDescLen reports how long the XML description is.
func (d *Domain) XMLDescLen(flags uint32) int {
	xml := C.virDomainGetXMLDesc(d.ptr, C.uint(flags)) // want CGO001
	if xml == nil {
		return 0
	}
	return int(C.strlen(xml))
}

// SetMetadata sets or clears a metadata element.
func (d *Domain) SetMetadata(kind int, metadata, key, uri string) error {
	cmeta := C.CString(metadata)
	defer C.free(unsafe.Pointer(cmeta))
	var ckey, curi *C.char
	if key != "" {
		ckey = C.CString(key)
		defer C.free(unsafe.Pointer(ckey))
	}
	if uri != "" {
		curi = C.CString(uri)
		defer C.free(unsafe.Pointer(curi))
	}
	if C.virDomainSetMetadata(d.ptr, C.int(kind), cmeta, ckey, curi, 0) < 0 {
		return lastError()
	}
	return nil
}

// Logf sends a message to the libvirt log.
func Logf(msg string) {
	C.virLogMessage(C.CString(msg)) // want CGO001
}

// Close releases the connection.
func (c *Connect) Close() error {
	if C.virConnectClose(c.ptr) < 0 {
		return lastError()
	}
	c.ptr = nil
	return nil
}
