"""How CGO001 and CGO002 say where C memory leaks: shared phrasing for paths and exits."""

from __future__ import annotations

from tree_sitter import Node

from cgolint.facts.containers import is_element, root, tail
from cgolint.facts.fills import FILL_LEAK
from cgolint.facts.gotypes import base_name, receiver_type
from cgolint.facts.ownership import Allocation, Leak
from cgolint.findings import Assumption, Finding, Level, Related


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
        "scope": f"before {root(variable) or 'it'} goes out of scope at line {n}",
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


def _step(alloc: Allocation, leak: Leak) -> str:
    """What a code flow's last step says: how the memory is lost there."""
    if leak.kind == "inline":
        return f"passed straight to {leak.detail}, and never freed"
    if leak.kind == "discarded":
        return "the result is discarded, and never freed"
    if leak.kind == "view-escape":
        return "the slice over the memory leaves the function here, without anything that can free it"
    if leak.kind in GLOBAL_LEAKS:
        return f"stored in the package-level {leak.detail}, whose elements nothing frees"
    if leak.kind == COPY_LEAK:
        return f"stored in {leak.detail}, a field of a copy: lost when the method returns"
    return f"{alloc.allocator} memory is lost here ({where(leak, alloc.variable)})"


def with_flows(finding: Finding, alloc: Allocation) -> Finding:
    """The finding with its code flows: one per leaking path, from the allocation to the place the
    memory is lost there (SARIF codeFlows; GitHub shows them as the alert's paths)."""
    file = alloc.file
    held = f", held by {alloc.variable}" if alloc.variable else ""
    start = Related(file.span(alloc.call), f"{alloc.allocator} allocates C memory here{held}")
    flows = []
    for leak in alloc.leaks:
        end = Related(file.span(leak.node), _step(alloc, leak))
        flows.append((start, end) if end.span != start.span else (Related(start.span, f"{start.message}; {end.message}"),))
    finding.flows = tuple(flows)
    return finding


def free_call(alloc: Allocation, pointer: str) -> str:
    """The free call to suggest: C.CBytes and C.malloc give unsafe.Pointer already."""
    if alloc.allocator in ("C.CBytes", "C.malloc", "C.calloc", "C.realloc"):
        return f"C.free({pointer})"
    return f"C.free(unsafe.Pointer({pointer}))"


LOOP_LEAKS = ("loop", "iteration", "break", "continue")
GLOBAL_LEAKS = ("grow", "lifetime")  # kept in a package-level container (see facts/globals.py)
COPY_LEAK = "copy"  # kept in a field of a value receiver (see facts/receivers.py)
OTHER_FUNCTION_LEAKS = (*GLOBAL_LEAKS, COPY_LEAK, FILL_LEAK)  # not lost on a path of the allocating function


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
        if alloc.key and first.type == "call_expression" and len(first.text) <= 80:
            fix = " ".join(first.text.decode("utf-8", "replace").split())  # freeRequest(&creq): what it frees, not one field
        return (f"replace the free at line {n} with `defer {fix}` right after {anchor} "
                f"(do not add a second free)")
    if alloc.escapes:
        # ownership leaves on another path: a deferred free would free memory still in use there
        first = min(alloc.escapes, key=lambda n: n.start_byte)
        how = "is returned" if first.type == "return_statement" else "is handed on (stored or kept)"
        exits = [str(n) for n in sorted({line(leak) for leak in alloc.leaks})]
        where_ = (f"the way out at line {exits[0]}" if len(exits) == 1 else
                  f"each way out at lines {', '.join(exits[:-1])} and {exits[-1]}")
        return (f"call `{fix}` before {where_}, not in a `defer`: on another path the memory "
                f"{how} at line {first.start_point.row + 1}, where it must stay alive")
    if alloc.lent_to:
        callees = ", ".join(sorted(alloc.lent_to))
        return (f"if {callees} only borrow{'s' if len(alloc.lent_to) == 1 else ''} it (copies what it needs: "
                f"check its documentation), add `defer {fix}` right after {anchor}; if C keeps the pointer, "
                "free it when C is done with it")
    return f"add `defer {fix}` right after {anchor}"


def holder(alloc: Allocation) -> str:
    """What holds the memory, for the start of a message: "p (from C.CString)", "creq.method (from
    C.CString, kept in the local struct creq)", "C.CString memory stored in an element of argv"."""
    key = alloc.key
    if key and is_element(key):
        return f"{alloc.allocator} memory stored in {_place(key)}"
    where = key or min(alloc.kept_in, default="")
    if not where:
        return f"{alloc.variable} (from {alloc.allocator})"
    return f"{alloc.variable} (from {alloc.allocator}, kept in {_place(where)})"


def _place(key: str) -> str:
    """Where a container key keeps memory: "the local struct creq", "an element of argv", "cols[].name"."""
    if not is_element(key):
        return f"the local struct {root(key)}"
    return f"an element of {root(key)}" if not tail(key) else key.replace("[i]", "[]")


def container_advice(alloc: Allocation) -> str | None:
    """How to free memory held in the elements of a local slice, array or map, or None when it is
    not held that way. Never a free of one element in a `defer` at the store: the free has to
    cover every element, and a deferred call sees only what the container held at the defer."""
    key = alloc.key if alloc.key and is_element(alloc.key) else None
    if key is None:
        return None
    box, fld = root(key), tail(key)
    element = f"p{fld}" if not fld else f"{box}[i]{fld}"
    loop = f"for _, p := range {box} {{ {free_call(alloc, element)} }}" if not fld else \
        f"for i := range {box} {{ {free_call(alloc, element)} }}"
    closure = f"`defer func() {{ {loop} }}()`"
    if alloc.early_defer is not None:
        n = alloc.early_defer.start_point.row + 1
        return (f"the deferred call at line {n} was given {box} when it was still empty: a deferred call's "
                f"arguments are evaluated at the defer statement, so it frees nothing stored later; defer a closure "
                f"that reads {box} when it runs instead, {closure}")
    if alloc.leaks and alloc.leaks[0].kind in LOOP_LEAKS:
        return (f"free every element of {box} before each iteration ends (a `defer` in a loop runs only when the "
                f"function returns): move the loop body into a function that does {closure} right after {box} is "
                f"declared, or run `{loop}` before each way out of the iteration")
    frees = sorted({n.id: n for n in alloc.frees}.values(), key=lambda n: n.start_byte)
    if frees:
        n = frees[0].start_point.row + 1
        return (f"move the free of the elements at line {n} into {closure} right after {box} is declared, so it "
                f"covers this path too (do not add a second free)")
    advice = f"free every element of {box} before it goes away: right after {box} is declared, add {closure} (a closure reads {box} when it runs)"
    if alloc.lent_to:
        callees = ", ".join(sorted(alloc.lent_to))
        advice = (f"if {callees} only borrow{'s' if len(alloc.lent_to) == 1 else ''} the strings (check its "
                  f"documentation), {advice}; if C keeps them, free them when C is done with them")
    return advice


def global_finding(rule_id: str, alloc: Allocation, leak: Leak) -> Finding:
    """Memory stored in a package-level container that only grows (a warning), or that init or a
    sync.Once body keeps for the life of the process (a note)."""
    name = leak.detail
    key = alloc.global_store[0] if alloc.global_store else name
    verb = "appended to" if key.endswith("[]") else "stored in"
    what = f"{alloc.variable} (from {alloc.allocator})" if alloc.variable and not alloc.key else f"{alloc.allocator} memory"
    decl = alloc.global_decl
    related = (Related(decl.file.span(decl.node), f"{name} is declared here"),) if decl is not None else ()
    span = alloc.file.span(alloc.call.child_by_field_name("function"))
    if leak.kind == "lifetime":
        return Finding(rule_id, f"{what} is kept in the package-level {name} for the life of the process: it is stored "
                       "once, by init or a sync.Once body, and nothing frees it; that is fine for memory meant to live "
                       "as long as the program", span, related, level=Level.NOTE)
    fn = alloc.function.child_by_field_name("name") if alloc.function.type != "func_literal" else None
    calls = f"every call of {fn.text.decode('utf-8', 'replace')}" if fn is not None else "every call"
    return Finding(rule_id, f"{what} is {verb} the package-level {name}, which only grows: nothing in the package "
                   f"frees, deletes or empties its elements, so {calls} leaks one allocation; free the elements when "
                   "they are no longer needed, or keep the data in Go memory and convert it at each C call", span, related)


def copy_finding(rule_id: str, alloc: Allocation, leak: Leak, gc_note: str) -> Finding:
    """Memory kept only in a field of a value receiver, a copy that the method's caller never sees."""
    owner = alloc.field_owner
    fn = alloc.function.child_by_field_name("name")
    method = fn.text.decode("utf-8", "replace") if fn is not None else "the method"
    recv, _, fld = leak.detail.partition(".")
    kind = receiver_type(alloc.function)
    freer = owner.method.text.decode("utf-8", "replace")
    what = f"{alloc.variable} (from {alloc.allocator})" if alloc.variable and not alloc.key else f"{alloc.allocator} memory"
    verb = "appended to" if b"append(" in leak.node.text else "stored in"
    message = (f"{what} is {verb} {leak.detail} at line {line(leak)}, but {method} has a value receiver: {recv} is a "
               f"copy of the caller's {kind}, so the store is lost when {method} returns and {freer} (line "
               f"{owner.method.start_point.row + 1}), which frees what {fld} holds on the caller's {kind}, never "
               f"sees it; give {kind}'s "
               f"methods a pointer receiver (func ({recv} *{kind}) {method}) ({gc_note})")
    related = (Related(owner.file.span(owner.method), f"{freer} frees what {fld} holds, on the caller's {kind}"),)
    return Finding(rule_id, message, alloc.file.span(alloc.call.child_by_field_name("function")), related)


def assumed_owned(rule_id: str, alloc: Allocation) -> Assumption:
    return Assumption(rule_id, alloc.file.span(alloc.call.child_by_field_name("function")),
                      f"{alloc.allocator} memory is passed to {alloc.assumed_owner}, assumed to take ownership of it "
                      "because its name says so (take, adopt, steal, NoCopy, own); if it only borrows, this is a "
                      "leak: list it as { names = [...], effect = \"borrows\" } under takes-ownership")


def function_name(fn: Node) -> str:
    """"Fetch", "Remote.Fetch" for a method, "a function literal"."""
    name = fn.child_by_field_name("name")
    if name is None:
        return "a function literal"
    kind = base_name(receiver_type(fn)) if fn.type == "method_declaration" else ""
    return f"{kind}.{name.text.decode('utf-8', 'replace')}" if kind else name.text.decode("utf-8", "replace")


def fill_finding(rule_id: str, alloc: Allocation, gc_note: str) -> Finding:
    """Memory a function stores in its caller's C struct (through a `*C.T` parameter), which a
    caller that filled a struct of its own never frees (see facts/fills.py)."""
    filled = alloc.filled
    first = filled[0]
    param = root(alloc.variable)
    fn = function_name(alloc.function)
    caller = function_name(first.function)
    via = first.chain[0]
    through = f" (which calls {', which calls '.join(first.chain[1:])})" if len(first.chain) > 1 else ""
    call_line = first.call.start_point.row + 1
    held = first.held
    place = f"line {call_line}" if first.file is alloc.file else f"{first.file.source.display}:{call_line}"
    advice = free_advice(held, free_call(held, first.key), anchor=f"the call at line {call_line}")
    message = (f"{alloc.variable} (from {alloc.allocator}) is stored in the caller's struct through {param}, so "
               f"{fn}'s callers must free it; {caller} does not: {first.key}, filled by its call of {via} at "
               f"{place}{through}, is not freed {where(held.leaks[0], first.key)}; in {caller}, {advice} ({gc_note})")
    others = len({f.function.id for f in filled[1:]} - {first.function.id})
    if others:
        message += f"; {others} more caller(s) lose it too"
    related = []
    flows = []
    start = Related(alloc.file.span(alloc.call), f"{alloc.allocator} allocates C memory here, kept in {alloc.variable}")
    for f in filled[:20]:
        name = function_name(f.function)
        call = Related(f.file.span(f.call), f"{name} calls {f.chain[0]} here, which leaves the memory in {f.key}")
        related.append(call)
        for lost in f.held.leaks:
            end = Related(f.file.span(lost.node), f"{alloc.allocator} memory is lost here ({where(lost, f.key)}, in {name})")
            related.append(end)
            flows.append((start, call, end))
    finding = Finding(rule_id, message, alloc.file.span(alloc.call.child_by_field_name("function")), tuple(related))
    finding.flows = tuple(flows)
    return finding
