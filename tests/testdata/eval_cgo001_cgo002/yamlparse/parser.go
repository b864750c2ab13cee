// Package yamlparse drives a libyaml-style event parser over in-memory documents.
package yamlparse

/*
#include <stdlib.h>

typedef struct {
	const unsigned char *input;
	size_t size;
	int error;
} yaml_parser_t;
typedef struct { int type; } yaml_event_t;
typedef struct { int state; } yaml_emitter_t;

#define YAML_STREAM_END_EVENT 2

static int yaml_parser_initialize(yaml_parser_t *parser) { parser->error = 0; return 1; }
static void yaml_parser_set_input_string(yaml_parser_t *parser, const unsigned char *input, size_t size) {
	parser->input = input;
	parser->size = size;
}
static int yaml_parser_parse(yaml_parser_t *parser, yaml_event_t *event) { event->type = YAML_STREAM_END_EVENT; return 1; }
static void yaml_event_delete(yaml_event_t *event) {}
static void yaml_parser_delete(yaml_parser_t *parser) {}
static int yaml_emit_scalar(yaml_emitter_t *emitter, const char *tag, const char *value) { return 1; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Parser parses one document; the input is copied to C memory and kept until Close.
type Parser struct {
	p     *C.yaml_parser_t
	input unsafe.Pointer
}

// NewParser creates a parser over doc.
func NewParser(doc []byte) (*Parser, error) {
	p := (*C.yaml_parser_t)(C.calloc(1, C.size_t(unsafe.Sizeof(C.yaml_parser_t{}))))
	if C.yaml_parser_initialize(p) == 0 {
		C.free(unsafe.Pointer(p))
		return nil, errors.New("yaml: cannot initialize parser")
	}
	input := C.CBytes(doc)
	C.yaml_parser_set_input_string(p, (*C.uchar)(input), C.size_t(len(doc)))
	return &Parser{p: p, input: input}, nil
}

// Reset points the parser at a new document.
func (p *Parser) Reset(doc []byte) {
	input := C.CBytes(doc)
	C.yaml_parser_set_input_string(p.p, (*C.uchar)(input), C.size_t(len(doc)))
	C.free(p.input)
	p.input = input
}

// Close releases the parser and its input.
func (p *Parser) Close() {
	C.yaml_parser_delete(p.p)
	C.free(unsafe.Pointer(p.p))
	C.free(p.input)
	p.p, p.input = nil, nil
}

// Validate parses doc once to check that it is well formed.
func Validate(doc []byte) error {
	var parser C.yaml_parser_t
	if C.yaml_parser_initialize(&parser) == 0 {
		return errors.New("yaml: cannot initialize parser")
	}
	defer C.yaml_parser_delete(&parser)
	input := C.CBytes(doc) // want CGO001
	C.yaml_parser_set_input_string(&parser, (*C.uchar)(input), C.size_t(len(doc)))
	var ev C.yaml_event_t
	for {
		if C.yaml_parser_parse(&parser, &ev) == 0 {
			return fmt.Errorf("yaml: syntax error (%d)", int(parser.error))
		}
		done := ev._type == C.YAML_STREAM_END_EVENT
		C.yaml_event_delete(&ev)
		if done {
			break
		}
	}
	C.free(input)
	return nil
}

// EmitScalars emits each value with the given tag.
func EmitScalars(e *C.yaml_emitter_t, tag string, values []string) error {
	ctag := C.CString(tag)
	defer C.free(unsafe.Pointer(ctag))
	for _, v := range values {
		cv := C.CString(v)
		ok := C.yaml_emit_scalar(e, ctag, cv)
		C.free(unsafe.Pointer(cv))
		if ok == 0 {
			return fmt.Errorf("yaml: cannot emit %q", v)
		}
	}
	return nil
}

// EmitPlain emits an untagged scalar.
func EmitPlain(e *C.yaml_emitter_t, value string) error {
	if C.yaml_emit_scalar(e, nil, C.CString(value)) == 0 { // want CGO001
		return fmt.Errorf("yaml: cannot emit %q", value)
	}
	return nil
}
