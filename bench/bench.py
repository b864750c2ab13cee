"""Benchmark cgolint, run by hand; prints ratios measured in one run (machines here are noisy).

    python3 bench/bench.py [--packages N]

It writes a synthetic corpus of realistic cgo packages (bindings with preambles, .c files,
and plain Go files that cost no parse) to a temporary directory, then measures, in this one run:

- parse floor: reading every .go/.c/.h file and parsing it with tree-sitter, nothing else;
- cgolint: `cgolint check --format sarif` on the corpus, in-process;
- gofmt: `gofmt -l` on the same corpus (Go's own parser, as a native baseline), if Go is installed;
- peak memory (VmHWM) of a child process running cgolint, against a child that only imports it.

Reported: cgolint/parse-floor (how much the rules and facts add to parsing), cgolint/gofmt,
and peak-RSS ratio. Timings are the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cgolint.cli import main as cgolint_main  # noqa: E402
from cgolint.parsing import parse_c, parse_go  # noqa: E402

BINDING = '''package {pkg}

/*
#cgo pkg-config: libcrypto
#cgo LDFLAGS: -lz
#include <stdlib.h>
#include <zlib.h>
#include <openssl/evp.h>
#include "helper.h"

static int seal_chunk_{i}(EVP_CIPHER_CTX *ctx, unsigned char *out, const unsigned char *in, int n) {{
	int outl = 0;
	if (EVP_EncryptUpdate(ctx, out, &outl, in, n) != 1) return -1;
	return outl;
}}
*/
import "C"

import (
	"errors"
	"unsafe"
)

type Sealer{i} struct {{ ctx *C.EVP_CIPHER_CTX; name *C.char }}

func NewSealer{i}(name string, key []byte) (*Sealer{i}, error) {{
	ctx := C.EVP_CIPHER_CTX_new()
	if ctx == nil {{
		return nil, errors.New("no context")
	}}
	k := C.CBytes(key)
	defer C.free(k)
	cname := C.CString(name)
	if C.EVP_EncryptInit_ex(ctx, C.EVP_aes_256_gcm(), nil, (*C.uchar)(k), nil) != 1 {{
		C.free(unsafe.Pointer(cname))
		C.EVP_CIPHER_CTX_free(ctx)
		return nil, errors.New("init")
	}}
	return &Sealer{i}{{ctx: ctx, name: cname}}, nil
}}

func (s *Sealer{i}) Close() {{
	C.free(unsafe.Pointer(s.name))
	C.EVP_CIPHER_CTX_free(s.ctx)
}}

func (s *Sealer{i}) SealAll(chunks [][]byte) (int, error) {{
	total := 0
	buf := C.malloc(C.size_t(4096))
	defer C.free(buf)
	out := unsafe.Slice((*byte)(buf), 4096)
	for _, c := range chunks {{
		if len(c) == 0 {{
			continue
		}}
		n := C.seal_chunk_{i}(s.ctx, (*C.uchar)(unsafe.Pointer(&out[0])), (*C.uchar)(unsafe.Pointer(&c[0])), C.int(len(c)))
		if n < 0 {{
			return total, errors.New("seal")
		}}
		total += int(n) + int(C.crc32(0, (*C.Bytef)(unsafe.Pointer(&c[0])), C.uInt(len(c))))
	}}
	return total, nil
}}
'''

PLAIN = '''package {pkg}

import "strings"

// Join{i} is plain Go: cgolint's byte scan skips it without parsing.
func Join{i}(parts []string) string {{
	var b strings.Builder
	for i, p := range parts {{
		if i > 0 {{
			b.WriteString(",")
		}}
		b.WriteString(p)
	}}
	return b.String()
}}
'''

HELPER_H = "#include <stdlib.h>\nint helper_sum(const unsigned char *p, int n);\n"
HELPER_C = '#include "helper.h"\nint helper_sum(const unsigned char *p, int n) {\n\tint s = 0;\n\tfor (int i = 0; i < n; i++) s += p[i];\n\treturn s;\n}\n'


def write_corpus(root: Path, packages: int) -> int:
    files = 0
    for p in range(packages):
        d = root / f"pkg{p}"
        d.mkdir(parents=True)
        for i in range(4):
            (d / f"binding{i}.go").write_text(BINDING.format(pkg=f"pkg{p}", i=i))
            (d / f"plain{i}.go").write_text(PLAIN.format(pkg=f"pkg{p}", i=i))
        (d / "helper.h").write_text(HELPER_H)
        (d / "helper.c").write_text(HELPER_C)
        files += 10
    return files


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def parse_floor(root: Path) -> None:
    for path in root.rglob("*"):
        if path.suffix == ".go":
            parse_go(path.read_bytes())
        elif path.suffix in (".c", ".h"):
            parse_c(path.read_bytes())


def run_cgolint(root: Path) -> None:
    out = io.StringIO()
    old = os.getcwd()
    os.chdir(root)
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            code = cgolint_main(["check", "--format", "sarif", "."])
    finally:
        os.chdir(old)
    assert code in (0, 1) and '"results"' in out.getvalue()


def child_rss(code: str, cwd: Path) -> int:
    """Peak RSS (KiB) of a child Python running code, as the child itself reports it: VmHWM from
    /proc/self/status (ru_maxrss would not do: Linux carries it over execve from this process)."""
    code += ("\nimport re, sys; sys.__stderr__.write(re.search(r'VmHWM:\\s+(\\d+)', "
             "open('/proc/self/status').read()).group(1))")
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, check=False, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return int(done.stderr.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packages", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = write_corpus(root, args.packages)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        print(f"corpus: {args.packages} packages, {files} files, {size / 1024:.0f} KiB")
        floor = best(lambda: parse_floor(root), args.repeat)
        lint = best(lambda: run_cgolint(root), args.repeat)
        print(f"parse floor (tree-sitter on every file): {floor * 1000:.0f} ms")
        print(f"cgolint check --format sarif:             {lint * 1000:.0f} ms")
        print(f"ratio cgolint / parse floor:              {lint / floor:.2f}")
        gofmt = shutil.which("gofmt")
        if gofmt:
            native = best(lambda: subprocess.run([gofmt, "-l", "."], cwd=root, capture_output=True, check=True), args.repeat)
            print(f"gofmt -l (Go's parser, native):            {native * 1000:.0f} ms")
            print(f"ratio cgolint / gofmt:                    {lint / native:.2f}")
        base = child_rss("import cgolint.cli", root)
        full = child_rss("from cgolint.cli import main; import sys; sys.stdout = open('/dev/null', 'w'); "
                         "main(['check', '--format', 'sarif', '-q', '.'])", root)
        print(f"peak RSS: import only {base / 1024:.0f} MiB, full run {full / 1024:.0f} MiB, ratio {full / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
