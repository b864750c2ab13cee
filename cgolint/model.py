"""The package model: what the rules see of a directory of cgo code.

A Package holds the Go files of one directory that share a package clause,
each parsed once, with the C code cgo compiles with them: each file's
preamble and the directory's .c and .h files. All C code is a CUnit, whose
nodes map back to exact positions in the file they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tree_sitter import Node, Tree

from cgolint.source import SourceFile, Span
from cgolint.parsing import capture


# The node types the facts read, captured in one query per file (each file's index holds only these).
GO_INDEXED = ("call_expression", "slice_expression", "function_declaration", "method_declaration", "func_literal",
              "import_spec", "type_spec", "var_spec", "go_statement", "assignment_statement", "send_statement",
              "literal_element")
# In C: what is declared and defined at file scope (the only functions and types Go can name), and
# the preprocessor lines wherever they are. (Calls are captured on their own, by facts.calls.)
C_FILE_SCOPE = ("function_definition", "declaration", "type_definition")
C_PREPROCESSOR = ("preproc_def", "preproc_function_def", "preproc_include")
C_INDEXED = (*C_FILE_SCOPE, *C_PREPROCESSOR)
# Nodes whose children are at file scope too: conditional groups and `extern "C" { ... }`.
_C_SCOPES = frozenset({"preproc_if", "preproc_ifdef", "preproc_elif", "preproc_elifdef", "preproc_else",
                       "linkage_specification", "declaration_list"})


class NodeIndex(dict):
    """Nodes by type, for the types in GO_INDEXED or C_INDEXED only: asking for any other type is a
    bug (it would silently find nothing), so it raises."""

    def __init__(self, found: dict[str, list[Node]], types: tuple[str, ...]) -> None:
        super().__init__(found)
        self.types = types

    def get(self, kind: str, default=None):
        if kind not in self.types:
            raise KeyError(f"node type {kind!r} is not indexed; add it to GO_INDEXED or C_INDEXED")
        return super().get(kind, default)


def file_scope(root: Node) -> list[Node]:
    """The nodes at file scope of a C tree, in source order: the root's children, and (in their place)
    those of its conditional groups and linkage specifications, at any depth."""
    out: list[Node] = []
    stack = [iter(root.children)]
    while stack:
        for child in stack[-1]:
            if child.type in _C_SCOPES:
                stack.append(iter(child.children))
                break
            out.append(child)
        else:
            stack.pop()
    return out


def c_index(scope: list[Node], data: bytes, base: int) -> dict[str, list[Node]]:
    """The C_INDEXED nodes of a C tree, in source order (an enclosing node first), without a walk of
    every node: from its file-scope nodes, looking inside one for preprocessor lines only where its
    text has a `#`, and inside an ERROR node for everything. A generated preamble of thousands of
    functions is indexed for the cost of listing them. data: the file the C code is in, the tree's
    byte b at data[base + b] (the text parsed differs only by blanks, so it has no `#` data lacks)."""
    found: dict[str, list[Node]] = {kind: [] for kind in C_INDEXED}
    for node in scope:
        kind = node.type
        if kind in found:
            found[kind].append(node)
        if kind == "ERROR":
            for k, nodes in capture("c", node, C_INDEXED).items():
                found[k] += nodes
        elif kind not in C_PREPROCESSOR and data.find(b"#", base + node.start_byte, base + node.end_byte) >= 0:
            for k, nodes in capture("c", node, C_PREPROCESSOR).items():
                found[k] += nodes
    for nodes in found.values():
        nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
    return found


@dataclass(frozen=True)
class CgoDirective:
    """One `#cgo [constraints] NAME: args` line of a preamble."""

    constraints: tuple[str, ...]  # e.g. ("linux", "!arm64") or ("linux,amd64",)
    name: str  # CFLAGS, CPPFLAGS, CXXFLAGS, FFLAGS, LDFLAGS, pkg-config, noescape, nocallback
    args: tuple[str, ...]
    span: Span

    @property
    def link_libraries(self) -> tuple[str, ...]:
        """Libraries named with -lNAME (or -l NAME) in LDFLAGS."""
        if self.name != "LDFLAGS":
            return ()
        libs, args = [], list(self.args)
        for i, arg in enumerate(args):
            if arg == "-l" and i + 1 < len(args):
                libs.append(args[i + 1])
            elif arg.startswith("-l") and len(arg) > 2:
                libs.append(arg[2:])
        return tuple(libs)

    @property
    def pkg_config_packages(self) -> tuple[str, ...]:
        if self.name != "pkg-config":
            return ()
        return tuple(a for a in self.args if not a.startswith("-"))


@dataclass(eq=False)
class CUnit:
    """C code: a preamble (inside a Go file) or a .c/.h file.

    The preamble's C text is a byte-for-byte overlay of the Go file (comment
    markers and #cgo lines blanked to spaces), so a C node at byte b sits at
    byte base + b of the file it came from. The tree is parsed from that text
    with its dead #if branches blanked too (preprocessor.py); source.data is
    the file as written.
    """

    source: SourceFile
    base: int
    tree: Tree
    kind: str  # "preamble" or "file"

    def span(self, node: Node) -> Span:
        return self.source.span(self.base + node.start_byte, self.base + node.end_byte)

    @cached_property
    def file_scope(self) -> list[Node]:
        return file_scope(self.tree.root_node)

    @cached_property
    def nodes(self) -> NodeIndex:
        return NodeIndex(c_index(self.file_scope, self.source.data, self.base), C_INDEXED)

    @cached_property
    def include_lines(self) -> tuple[Include, ...]:
        """The unit's `#include` lines, with where they are."""
        found = []
        for inc in self.nodes.get("preproc_include", ()):
            path = inc.child_by_field_name("path")
            if path is not None:
                raw = path.text.decode("utf-8", "replace")
                span = self.source.span(self.base + inc.start_byte, self.base + path.end_byte)
                found.append(Include(raw.strip('<>"'), span, raw.startswith("<")))
        return tuple(found)

    @property
    def includes(self) -> tuple[str, ...]:
        return tuple(inc.path for inc in self.include_lines)


@dataclass(frozen=True)
class Include:
    """One `#include` line of a preamble or a .c/.h file."""

    path: str  # as written, without the <> or ""
    span: Span  # from `#include` to the end of the path
    system: bool = False  # <path>: an installed header, not one of the package's own

    def names(self, header: str) -> bool:
        """This line includes header (`zlib.h`, or a path ending in `/zlib.h`)."""
        return self.path == header or self.path.endswith("/" + header)


@dataclass(eq=False)
class GoFile:
    source: SourceFile
    tree: Tree
    package_name: str
    preamble: CUnit | None
    directives: tuple[CgoDirective, ...]

    @cached_property
    def nodes(self) -> NodeIndex:
        return NodeIndex(capture("go", self.tree.root_node, GO_INDEXED), GO_INDEXED)

    @cached_property
    def identifiers(self) -> list[Node]:
        """Every identifier, in source order: many, so not in the index; asked for only by the rare
        analysis that needs every mention of a name."""
        return capture("go", self.tree.root_node, ("identifier",)).get("identifier", [])

    def span(self, node: Node) -> Span:
        return self.source.span(node.start_byte, node.end_byte)


@dataclass(eq=False)
class Package:
    directory: Path
    name: str
    go_files: list[GoFile] = field(default_factory=list)
    c_files: list[CUnit] = field(default_factory=list)
    plain_sources: list[SourceFile] = field(default_factory=list)  # sibling .go files without import "C"

    @cached_property
    def plain_files(self) -> list[GoFile]:
        """The sibling Go files that do not use cgo, parsed only when a fact needs them (hot paths
        that cross files); they hold no C calls and no preamble."""
        from cgolint.parsing import parse_go

        return [GoFile(src, parse_go(src.data), self.name, None, ()) for src in self.plain_sources]

    @property
    def c_units(self) -> list[CUnit]:
        """All C code of the package: every preamble, then the .c/.h files."""
        return [g.preamble for g in self.go_files if g.preamble is not None] + self.c_files

    @cached_property
    def includes(self) -> frozenset[str]:
        return frozenset(inc for unit in self.c_units for inc in unit.includes)

    @cached_property
    def link_libraries(self) -> frozenset[str]:
        return frozenset(lib for g in self.go_files for d in g.directives for lib in d.link_libraries)

    @cached_property
    def pkg_config_packages(self) -> frozenset[str]:
        return frozenset(p for g in self.go_files for d in g.directives for p in d.pkg_config_packages)
