"""How CGO001 and CGO002 say where C memory leaks: shared phrasing for paths and exits."""

from __future__ import annotations

from cgolint.facts.ownership import Allocation, Leak
from cgolint.findings import Assumption, Related


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


LOOP_LEAKS = ("loop", "iteration", "break", "continue")


def free_advice(alloc: Allocation, fix: str, anchor: str = "the allocation") -> str:
    """What to do, never a free that could run twice or under C's feet:
    - lost in a loop: free it in each iteration (a `defer` in a loop runs only at function exit);
    - a free already on some path (deferred or not): move it, don't add another;
    - the memory lent to C library functions cgolint cannot see into: free it only if they copy it;
    - otherwise: `defer fix` right after the allocation."""
    frees = sorted({n.id: n for n in alloc.frees}.values(), key=lambda n: n.start_byte)
    if alloc.leaks and alloc.leaks[0].kind in LOOP_LEAKS:
        instead = f" instead of at line {frees[0].start_point.row + 1}" if frees else ""
        return (f"free it in every iteration{instead}: move the loop body into a function that does "
                f"`defer {fix}` right after {anchor}, or call {fix} before each way out of the iteration")
    if frees:
        first = frees[0]
        n = first.start_point.row + 1
        if first.type == "defer_statement":
            return f"move the `defer` at line {n} up to right after {anchor}, so it covers this path too"
        return (f"replace the free at line {n} with `defer {fix}` right after {anchor} "
                f"(do not add a second free)")
    if alloc.lent_to:
        callees = ", ".join(sorted(alloc.lent_to))
        return (f"if {callees} only borrow{'s' if len(alloc.lent_to) == 1 else ''} it (copies what it needs: "
                f"check its documentation), add `defer {fix}` right after {anchor}; if C keeps the pointer, "
                "free it when C is done with it")
    return f"add `defer {fix}` right after {anchor}"


def assumed_owned(rule_id: str, alloc: Allocation) -> Assumption:
    return Assumption(rule_id, alloc.file.span(alloc.call.child_by_field_name("function")),
                      f"{alloc.allocator} memory is passed to {alloc.assumed_owner}, assumed to take ownership of it "
                      "because its name says so (take, adopt, steal, NoCopy, own); if it only borrows, this is a "
                      "leak: list it as { names = [...], effect = \"borrows\" } under takes-ownership")
