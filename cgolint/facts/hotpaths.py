"""Which Go code is hot, and why: places where a blocking C call is something the reader can act on.

Hot, for one of two reasons:
- request-serving code: HTTP handlers (the (http.ResponseWriter, *http.Request) signature,
  ServeHTTP methods, function literals passed to HandleFunc/Handle and router methods),
  gRPC-style service methods (ctx context.Context, *XxxRequest), functions marked
  `//cgolint:hot`, functions matching the configured patterns — and, within the package, every
  function they call. A blocking call there costs one OS thread per concurrent request.
- per-item loops: a loop whose iterations handle independent items — ranging over a slice,
  array, map or string, or counting over a collection (an index or cursor the body uses). A
  blocking C call per item is a crossing (and a held thread) per item, where one batch, one
  crossing or one transaction could serve them all. Functions called from such a loop are hot too.
  A loop that singles out its last item (`if i == len(frames)-1`) sends the parts of one unit
  (a continuation flag, a terminator): one logical operation, not per item.

Not hot: a dedicated goroutine's loop (a goroutine started with `go` that loops over a channel,
a ticker or until told to stop: it holds one thread by design), protocol loops (`for {}` and
`for cond {}` loops that drive one logical C operation: drain, retry on EAGAIN, read until EOF,
poll until an event) unless the function holding them is hot — and, reached once per item, not
the waits they make between retries (after the check on an earlier C call's result that ends the
loop: contention, which no batching removes) —, the loops of teardown functions
(Close, Free, Release, Destroy...: they run once per object's lifetime), `init`, `sync.Once`
bodies, test helpers, a `defer` inside a loop (it runs at function exit), a loop's initializer and range
expression (evaluated once), and the loops of a goroutine that called runtime.LockOSThread.

Calls spread hotness only to what they certainly reach: package functions by name, and methods
whose receiver's static type is a package type (facts.gotypes). A call on an interface value,
or on a receiver whose type is unknown, spreads nothing; nor does a `go` statement.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass

from tree_sitter import Node

from cgolint.facts.gotypes import PackageTypes, base_name, receiver_type
from cgolint.facts.names import NamePositions
from cgolint.facts.goexpr import callee_parts
from cgolint.facts.summaries import imported_names, param_types
from cgolint.model import GoFile, Package
from cgolint.source import Span
from cgolint.treewalk import innermost, text, walk

REGIONS = ("function_declaration", "method_declaration", "func_literal")
ROUTER_METHODS = {"HandleFunc", "Handle", "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Any",
                  "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Method", "MethodFunc", "HandlerFunc"}
# Receivers that run a function literal on a new goroutine: errgroup.Group.Go, sync.WaitGroup.Go
GOROUTINE_STARTERS = {"Go"}
# Functions that release what an object holds, once per lifetime: a loop there is not per item
TEARDOWN_PREFIXES = ("close", "free", "release", "destroy", "dispose", "shutdown", "cleanup", "teardown",
                     "finalize", "finalise", "deinit")
# Range expressions that are channels even when their type is not declared in the package
_CHANNEL_HINTS = (".C", "Done()")


@dataclass(frozen=True)
class Reason:
    text: str  # "it runs in the loop over files at line 88 of server.go"
    span: Span
    kind: str = "call"  # "request" (request-serving code), "item" (a per-item loop), "call" (called from hot code)


class _Loop:
    """A loop around code, in a chain to the outer ones: innermost first. Which is the innermost
    per-item loop is worked out once per link, and shared by all the code inside it."""

    __slots__ = ("node", "outer", "found", "done")

    def __init__(self, node: Node, outer: "_Loop | None") -> None:
        self.node, self.outer = node, outer
        self.found: tuple[Node, str] | None = None
        self.done = False


class _Step:
    """A statement of a loop body that code runs in, in a chain to the outer loops' ones: is that
    code a wait between the retries of the loop (worked out once per link)?"""

    __slots__ = ("loop", "body", "statement", "outer", "answer")

    def __init__(self, loop: Node, body: Node, statement: Node, outer: "_Step | None") -> None:
        self.loop, self.body, self.statement, self.outer = loop, body, statement, outer
        self.answer: bool | None = None


_DEFERRED = object()  # code in a defer statement: runs at function exit, in no loop


@dataclass
class Region:
    """A function, method or function literal: code that runs as one call."""

    file: GoFile
    node: Node
    name: str  # "Serve", "(*Server).Handle", "func literal"
    cold: bool = False  # never hot, and makes nothing hot (init, sync.Once, test helpers)
    locked: bool = False  # calls runtime.LockOSThread: its loops are not hot
    teardown: bool = False  # Close, Free, Release...: its loops release items once per lifetime
    chain: tuple[Reason, ...] | None = None  # why it is hot, innermost reason first


def is_http_handler(types: list[str]) -> bool:
    """types: a function's parameter types (param_types)."""
    return len(types) == 2 and types[0].endswith("ResponseWriter") and types[1].endswith("Request") \
        and types[1].startswith("*")


def is_grpc_method(fn: Node, types: list[str]) -> bool:
    """(ctx context.Context, req *XxxRequest): the shape of generated gRPC service methods."""
    return fn.type == "method_declaration" and len(types) == 2 and types[0] == "context.Context" \
        and types[1].startswith("*") and types[1].endswith(("Request", "Req"))


def qualified_name(fn: Node) -> str:
    name = fn.child_by_field_name("name")
    base = text(name)
    recv = receiver_type(fn)
    return f"({recv}).{base}" if recv else base


def _marked_hot(file: GoFile, fn: Node) -> bool:
    prev = fn.prev_named_sibling
    row = fn.start_point.row
    while prev is not None and prev.type == "comment" and row - prev.end_point.row <= 1:
        if prev.text.startswith(b"//cgolint:hot"):
            return True
        row = prev.start_point.row
        prev = prev.prev_named_sibling
    return False


def _line(file: GoFile, node: Node) -> str:
    return f"line {node.start_point.row + 1} of {file.source.display.rsplit('/', 1)[-1]}"


def _short(node: Node | None, limit: int = 40) -> str:
    s = " ".join(text(node).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


class HotPaths:
    def __init__(self, package: Package, patterns: tuple[str, ...] = ()) -> None:
        self.regions: dict[int, Region] = {}
        self.functions: dict[str, list[Region]] = {}  # package functions by name
        self.methods: dict[tuple[str, str], list[Region]] = {}  # (receiver type name, method) → methods
        self.imports: dict[int, set[str]] = {}
        files = package.go_files + (package.plain_files if package.plain_sources else [])
        self.types = PackageTypes(files)
        # every call, grouped by the function or literal it runs in: one pass over the index
        self._calls: dict[int, list[Node]] = {}
        self._owner: dict[int, Node | None] = {}  # call or function literal → the function or literal it runs in
        self._places: dict[int, dict[int, tuple]] = {}  # region → its calls and literals → (loops, steps)
        self._in_go: set[int] = set()  # calls that start a goroutine (`go f()`)
        self._fors: dict[int, list[int]] = {}  # file → where its bytes say `for`
        for file in files:
            owners = [n for kind in REGIONS for n in file.nodes.get(kind, ())]
            calls = file.nodes.get("call_expression", ())
            placed = innermost(owners, calls)
            for stmt in file.nodes.get("go_statement", ()):
                started = next((c for c in stmt.named_children if c.type != "comment"), None)
                if started is not None and started.type == "call_expression":
                    self._in_go.add(started.id)
            for call in calls:
                owner = placed.get(call.id)
                self._owner[call.id] = owner
                if owner is not None:
                    self._calls.setdefault(owner.id, []).append(call)
            literals = file.nodes.get("func_literal", ())
            self._owner.update(innermost(owners, literals))
        for file in files:
            self.imports[id(file)] = imported_names(file)
            for kind in REGIONS:
                for node in file.nodes.get(kind, ()):
                    self._add_region(file, node, patterns)
        for region in self.regions.values():  # once every function is known: a helper may lock
            region.locked = self._locks_thread(region.node)
        self._per_item: dict[int, str | None] = {}
        self._uses: dict[int, _Uses] = {}  # function → what it does with names (per-item loops read it)
        self._exit_checks: dict[int, dict[int, bool]] = {}  # loop body → statement → after an exit check?
        self._outward: dict[int, tuple[Reason, ...] | None] = {}  # function literal → its context outside it
        self._settled = False  # hotness still spreading: no context is final
        self._propagate()
        self._settled = True

    # ---- regions and their own reasons

    def _add_region(self, file: GoFile, node: Node, patterns: tuple[str, ...]) -> None:
        if node.type == "func_literal":
            region = Region(file, node, "func literal")
        else:
            region = Region(file, node, qualified_name(node))
            name = text(node.child_by_field_name("name"))
            if node.type == "method_declaration":
                self.methods.setdefault((base_name(receiver_type(node)), name), []).append(region)
            else:
                self.functions.setdefault(name, []).append(region)
        short = region.name.rsplit(".", 1)[-1].lower()
        region.teardown = node.type != "func_literal" and short.startswith(TEARDOWN_PREFIXES)
        types = param_types(node)
        if region.name == "init" or any(t in ("*testing.T", "*testing.B", "testing.TB") for t in types):
            region.cold = True
        if node.type == "func_literal" and _is_once_body(node):
            region.cold = True
        span = file.span(node.child_by_field_name("name") or node)
        own: Reason | None = None
        if is_http_handler(types):
            own = Reason(f"{self._label(region)} is an HTTP handler", span, "request")
        elif node.type == "method_declaration" and region.name.endswith(".ServeHTTP"):
            own = Reason(f"{region.name} serves HTTP requests", span, "request")
        elif is_grpc_method(node, types):
            own = Reason(f"{region.name} is a service method (ctx context.Context, request)", span, "request")
        elif node.type != "func_literal" and _marked_hot(file, node):
            own = Reason(f"{region.name} is marked //cgolint:hot", span, "request")
        elif node.type != "func_literal" and any(fnmatch.fnmatchcase(region.name, p) or fnmatch.fnmatchcase(
                region.name.rsplit(".", 1)[-1], p) for p in patterns):
            own = Reason(f"{region.name} matches the configured hot-functions", span, "request")
        elif node.type == "func_literal" and _passed_to_router(node):
            own = Reason(f"the function literal at {_line(file, node)} handles HTTP requests", span, "request")
        if own is not None and not region.cold:
            region.chain = (own,)
        self.regions[node.id] = region

    def _locks_thread(self, node: Node, depth: int = 0) -> bool:
        """The function calls runtime.LockOSThread, itself or through a helper of the package."""
        for n in self._calls.get(node.id, ()):
            operand, name = callee_parts(n)
            if (operand, name) == ("runtime", "LockOSThread"):
                return True
            if operand == "" and depth < 2:
                helpers = self.functions.get(name, ())
                if any(self._locks_thread(h.node, depth + 1) for h in helpers):
                    return True
        return False

    @staticmethod
    def _label(region: Region) -> str:
        return region.name if region.node.type != "func_literal" else "the function literal"

    # ---- where a node sits

    def region_of(self, node: Node) -> Region | None:
        """The region a call or function literal runs in (known from the index, without a walk up
        the tree)."""
        owner = self._owner.get(node.id)
        return self.regions.get(owner.id) if owner is not None else None

    def _place(self, node: Node, region: Region) -> tuple | None:
        """(the loops around node, the loop-body statements it runs in) within the region, for a call
        or a function literal of the region; None for any other node."""
        places = self._places.get(region.node.id)
        if places is None:
            fn = region.node
            # no loop in the region (no `for` in its bytes): in no loop there, and no walk of it
            places = self._places[fn.id] = _places(fn) if self._may_loop(region.file, fn) else {}
        return places.get(node.id)

    def _may_loop(self, file: GoFile, fn: Node) -> bool:
        found = self._fors.get(id(file))
        if found is None:
            found = self._fors[id(file)] = [m.start() for m in re.finditer(rb"for", file.source.data)]
        i = bisect_left(found, fn.start_byte)
        return i < len(found) and found[i] < fn.end_byte

    def item_loop_of(self, node: Node, region: Region) -> tuple[Node, str] | None:
        """The innermost per-item loop of the region that runs node once per item, with what it
        iterates ("over files", "counting i"), or None."""
        place = self._place(node, region)
        return self._per_item_loop(place[0], region.node) if place is not None else None

    def _per_item_loop(self, link, within: Node) -> tuple[Node, str] | None:
        if link is _DEFERRED:
            return None
        pending = []
        while link is not None and not link.done:
            pending.append(link)
            link = link.outer
        found = link.found if link is not None else None
        for link in reversed(pending):  # outermost first, so each link reads its outer one's answer
            what = self.per_item(link.node, within)
            link.found = (link.node, what) if what is not None else found
            link.done = True
            found = link.found
        return found

    def per_item(self, loop: Node, within: Node) -> str | None:
        """What a per-item loop iterates ("over files", "counting i"), or None for other loops.
        within: the function or literal the loop is in."""
        if loop.id not in self._per_item:
            self._per_item[loop.id] = self._classify(loop, within)
        return self._per_item[loop.id]

    def _uses_in(self, fn: Node) -> _Uses:
        found = self._uses.get(fn.id)
        if found is None:
            found = self._uses[fn.id] = _Uses(fn)
        return found

    def _classify(self, loop: Node, within: Node) -> str | None:
        clause = next((c for c in loop.named_children if c.type in ("range_clause", "for_clause")), None)
        body = loop.child_by_field_name("body")
        if clause is None or body is None:
            return None  # `for {}` or `for cond {}`: a dedicated or protocol loop
        uses = self._uses_in(within)
        if clause.type == "range_clause":
            right = clause.child_by_field_name("right")
            kind = self.types.kind(self.types.type_of(right, within=within))
            if kind is None and _looks_like_channel(right):
                kind = "chan"
            if kind in ("chan", "func"):
                return None  # a channel: the loop of a worker or a waiter; an iterator: unknown
            left = clause.child_by_field_name("left")
            names = {text(n) for n in left.named_children} - {"_"} if left is not None else set()
            if kind == "int" or (right is not None and right.type == "int_literal"):
                if not names or not uses.uses(body, names) or uses.marks_last(body, names, {f"{_flat(right)}-1"}):
                    return None
                return f"counting {', '.join(sorted(names))}"
            index = text(left.named_children[0]) if left is not None and left.named_children else ""
            if index and index != "_" and uses.marks_last(body, {index}, {f"len({_flat(right)})-1"}):
                return None  # the parts of one message, the last one flagged: one logical operation
            return f"over {_short(right)}"
        init, update = clause.child_by_field_name("initializer"), clause.child_by_field_name("update")
        if init is None or update is None or init.type not in ("short_var_declaration", "assignment_statement"):
            return None
        left = init.child_by_field_name("left")
        names = {text(n) for n in left.named_children if n.type == "identifier"} - {"_"} if left is not None else set()
        if not names or any(n.type == "call_expression" for n in walk(update)):
            return None  # the update asks something for the next step: a protocol loop
        updated = _assigned(update)
        if not updated or not updated <= names or not uses.uses(body, names):
            return None
        if uses.marks_last(body, names, _last_indexes(clause.child_by_field_name("condition"), names)):
            return None  # the parts of one message, the last one flagged: one logical operation
        return f"counting {', '.join(sorted(names))}"

    def context(self, node: Node) -> tuple[Reason, ...] | None:
        """Why code at node runs hot (innermost first), or None when it does not."""
        chain = self._context(node)
        if chain is not None and chain[-1].kind == "item" and self.between_retries(node):
            return None  # per item, the operation the loop retries is the work; this wait is not
        return chain

    def between_retries(self, node: Node) -> bool:
        """node runs in a protocol loop of its function after the check that ends the loop on an
        earlier C call's result: a wait between retries of that call (`for { rc = C.op(); if rc !=
        BUSY { break }; C.wait() }`), not the operation itself."""
        region = self.region_of(node)
        place = self._place(node, region) if region is not None else None
        return self._waits(place[1], region.node) if place is not None else False

    def _waits(self, step: _Step | None, within: Node) -> bool:
        pending = []
        while step is not None and step.answer is None:
            pending.append(step)
            step = step.outer
        answer = step.answer if step is not None else False
        for step in reversed(pending):
            step.answer = answer or (self.per_item(step.loop, within) is None
                                     and self._after_exit(step.body, step.statement))
            answer = step.answer
        return answer

    def _after_exit(self, body: Node, statement: Node) -> bool:
        checks = self._exit_checks.get(body.id)
        if checks is None:
            checks = self._exit_checks[body.id] = _exit_checks(body)
        return checks.get(statement.id, False)

    def _context(self, node: Node) -> tuple[Reason, ...] | None:
        region = self.region_of(node)
        # Once every region's hotness is known, what a function literal's context is outside it is
        # kept: code in deeply nested closures does not walk out through all of them per call.
        outward = self._outward if self._settled else None
        lifted: list[int] = []  # the literals whose outward context is what is found next
        found: tuple[Reason, ...] | None = None
        while region is not None:
            if region.cold:
                break
            loop = None if region.locked or region.teardown else self.item_loop_of(node, region)
            if loop is not None:
                found = (Reason(f"it runs in the loop {loop[1]} at {_line(region.file, loop[0])}",
                                region.file.span(_loop_head(loop[0])), "item"),)
                break
            if region.chain is not None:
                found = region.chain
                break
            if region.node.type != "func_literal" or _starts_goroutine(region.node):
                break  # a goroutine of its own: only its own per-item loops are hot
            if outward is not None and region.node.id in outward:
                found = outward[region.node.id]
                break
            lifted.append(region.node.id)
            # a function literal runs in its enclosing function's context (a closure called there)
            node = region.node.parent if _is_deferred(region.node) else region.node
            region = self.region_of(node)
        if outward is not None:
            outward.update(dict.fromkeys(lifted, found))
        return found

    # ---- transitive hotness

    def callees(self, region: Region) -> list[tuple[Node, Region]]:
        """The package functions and methods each call of the region certainly reaches."""
        imports = self.imports.get(id(region.file), set())
        out = []
        for call in self._calls.get(region.node.id, ()):
            if call.id in self._in_go:
                continue  # a new goroutine: the caller does not wait for it
            fn = call.child_by_field_name("function")
            if fn is None:
                continue
            if fn.type == "identifier":
                if self.types.declared(fn, region.node):
                    continue  # a local function value, not the package function of that name
                targets = self.functions.get(text(fn), [])
            elif fn.type == "selector_expression":
                operand, field = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
                if operand is None or field is None:
                    continue
                if operand.type == "identifier" and (text(operand) == "C" or text(operand) in imports):
                    continue
                owner = self.types.type_of(operand, within=region.node)
                if owner is None or self.types.is_interface(owner):
                    continue  # the receiver's type decides, and it is unknown or an interface
                targets = self.methods.get((base_name(owner), text(field)), [])
            else:
                continue
            out += [(call, target) for target in targets]
        return out

    def _propagate(self) -> None:
        # every call made in a per-item loop, or from a hot function, makes the callee hot
        queue = deque(self.regions.values())
        while queue:  # each region turns hot once, so this ends
            region = queue.popleft()
            for call, target in self.callees(region):
                if target.cold or target.chain is not None or target.node.id == region.node.id:
                    continue
                ctx = self.context(call)
                if ctx is None:
                    continue
                reason = Reason(f"{target.name} is called at {_line(region.file, call)}", region.file.span(call))
                target.chain = (reason, *ctx)
                queue.append(target)  # what it calls becomes hot through it


def _places(fn: Node) -> dict[int, tuple]:
    """For each call and function literal in fn (not inside a nested literal): the loops around it
    within fn (a _Loop chain, or _DEFERRED inside a defer statement) and the loop-body statements it
    runs in (a _Step chain). One walk down the tree: a walk up from every call costs tree-sitter a
    descent from the root per step, which is cubic in the nesting depth."""
    out: dict[int, tuple] = {}
    stack: list[tuple[Node, object, _Step | None]] = [(c, None, None) for c in reversed(fn.children)]
    while stack:
        node, loops, steps = stack.pop()
        kind = node.type
        if kind in ("call_expression", "func_literal"):
            out[node.id] = (loops, steps)
            if kind == "func_literal":
                continue  # a region of its own
        if kind == "defer_statement":
            loops = _DEFERRED
        if kind == "for_statement" and loops is not _DEFERRED:
            inner = _Loop(node, loops)
            body = node.child_by_field_name("body")
            for child in reversed(node.children):
                if child.type in ("for_clause", "range_clause"):
                    once = child.child_by_field_name("initializer" if child.type == "for_clause" else "right")
                    for part in reversed(child.children):  # the initializer and range expression run once
                        stack.append((part, loops if _same(part, once) else inner, steps))
                elif body is not None and child.id == body.id:
                    lists = [c for c in child.named_children if c.type == "statement_list"]
                    for c in reversed(child.children):
                        if lists and c.id == lists[0].id:
                            for stmt in reversed(c.children):
                                stack.append((stmt, inner, _Step(node, c, stmt, steps)))
                        else:
                            stack.append((c, inner, steps))
                else:
                    stack.append((child, inner, steps))
            continue
        for child in reversed(node.children):
            stack.append((child, loops, steps))
    return out


def _same(a: Node | None, b: Node | None) -> bool:
    return a is not None and b is not None and a.id == b.id


def _flat(node: Node | None) -> str:
    return "".join(text(node).split()) if node is not None else ""


def _last_indexes(condition: Node | None, names: set[str]) -> set[str]:
    """What a counting loop's last index is, from its condition: `i <= last` → last, `i < n` → n-1."""
    if condition is None or condition.type != "binary_expression":
        return set()
    left, op, right = (condition.child_by_field_name(f) for f in ("left", "operator", "right"))
    if text(left) not in names or op is None:
        return set()
    return {_flat(right)} if text(op) == "<=" else {f"{_flat(right)}-1"} if text(op) == "<" else set()


class _Uses:
    """What one function does with names, read in one walk (closures included): where each name is
    used, the comparisons it takes part in, and the names declared as a last index (`n :=
    len(t) - 1`). What a loop of the function does with its index is then a look-up, not a walk of
    the loop's body, which in nested loops would cost the square of the nesting."""

    COMPARISONS = ("==", "!=", "<", ">=", ">", "<=")

    def __init__(self, fn: Node) -> None:
        self.names = NamePositions(fn)
        self.compared: dict[str, list[tuple[int, list[str]]]] = {}  # a side, as flat text → (where, both sides)
        self.lasts: set[str] = set()  # names declared as len(x)-1
        for node in walk(fn):
            kind = node.type
            if kind == "binary_expression":
                op = node.child_by_field_name("operator")
                if op is not None and text(op) in self.COMPARISONS:
                    sides = [_flat(node.child_by_field_name("left")), _flat(node.child_by_field_name("right"))]
                    for side in set(sides):
                        self.compared.setdefault(side, []).append((node.start_byte, sides))
            elif kind in ("short_var_declaration", "assignment_statement", "var_spec"):
                lhs = node.child_by_field_name("left") or node.child_by_field_name("name")
                rhs = node.child_by_field_name("right") or node.child_by_field_name("value")
                if lhs is not None and rhs is not None and len(lhs.named_children or [lhs]) == 1 \
                        and _flat(rhs).startswith("len(") and _flat(rhs).endswith(")-1"):
                    self.lasts.add(_flat(lhs))

    def uses(self, body: Node, names: set[str]) -> bool:
        """Some name is used in body."""
        return self.names.mentions(body, names)

    def marks_last(self, body: Node, names: set[str], lasts: set[str]) -> bool:
        """The loop's body compares its index with the last index (`i == len(parts)-1`, `j == n`
        after `n := len(t) - 1`, `i+1 < len(parts)`): it sends the parts of one unit and flags the
        last one (a continuation flag, a terminator) — one logical operation over several crossings,
        not independent items."""
        others = []  # what the index is compared with
        for name in names:
            if any(side.startswith("len(") for _, sides in _between(self.compared.get(f"{name}+1", ()), body)
                   for side in sides):
                return True
            others += [side for _, sides in _between(self.compared.get(name, ()), body) for side in sides if side != name]
        return bool(others) and bool(set(others) & (lasts | self.lasts))


def _between(entries, body: Node):
    """The entries (start byte first, in order) inside body."""
    i = bisect_left(entries, (body.start_byte,))
    while i < len(entries) and entries[i][0] < body.end_byte:
        yield entries[i]
        i += 1


def _exit_checks(block: Node) -> dict[int, bool]:
    """For every statement of a loop body: whether an earlier one ends the loop (break or return)
    on a condition over a C call's result (`if rc := C.op(); rc != C.BUSY { break }`, or `rc =
    C.op()` then `if rc != ...`). One pass over the body."""
    out: dict[int, bool] = {}
    results: set[str] = set()
    found = False
    for earlier in block.named_children:
        out[earlier.id] = found
        if found:
            continue
        if earlier.type in ("short_var_declaration", "assignment_statement", "expression_statement") \
                and _calls_c(earlier):
            lhs = earlier.child_by_field_name("left")
            results |= {text(n) for n in walk(lhs) if n.type == "identifier"} if lhs is not None else set()
        if earlier.type != "if_statement":
            continue
        consequence = earlier.child_by_field_name("consequence")
        exits = consequence is not None and any(
            n.type in ("break_statement", "return_statement") for n in walk(consequence))
        head = [c for c in (earlier.child_by_field_name("initializer"), earlier.child_by_field_name("condition"))
                if c is not None]
        if exits and any(_calls_c(h) or _uses(h, results) for h in head):
            found = True
    return out


def _calls_c(node: Node) -> bool:
    return any(n.type == "call_expression" and callee_parts(n)[0] == "C" for n in walk(node))


def _looks_like_channel(expr: Node | None) -> bool:
    """A range expression of a type the package does not declare that is a channel all the same:
    ticker.C, ctx.Done(), time.Tick(d)."""
    if expr is None:
        return False
    return text(expr).endswith(_CHANNEL_HINTS) or (
        expr.type == "call_expression" and text(expr).startswith(("time.Tick", "time.After")))


def _uses(body: Node, names: set[str]) -> bool:
    return any(n.type == "identifier" and text(n) in names for n in walk(body))


def _assigned(update: Node) -> set[str]:
    """The variables a for clause's update statement steps through a collection with (i++, i -= 2,
    p = p.next); a size that grows (l *= 2, n <<= 1) is a buffer being retried, not an item."""
    if update.type in ("inc_statement", "dec_statement"):
        return {text(n) for n in update.named_children if n.type == "identifier"}
    if update.type == "assignment_statement":
        op = update.child_by_field_name("operator")
        if op is not None and text(op) not in ("=", "+=", "-="):
            return set()
        left = update.child_by_field_name("left")
        return {text(n) for n in left.named_children if n.type == "identifier"} if left is not None else set()
    return set()


def _loop_head(loop: Node) -> Node:
    """The loop's `for` keyword, for a one-line location."""
    return loop.children[0] if loop.children else loop


def _is_deferred(lit: Node) -> bool:
    call = lit.parent
    return call is not None and call.type == "call_expression" and call.parent is not None \
        and call.parent.type == "defer_statement"


def _starts_goroutine(lit: Node) -> bool:
    """`go func() {...}()`, or a literal handed to errgroup's or WaitGroup's Go."""
    call = lit.parent
    if call is not None and call.type == "call_expression" and call.parent is not None \
            and call.parent.type == "go_statement":
        return True
    callee = _receiving_call(lit)
    return callee is not None and callee[1] in GOROUTINE_STARTERS and callee[0] not in ("", "C")


def _receiving_call(lit: Node) -> tuple[str, str] | None:
    """(operand, name) of the call a function literal is passed to as an argument."""
    args = lit.parent
    call = args.parent if args is not None and args.type == "argument_list" else None
    if call is None or call.type != "call_expression":
        return None
    return callee_parts(call)


def _is_once_body(lit: Node) -> bool:
    callee = _receiving_call(lit)
    return callee is not None and callee[1] == "Do" and callee[0] not in ("", "C")


def _passed_to_router(lit: Node) -> bool:
    callee = _receiving_call(lit)
    return callee is not None and callee[1] in ROUTER_METHODS and callee[0] not in ("", "C")
