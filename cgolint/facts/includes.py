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

    def names(self, header: str) -> bool:
        """This line includes header (`zlib.h`, or a path ending in `/zlib.h`)."""
        return self.path == header or self.path.endswith("/" + header)


def includes(unit: CUnit) -> list[Include]:
    found = []
    for inc in unit.nodes.get("preproc_include", ()):
        path = inc.child_by_field_name("path")
        if path is not None:
            text = path.text.decode("utf-8", "replace").strip('<>"')
            found.append(Include(unit, text, unit.source.span(unit.base + inc.start_byte, unit.base + path.end_byte)))
    return found


def function_macros(unit: CUnit) -> list[str]:
    """Names of the function-like macros the unit defines (`#define NAME(args) ...`)."""
    names = []
    for define in unit.nodes.get("preproc_function_def", ()):
        name = define.child_by_field_name("name")
        if name is not None:
            names.append(name.text.decode("utf-8", "replace"))
    return names
