// Package zmqframes sends ZeroMQ messages through libzmq's C API.
package zmqframes

/*
#cgo LDFLAGS: -lzmq
#include <zmq.h>
*/
import "C"

import (
	"errors"
	"unsafe"
)

type Socket struct{ soc unsafe.Pointer }

func (s *Socket) sendFrame(b []byte, flags C.int) error {
	if C.zmq_send(s.soc, unsafe.Pointer(&b[0]), C.size_t(len(b)), flags) < 0 { // want CGO003 "C.zmq_send can block \(.*\) once per item: \(\*Socket\)\.sendFrame is called at line 58 of send.go; it runs in the loop over msgs at line 57 of send.go"
		return errors.New(C.GoString(C.zmq_strerror(C.zmq_errno())))
	}
	return nil
}

// SendMessage sends the frames of ONE multipart message: every frame but the last carries
// ZMQ_SNDMORE. The loop marks its last item, so its passes are parts of one logical send, not
// independent items (libzmq's high-water mark counts whole messages).
func (s *Socket) SendMessage(frames [][]byte) error {
	n := len(frames) - 1
	for i, f := range frames {
		flags := C.int(C.ZMQ_SNDMORE)
		if i == n {
			flags = 0
		}
		if C.zmq_send(s.soc, unsafe.Pointer(&f[0]), C.size_t(len(f)), flags) < 0 {
			return errors.New(C.GoString(C.zmq_strerror(C.zmq_errno())))
		}
	}
	return nil
}

// SendParts is the same with a counting loop: the condition gives the last index.
func (s *Socket) SendParts(parts ...[]byte) error {
	for i := 0; i < len(parts); i++ {
		flags := C.int(0)
		if i < len(parts)-1 {
			flags = C.ZMQ_SNDMORE
		}
		if C.zmq_send(s.soc, unsafe.Pointer(&parts[i][0]), C.size_t(len(parts[i])), flags) < 0 {
			return errors.New(C.GoString(C.zmq_strerror(C.zmq_errno())))
		}
	}
	return nil
}

// SendAll sends each message on its own: one crossing, and possibly one wait, per message.
func (s *Socket) SendAll(msgs [][]byte) error {
	for _, m := range msgs {
		if err := s.sendFrame(m, 0); err != nil {
			return err
		}
	}
	return nil
}
