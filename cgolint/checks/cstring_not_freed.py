"""CGO001 cstring-not-freed: C strings (C.CString, C.CBytes, strdup, the package's own C
functions returning malloc'd strings) not freed on every path out of the function."""

from __future__ import annotations

from collections.abc import Iterator

from cgolint.checks.leak_messages import (
    COPY_LEAK,
    FILL_LEAK,
    GLOBAL_LEAKS,
    assumed_owned,
    container_advice,
    copy_finding,
    fill_finding,
    free_advice,
    free_call,
    global_finding,
    holder,
    related,
    where,
    with_flows,
)
from cgolint.checks.leak_fixes import leak_fix
from cgolint.facts import PackageFacts
from cgolint.findings import Assumption, Finding
from cgolint.rule import Rule

GC_NOTE = "the Go garbage collector never frees C memory"


class CStringNotFreed(Rule):
    id = "CGO001"

    def check(self, facts: PackageFacts) -> Iterator[Finding]:
        for alloc in facts.allocations:
            if alloc.kind != "string" or alloc.undecided or not alloc.leaks:
                continue
            first = alloc.leaks[0]
            callee = alloc.file.span(alloc.call.child_by_field_name("function"))
            if first.kind in GLOBAL_LEAKS:
                yield with_flows(global_finding(self.id, alloc, first), alloc)
                continue
            if first.kind == FILL_LEAK:
                yield fill_finding(self.id, alloc, GC_NOTE)
                continue
            if first.kind == COPY_LEAK:
                yield with_flows(copy_finding(self.id, alloc, first, GC_NOTE), alloc)
                continue
            if first.kind == "discarded":
                message = f"the result of {alloc.allocator} is discarded and never freed; {GC_NOTE}"
            elif first.kind == "inline" and alloc.function.type == "var_declaration":
                message = (f"the result of {alloc.allocator} in a package-level initializer is passed straight to "
                           f"{first.detail} and never freed; if {first.detail} only borrows it, do the call in a function "
                           f"(such as init) where you can free it afterwards ({GC_NOTE})")
            elif first.kind == "inline" and first.node.parent is not None and first.node.parent.type == "go_statement":
                message = (f"the result of {alloc.allocator} is passed straight to {first.detail}, called by a new "
                           f"goroutine, and never freed; free it in that goroutine once the call returns, "
                           f"`go func() {{ p := {alloc.allocator}(...); defer {free_call(alloc, 'p')}; "
                           f"{first.detail}(p) }}()`, not in this function, which may return first ({GC_NOTE})")
            elif first.kind == "inline":
                message = (f"the result of {alloc.allocator} is passed straight to {first.detail} and never freed; "
                           f"keep it in a variable p and {free_advice(alloc, free_call(alloc, 'p'))} ({GC_NOTE})")
            else:
                var = alloc.variable
                advice = container_advice(alloc) or free_advice(alloc, free_call(alloc, var))
                message = f"{holder(alloc)} is not freed {where(first, var)}; {advice} ({GC_NOTE})"
                if len(alloc.leaks) > 1:
                    message += f"; {len(alloc.leaks) - 1} more leaking path(s)"
            yield with_flows(Finding(self.id, message, callee, related(alloc), fix=leak_fix(alloc)), alloc)

    def assumptions(self, facts: PackageFacts) -> Iterator[Assumption]:
        for alloc in facts.allocations:
            if alloc.kind == "string" and alloc.assumed_owner and not alloc.leaks:
                yield assumed_owned(self.id, alloc)
