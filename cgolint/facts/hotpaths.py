"""Which Go code is hot, and why.

Hot places: the body (and condition) of a for/range loop, including a goroutine's worker
loop; HTTP handlers (the (http.ResponseWriter, *http.Request) signature, ServeHTTP methods,
function literals passed to HandleFunc/Handle and router methods); gRPC-style service methods
(ctx context.Context, *Req); functions marked `//cgolint:hot`; and functions matching the
configured patterns. Within the package, a function called from a hot place is hot too, and
keeps the chain of reasons for its findings' related locations.

Not hot: `init`, `main` outside its loops, `sync.Once` bodies, a `defer` inside a loop (it runs
at function exit), a loop's initializer and range expression (evaluated once), test helpers
(a *testing.T or *testing.B parameter), and the loops of a goroutine that has called
runtime.LockOSThread (a dedicated thread, by design).
"""

from __future__ import annotations

import fnmatch
from collections import deque
from dataclasses import dataclass

from tree_sitter import Node

from cgolint.facts.summaries import callee_parts, imported_names
from cgolint.model import GoFile, Package
from cgolint.source import Span

REGIONS = ("function_declaration", "method_declaration", "func_literal")
ROUTER_METHODS = {"HandleFunc", "Handle", "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Any",
                  "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Method", "MethodFunc", "HandlerFunc"}


@dataclass(frozen=True)
class Reason:
    text: str  # "it runs in the loop at line 88 of server.go"
    span: Span


@dataclass
class Region:
    """A function, method or function literal: code that runs as one call."""

    file: GoFile
    node: Node
    name: str  # "Serve", "(*Server).Handle", "func literal"
    cold: bool = False  # never hot, and makes nothing hot (init, sync.Once, test helpers)
    locked: bool = False  # calls runtime.LockOSThread: its loops are not hot
    chain: tuple[Reason, ...] | None = None  # why it is hot, innermost reason first


def _type_text(param: Node) -> str:
    t = param.child_by_field_name("type")
    return t.text.decode() if t is not None else ""


def _params(fn: Node) -> list[str]:
    """The parameter types, one per parameter name."""
    params = fn.child_by_field_name("parameters")
    out = []
    for decl in params.named_children if params is not None else ():
        if decl.type in ("parameter_declaration", "variadic_parameter_declaration"):
            names = decl.children_by_field_name("name")
            out += [_type_text(decl)] * max(1, len(names))
    return out


def is_http_handler(fn: Node) -> bool:
    types = _params(fn)
    return len(types) == 2 and types[0].endswith("ResponseWriter") and types[1].endswith("Request") \
        and types[1].startswith("*")


def is_grpc_method(fn: Node) -> bool:
    """(ctx context.Context, req *XxxRequest): the shape of generated gRPC service methods."""
    types = _params(fn)
    return fn.type == "method_declaration" and len(types) == 2 and types[0] == "context.Context" \
        and types[1].startswith("*") and types[1].endswith(("Request", "Req"))


def _receiver_type(fn: Node) -> str:
    """The receiver's type name without pointer: "Server" for (s *Server)."""
    return _receiver(fn).lstrip("*")


def _receiver(fn: Node) -> str:
    recv = fn.child_by_field_name("receiver")
    if recv is None:
        return ""
    for decl in recv.named_children:
        t = decl.child_by_field_name("type")
        if t is not None:
            return t.text.decode()
    return ""


def qualified_name(fn: Node) -> str:
    name = fn.child_by_field_name("name")
    base = name.text.decode() if name is not None else ""
    recv = _receiver(fn)
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


class HotPaths:
    def __init__(self, package: Package, patterns: tuple[str, ...] = ()) -> None:
        self.regions: dict[int, Region] = {}
        self.by_name: dict[str, list[Region]] = {}  # "F" for functions, ".M" for methods
        self.imports: dict[int, set[str]] = {}
        self._declarations: dict[str, list[Node]] = {}
        files = package.go_files + (package.plain_files if package.plain_sources else [])
        # every call, grouped by the function or literal it runs in: one pass over the index
        self._calls: dict[int, list[Node]] = {}
        for file in files:
            for call in file.nodes.get("call_expression", ()):
                owner = call.parent
                while owner is not None and owner.type not in REGIONS:
                    owner = owner.parent
                if owner is not None:
                    self._calls.setdefault(owner.id, []).append(call)
        for file in files:
            for fn in file.nodes.get("function_declaration", ()):
                name = fn.child_by_field_name("name")
                if name is not None:
                    self._declarations.setdefault(name.text.decode(), []).append(fn)
        for file in files:
            self.imports[id(file)] = imported_names(file)
            for kind in REGIONS:
                for node in file.nodes.get(kind, ()):
                    self._add_region(file, node, patterns)
        self._propagate()

    # ---- regions and their own reasons

    def _add_region(self, file: GoFile, node: Node, patterns: tuple[str, ...]) -> None:
        if node.type == "func_literal":
            region = Region(file, node, "func literal")
        else:
            region = Region(file, node, qualified_name(node))
            key = ("." if node.type == "method_declaration" else "") + (
                node.child_by_field_name("name").text.decode() if node.child_by_field_name("name") else "")
            self.by_name.setdefault(key, []).append(region)
        region.locked = self._locks_thread(node)
        types = _params(node)
        if region.name == "init" or any(t in ("*testing.T", "*testing.B", "testing.TB") for t in types):
            region.cold = True
        if node.type == "func_literal" and _is_once_body(node):
            region.cold = True
        span = file.span(node.child_by_field_name("name") or node)
        own: Reason | None = None
        if is_http_handler(node):
            own = Reason(f"{self._label(region)} is an HTTP handler", span)
        elif node.type == "method_declaration" and region.name.endswith(".ServeHTTP"):
            own = Reason(f"{region.name} serves HTTP requests", span)
        elif is_grpc_method(node):
            own = Reason(f"{region.name} is a service method (ctx context.Context, request)", span)
        elif node.type != "func_literal" and _marked_hot(file, node):
            own = Reason(f"{region.name} is marked //cgolint:hot", span)
        elif node.type != "func_literal" and any(fnmatch.fnmatchcase(region.name, p) or fnmatch.fnmatchcase(
                region.name.rsplit(".", 1)[-1], p) for p in patterns):
            own = Reason(f"{region.name} matches the configured hot-functions", span)
        elif node.type == "func_literal" and _passed_to_router(node):
            own = Reason(f"the function literal at {_line(file, node)} handles HTTP requests", span)
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
                helpers = self._declarations.get(name, ())
                if any(self._locks_thread(h, depth + 1) for h in helpers):
                    return True
        return False

    @staticmethod
    def _label(region: Region) -> str:
        return region.name if region.node.type != "func_literal" else "the function literal"

    # ---- where a node sits

    def region_of(self, node: Node) -> Region | None:
        parent = node.parent
        while parent is not None:
            if parent.type in REGIONS:
                return self.regions.get(parent.id)
            parent = parent.parent
        return None

    def loop_of(self, node: Node, region: Region) -> Node | None:
        """The innermost loop of the region that runs node on every iteration, or None."""
        child, parent = node, node.parent
        once = False  # inside a loop's initializer or range expression: evaluated once
        while parent is not None and parent.id != region.node.id:
            if parent.type == "defer_statement":
                return None  # runs at function exit, not in the loop
            if parent.type == "for_clause" and _same(parent.child_by_field_name("initializer"), child):
                once = True
            elif parent.type == "range_clause" and _same(parent.child_by_field_name("right"), child):
                once = True
            elif parent.type == "for_statement":
                if not once:
                    return parent
                once = False  # an enclosing loop runs this loop's initializer every time
            child, parent = parent, parent.parent
        return None

    def context(self, node: Node) -> tuple[Reason, ...] | None:
        """Why code at node runs hot (innermost first), or None when it does not."""
        region = self.region_of(node)
        while region is not None:
            if region.cold:
                return None
            loop = None if region.locked else self.loop_of(node, region)
            if loop is not None:
                return (Reason(f"it runs in the loop at {_line(region.file, loop)}", region.file.span(_loop_head(loop))),)
            if region.chain is not None:
                return region.chain
            if region.node.type != "func_literal":
                return None
            # a function literal runs in its enclosing function's context (a goroutine started in
            # a loop, a closure called there)
            if _is_deferred(region.node):
                node = region.node.parent
            else:
                node = region.node
            region = self.region_of(node)
        return None

    # ---- transitive hotness

    def callees(self, region: Region) -> list[tuple[Node, Region]]:
        imports = self.imports.get(id(region.file), set())
        out = []
        for n in self._calls.get(region.node.id, ()):
            operand, name = callee_parts(n)
            if operand == "C" or operand in imports or operand == "?":
                continue
            targets = self.by_name.get(name if operand == "" else "." + name, [])
            if operand != "" and len({_receiver_type(t.node) for t in targets}) > 1:
                continue  # a method name several types share: the receiver's type decides, and we cannot tell
            for target in targets:
                out.append((n, target))
        return out

    def _propagate(self) -> None:
        # every call made in a loop, or from a hot function, makes the callee hot
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


def _same(a: Node | None, b: Node | None) -> bool:
    return a is not None and b is not None and a.id == b.id


def _loop_head(loop: Node) -> Node:
    """The loop's `for` keyword, for a one-line location."""
    return loop.children[0] if loop.children else loop


def _is_deferred(lit: Node) -> bool:
    call = lit.parent
    return call is not None and call.type == "call_expression" and call.parent is not None \
        and call.parent.type == "defer_statement"


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
