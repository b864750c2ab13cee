"""What the facts see of a package's C code: its file-scope functions, types and prototypes, and its
preprocessor lines and calls wherever they are. The index lists file scope instead of walking every
node (model.c_index), so these are the places a walk of file scope alone would miss."""

from __future__ import annotations

from pathlib import Path

from cgolint.discover import Target
from cgolint.facts import PackageFacts
from cgolint.facts.declarations import function_declarations, function_macros, object_macros
from cgolint.loader import load_directory

from conftest import write_tree

GO = 'package p\n\n// #include "lib.h"\nimport "C"\n\nfunc F() { C.outer() }\n'

LIB_H = """\
#ifndef LIB_H
#define LIB_H
#ifdef __cplusplus
extern "C" {
#endif
int lib_open(const char *path);
#if defined(__linux__)
int lib_poll(int fd);
#else
int lib_poll(long fd);
#endif
#ifdef __cplusplus
}
#endif
#endif
"""

LIB_C = """\
#include <unistd.h>
#include "lib.h"
extern "C" int wrapped(void) { return 1; }
extern "C" {
static int in_block(int fd) { char b; return read(fd, &b, 1); }
}
#ifdef __linux__
static int linux_only(void) { return 2; }
#endif
void outer(void) {
    typedef int local_t;
#define LOCAL_MAX(a, b) ((a) > (b) ? (a) : (b))
#include "inline.inc"
    local_t x = LOCAL_MAX(in_block(0), wrapped());
    (void)x;
}
typedef struct { int fd; } handle_t;
"""


def _facts(tmp_path: Path) -> PackageFacts:
    write_tree(tmp_path, {"p.go": GO, "lib.h": LIB_H, "lib.c": LIB_C, "inline.inc": ""})
    problems: list = []
    [package] = load_directory(Target(tmp_path), tmp_path, [], tmp_path, problems)
    return PackageFacts(package)


def test_functions_in_conditional_groups_and_linkage_blocks_are_found(tmp_path):
    facts = _facts(tmp_path)
    assert sorted(facts.c_functions) == ["in_block", "linux_only", "outer", "wrapped"]


def test_calls_are_found_with_the_function_they_are_in(tmp_path):
    calls = sorted((c.name, c.caller) for c in _facts(tmp_path).c_calls)
    assert calls == [("LOCAL_MAX", "outer"), ("in_block", "outer"), ("read", "in_block"), ("wrapped", "outer")]


def test_preprocessor_lines_inside_a_function_body_are_found(tmp_path):
    unit = next(u for u in _facts(tmp_path).package.c_files if u.source.path.name == "lib.c")
    assert function_macros(unit) == ["LOCAL_MAX"]
    assert unit.includes == ("unistd.h", "lib.h", "inline.inc")


def test_prototypes_and_macros_of_a_header_are_found_through_its_groups(tmp_path):
    unit = next(u for u in _facts(tmp_path).package.c_files if u.source.path.name == "lib.h")
    assert function_declarations(unit) == ["lib_open", "lib_poll", "lib_poll"]
    assert object_macros(unit) == ["LIB_H"]


def test_only_file_scope_typedefs_are_types_go_can_name(tmp_path):
    assert _facts(tmp_path).c_type_names == frozenset({"handle_t"})
