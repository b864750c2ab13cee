// Package reports builds daily reports from the record store.
package reports

/*
#include <stdlib.h>
#include "store.h"
*/
import "C"

import (
	"strings"
	"unsafe"
)

type Row struct {
	ID   int64
	Name string
}

type Reporter struct {
	st *C.store
}

func (r *Reporter) fetchRows(q string) []Row {
	cq := C.CString(q)
	defer C.free(unsafe.Pointer(cq))
	var recs [128]C.record
	n := C.fetch_all(r.st, cq, &recs[0], C.int(len(recs)))
	rows := make([]Row, 0, int(n))
	for i := 0; i < int(n); i++ {
		rows = append(rows, Row{ID: int64(recs[i].id), Name: C.GoString(&recs[i].name[0])})
	}
	return rows
}

// Build is called once per report.
func (r *Reporter) Build(q string) (placeholders []int, rows []Row, lines []string) {
	for i, n := 0, int(C.count_records(r.st)); i < n; i++ {
		placeholders = append(placeholders, i)
	}
	for i := 0; i < int(C.cached_count(r.st)); i += 100 {
		placeholders[i] = -placeholders[i]
	}

	for _, row := range r.fetchRows(q) {
		if row.Name != "" {
			rows = append(rows, row)
		}
	}

	cq := C.CString(q)
	defer C.free(unsafe.Pointer(cq))
	for _, line := range strings.Split(C.GoString(C.run_query(r.st, cq)), "\n") {
		lines = append(lines, strings.TrimSpace(line))
	}

	cur := C.open_cursor(r.st)
	if cur == nil {
		return
	}
	defer C.close_cursor(cur)
	var rec C.record
	for C.next_record(cur, &rec) > 0 { // not hot (relabelled): a protocol loop driven by the C cursor
		rows = append(rows, Row{ID: int64(rec.id), Name: C.GoString(&rec.name[0])})
		if rec.flags&1 != 0 {
			C.mark_seen(r.st, rec.id) // not hot (relabelled): inside the loop driven by the C cursor
		}
	}
	for _, row := range rows {
		func() {
			if row.ID%2 == 0 {
				C.mark_seen(r.st, C.long(row.ID)) // want CGO003
			}
		}()
	}
	return placeholders, rows, lines
}
