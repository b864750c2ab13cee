// Package usb is a gousb-like wrapper around a libusb-style API.
package usb

/*
#include <stdlib.h>
#include <string.h>

typedef struct {
	unsigned short vendor;
	unsigned short product;
	unsigned char bus;
	unsigned char addr;
} usb_dev_desc;

typedef struct { int fd; } usb_handle;

static int usb_count_devices(void) { return 3; }
static int usb_fill_devices(usb_dev_desc* out, int n) {
	for (int i = 0; i < n; i++) {
		out[i].vendor = 0x1d6b; out[i].product = (unsigned short)i;
		out[i].bus = 1; out[i].addr = (unsigned char)(i + 1);
	}
	return n;
}
static int usb_bulk_transfer(usb_handle* h, unsigned char ep, unsigned char* data, int len, int* transferred, unsigned int timeout) {
	(void)h; (void)ep; (void)timeout;
	memset(data, 0, (size_t)len);
	*transferred = len;
	return 0;
}
static int usb_control_transfer(usb_handle* h, unsigned char type, unsigned char req, unsigned short value, unsigned short index, unsigned char* data, unsigned short len) {
	(void)h; (void)type; (void)req; (void)value; (void)index;
	memset(data, 0, len);
	return len;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// DeviceDesc describes an attached device.
type DeviceDesc struct {
	Vendor, Product uint16
	Bus, Address    uint8
}

// Handle is an open device.
type Handle struct{ c *C.usb_handle }

var errNoMem = errors.New("usb: out of memory")

// lastStatus holds the most recent interrupt packet.
var lastStatus []byte

func usbError(rc C.int) error { return fmt.Errorf("usb: transfer failed (%d)", int(rc)) }

// Devices lists the attached devices.
func Devices() ([]DeviceDesc, error) {
	n := int(C.usb_count_devices())
	if n <= 0 {
		return nil, nil
	}
	p := C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.usb_dev_desc{})))
	if p == nil {
		return nil, errNoMem
	}
	defer C.free(p)
	descs := unsafe.Slice((*C.usb_dev_desc)(p), n)
	got := int(C.usb_fill_devices((*C.usb_dev_desc)(p), C.int(n)))
	out := make([]DeviceDesc, 0, got)
	for _, d := range descs[:got] {
		out = append(out, DeviceDesc{uint16(d.vendor), uint16(d.product), uint8(d.bus), uint8(d.addr)})
	}
	return out, nil
}

// BulkRead reads up to n bytes; call release when done with the data.
func (h *Handle) BulkRead(ep uint8, n int, timeoutMs uint) (data []byte, release func(), err error) {
	p := C.malloc(C.size_t(n))
	var got C.int
	if rc := C.usb_bulk_transfer(h.c, C.uchar(ep), (*C.uchar)(p), C.int(n), &got, C.uint(timeoutMs)); rc != 0 {
		C.free(p)
		return nil, nil, usbError(rc)
	}
	return unsafe.Slice((*byte)(p), int(got)), func() { C.free(p) }, nil
}

// BulkWrite sends data to an OUT endpoint.
func (h *Handle) BulkWrite(ep uint8, data []byte) (int, error) {
	p := C.malloc(C.size_t(len(data))) // want CGO002
	copy(unsafe.Slice((*byte)(p), len(data)), data)
	var sent C.int
	if rc := C.usb_bulk_transfer(h.c, C.uchar(ep), (*C.uchar)(p), C.int(len(data)), &sent, 1000); rc != 0 {
		return 0, usbError(rc)
	}
	C.free(p)
	return int(sent), nil
}

// ReadInto fills dst from an IN endpoint.
func (h *Handle) ReadInto(ep uint8, dst []byte) int {
	p := C.malloc(C.size_t(len(dst)))
	buf := unsafe.Slice((*byte)(p), len(dst))
	var got C.int
	C.usb_bulk_transfer(h.c, C.uchar(ep), (*C.uchar)(p), C.int(len(dst)), &got, 1000)
	n := copy(dst, buf[:got])
	C.free(p)
	return n
}

// StringDescriptor reads a raw string descriptor.
func (h *Handle) StringDescriptor(index uint8) []byte {
	p := C.malloc(255) // want CGO002
	n := C.usb_control_transfer(h.c, 0x80, 6, C.ushort(0x0300|uint16(index)), 0x0409, (*C.uchar)(p), 255)
	return unsafe.Slice((*byte)(p), int(n))
}

// PollStatus reads the interrupt endpoint into lastStatus.
func (h *Handle) PollStatus(ep uint8) {
	p := C.malloc(64) // want CGO002
	var got C.int
	C.usb_bulk_transfer(h.c, C.uchar(ep), (*C.uchar)(p), 64, &got, 10)
	lastStatus = unsafe.Slice((*byte)(p), int(got))
}

// ClearHalt sends CLEAR_FEATURE(ENDPOINT_HALT); the setup buffer is never viewed from Go.
func (h *Handle) ClearHalt(ep uint8) {
	setup := C.malloc(8)
	C.usb_control_transfer(h.c, 0x02, 1, 0, C.ushort(ep), (*C.uchar)(setup), 0)
}
