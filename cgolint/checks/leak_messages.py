"""How CGO001 and CGO002 say where C memory leaks: shared phrasing for paths and exits."""

from __future__ import annotations

from cgolint.facts.ownership import Allocation, Leak
from cgolint.findings import Related


def line(leak: Leak) -> int:
    return leak.node.start_point.row + 1


def where(leak: Leak, variable: str) -> str:
    """The path on which memory is lost, as a phrase: "when returning at line 42"."""
    n = line(leak)
    return {
        "return": f"when returning at line {n}",
        "panic": f"when panicking at line {n}",
        "end": f"when the function ends at line {n}",
        "loop": f"before the next iteration of the loop at line {n}, so every iteration but the last leaks",
        "iteration": f"by the end of the loop iteration at line {n}, so every iteration leaks",
        "overwrite": f"before {variable or 'it'} is overwritten at line {n}",
        "scope": f"before {variable or 'it'} goes out of scope at line {n}",
        "break": f"when the break at line {n} leaves the loop",
        "continue": f"when the continue at line {n} skips to the next iteration",
    }.get(leak.kind, f"at line {n}")


def related(alloc: Allocation) -> tuple[Related, ...]:
    file = alloc.file
    out = []
    for leak in alloc.leaks:
        if leak.kind in ("inline", "discarded"):
            continue
        out.append(Related(file.span(leak.node), f"{alloc.allocator} memory is lost here ({where(leak, alloc.variable)})"))
    return tuple(out)


def free_call(alloc: Allocation, pointer: str) -> str:
    """The free call to suggest: C.CBytes and C.malloc give unsafe.Pointer already."""
    if alloc.allocator in ("C.CBytes", "C.malloc", "C.calloc", "C.realloc"):
        return f"C.free({pointer})"
    return f"C.free(unsafe.Pointer({pointer}))"
