"""Benchmark cgolint, run by hand; prints ratios measured in one run (machines here are noisy).

    python3 bench/bench.py [--scale N] [--repeat R] [--keep DIR]

It writes a deterministic corpus to a temporary directory, shaped like what real cgo repositories
hold (see write_corpus): generated bindings with multi-megabyte `//` and `/* */` preambles, a
vendored C library of hundreds of .c files, packages of hundreds of small cgo files, ordinary
bindings with preambles, .c and .h files, and thousands of plain Go files. Then, in this one run:

- parse floor: one process reading every file and parsing with tree-sitter what cgolint must parse
  (the Go files that import "C", their preambles as C, and the .c/.h files of cgo packages);
- cold, --jobs 1 and --jobs N (all cores): `cgolint check --format sarif` with an empty cache;
- warm: the same again, nothing changed (results come from the cache);
- one file touched: one binding edited, the rest from the cache;
- ast-grep and semgrep with three CGO001-like rules, when installed (optional extras);
- peak memory (VmHWM) of the parse floor and of cgolint --jobs 1, each in a child process.

Every timing is the best of --repeat runs of a fresh child process. Reported with each: its ratio
to the parse floor (and warm and touched to cold). Targets (issue 9): cold on all cores ≤ 1.5x the
floor, warm ≤ 10% of cold, one file touched ≤ 20% of cold, peak memory ≤ 1.5x the floor's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Children may write bytecode caches, as an installed cgolint does (some shells set PYTHONDONTWRITEBYTECODE).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT)}

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

SMALL = '''package many

// #include <stdlib.h>
// static int twice_{i}(int x) {{ return 2 * x; }}
import "C"

import "unsafe"

func Twice{i}(s string) int {{
	p := C.CString(s)
	defer C.free(unsafe.Pointer(p))
	return int(C.twice_{i}(C.int(len(s))))
}}
'''

HELPER_H = "#include <stdlib.h>\nint helper_sum(const unsigned char *p, int n);\n"
HELPER_C = '#include "helper.h"\nint helper_sum(const unsigned char *p, int n) {\n\tint s = 0;\n\tfor (int i = 0; i < n; i++) s += p[i];\n\treturn s;\n}\n'

VENDORED_C = '''#include <stdlib.h>
#include <string.h>
#include "lib.h"

#ifdef LIB_DEBUG
static void trace_{i}(const char *msg) {{ (void)msg; }}
#endif

int lib_step_{i}(struct lib_state *st, const unsigned char *in, size_t n) {{
	size_t i;
	unsigned acc = st->acc;
	for (i = 0; i < n; i++) {{
		acc = (acc << 5) + acc + in[i];
		if (acc % 7 == 0) st->hits++;
	}}
	st->acc = acc;
	return (int)(acc & 0xff);
}}

char *lib_copy_{i}(const char *s) {{
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (p) memcpy(p, s, n + 1);
	return p;
}}
'''

VENDORED_GO = '''package vendored

// #cgo CFLAGS: -DLIB_FAST
// #include <stdlib.h>
// #include "lib.h"
import "C"

import "unsafe"

func Step(data []byte) int {
	var st C.struct_lib_state
	return int(C.lib_step_0(&st, (*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))))
}

func Copy(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	p := C.lib_copy_0(cs)
	defer C.free(unsafe.Pointer(p))
	return C.GoString(p)
}
'''


def generated_binding(pkg: str, functions: int, block: bool) -> str:
    """An OpenGL-style generated binding: a preamble of thousands of declarations and macros, as
    `//` lines or one `/* */` block, and a Go wrapper for every tenth function."""
    decls = []
    for i in range(functions):
        decls.append(f"#define GL_CONST_{i} 0x{i:04X}")
        decls.append(f"typedef void (*PFN_{i})(unsigned int target, int level, const void *data);")
        decls.append(f"static void gen_call_{i}(void *fn, unsigned int t, int l, const void *d) {{ ((PFN_{i})fn)(t, l, d); }}")
    preamble = ("/*\n" + "\n".join(decls) + "\n*/\n") if block else "".join(f"// {d}\n" for d in decls)
    wrappers = "".join(
        f"func Call{i}(fn unsafe.Pointer, t uint32, l int32, d unsafe.Pointer) {{\n"
        f"\tC.gen_call_{i}(fn, C.uint(t), C.int(l), d)\n}}\n\n" for i in range(0, functions, 10))
    return f"package {pkg}\n\n{preamble}import \"C\"\n\nimport \"unsafe\"\n\n{wrappers}"


def write_corpus(root: Path, scale: int) -> dict[str, int]:
    """A corpus whose size grows with scale (scale 1: about 4,000 files, 7.5 MB). Deterministic."""
    counts = {"binding packages": 0, "files": 0}

    def put(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        counts["files"] += 1

    for p in range(40 * scale):  # ordinary bindings: 4 cgo files, a .c/.h pair and 6 plain files each
        d = root / "bindings" / f"pkg{p}"
        for i in range(4):
            put(d / f"binding{i}.go", BINDING.format(pkg=f"pkg{p}", i=i))
        for i in range(6):
            put(d / f"plain{i}.go", PLAIN.format(pkg=f"pkg{p}", i=i))
        put(d / "helper.h", HELPER_H)
        put(d / "helper.c", HELPER_C)
        counts["binding packages"] += 1
    for g in range(3 * scale):  # generated bindings with megabyte preambles, both comment styles
        put(root / "gl" / f"v{g}" / "gl.go", generated_binding(f"v{g}", 9000, block=g % 2 == 1))
    vendored = root / "vendored"  # a vendored C library of hundreds of .c files beside one cgo file
    put(vendored / "lib.h", "#include <stddef.h>\nstruct lib_state { unsigned acc; int hits; };\n"
        + "".join(f"int lib_step_{i}(struct lib_state *st, const unsigned char *in, size_t n);\n"
                  f"char *lib_copy_{i}(const char *s);\n" for i in range(300 * scale)))
    for i in range(300 * scale):
        put(vendored / f"lib_{i}.c", VENDORED_C.format(i=i))
    put(vendored / "vendored.go", VENDORED_GO)
    for i in range(300 * scale):  # one package of hundreds of small cgo files
        put(root / "many" / f"f{i}.go", SMALL.format(i=i))
    for i in range(3000 * scale):  # thousands of plain Go files in packages without cgo
        put(root / "plain" / f"p{i // 100}" / f"f{i}.go", PLAIN.format(pkg=f"p{i // 100}", i=i))
    return counts


FLOOR = r'''
import sys
from pathlib import Path
from cgolint.parsing import may_import_c, parse_c, parse_go
from cgolint.preamble import find_import_c, preamble_text
from cgolint.source import SourceFile
root = Path(sys.argv[1])
for d in sorted({p.parent for p in root.rglob("*.go")} | {p.parent for p in root.rglob("*.c")}):
    cgo = False
    for path in sorted(d.glob("*.go")):
        data = path.read_bytes()
        if not may_import_c(data):
            continue
        tree = parse_go(data)
        anchor = find_import_c(tree.root_node, data)
        if anchor is None:
            continue
        cgo = True
        text = preamble_text(SourceFile(path, path.name, data), anchor)
        if text is not None:
            parse_c(text.text)
    for path in sorted([*d.glob("*.c"), *d.glob("*.h")]):
        data = path.read_bytes()
        if cgo:
            parse_c(data)
'''

RSS = ("\nimport re; sys.__stderr__.write('VmHWM ' + re.search(r'VmHWM:\\s+(\\d+)', "
       "open('/proc/self/status').read()).group(1) + '\\n')")


def timed(cmd: list[str], cwd: Path, repeat: int, before=None) -> tuple[float, subprocess.CompletedProcess]:
    best, done = float("inf"), None
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
    return best, done


def peak_kib(code: str, args: list[str], cwd: Path) -> int:
    done = subprocess.run([sys.executable, "-c", code + RSS, *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("VmHWM ")]
    return int(lines[-1].split()[1]) if lines else 0


AST_GREP_RULES = """id: cstring-not-freed
language: go
rule:
  pattern: $P := C.CString($S)
  not:
    precedes:
      pattern: defer C.free(unsafe.Pointer($P))
      stopBy: end
---
id: cbytes-not-freed
language: go
rule:
  pattern: $P := C.CBytes($S)
  not:
    precedes:
      pattern: defer C.free($P)
      stopBy: end
---
id: malloc-not-freed
language: go
rule:
  pattern: $P := C.malloc($N)
  not:
    precedes:
      pattern: defer C.free($P)
      stopBy: end
"""

SEMGREP_RULES = """rules:
- id: cstring-not-freed
  languages: [go]
  severity: WARNING
  message: C.CString not freed
  patterns:
  - pattern: $P := C.CString($S)
  - pattern-not-inside: |
      $P := C.CString($S)
      ...
      defer C.free(unsafe.Pointer($P))
- id: cbytes-not-freed
  languages: [go]
  severity: WARNING
  message: C.CBytes not freed
  patterns:
  - pattern: $P := C.CBytes($S)
  - pattern-not-inside: |
      $P := C.CBytes($S)
      ...
      defer C.free($P)
- id: malloc-not-freed
  languages: [go]
  severity: WARNING
  message: C.malloc not freed
  patterns:
  - pattern: $P := C.malloc($N)
  - pattern-not-inside: |
      $P := C.malloc($N)
      ...
      defer C.free($P)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=1, help="corpus size (1: about 4,000 files, 7.5 MB)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per timing; the best is kept")
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    ap.add_argument("--ast-grep", type=Path, help="the ast-grep binary (default: found on PATH)")
    ap.add_argument("--semgrep", type=Path, help="the semgrep binary (default: found on PATH)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="cgolint-bench-")
    root = args.keep or Path(tmp) / "corpus"
    try:
        if not root.exists():
            counts = write_corpus(root, args.scale)
        else:
            counts = {"files": sum(1 for p in root.rglob("*") if p.is_file())}
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"corpus: {counts['files']} files, {size / 1e6:.1f} MB; {cores} cores; best of {args.repeat}")
        cache = Path(tmp) / "cache"
        check = [sys.executable, "-m", "cgolint", "check", "--format", "sarif", "-q", "--cache-dir", str(cache)]
        clear = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731

        floor, _ = timed([sys.executable, "-c", FLOOR, str(root)], root, args.repeat)
        rows = [("parse floor (one process)", floor)]
        cold1, done = timed([*check, "--jobs", "1", "."], root, args.repeat, clear)
        assert done.returncode in (0, 1), done.stderr[-2000:]
        rows.append(("cgolint cold, --jobs 1", cold1))
        coldn, done_n = timed([*check, "--jobs", str(cores), "."], root, args.repeat, clear)
        assert done_n.stdout == done.stdout, "--jobs changed the output"
        rows.append((f"cgolint cold, --jobs {cores}", coldn))
        warm, done_w = timed([*check, "."], root, args.repeat)
        assert done_w.stdout == done.stdout, "the cache changed the output"
        rows.append(("cgolint warm (nothing changed)", warm))
        victim = root / "bindings" / "pkg0" / "binding0.go"
        original = victim.read_text()
        counter = iter(range(10**6))
        touch = lambda: victim.write_text(original + f"\n// touched {next(counter)}\n")  # noqa: E731
        touched, _ = timed([*check, "."], root, args.repeat, touch)
        victim.write_text(original)
        rows.append(("cgolint, one file touched", touched))

        rules = Path(tmp) / "rules"
        rules.mkdir(exist_ok=True)
        extras = []
        sg = next((str(t) for t in (args.ast_grep, shutil.which("ast-grep"), shutil.which("sg")) if t and "ast-grep"
                   in subprocess.run([str(t), "--version"], capture_output=True, text=True).stdout.lower()),
                  None)  # `sg` may be shadow-utils' newgrp
        if sg:
            (rules / "ast-grep.yml").write_text(AST_GREP_RULES)
            t, done_sg = timed([sg, "scan", "--rule", str(rules / "ast-grep.yml"), "--json=compact", "."], root,
                               args.repeat)
            matches = done_sg.stdout.count('"ruleId"')
            extras.append((f"ast-grep, 3 CGO001-like rules ({matches} matches)", t))
        else:
            print("ast-grep: not installed (npm install -g @ast-grep/cli), skipped")
        semgrep = str(args.semgrep) if args.semgrep else shutil.which("semgrep")
        if semgrep:
            (rules / "semgrep.yml").write_text(SEMGREP_RULES)
            t, _ = timed([semgrep, "scan", "--config", str(rules / "semgrep.yml"), "--json", "--metrics=off", "-q",
                          "."], root, 1)
            extras.append(("semgrep, 3 CGO001-like rules", t))
        else:
            print("semgrep: not installed (pip install semgrep), skipped")

        print(f"\n{'':40} {'seconds':>8} {'x floor':>8}")
        for name, t in rows + extras:
            print(f"{name:40} {t:8.2f} {t / floor:8.2f}")
        print(f"\nwarm / cold (--jobs {cores}):          {warm / coldn:.2f}   (target <= 0.10)")
        print(f"one file touched / cold (--jobs {cores}): {touched / coldn:.2f}   (target <= 0.20)")
        print(f"cold --jobs {cores} / floor:              {coldn / floor:.2f}   (target <= 1.5)")
        for name, t in extras:
            print(f"cgolint cold --jobs {cores} / {name.split(',')[0]}: {coldn / t:.2f}")

        mem_floor = peak_kib(FLOOR, [str(root)], root)
        mem_lint = peak_kib("import sys\nsys.argv = ['cgolint', 'check', '--no-cache', '--jobs', '1', '-q', "
                            "'--format', 'sarif', '-o', '/dev/null', '.']\nfrom cgolint.cli import main\n"
                            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass", [], root)
        print(f"\npeak memory: parse floor {mem_floor / 1024:.0f} MiB, cgolint --jobs 1 {mem_lint / 1024:.0f} MiB, "
              f"ratio {mem_lint / max(mem_floor, 1):.2f}   (target <= 1.5)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
