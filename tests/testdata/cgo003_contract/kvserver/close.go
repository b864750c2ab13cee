package kvserver

// #include "kv.h"
import "C"

// Pool holds one store per shard.
type Pool struct {
	shards []*Store
}

// Close syncs every shard once, when the pool is done: teardown runs once per pool, so its loop
// is not a per-item hot path.
func (p *Pool) Close() {
	for _, st := range p.shards {
		C.kv_sync(st.c)
	}
}

// SyncAll syncs every shard on demand: the same loop, per item, outside teardown.
func (p *Pool) SyncAll() {
	for _, st := range p.shards {
		C.kv_sync(st.c) // want CGO003 "C.kv_sync can block \(kv_sync → fdatasync: waits for the disk\) once per item: it runs in the loop over p.shards at line 21 of close.go"
	}
}

// KeyName reads a key's name, doubling the buffer until it fits: a retry, not a loop over items.
func KeyName(st *Store, i int) string {
	for size := 64; size <= 4096; size *= 2 {
		buf := make([]C.char, size)
		if C.kv_key_at(st.c, C.int(i), &buf[0], C.size_t(size)) >= 0 {
			return C.GoString(&buf[0])
		}
	}
	return ""
}
