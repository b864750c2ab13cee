"""Go build constraints of a file: the GOOS it is built for, and whether it builds everywhere.

A file's constraints are its name's _GOOS/_GOARCH suffix and its `//go:build` (or old
`// +build`) lines before the package clause. The loader needs to know whether a file's `#cgo`
flags hold on every build; CGO003 needs the GOOS that picks one of a C function's platform
variants.
"""

from __future__ import annotations

import re

GOOS = frozenset(
    "aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 "
    "windows zos".split()
)
GOARCH = frozenset(
    "386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc "
    "ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm".split()
)
# The package clause, after comments: a cheap look that needs no parse; constraints come before it.
PACKAGE_CLAUSE = re.compile(rb"^package\s+(\w+)", re.MULTILINE)
_BUILD_LINE = re.compile(rb"^[ \t]*//(?:go:build|[ \t]*\+build)[ \t]", re.MULTILINE)


def file_goos(name: str, data: bytes) -> frozenset[str] | None:
    """The GOOS values a file is built for (file-name suffix or //go:build line), None for all."""
    stem = name.rsplit(".", 1)[0]
    parts = stem.split("_")
    for part in reversed(parts[1:]):
        if part in GOOS:
            return frozenset({part})
    m = re.search(rb"^//go:build (.+)$", data[:4096], re.MULTILINE)
    if m:
        expr = m.group(1).decode("utf-8", "replace").strip()
        terms = [t.strip().strip("()") for t in expr.split("||")]
        if all(t in GOOS for t in terms):
            return frozenset(terms)  # linux || darwin
        if "||" not in expr:
            positive = [w for w in re.findall(r"!?\w+", expr) if w in GOOS]
            if len(positive) == 1:
                return frozenset(positive)  # linux && amd64
    return None


def built_sometimes(name: str, data: bytes) -> bool:
    """Whether a Go file has build constraints, so what it declares holds on some builds only."""
    parts = name.rsplit(".", 1)[0].split("_")[1:]
    if parts and (parts[-1] in GOOS or parts[-1] in GOARCH):
        return True
    clause = PACKAGE_CLAUSE.search(data)
    return _BUILD_LINE.search(data, 0, clause.start() if clause else len(data)) is not None
