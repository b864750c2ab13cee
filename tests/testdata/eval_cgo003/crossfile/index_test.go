package main

import "testing"

func BenchmarkLoadIndex(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if loadIndex("testdata/index.bin") == nil {
			b.Skip("no test index")
		}
	}
}

func TestOpenBlocksMissing(t *testing.T) {
	for _, p := range []string{"/nonexistent/a", "/nonexistent/b"} {
		if fd := openBlocks(p); fd >= 0 {
			t.Fatalf("%s: opened", p)
		}
	}
}
