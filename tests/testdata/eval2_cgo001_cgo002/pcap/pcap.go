// Package pcap captures packets through a libpcap-style API.
package pcap

/*
#include <stdlib.h>
#include <string.h>
#define PCAP_ERRBUF_SIZE 256
typedef struct { int snaplen; int count; } pcap_t;
struct bpf_program { unsigned int bf_len; void* bf_insns; };
typedef struct { long ts_sec, ts_usec; unsigned int caplen, len; } pcap_pkthdr;

static pcap_t* pcap_open_live(const char* dev, int snaplen, int promisc, int to_ms, char* errbuf) {
	(void)promisc; (void)to_ms;
	if (dev[0] == 0) { strcpy(errbuf, "no such device"); return NULL; }
	pcap_t* p = calloc(1, sizeof *p); p->snaplen = snaplen; return p;
}
static int pcap_compile(pcap_t* p, struct bpf_program* fp, const char* str, int opt, unsigned int mask) {
	(void)p; (void)opt; (void)mask;
	if (str[0] == '!') return -1;
	fp->bf_len = 1; fp->bf_insns = malloc(8); return 0;
}
static int pcap_setfilter(pcap_t* p, struct bpf_program* fp) { (void)p; return fp->bf_len ? 0 : -1; }
static void pcap_freecode(struct bpf_program* fp) { free(fp->bf_insns); fp->bf_insns = NULL; }
static int pcap_next_copy(pcap_t* p, pcap_pkthdr* h, unsigned char* buf, int cap) {
	if (p->count++ > 8) return -2;
	memset(buf, 0xab, (size_t)cap); h->caplen = h->len = (unsigned int)(cap < 60 ? cap : 60); return 1;
}
static int pcap_sendpacket(pcap_t* p, const unsigned char* buf, int size) { (void)p; (void)buf; return size > 0 ? 0 : -1; }
static char* pcap_lookupdev_dup(char* errbuf) { (void)errbuf; return strdup("eth0"); }
static const char* pcap_geterr(pcap_t* p) { (void)p; return "pcap error"; }
static void pcap_close(pcap_t* p) { free(p); }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// ErrUnsupported is returned for filters the kernel cannot run.
var ErrUnsupported = errors.New("pcap: unsupported filter")

// Handle is a live capture.
type Handle struct {
	c       *C.pcap_t
	snaplen int
}

func (h *Handle) err() error { return errors.New(C.GoString(C.pcap_geterr(h.c))) }

// OpenLive opens a device for capture.
func OpenLive(device string, snaplen int) (*Handle, error) {
	cdev := C.CString(device)
	defer C.free(unsafe.Pointer(cdev))
	errbuf := (*C.char)(C.malloc(C.PCAP_ERRBUF_SIZE))
	defer C.free(unsafe.Pointer(errbuf))
	c := C.pcap_open_live(cdev, C.int(snaplen), 1, 1000, errbuf)
	if c == nil {
		return nil, errors.New(C.GoString(errbuf))
	}
	return &Handle{c: c, snaplen: snaplen}, nil
}

// LookupDev returns the default capture device.
func LookupDev() (string, error) {
	var errbuf [C.PCAP_ERRBUF_SIZE]C.char
	dev := C.pcap_lookupdev_dup(&errbuf[0])
	if dev == nil {
		return "", errors.New(C.GoString(&errbuf[0]))
	}
	defer C.free(unsafe.Pointer(dev))
	return C.GoString(dev), nil
}

// SetBPFFilter compiles and installs a filter expression.
func (h *Handle) SetBPFFilter(expr string) error {
	cexpr := C.CString(expr) // want CGO001
	var bpf C.struct_bpf_program
	switch rc := C.pcap_compile(h.c, &bpf, cexpr, 1, 0xffffffff); {
	case rc == -1:
		return h.err()
	case rc < -1:
		return ErrUnsupported
	}
	C.free(unsafe.Pointer(cexpr))
	defer C.pcap_freecode(&bpf)
	if C.pcap_setfilter(h.c, &bpf) != 0 {
		return h.err()
	}
	return nil
}

// Capture streams up to n packets on a channel from a goroutine.
func (h *Handle) Capture(n int) <-chan []byte {
	ring := C.calloc(C.size_t(n), C.size_t(h.snaplen))
	slots := unsafe.Slice((*byte)(ring), n*h.snaplen)
	out := make(chan []byte)
	go func() {
		defer C.free(ring)
		defer close(out)
		for i := 0; i < n; i++ {
			slot := slots[i*h.snaplen : (i+1)*h.snaplen]
			var hdr C.pcap_pkthdr
			if C.pcap_next_copy(h.c, &hdr, (*C.uchar)(unsafe.Pointer(&slot[0])), C.int(h.snaplen)) <= 0 {
				return
			}
			out <- append([]byte(nil), slot[:hdr.caplen]...)
		}
	}()
	return out
}

// ReadPacket reads one packet.
func (h *Handle) ReadPacket() ([]byte, error) {
	buf := C.malloc(C.size_t(h.snaplen))
	data := unsafe.Slice((*byte)(buf), h.snaplen)
	var hdr C.pcap_pkthdr
	if C.pcap_next_copy(h.c, &hdr, (*C.uchar)(buf), C.int(h.snaplen)) <= 0 {
		C.free(buf)
		return nil, h.err()
	}
	pkt := append([]byte(nil), data[:hdr.caplen]...)
	C.free(buf)
	return pkt, nil
}

// ReadBatch reads up to count packets.
func (h *Handle) ReadBatch(count int) [][]byte {
	var buf unsafe.Pointer
	var pkts [][]byte
	for i := 0; i < count; i++ {
		buf = C.malloc(C.size_t(h.snaplen)) // want CGO002
		data := unsafe.Slice((*byte)(buf), h.snaplen)
		var hdr C.pcap_pkthdr
		if C.pcap_next_copy(h.c, &hdr, (*C.uchar)(buf), C.int(h.snaplen)) <= 0 {
			break
		}
		pkts = append(pkts, append([]byte(nil), data[:hdr.caplen]...))
	}
	C.free(buf)
	return pkts
}

// WritePacket injects a raw frame.
func (h *Handle) WritePacket(frame []byte) error {
	cbuf := C.CBytes(frame)
	defer C.free(cbuf)
	if C.pcap_sendpacket(h.c, (*C.uchar)(cbuf), C.int(len(frame))) != 0 {
		return h.err()
	}
	return nil
}

// queue hands C copies of frames to a sender goroutine, which frees them.
func queue(frames [][]byte, ch chan<- unsafe.Pointer) {
	for _, f := range frames {
		p := C.CBytes(f)
		ch <- p
	}
}

// Close ends the capture.
func (h *Handle) Close() { C.pcap_close(h.c) }
