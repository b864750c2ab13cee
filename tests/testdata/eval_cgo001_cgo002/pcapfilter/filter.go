// Package pcapfilter opens capture handles and installs BPF filters via libpcap.
package pcapfilter

/*
#include <stdlib.h>

typedef struct pcap pcap_t;
struct bpf_program { unsigned int bf_len; void *bf_insns; };

#define PCAP_ERRBUF_SIZE 256
#define PCAP_NETMASK_UNKNOWN 0xffffffff

static pcap_t *pcap_open_live(const char *device, int snaplen, int promisc, int to_ms, char *errbuf) { errbuf[0] = 0; return 0; }
static int pcap_compile(pcap_t *p, struct bpf_program *fp, const char *str, int optimize, unsigned int netmask) { return 0; }
static int pcap_setfilter(pcap_t *p, struct bpf_program *fp) { return 0; }
static void pcap_freecode(struct bpf_program *fp) {}
static char *pcap_geterr(pcap_t *p) { return (char *)"pcap error"; }
static int pcap_tstamp_type_name_to_val(const char *name) { return 0; }
static int pcap_set_tstamp_type(pcap_t *p, int tstamp_type) { return 0; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Handle is an open capture handle.
type Handle struct{ p *C.pcap_t }

func (h *Handle) err() error {
	return errors.New("pcap: " + C.GoString(C.pcap_geterr(h.p)))
}

// OpenLive opens device for live capture.
func OpenLive(device string, snaplen int, promisc bool) (*Handle, error) {
	cdev := C.CString(device)
	defer C.free(unsafe.Pointer(cdev))
	errbuf := (*C.char)(C.malloc(C.PCAP_ERRBUF_SIZE))
	defer C.free(unsafe.Pointer(errbuf))
	pr := C.int(0)
	if promisc {
		pr = 1
	}
	p := C.pcap_open_live(cdev, C.int(snaplen), pr, 1000, errbuf)
	if p == nil {
		return nil, fmt.Errorf("pcap: %s: %s", device, C.GoString(errbuf))
	}
	return &Handle{p: p}, nil
}

func (h *Handle) install(cexpr *C.char) error {
	var prog C.struct_bpf_program
	if C.pcap_compile(h.p, &prog, cexpr, 1, C.PCAP_NETMASK_UNKNOWN) < 0 {
		return h.err()
	}
	defer C.pcap_freecode(&prog)
	if C.pcap_setfilter(h.p, &prog) < 0 {
		return h.err()
	}
	return nil
}

// SetFilter compiles and installs a filter expression.
func (h *Handle) SetFilter(expr string) error {
	cexpr := C.CString(expr)
	defer C.free(unsafe.Pointer(cexpr))
	return h.install(cexpr)
}

// SetPreset installs one of the named preset filters.
func (h *Handle) SetPreset(name string) error {
	var cexpr *C.char
	switch name {
	case "dns":
		cexpr = C.CString("udp port 53")
	case "web":
		cexpr = C.CString("tcp port 80 or tcp port 443")
	default:
		return fmt.Errorf("pcap: unknown preset %q", name)
	}
	defer C.free(unsafe.Pointer(cexpr))
	return h.install(cexpr)
}

// SetTimestampType selects a timestamp source such as "host" or "adapter".
func (h *Handle) SetTimestampType(name string) error {
	cname := C.CString(name) // want CGO001
	t := C.pcap_tstamp_type_name_to_val(cname)
	switch {
	case t < 0:
		return fmt.Errorf("pcap: unknown timestamp type %q", name)
	case C.pcap_set_tstamp_type(h.p, t) != 0:
		C.free(unsafe.Pointer(cname))
		return h.err()
	}
	C.free(unsafe.Pointer(cname))
	return nil
}

// SetFirstValid installs the first expression that compiles.
func (h *Handle) SetFirstValid(exprs []string) error {
	for _, e := range exprs {
		cexpr := C.CString(e) // want CGO001
		var prog C.struct_bpf_program
		if C.pcap_compile(h.p, &prog, cexpr, 1, C.PCAP_NETMASK_UNKNOWN) < 0 {
			C.free(unsafe.Pointer(cexpr))
			continue
		}
		rc := C.pcap_setfilter(h.p, &prog)
		C.pcap_freecode(&prog)
		if rc == 0 {
			return nil
		}
		C.free(unsafe.Pointer(cexpr))
	}
	return errors.New("pcap: no valid filter")
}
