"""Where C code takes libraries in, and what it defines with the preprocessor:
`#include` lines with their positions, and function-like macros."""

from __future__ import annotations

from dataclasses import dataclass

from cgolint.model import CUnit
from cgolint.source import Span


@dataclass(frozen=True, eq=False)
class Include:
    """One `#include` line of a preamble or a .c/.h file."""

    unit: CUnit
    path: str  # as written, without the <> or ""
    span: Span  # from `#include` to the end of the path
    system: bool = False  # <path>: an installed header, not one of the package's own

    def names(self, header: str) -> bool:
        """This line includes header (`zlib.h`, or a path ending in `/zlib.h`)."""
        return self.path == header or self.path.endswith("/" + header)


def includes(unit: CUnit) -> list[Include]:
    found = []
    for inc in unit.nodes.get("preproc_include", ()):
        path = inc.child_by_field_name("path")
        if path is not None:
            raw = path.text.decode("utf-8", "replace")
            found.append(Include(unit, raw.strip('<>"'), unit.source.span(unit.base + inc.start_byte, unit.base + path.end_byte),
                                 raw.startswith("<")))
    return found


def function_macros(unit: CUnit) -> list[str]:
    """Names of the function-like macros the unit defines (`#define NAME(args) ...`)."""
    names = []
    for define in unit.nodes.get("preproc_function_def", ()):
        name = define.child_by_field_name("name")
        if name is not None:
            names.append(name.text.decode("utf-8", "replace"))
    return names


def function_declarations(unit: CUnit) -> list[str]:
    """Names of the functions the unit declares without defining (prototypes at file scope)."""
    names = []
    for decl in unit.nodes.get("declaration", ()):
        if decl.parent is None or decl.parent.type not in ("translation_unit", "preproc_if", "preproc_ifdef",
                                                          "preproc_else", "preproc_elif", "linkage_specification",
                                                          "declaration_list"):
            continue
        for d in decl.children_by_field_name("declarator"):
            while d is not None and d.type in ("pointer_declarator", "parenthesized_declarator"):
                d = d.child_by_field_name("declarator")
            if d is not None and d.type == "function_declarator":
                name = d.child_by_field_name("declarator")
                if name is not None and name.type == "identifier":
                    names.append(name.text.decode("utf-8", "replace"))
    return names


def object_macros(unit: CUnit) -> list[str]:
    """Names of the object-like macros the unit defines (`#define NAME value`)."""
    return [n.text.decode("utf-8", "replace") for d in unit.nodes.get("preproc_def", ())
            if (n := d.child_by_field_name("name")) is not None]
