"""C memory a function stores in its caller's C struct, and the callers that never free it.

    func populateProxyOptions(ptr *C.git_proxy_options, opts *ProxyOptions) {
        ptr.url = C.CString(opts.Url)  // the caller's struct holds it now
    }
    func populateFetchOptions(options *C.git_fetch_options, opts *FetchOptions) {
        populateProxyOptions(&options.proxy_opts, &opts.ProxyOptions)  // so options.proxy_opts.url does
    }
    func (o *Remote) Fetch(refspecs []string, opts *FetchOptions, msg string) error {
        coptions := (*C.git_fetch_options)(C.calloc(1, C.size_t(unsafe.Sizeof(C.git_fetch_options{}))))
        defer C.free(unsafe.Pointer(coptions))  // frees the struct, not what its fields point to
        populateFetchOptions(coptions, opts)    // coptions.proxy_opts.url: nothing frees it
        ...

(git2go v31.3.2; v31.4.7 fixed it with a freeFetchOptions that frees proxy_opts.url.)

Storing the memory in a field of a `*C.T` parameter hands it to the caller: the allocating
function has nothing to free. Such a store is a *fill* of (function, parameter, field path). A
function that passes its own `*C.T` parameter, or the address of one of its fields (`&p.f`), to
a filling function fills that parameter too, at the longer path. A caller that passes a struct of
its own — a local C struct value (`x`, given as `&x` or `&x.f`), `new(C.T)`, or a struct pointer
it allocated with C.malloc or C.calloc — holds the memory at the key `x.f.g`, and the ownership
simulation follows that key from the call through the rest of the caller, as it follows a field
stored there directly. A path on which it is lost is a leak of the original allocation, reported
there, with the caller's call and exit.

It stays quiet unless everything is plain: the filling function is a package function the name
resolves to alone; no function on the chain frees, keeps or hands on anything reachable from
that parameter (a call given it, or one of its fields, with any effect but borrowing); the
caller's call is a statement of its own, so an error it returns is not one that says nothing was
stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from cgolint.facts.bindings import binding
from cgolint.facts.containers import FunctionLocals, function_locals, given_path, root
from cgolint.facts.goexpr import call_args, callee_parts, unwrap, walk_outside_closures
from cgolint.facts.ownership import (
    FUNCTIONS,
    MEMORY_ALLOCATORS,
    STEP_CAP,
    Allocation,
    Budget,
    Leak,
    Simulation,
    Undecided,
    enclosing_function,
)
from cgolint.facts.summaries import GoSummaries, imported_names, param_names, param_types
from cgolint.model import GoFile, Package
from cgolint.treewalk import walk

FILL_LEAK = "fill"


@dataclass(frozen=True)
class Fill:
    """A function that leaves C memory in a field of the struct its parameter points to."""

    file: GoFile
    function: Node
    param: int
    path: str  # "url", "proxy_opts.url"
    store: str = ""  # for the allocating function, where it stores it: "ptr.url"


@dataclass(frozen=True)
class FilledLeak:
    """A caller whose own struct was filled, and the paths on which it loses the memory."""

    file: GoFile
    function: Node  # the caller
    call: Node  # its call of the filling function
    key: str  # where its struct holds the memory: "coptions.proxy_opts.url"
    chain: tuple[str, ...]  # the filling functions, outermost first: ("populateFetchOptions", "populateProxyOptions")
    held: Allocation  # the memory as the caller holds it, with the paths that lose it (leaks), frees and escapes


def _c_struct_param(fn: Node, name: str) -> int | None:
    """The index of parameter name when its type is a pointer to a C type (`*C.git_proxy_options`)."""
    names = param_names(fn)
    if name not in names or names.count(name) != 1:
        return None
    index = names.index(name)
    types = param_types(fn)
    if index >= len(types) or not "".join(types[index].split()).startswith("*C."):
        return None
    return index


def _target(arg: Node) -> tuple[str, list[str], bool] | None:
    """What an argument gives a `*C.T` parameter: (x, fields, by address) for `x` (a pointer),
    `&x` and `&x.a.b`; None for anything else (`x.a` passes a field's value)."""
    given = given_path(arg)
    return given if given is not None and (given[2] or not given[1]) else None


def _mentions(node: Node, name: str) -> bool:
    return any(n.type == "identifier" and n.text.decode("utf-8", "replace") == name for n in walk(node))


def _lets_go(fn: Node, name: str, go: GoSummaries, imports: set[str], allowed: Node | None = None) -> bool:
    """Some call in fn (closures included) is given name, or something reached through it, and
    does more than borrow it: frees, keeps or hands it on, or cannot be told (allowed: the fill
    call being followed)."""
    body = fn.child_by_field_name("body")
    for call in walk(body) if body is not None else ():
        if call.type != "call_expression" or (allowed is not None and call.id == allowed.id):
            continue
        args = call_args(call)
        given = [pos for pos, arg in enumerate(args) if _mentions(arg, name)]
        if not given:
            continue
        effect = go.call_effect(call, imports)
        if any(effect.get(pos) != "borrow" for pos in given):
            return True
    return False


def _allocated_struct(fn: Node, name: str) -> bool:
    """name is declared once in fn, as a struct pointer it allocates: `x := (*C.T)(C.calloc(...))`."""
    body = fn.child_by_field_name("body")
    found = []
    for node in walk_outside_closures(body) if body is not None else ():
        if node.type not in ("short_var_declaration", "var_spec", "assignment_statement"):
            continue
        if node.type == "var_spec":
            lefts, value = node.children_by_field_name("name"), node.child_by_field_name("value")
        else:
            left, value = node.child_by_field_name("left"), node.child_by_field_name("right")
            lefts = list(left.named_children) if left is not None else []
        rights = list(value.named_children) if value is not None else []
        for i, lhs in enumerate(lefts):
            if lhs.type == "identifier" and lhs.text.decode("utf-8", "replace") == name:
                found.append(rights[i] if len(rights) == len(lefts) else None)
    if len(found) != 1 or found[0] is None:
        return False
    value = found[0]
    inner = unwrap(value)
    converted = value.type in ("call_expression", "type_conversion_expression") and value.id != getattr(inner, "id", None)
    return (converted and inner is not None and inner.type == "call_expression"
            and callee_parts(inner)[0] == "C" and callee_parts(inner)[1] in MEMORY_ALLOCATORS)


def _seed(alloc: Allocation, go: GoSummaries) -> Fill | None:
    """`p.f = <the allocation>` in a function whose parameter p is a `*C.T` it never lets go of."""
    if alloc.kind != "string" or alloc.leaks or alloc.undecided or alloc.function.type != "function_declaration":
        return None
    bound = binding(alloc.call)
    if bound is None or not bound[2] or "[" in bound[2] or bound[0].type != "assignment_statement":
        return None
    param = root(bound[2])
    index = _c_struct_param(alloc.function, param)
    if index is None or _lets_go(alloc.function, param, go, imported_names(alloc.file)):
        return None
    return Fill(alloc.file, alloc.function, index, bound[2][len(param) + 1:], bound[2])


def _name(fn: Node) -> str:
    name = fn.child_by_field_name("name")
    return name.text.decode("utf-8", "replace") if name is not None else "a function literal"


def mark_unfreed_fills(allocations: list[Allocation], package: Package, go: GoSummaries) -> None:
    """Give each allocation a filling function hands to its callers the leaks of the callers
    that lose it (kind "fill", with the callers in alloc.filled)."""
    seeds = [(alloc, fill) for alloc in allocations if (fill := _seed(alloc, go)) is not None]
    if not seeds:
        return
    calls: dict[str, list[tuple[GoFile, Node]]] = {}
    for file in package.go_files:
        for call in file.nodes.get("call_expression", ()):
            operand, name = callee_parts(call)
            if operand == "":
                calls.setdefault(name, []).append((file, call))
    scopes: dict[int, FunctionLocals] = {}
    for alloc, seed in seeds:
        queue = [(seed, (_name(seed.function),))]
        seen = {(seed.function.id, seed.param, seed.path)}
        while queue:
            fill, chain = queue.pop(0)
            name = _name(fill.function)
            if len(go.functions.get(name, ())) != 1:
                continue  # the name is not one function of the package: cannot tell which is called
            for file, call in calls.get(name, ()):
                args = call_args(call)
                target = _target(args[fill.param]) if fill.param < len(args) else None
                caller = enclosing_function(call)
                if target is None or caller is None:
                    continue
                box, fields, address = target
                path = ".".join([*fields, fill.path])
                imports = imported_names(file)
                if box in param_names(caller):
                    index = _c_struct_param(caller, box) if caller.type == "function_declaration" else None
                    if index is None or (address and not fields) \
                            or _lets_go(caller, box, go, imports, allowed=call):
                        continue
                    step = Fill(file, caller, index, path)
                    if (caller.id, index, path) not in seen:
                        seen.add((caller.id, index, path))
                        queue.append((step, (_name(caller), *chain)))
                    continue
                held = _follow(alloc, file, caller, call, box, f"{box}.{path}", go, imports, scopes)
                if held is not None:
                    alloc.filled.append(FilledLeak(file, caller, call, f"{box}.{path}", chain, held))
        if alloc.filled:
            alloc.variable = seed.store
            first = alloc.filled[0]
            alloc.leaks.append(Leak(FILL_LEAK, first.held.leaks[0].node, _name(first.function)))


def _follow(alloc: Allocation, file: GoFile, caller: Node, call: Node, box: str, key: str, go: GoSummaries,
            imports: set[str], scopes: dict[int, FunctionLocals]) -> Allocation | None:
    """Run the ownership simulation over the caller from its call of the filling function, with
    the memory at key in its own struct box: the memory as the caller holds it when some path
    loses it, else None."""
    statement = call.parent
    if statement is None or statement.type != "expression_statement" or caller.type not in FUNCTIONS:
        return None
    if caller.id not in scopes:
        scopes[caller.id] = function_locals(caller, param_names(caller))
    scope = scopes[caller.id]
    if not scope.is_container(box):
        if box in scope.params or box in scope.results or not _allocated_struct(caller, box):
            return None
        scope = FunctionLocals(scope.names, {**scope.containers, box: "struct"}, scope.params, scope.results)
    if scope.containers.get(box) != "struct":
        return None
    held = Allocation(file, call, alloc.allocator, alloc.kind, caller, variable=key, key=key)
    sim = Simulation(held, go, imports, statement, None, scope, Budget(STEP_CAP))
    try:
        sim.run_function()
    except (Undecided, RecursionError):
        return None
    if not sim.leaks:
        return None
    held.leaks = sorted(sim.leaks.values(), key=lambda leak: leak.node.start_byte)
    return held
