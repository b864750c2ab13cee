"""CGO002 malloc-slice-not-freed: a Go slice over C.malloc/C.calloc memory (unsafe.Slice or
the old array cast) whose memory is not freed on every path, or that leaves the function
without its owner."""

from __future__ import annotations

from collections.abc import Iterator

from cgolint.checks.leak_messages import (
    OTHER_FUNCTION_LEAKS, assumed_owned, free_advice, free_call, related, where, with_flows,
)
from cgolint.checks.leak_fixes import leak_fix
from cgolint.facts import PackageFacts
from cgolint.findings import Assumption, Finding
from cgolint.rule import Rule


class MallocSliceNotFreed(Rule):
    id = "CGO002"

    def check(self, facts: PackageFacts) -> Iterator[Finding]:
        for alloc in facts.allocations:
            if alloc.kind != "memory" or alloc.undecided or not alloc.leaks \
                    or alloc.leaks[0].kind in OTHER_FUNCTION_LEAKS:
                continue  # kept in a package-level container, a receiver's copy or a caller's struct: not a slice's leak
            escapes = [leak for leak in alloc.leaks if leak.kind == "view-escape"]
            if not alloc.views and not escapes:
                continue  # C memory never seen as a Go slice: not this rule's business
            callee = alloc.file.span(alloc.call.child_by_field_name("function"))
            var = alloc.variable
            view_line = alloc.views[0].start_point.row + 1 if alloc.views else alloc.call.start_point.row + 1
            if escapes:
                leak = escapes[0]
                how = ("is returned" if leak.detail == "return" else "is stored in a package-level variable")
                message = (f"the slice over {alloc.allocator} memory (made at line {view_line}) {how} at line "
                           f"{leak.node.start_point.row + 1} without its owner, so nothing can free the memory; "
                           "return a free function or an owner type with a Close method that calls C.free, "
                           "or copy the data into a Go slice and free the C memory here")
            else:
                first = alloc.leaks[0]
                held_by_pointer = var and var not in {v.text.decode("utf-8", "replace") for v in alloc.views}
                fix = free_call(alloc, var) if held_by_pointer else "C.free(unsafe.Pointer(&s[0]))"
                message = (f"{alloc.allocator} memory viewed as a Go slice (line {view_line}) is not freed "
                           f"{where(first, var)}; {free_advice(alloc, fix, alloc.allocator)} so every path frees it")
            yield with_flows(Finding(self.id, message, callee, related(alloc), fix=leak_fix(alloc)), alloc)

    def assumptions(self, facts: PackageFacts) -> Iterator[Assumption]:
        for alloc in facts.allocations:
            if alloc.kind == "memory" and alloc.views and alloc.assumed_owner and not alloc.leaks:
                yield assumed_owned(self.id, alloc)
