"""Where C memory is allocated, where it goes, and whether every path frees it.

One analysis serves CGO001 and CGO002. For each allocation in a Go function (C.CString,
C.CBytes, C.malloc, C.calloc, C.realloc, C.strdup, C.strndup, and the package's C functions
that return malloc'd memory), it follows the function's syntax tree with a small control-flow
model: blocks, if/else, switch/select, for/range (to a fixpoint), break/continue with labels,
defer, return and panic. `goto` makes the allocation undecided, and an undecided allocation is
never reported: a false alarm costs more trust than a missed leak.

The state on a path says whether the memory may still be owned and unfreed (`alive`), which
variables hold it (with the scope they are declared in), which slices view it, whether a
deferred free covers every exit from here on, and which variables a deferred closure frees
when the function returns. Ownership leaving the function (returned, stored in a field, map,
slice, global or channel, captured by a closure that is not deferred, passed to a function
that stores it or to another package's function) ends the obligation quietly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tree_sitter import Node

from cgolint.facts.bindings import appended_to, assigned_to, binding, is_view_maker, through_conversions
from cgolint.facts.containers import (
    frees_in,
    given_path,
    is_element,
    is_key,
    literal_keys,
    FunctionLocals,
    function_locals,
    read_keys,
    root,
    selector_path,
    store_key,
)
from cgolint.facts.goexpr import call_args, callee_parts, ident, unwrap, walk_outside_closures
from cgolint.facts.guards import FunctionGuards, relation
from cgolint.facts.names import NamePositions
from cgolint.facts.summaries import CSummaries, GoSummaries, imported_names, param_names
from cgolint.model import GoFile
from cgolint.treewalk import ancestors, innermost, walk

STRING_ALLOCATORS = {"CString", "CBytes", "strdup", "strndup"}
MEMORY_ALLOCATORS = {"malloc", "calloc", "realloc"}
TERMINATORS = {("os", "Exit"), ("log", "Fatal"), ("log", "Fatalf"), ("log", "Fatalln"), ("runtime", "Goexit")}
FUNCTIONS = ("function_declaration", "method_declaration", "func_literal")
# Nodes that open a scope for the variables declared in (or directly under) them.
SCOPES = ("block", "if_statement", "for_statement", "expression_switch_statement", "type_switch_statement",
          "expression_case", "type_case", "communication_case", "default_case")


@dataclass(frozen=True)
class Leak:
    """A path on which the memory is lost."""

    kind: str  # return, panic, end, loop, overwrite, scope, break, continue, inline, discarded, view-escape,
    #            grow (a package-level container that only grows), lifetime (kept by init or sync.Once),
    #            copy (stored in a field of a value receiver, a copy)
    node: Node  # where it happens
    detail: str = ""  # e.g. the callee for inline, the loop for loop


@dataclass
class Allocation:
    file: GoFile
    call: Node  # the allocating call_expression
    allocator: str  # "C.CString", "C.malloc", "C.new_buffer" ...
    kind: str  # "string" or "memory"
    function: Node  # the enclosing function or function literal
    variable: str = ""  # the variable first bound to it, "" when unbound
    views: list[Node] = field(default_factory=list)  # unsafe.Slice / array casts over it
    leaks: list[Leak] = field(default_factory=list)
    undecided: bool = False
    assumed_owner: str = ""  # "C.list_take": a C function whose name says it adopts took it (an assumption)
    frees: list[Node] = field(default_factory=list)  # calls that free it on some path
    lent_to: set[str] = field(default_factory=set)  # C library functions it is passed to, assumed to borrow
    escapes: list[Node] = field(default_factory=list)  # where ownership leaves on some path (returned, stored, kept)
    key: str = ""  # where it is bound when that is a container: "creq.method", "argv[]", "cols[i].name"
    kept_in: set[str] = field(default_factory=set)  # container keys its variable was stored into
    early_defer: Node | None = None  # a deferred call given the container before the memory was in it
    global_store: tuple[str, Node] | None = None  # (package-level container, the statement storing into it)
    global_decl: object = None  # the package-level container's declaration (globals.Global) when it only grows
    field_owner: object = None  # the method freeing the value-receiver field it was stored in (receivers.FieldOwner)
    filled: list = field(default_factory=list)  # callers losing it from their struct, stored there through a parameter (fills.FilledLeak)


# ------------------------------------------------------------------ abstract state


@dataclass(frozen=True)
class State:
    alive: bool = False  # may be owned and unfreed on this path
    holders: frozenset = frozenset()  # (name, scope node id) pairs holding the pointer
    views: frozenset = frozenset()  # (name, scope node id) pairs holding a slice over it
    protected: bool = False  # a deferred free covers every exit from here
    exit_frees: frozenset = frozenset()  # names a deferred closure frees at exit

    def names(self) -> set[str]:
        return {n for n, _ in self.holders}

    def view_names(self) -> set[str]:
        return {n for n, _ in self.views}

    def roots(self) -> set[str]:
        """Local containers holding the memory."""
        return {root(n) for n, _ in self.holders if is_key(n)}

    def owned(self) -> bool:
        """Unfreed memory this function still has to free."""
        return self.alive and not self.protected and not _covers(self.exit_frees, self.names())


def join(a: State | None, b: State | None) -> State | None:
    if a is None:
        return b
    if b is None:
        return a
    return State(
        alive=a.alive or b.alive,
        holders=a.holders | b.holders,
        views=a.views | b.views,
        protected=(a.protected or not a.alive) and (b.protected or not b.alive),
        exit_frees=a.exit_frees & b.exit_frees,
    )


class Undecided(Exception):
    """The code does something the model does not follow (goto): stay quiet."""


class OverBudget(Undecided):
    """The function's analysis used up its steps: its remaining allocations are not checked."""


# Each allocation is followed through the rest of its function, so a function with A allocations
# and S statements costs about A×S statement steps. A function gets STEPS_PER_STATEMENT steps per
# statement, at least STEP_FLOOR and at most STEP_CAP, so the whole analysis stays linear in the
# file's size. Real functions stay far below it (on gotk3, godror, go-sqlite3, git2go,
# confluent-kafka-go and go-duckdb, 757 functions, the most any used was 882 steps, 9 per
# statement); a generated function with thousands of allocations stops instead of taking
# minutes, and says so.
STEP_FLOOR, STEPS_PER_STATEMENT, STEP_CAP = 5_000, 20, 50_000
STEP_BUDGET = STEP_CAP  # for a Simulation run on its own


@dataclass
class Budget:
    """What is left of one function's steps, and how many allocations went unchecked."""

    left: int
    unchecked: int = 0
    too_deep: int = 0  # allocations not checked because the code nests deeper than the analysis follows


@dataclass
class _Frame:
    """A statement that break (and for loops, continue) can leave."""

    node: Node
    label: str
    is_loop: bool
    breaks: list[State] = field(default_factory=list)
    continues: list[State] = field(default_factory=list)


# ------------------------------------------------------------------ finding allocations


def allocation_kind(call: Node, c_side: CSummaries) -> tuple[str, str] | None:
    operand, name = callee_parts(call)
    if operand != "C":
        return None
    if name in STRING_ALLOCATORS:
        return f"C.{name}", "string"
    if name in MEMORY_ALLOCATORS:
        return f"C.{name}", "memory"
    summary = c_side.by_name.get(name)
    if summary is not None and summary.returns_allocation:
        return f"C.{name}", "string" if summary.returns_string else "memory"
    return None


def enclosing_function(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.type not in FUNCTIONS:
        parent = parent.parent
    return parent


# ------------------------------------------------------------------ the simulation


class Simulation:
    """Follows one allocation through its function."""

    def __init__(self, alloc: Allocation, go: GoSummaries, imports: set[str], statement: Node | None,
                 target: Node | None, scope: FunctionLocals | None = None, budget: Budget | None = None,
                 conditions: FunctionGuards | None = None, names: NamePositions | None = None) -> None:
        self.alloc = alloc
        self.budget = budget if budget is not None else Budget(STEP_BUDGET)
        # where the function uses each name (a caller simulating many allocations shares one index)
        self.names = names if names is not None else NamePositions(alloc.function)
        self.key = alloc.key  # the container key it is bound to, "" for a variable
        self.go = go
        self.imports = imports
        self.statement = statement  # the statement that binds the allocation
        self.target = target  # the identifier it binds to
        self.frames: list[_Frame] = []
        self.leaks: dict[tuple[str, int], Leak] = {}
        self.view_nodes: list[Node] = []  # slices made over the memory, seen on some path
        fn = alloc.function
        scope = scope if scope is not None else function_locals(fn, param_names(fn))
        self.scope = scope
        self.params = scope.params
        self.results = scope.results
        # Variables through which the allocating call reports failure: &errptr arguments, and the
        # errno result of `p, err := C.f(...)`. On their error branch the allocation is nil.
        self.error_vars: set[str] = set()
        for arg in call_args(alloc.call):
            inner = unwrap(arg)
            if inner is not None and inner.type == "unary_expression" and inner.text.startswith(b"&"):
                name = ident(inner.child_by_field_name("operand"))
                if name:
                    self.error_vars.add(name)
        if statement is not None and statement.type == "short_var_declaration":
            left = statement.child_by_field_name("left")
            names = [c for c in left.named_children] if left is not None else []
            if len(names) == 2 and names[1].type == "identifier" and names[1].text != b"_":
                self.error_vars.add(names[1].text.decode("utf-8", "replace"))
        self.locals = scope.all
        self.scope_of_param = fn.id
        conditions = conditions if conditions is not None else FunctionGuards()
        self.guards = conditions.guards(statement if statement is not None else alloc.call, fn)  # if c { p = alloc }
        self.containers = scope.containers
        self._frees: dict[int, set[str]] = {}
        self.early_defers: dict[str, Node] = {}  # container → a deferred call that was given it early

    def is_container(self, name: str) -> bool:
        return self.scope.is_container(name)

    # ---- bookkeeping

    def gone(self, state: State, node: Node) -> State:
        """Ownership leaves the function here (returned, stored, kept by a callee, or we cannot
        tell): nothing here frees it on this path, and no deferred free may be added for it."""
        self.alloc.escapes.append(node)
        return replace(state, alive=False)

    def leak(self, kind: str, node: Node, detail: str = "") -> None:
        self.leaks.setdefault((kind, node.id), Leak(kind, node, detail))

    def check_lost(self, before: State, after: State, kind: str, node: Node, detail: str = "") -> State:
        """Holders dropped (overwritten or out of scope): the memory is lost if none is left.
        A deferred closure does not help here: it frees what the variable holds at exit."""
        if (before.alive and not before.protected and (before.holders or before.views)
                and not after.holders and not after.views and not after.protected):
            self.leak(kind, node, detail)
            return replace(after, alive=False)  # reported once, here
        return after

    def scope_for(self, name: str, node: Node) -> int:
        """The id of the nearest enclosing block (or function) that declares name."""
        if name in self.params or name in self.results:
            return self.scope_of_param
        parent = node.parent
        while parent is not None and parent.id != self.alloc.function.id:
            if parent.type in SCOPES:
                if self._declares(parent, name):
                    return parent.id
            parent = parent.parent
        return self.scope_of_param

    @staticmethod
    def _declares(scope: Node, name: str) -> bool:
        stmts = scope.named_children
        if scope.type == "block":
            lst = next((c for c in stmts if c.type == "statement_list"), None)
            stmts = lst.named_children if lst is not None else []
        for stmt in stmts:
            if stmt.type == "statement_list":
                if Simulation._declares(stmt, name):
                    return True
                continue
            targets: list[Node] = []
            if stmt.type == "short_var_declaration":
                left = stmt.child_by_field_name("left")
                targets = list(left.named_children) if left is not None else []
            elif stmt.type == "var_declaration":
                for spec in stmt.named_children:
                    targets += spec.children_by_field_name("name")
            elif stmt.type == "for_clause" or stmt.type == "range_clause":
                init = stmt.child_by_field_name("initializer") or stmt
                left = init.child_by_field_name("left")
                targets = list(left.named_children) if left is not None else []
            if any(t.type == "identifier" and t.text.decode("utf-8", "replace") == name for t in targets):
                return True
        return False

    # ---- expressions

    def refers(self, expr: Node | None, state: State) -> str | None:
        """The holder an expression denotes (through conversions), or a view's base pointer."""
        if expr is None:
            return None
        name = ident(expr)
        if name is not None and name in state.names():
            return name
        inner = unwrap(expr)
        if inner is None:
            return None
        for key in read_keys(inner):  # creq.method, argv[i], cols[i].name
            if key in state.names():
                return key
        path = selector_path(inner)
        if path is not None and len(path[1]) > 1 and (key := ".".join([path[0], *path[1]])) in state.names():
            return key  # x.a.b, where a function this one called stored it (facts/fills.py)
        # &view[0] and unsafe.SliceData(view) denote the memory behind a view
        if inner.type == "unary_expression" and inner.text.startswith(b"&"):
            operand = inner.child_by_field_name("operand")
            if operand is not None and operand.type == "index_expression":
                base = ident(operand.child_by_field_name("operand"))
                if base in state.view_names():
                    return base
        if inner.type == "call_expression" and callee_parts(inner) == ("unsafe", "SliceData"):
            args = call_args(inner)
            if args and ident(args[0]) in state.view_names():
                return ident(args[0])
        return None

    def mentions(self, node: Node, state: State) -> bool:
        names = state.names() | state.view_names() | state.roots()
        if not names:
            return False
        return self.names.mentions(node, names)  # closures included: a capture is a mention

    def effects(self, node: Node | None, state: State | None) -> State | None:
        """Calls and captures inside an expression or simple statement, in source order."""
        if node is None or state is None or not state.alive:
            return state
        if node.type == "func_literal" and not self.only_called(node):
            # made, not run, and handed on (`return func() {...}`, `cleanup := func() {...}; return cleanup`)
            return self.gone(state, node) if self.mentions(node, state) else state
        roots = state.roots()
        for n in walk_outside_closures(node):
            if state is None:
                return None
            if not state.alive:
                return state
            if n.type == "identifier" and roots and n.text.decode("utf-8", "replace") in roots:
                if self.container_escapes(n):
                    state = self.gone(state, n)  # the container leaves, with the memory in it
            elif n.type == "call_expression":
                state = self.call(n, state)
            elif n.type == "func_literal" and n.id != node.id:  # node itself: a local closure only called (only_called)
                parent = n.parent
                if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == n:
                    state = self.immediate_closure(n, state)
                elif self.mentions(n, state):
                    state = self.gone(state, n)  # captured by a closure that may outlive us
            elif n.type == "unary_expression" and n.text.startswith(b"&"):
                operand = n.child_by_field_name("operand")
                if operand is not None and ident(operand) in state.names() and not _c_argument(n):
                    state = self.gone(state, n)  # its address escapes
            elif n.type in ("composite_literal", "literal_value"):
                if self.boxed_literal(n) is None and any(self.refers(e, state) for e in _elements(n)):
                    state = self.gone(state, n)  # kept in a struct, slice or map value
        return state

    def boxed_literal(self, literal: Node) -> str | None:
        """The local container a composite literal is bound to (`x := T{...}`), else None."""
        if literal.type == "literal_value":
            literal = literal.parent
        if literal is None or literal.type != "composite_literal":
            return None
        bound = assigned_to(literal)
        if bound is None:
            return None
        name = bound[1].text.decode("utf-8", "replace")
        return name if self.is_container(name) else None

    def container_escapes(self, n: Node) -> bool:
        """A mention of a container holding the memory: does the container (or its address) leave?
        Reading a field or element, len(x), ranging over x, assigning into x, and passing it to a call
        (decided by the call) keep it here; a method call on it, returning it, assigning it to
        something else, or taking its address outside a call argument let it go."""
        node = n
        while node.parent is not None:
            parent = node.parent
            if parent.type == "selector_expression" and parent.child_by_field_name("operand") == node:
                if parent.parent is not None and parent.parent.type == "call_expression" \
                        and parent.parent.child_by_field_name("function") == parent:
                    return True  # x.method(): the method may keep x
                node = parent
            elif parent.type in ("index_expression", "slice_expression") and parent.child_by_field_name("operand") == node:
                node = parent
            else:
                break
        element = node.id != n.id
        wrapped = through_conversions(node)
        parent = wrapped.parent
        if parent is not None and parent.type == "unary_expression" and parent.text.startswith(b"&"):
            wrapped = through_conversions(parent)
            parent = wrapped.parent
            if parent is None or parent.type != "argument_list":
                return True  # &x kept somewhere
            return False  # the call decides
        if parent is None:
            return False
        if parent.type == "argument_list" or (element and node.type != "slice_expression"):
            return False  # the call decides; reading a field or element (aliases follow the assignment)
        if parent.type == "range_clause" and parent.child_by_field_name("right") == wrapped:
            return False
        if parent.type == "expression_list" and parent.parent is not None \
                and parent.parent.type == "assignment_statement" and parent.parent.child_by_field_name("left") == parent:
            return False  # assigned to: the assignment decides
        if parent.type == "inc_statement" or parent.type == "dec_statement":
            return False
        return True

    def call(self, call: Node, state: State) -> State:
        """What a call does to the memory: frees it, takes it, keeps it, or borrows it."""
        operand, name = callee_parts(call)
        if (operand, name) in TERMINATORS or (operand == "" and name == "panic"):
            return state  # handled as statements
        args = call_args(call)
        effect = self.go.call_effect(call, self.imports)
        roots = state.roots()
        self_append = operand == "" and name == "append" and self._self_append(call)
        for pos, arg in enumerate(args):
            inner = unwrap(arg)
            box = _container_arg(arg) if roots else None
            if box in roots:
                what = effect.get(pos)
                if operand == "" and name == "append" and pos == 0:
                    continue
                if what in ("frees-within", "frees-all"):  # a function that frees every element (or the C fields) it is given
                    if not _covers(self.within_keys(call, pos, arg), state.names()):
                        continue  # given another field of the container (&x.g): it frees what that holds
                    self.alloc.frees.append(call)
                    return replace(state, alive=False)
                if what == "borrow":
                    if operand == "C" and self.go.c_side.is_library(name):
                        self.alloc.lent_to.add(f"C.{name}")
                    continue
                return self.gone(state, call)  # kept, taken, or we cannot tell
            if self_append and pos > 0 and self.refers(arg, state) is not None:
                continue  # x = append(x, p): the assignment keeps p in x
            if operand == "C" and inner is not None and inner.type == "unary_expression" and inner.text.startswith(b"&") \
                    and effect.get(pos) == "store":
                arg = inner.child_by_field_name("operand")  # &argv to a C function that keeps what argv holds
            if self.refers(arg, state) is None:
                continue
            what = effect.get(pos)
            if what in ("free", "frees-all"):
                self.alloc.frees.append(call)
                return replace(state, alive=False)
            if what == "assumed":
                self.alloc.assumed_owner = f"{operand}.{name}"
                return self.gone(state, call)
            if what == "store" or what is None:
                return self.gone(state, call)  # ownership passes on, or we cannot tell
            if operand == "C" and (lent := self.go.c_side.lent_to(name, pos)) is not None:
                self.alloc.lent_to.add(lent)
        return state

    def _self_append(self, call: Node) -> bool:
        """x = append(x, ...) on a local container x."""
        bound = appended_to(call)
        return bound is not None and self.is_container(bound[1].text.decode("utf-8", "replace"))

    def only_called(self, lit: Node) -> bool:
        """lit is bound to a local variable (`f := func() {...}`) that the function only calls
        (`f()`, `defer f()`, not `go f()`): its body runs here, and is read as running where it is made."""
        holder = lit.parent
        stmt = holder.parent if holder is not None and holder.type == "expression_list" else None
        if stmt is None or stmt.type not in ("short_var_declaration", "assignment_statement"):
            return False
        left = stmt.child_by_field_name("left")
        if left is None or left.named_child_count != 1 or left.named_children[0].type != "identifier" \
                or holder.named_child_count != 1:
            return False
        for use in self.names.after(left.named_children[0].text.decode("utf-8", "replace"), lit.end_byte):
            call = use.parent
            if call is None or call.type != "call_expression" or call.child_by_field_name("function") != use \
                    or (call.parent is not None and call.parent.type == "go_statement"):
                return False
        return True

    def immediate_closure(self, lit: Node, state: State) -> State:
        """func() { ... }(): its body runs now; a free inside frees, a store stores."""
        body = lit.child_by_field_name("body")
        if body is None or not self.mentions(body, state):
            return state  # no call in it is given the memory or its container
        for n in walk(body):
            if n.type == "call_expression":
                new = self.call(n, state)
                if not new.alive:
                    return new
        return state

    # ---- statements

    def run_function(self) -> None:
        body = self.alloc.function.child_by_field_name("body")
        if body is None:
            raise Undecided
        end = self.run_block(body, State())
        if end is not None:
            self.exit(end, _closing(body), "end")

    def run_block(self, block: Node, state: State | None) -> State | None:
        for stmt in _statements(block):
            if state is None:
                break
            state = self.run_stmt(stmt, state)
        return self.leave_scope(state, block)

    def leave_scope(self, state: State | None, scope: Node, kind: str = "scope") -> State | None:
        if state is None:
            return None
        after = _without_scope(state, scope)
        if after == state:
            return state
        kept, kept_views = after.holders, after.views
        if scope.id != self.alloc.function.child_by_field_name("body").id:
            if scope.parent is not None and scope.parent.type == "for_statement" and scope.type == "block":
                kind = "iteration"  # a loop body: its variables are new every iteration
            after = self.check_lost(state, after, kind, _closing(scope))
        if not kept and not kept_views:
            after = replace(after, alive=False) if not state.owned() else after
        return after

    def run_stmt(self, stmt: Node, state: State) -> State | None:
        self.budget.left -= 1
        if self.budget.left < 0:
            raise OverBudget
        t = stmt.type
        if t == "block":
            return self.run_block(stmt, state)
        if t == "statement_list":
            for s in stmt.named_children:
                if state is None:
                    break
                state = self.run_stmt(s, state)
            return state
        if t == "if_statement":
            return self.run_if(stmt, state)
        if t == "for_statement":
            return self.run_for(stmt, state, "")
        if t == "labeled_statement":
            label = stmt.child_by_field_name("label")
            inner = [c for c in stmt.named_children if c.type != "label_name"]
            if not inner:
                return state
            if inner[0].type == "for_statement":
                return self.run_for(inner[0], state, label.text.decode("utf-8", "replace") if label is not None else "")
            return self.run_stmt(inner[0], state)
        if t in ("expression_switch_statement", "type_switch_statement", "select_statement"):
            return self.run_switch(stmt, state)
        if t == "return_statement":
            return self.run_return(stmt, state)
        if t in ("break_statement", "continue_statement"):
            return self.run_jump(stmt, state)
        if t == "goto_statement":
            raise Undecided
        if t == "defer_statement":
            return self.run_defer(stmt, state)
        if t == "go_statement":
            if state.alive and self.mentions(stmt, state):
                return self.gone(state, stmt)  # a goroutine takes it
            return state
        if t == "expression_statement":
            return self.run_expression_statement(stmt, state)
        if t in ("short_var_declaration", "assignment_statement", "var_declaration"):
            return self.run_assignment(stmt, state)
        if t == "send_statement":
            value = stmt.child_by_field_name("value")
            state = self.effects(stmt, state)
            if state is not None and self.refers(value, state):
                state = self.gone(state, stmt)  # sent on a channel
            return state
        if t in ("empty_statement", "fallthrough_statement", "const_declaration", "type_declaration", "comment"):
            return state
        return self.effects(stmt, state)

    def run_expression_statement(self, stmt: Node, state: State) -> State | None:
        if self.key and stmt.id == getattr(self.statement, "id", None):
            after = self.effects(stmt, state)  # a call that stores the memory in a local struct (facts/fills.py)
            return self.activate(state, after, stmt) if after is not None else None
        expr = stmt.named_children[0] if stmt.named_children else None
        if expr is not None and expr.type == "call_expression":
            operand, name = callee_parts(expr)
            if operand == "" and name == "panic":
                state = self.effects(expr, state)
                if state is not None:
                    self.exit(state, stmt, "panic")
                return None
            if (operand, name) in TERMINATORS:
                return None  # the process or goroutine ends here: nothing leaks
        return self.effects(stmt, state)

    def run_assignment(self, stmt: Node, state: State) -> State | None:
        if not state.alive and not state.holders and not state.views and not self._binds_in(stmt):
            return state  # nothing holds the memory yet (or any more): the assignment cannot matter
        pairs: list[tuple[Node, Node | None]] = []
        declares = stmt.type in ("short_var_declaration", "var_declaration")
        if stmt.type == "var_declaration":
            for spec in stmt.named_children:
                if spec.type != "var_spec":
                    continue
                names = spec.children_by_field_name("name")
                value = spec.child_by_field_name("value")
                values = list(value.named_children) if value is not None else []
                pairs += [(n, values[i] if i < len(values) and len(values) == len(names) else None) for i, n in enumerate(names)]
        else:
            left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
            lhs = list(left.named_children) if left is not None else []
            rhs = list(right.named_children) if right is not None else []
            op = stmt.child_by_field_name("operator")
            if op is not None and op.text != b"=":
                return self.effects(stmt, state)  # x += y: no binding
            pairs = [(l, rhs[i] if len(rhs) == len(lhs) else None) for i, l in enumerate(lhs)]
        rights = [r for _, r in pairs if r is not None]
        for r in rights:
            state = self.effects(r, state)
            if state is None:
                return None
        before = state
        holders, views = set(state.holders), set(state.views)
        stored = False
        for lhs, rhs in pairs:
            if lhs.type == "identifier" and self.is_container(lhs.text.decode("utf-8", "replace")):
                name = lhs.text.decode("utf-8", "replace")
                scope = self._decl_scope(stmt) if declares else self.scope_for(name, stmt)
                inner = unwrap(rhs) if rhs is not None else None
                if inner is not None and inner.type == "call_expression" and callee_parts(inner) == ("", "append") \
                        and call_args(inner) and ident(call_args(inner)[0]) == name:
                    for arg in call_args(inner)[1:]:
                        if self.refers(arg, before):
                            holders.add((f"{name}[]", scope))
                            self.alloc.kept_in.add(f"{name}[]")
                    continue  # x = append(x, ...): what x held stays in it
                holders = {h for h in holders if root(h[0]) != name or not is_key(h[0])}  # x = ...: its old contents are lost
                if inner is not None and inner.type == "composite_literal":
                    for value, key in literal_keys(inner, name):
                        if self.refers(value, before):
                            holders.add((key, scope))
                            self.alloc.kept_in.add(key)
            src = self.refers(rhs, before) if rhs is not None else None
            view_src = None
            if rhs is not None and src is None:
                maker = is_view_maker(unwrap(rhs) or rhs)
                if maker is not None and self.refers(maker, before):
                    view_src = maker
                    self.view_nodes.append(unwrap(rhs) or rhs)  # a view through any alias
                elif ident(rhs) in before.view_names():
                    view_src = rhs
            if lhs.type == "identifier":
                name = lhs.text.decode("utf-8", "replace")
                if name == "_":
                    continue
                scope = self._decl_scope(stmt) if declares else self.scope_for(name, stmt)
                holders = {h for h in holders if h[0] != name}
                views = {v for v in views if v[0] != name}
                if name not in self.locals or name in self.results:
                    if src is not None or view_src is not None:
                        if src is None and name not in self.results:
                            self.leak("view-escape", stmt, "global")
                        stored = True  # a package-level variable or a named result takes it
                    continue
                if src is not None:
                    holders.add((name, scope))
                elif view_src is not None:
                    views.add((name, scope))
            elif (key := store_key(lhs)) is not None and self.is_container(root(key)):
                if not is_element(key):
                    holders = {h for h in holders if h[0] != key}  # x.f = ...: what x.f held is lost
                if src is not None:
                    holders.add((key, self.scope_for(root(key), stmt)))  # kept in a local struct or array
                    self.alloc.kept_in.add(key)
                elif view_src is not None:
                    stored = True
            elif src is not None or view_src is not None:
                stored = True  # field, index, or *p: the memory is kept elsewhere
                if (key := store_key(lhs)) is not None and root(key) not in self.locals:
                    self.alloc.global_store = (key, stmt)
        after = replace(state, holders=frozenset(holders), views=frozenset(views))
        if stored:
            after = self.gone(after, stmt)
        if stmt.id == getattr(self.statement, "id", None):
            return self.activate(state, after, stmt)
        return self.check_lost(state, after, "overwrite", stmt)

    def _binds_in(self, stmt: Node) -> bool:
        """stmt is (or contains) the statement that binds the allocation."""
        bound = self.statement
        return bound is not None and stmt.start_byte <= bound.start_byte and bound.end_byte <= stmt.end_byte

    def _decl_scope(self, stmt: Node) -> int:
        parent = stmt.parent
        while parent is not None:
            if parent.type in SCOPES:
                return parent.id
            if parent.type in FUNCTIONS:
                return parent.id
            parent = parent.parent
        return self.scope_of_param

    def activate(self, before: State, state: State, stmt: Node) -> State:
        """The allocation happens here (state: after the assignment's other effects). A loop that
        runs it again must have freed the last one (before: the state the statement found)."""
        name = self.key or self.target.text.decode("utf-8", "replace")
        variable = root(name)
        declares = stmt.type in ("short_var_declaration", "var_spec", "var_declaration")
        scope = self._decl_scope(stmt) if declares else self.scope_for(variable, stmt)
        if before.alive and not before.protected and not is_element(name) \
                and (name in before.names() or name in before.view_names()):
            loop = next((a for a in ancestors(stmt) if a.type == "for_statement"), stmt)
            self.leak("loop", loop)  # the previous iteration's memory is overwritten
        holders = frozenset(h for h in state.holders if h[0] != name)
        views = frozenset(v for v in state.views if v[0] != name)
        rhs_is_view = not self.key and is_view_maker(self._bound_rhs(stmt)) is not None
        if rhs_is_view:
            views |= {(name, scope)}
        else:
            holders |= {(name, scope)}
        if variable not in self.locals or variable in self.results:
            if rhs_is_view and name not in self.results:
                self.leak("view-escape", stmt, "global")
            return State()  # stored in a package-level variable or a named result
        return State(alive=True, holders=holders, views=views, protected=False, exit_frees=state.exit_frees)

    def _bound_rhs(self, stmt: Node) -> Node | None:
        node = self.alloc.call
        while node.parent is not None and node.parent.type != "expression_list":
            node = node.parent
        return unwrap(node) or node

    def run_if(self, stmt: Node, state: State) -> State | None:
        init = stmt.child_by_field_name("initializer")
        if init is not None:
            state = self.run_stmt(init, state)
        cond = stmt.child_by_field_name("condition")
        state = self.effects(cond, state)
        if state is None:
            return None
        then_in, else_in = state, state
        if self.error_vars and self._tests_error(stmt):
            then_in = replace(state, alive=False)  # the allocator failed: it returned nothing to free
        nil_check = self._nil_check(cond, state)
        if nil_check == "==":
            then_in = replace(state, alive=False)  # the allocation returned nil: nothing to free
        elif nil_check == "!=":
            else_in = replace(state, alive=False)
        correlated = relation(cond, self.guards)  # the condition the allocation was made under, again
        if correlated == "same":
            else_in = replace(else_in, alive=False)
        elif correlated == "negated":
            then_in = replace(then_in, alive=False)
        then = self.run_block(stmt.child_by_field_name("consequence"), then_in)
        alt = stmt.child_by_field_name("alternative")
        other = self.run_stmt(alt, else_in) if alt is not None else else_in
        return self.leave_scope(join(then, other), stmt)

    def _tests_error(self, stmt: Node) -> bool:
        """The if's initializer or condition reads an error the allocating call reported
        (v := C.get(k, &cerr); if cerr != nil / if err := errFrom(cerr); err != nil)."""
        for part in (stmt.child_by_field_name("initializer"), stmt.child_by_field_name("condition")):
            if part is not None and any(n.type == "identifier" and n.text.decode("utf-8", "replace") in self.error_vars
                                        for n in walk(part)):
                return True
        return False

    def _nil_check(self, cond: Node | None, state: State) -> str:
        """"==" for `p == nil`, "!=" for `p != nil` on a holder, else ""."""
        if cond is None or cond.type != "binary_expression":
            return ""
        op = cond.child_by_field_name("operator")
        left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
        if op is None or op.text not in (b"==", b"!=") or left is None or right is None:
            return ""
        other = right if self.refers(left, state) else left if self.refers(right, state) else None
        if other is None or other.type != "nil":
            return ""
        return op.text.decode("utf-8", "replace")

    def run_switch(self, stmt: Node, state: State) -> State | None:
        init = stmt.child_by_field_name("initializer")
        if init is not None:
            state = self.run_stmt(init, state)
        state = self.effects(stmt.child_by_field_name("value"), state)
        if state is None:
            return None
        frame = _Frame(stmt, "", is_loop=False)
        self.frames.append(frame)
        result: State | None = None
        has_default = False
        try:
            for case in stmt.named_children:
                if case.type not in ("expression_case", "type_case", "communication_case", "default_case"):
                    continue
                has_default |= case.type == "default_case"
                entry = state
                comm = case.child_by_field_name("communication")
                if comm is not None:
                    entry = self.run_stmt(comm, entry)
                body = entry
                for s in case.named_children:
                    if s.type == "statement_list" and body is not None:
                        body = self.run_stmt(s, body)
                result = join(result, self.leave_scope(body, case))
        finally:
            self.frames.pop()
        if not has_default and stmt.type != "select_statement":
            result = join(result, state)
        for b in frame.breaks:
            result = join(result, b)
        return self.leave_scope(result, stmt)

    def run_for(self, stmt: Node, state: State, label: str) -> State | None:
        if state.alive and any(is_element(n) for n in state.names()) \
                and self.frees_in(stmt, closures=False) & state.names():
            # for _, p := range x { C.free(p) } frees every element (an empty x held nothing)
            self.alloc.frees.append(stmt)
            return self.effects(stmt, replace(state, alive=False))
        clause = next((c for c in stmt.named_children if c.type in ("for_clause", "range_clause")), None)
        condition = None
        update = None
        infinite = False
        if clause is not None and clause.type == "for_clause":
            init = clause.child_by_field_name("initializer")
            if init is not None:
                state = self.run_stmt(init, state)
            condition = clause.child_by_field_name("condition")
            update = clause.child_by_field_name("update")
            infinite = condition is None
        elif clause is not None:
            state = self.effects(clause.child_by_field_name("right"), state)
        else:
            body = stmt.child_by_field_name("body")
            conds = [c for c in stmt.named_children if c.id != getattr(body, "id", None)]
            condition = conds[0] if conds else None
            infinite = condition is None
        if state is None:
            return None
        body = stmt.child_by_field_name("body")
        loop_entry = state
        frame = _Frame(stmt, label, is_loop=True)
        self.frames.append(frame)
        try:
            head = loop_entry
            for _ in range(4):  # to a fixpoint: the state only grows
                head_checked = self.effects(condition, head) if condition is not None else head
                frame.continues = []
                frame.breaks = []
                end = self.run_block(body, head_checked) if body is not None else head_checked
                back = end
                for c in frame.continues:
                    back = join(back, c)
                if back is not None and update is not None:
                    back = self.run_stmt(update, back)
                # A holder that survives the iteration is checked where the next iteration
                # allocates again (activate): the loop may free it first.
                new_head = join(loop_entry, back)
                if new_head == head:
                    break
                head = new_head
            after = None if infinite else (self.effects(condition, head) if condition is not None else head)
            for b in frame.breaks:
                after = join(after, b)
        finally:
            self.frames.pop()
        return self.leave_scope(after, stmt)

    def run_jump(self, stmt: Node, state: State) -> State | None:
        label_node = next((c for c in stmt.named_children if c.type == "label_name"), None)
        label = label_node.text.decode("utf-8", "replace") if label_node is not None else ""
        is_break = stmt.type == "break_statement"
        target = None
        for frame in reversed(self.frames):
            if label and frame.label != label:
                continue
            if not label and not is_break and not frame.is_loop:
                continue
            target = frame
            break
        if target is None:
            raise Undecided
        # leaving the scopes between here and the target drops what was declared in them
        left = state
        node = stmt.parent
        stop = target.node  # both leave the loop body's scope; for-clause variables live on
        while node is not None and node.id != stop.id:
            if node.type in SCOPES:
                left = self.check_lost(left, _without_scope(left, node), "break" if is_break else "continue", stmt)
            node = node.parent
        if is_break:
            target.breaks.append(left)
        else:
            target.continues.append(left)
        return None

    def frees_in(self, node: Node, closures: bool = True) -> set[str]:
        """Variables and container keys the calls below node free (cached per node)."""
        cached = self._frees.get(node.id)
        if cached is None:
            cached = self._frees[node.id] = frees_in(node, lambda c: self.go.call_effect(c, self.imports), closures,
                                                     lambda c, pos: self.go.within_paths(c, pos, self.imports))
        return cached

    def within_keys(self, call: Node, pos: int, arg: Node) -> set[str]:
        """The keys a call that frees within its argument at pos frees: x.* (all x holds), or the
        fields a package helper names (freeOptions(&x) freeing x.name and what x.opts holds)."""
        base = _within(arg)
        return {f"{base}.{path}" for path in self.go.within_paths(call, pos, self.imports)}

    def closure_of(self, fn: Node | None) -> Node | None:
        """The function literal a local variable holds (`cleanup := func() {...}`; `defer cleanup()`)."""
        if fn is None or fn.type != "identifier":
            return fn
        name = fn.text
        found = []
        body = self.alloc.function.child_by_field_name("body")
        for node in walk_outside_closures(body) if body is not None else ():
            if node.type in ("short_var_declaration", "assignment_statement"):
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                if left is not None and right is not None and any(c.text == name for c in left.named_children):
                    found.append(right.named_children[0] if left.named_child_count == 1 == right.named_child_count else None)
        return found[0] if len(found) == 1 and found[0] is not None and found[0].type == "func_literal" else fn

    def deferred_element_frees(self, call: Node) -> dict[str, tuple[set[str], bool]]:
        """For `defer f(x)`, `defer f(&x)`, `defer func(ps []T) {...}(x)`: container argument → (the
        keys of it the deferred call frees, "*" for whatever it holds; whether it gets the container's
        address, and so sees what the container holds when it runs)."""
        fn = self.closure_of(call.child_by_field_name("function"))
        out: dict[str, tuple[set[str], bool]] = {}
        args = call_args(call)
        if fn is not None and fn.type == "func_literal":
            body = fn.child_by_field_name("body")
            freed = self.frees_in(body) if body is not None else set()
            for param, arg in zip(param_names(fn), args, strict=False):
                name = ident(arg)
                if name is not None and self.is_container(name):
                    keys = {name + k[len(param):] for k in freed if is_key(k) and root(k) == param}
                    if keys:
                        out[name] = (keys, False)
            return out
        effect = self.go.call_effect(call, self.imports)
        for pos, arg in enumerate(args):
            name = _container_arg(arg)
            if effect.get(pos) in ("frees-within", "frees-all") and name is not None and self.is_container(name):
                inner = unwrap(arg)
                by_address = inner is not None and inner.type == "unary_expression" and ident(
                    inner.child_by_field_name("operand")) == name
                keys = out[name][0] if name in out else set()
                out[name] = (keys | self.within_keys(call, pos, arg), by_address or (name in out and out[name][1]))
        return out

    def run_defer(self, stmt: Node, state: State) -> State | None:
        call = stmt.named_children[0] if stmt.named_children else None
        if call is None or call.type != "call_expression":
            return self.effects(stmt, state)
        given = self.deferred_element_frees(call)
        if given:
            # Given the container's address, the call frees what it holds at exit. Given the container
            # itself, the arguments are evaluated now: what it holds now is freed at exit, and so are
            # later index stores into the same array (a slice or map shares it); appends are not.
            names = state.names()
            if state.alive and any(_covers(keys, names) for keys, _ in given.values()):
                self.alloc.frees.append(stmt)
                return replace(state, protected=True)
            later = set()
            for c, (keys, by_address) in given.items():
                if by_address:
                    later |= keys
                    continue
                if self.containers.get(c) in ("slice", "map"):
                    later |= {k for k in keys if "[i]" in k} | ({f"{c}[i]"} if f"{c}.*" in keys else set())
                self.early_defers.setdefault(c, stmt)
            return replace(state, exit_frees=state.exit_frees | frozenset(later))
        fn = self.closure_of(call.child_by_field_name("function"))
        if fn is not None and fn.type == "func_literal":
            # The closure runs at exit and reads variables then: it frees what they hold at exit,
            # including memory allocated after the defer statement.
            body = fn.child_by_field_name("body")
            freed = self.frees_in(body) if body is not None else set()
            if freed:
                if state.names() & freed:
                    self.alloc.frees.append(stmt)
                return replace(state, exit_frees=state.exit_frees | frozenset(freed))
            if state.alive and self.mentions(fn, state):
                return self.gone(state, stmt)
            return state
        if not state.alive:
            return self.effects(stmt, state)
        # defer f(args): the arguments are evaluated now, the call runs at exit
        effect = self.go.call_effect(call, self.imports)
        for pos, arg in enumerate(call_args(call)):
            if self.refers(arg, state) is None:
                continue
            if effect.get(pos) in ("free", "frees-all"):
                self.alloc.frees.append(stmt)
                return replace(state, protected=True)
            return self.gone(state, stmt)  # handed to a deferred call that may keep it
        return state

    def run_return(self, stmt: Node, state: State) -> None:
        values = [v for v in stmt.named_children if v.type != "comment"]
        if len(values) == 1 and values[0].type == "expression_list":
            values = list(values[0].named_children)
        for v in values:
            state = self.effects(v, state)
            if state is None:
                return None
        if not state.alive:
            return None
        if not values and (state.names() & self.results):
            return None  # a bare return hands back a named result that holds it
        owner = any(self.refers(v, state) for v in values) or any(
            v.type == "func_literal" and self.mentions(v, state) for v in values
        )
        if owner:
            self.alloc.escapes.append(stmt)
            return None  # the caller owns it now
        viewed = any(ident(v) in state.view_names() or (is_view_maker(unwrap(v) or v) is not None
                                                         and self.refers(is_view_maker(unwrap(v) or v), state))
                     for v in values)
        if viewed and state.owned():
            self.leak("view-escape", stmt, "return")
            return None
        self.exit(state, stmt, "return")
        return None

    def exit(self, state: State, node: Node, kind: str) -> None:
        if state.owned():
            self.leak(kind, node)


# ------------------------------------------------------------------ helpers


def _covers(freed: frozenset | set, names: set[str]) -> bool:
    """Some holder is among what is freed: a name, a key, "x.*" (whatever container x holds) or
    "x.a.*" (whatever field a of x holds, x.a.b included)."""
    if names & freed:
        return True
    for n in names:
        if not is_key(n):
            continue
        if f"{root(n)}.*" in freed:
            return True
        parts = n.split(".")
        if any(".".join(parts[:i]) + ".*" in freed for i in range(2, len(parts) + 1)):
            return True
    return False


def _within(arg: Node) -> str:
    """The part of a container an argument gives: "x.a" for &x.a (or x.a), else the container."""
    given = given_path(arg)
    if given is not None:
        return ".".join([given[0], *given[1]])
    return _container_arg(arg) or ""


def _container_arg(arg: Node) -> str | None:
    """The container an argument passes whole: x, &x, &x[i], &x.f, x[a:b], unsafe.SliceData(x).
    (x[i] and x.f alone pass an element's or a field's value, not the container.)"""
    inner = unwrap(arg)
    if inner is not None and inner.type == "call_expression" and callee_parts(inner) == ("unsafe", "SliceData"):
        args = call_args(inner)
        inner = unwrap(args[0]) if args else None
    address = inner is not None and inner.type == "unary_expression" and inner.text.startswith(b"&")
    node = inner.child_by_field_name("operand") if address else inner
    first = True
    while node is not None and node.type in ("parenthesized_expression", "slice_expression", "index_expression",
                                             "selector_expression"):
        if first and not address and node.type in ("index_expression", "selector_expression"):
            return None
        if node.type != "parenthesized_expression":
            first = False
        node = node.child_by_field_name("operand") if node.type != "parenthesized_expression" else \
            (node.named_children[0] if node.named_child_count == 1 else None)
    return node.text.decode("utf-8", "replace") if node is not None and node.type == "identifier" else None


def _c_argument(node: Node) -> bool:
    """node is an argument of a C.f(...) call: C borrows it for the call."""
    args = node.parent
    call = args.parent if args is not None and args.type == "argument_list" else None
    return call is not None and call.type == "call_expression" and callee_parts(call)[0] == "C"


def _without_scope(state: State, scope: Node) -> State:
    """The state once the variables declared in scope are gone."""
    return replace(state, holders=frozenset(h for h in state.holders if h[1] != scope.id),
                   views=frozenset(v for v in state.views if v[1] != scope.id))


def _statements(block: Node) -> list[Node]:
    out = []
    for child in block.named_children:
        if child.type == "statement_list":
            out += [c for c in child.named_children if c.type != "comment"]
        elif child.type != "comment":
            out.append(child)
    return out


def _elements(literal: Node) -> list[Node]:
    out = []
    for n in literal.named_children:
        if n.type == "literal_value":
            for e in n.named_children:
                if e.type == "keyed_element":
                    out += e.named_children[-1:]
                elif e.type == "literal_element":
                    out += e.named_children
                else:
                    out.append(e)
        elif n.type in ("keyed_element", "literal_element"):
            out += n.named_children[-1:]
    if literal.type == "literal_value":
        for e in literal.named_children:
            out += e.named_children[-1:] if e.type in ("keyed_element", "literal_element") else [e]
    return [e.named_children[0] if e.type == "literal_element" and e.named_children else e for e in out]


def _closing(scope: Node) -> Node:
    """The node of a scope's closing brace (for the line of a scope exit), else the scope."""
    if scope.type == "block" and scope.children and scope.children[-1].type == "}":
        return scope.children[-1]
    body = scope.child_by_field_name("body")
    return _closing(body) if body is not None else scope


# ------------------------------------------------------------------ entry point


def inline_fate(call: Node, go: GoSummaries, imports: set[str], alloc: Allocation | None = None) -> Leak | None:
    """An allocation that is never bound to a variable: leaked unless someone takes it."""
    node = through_conversions(call)
    parent = node.parent
    if parent is None:
        return None
    if parent.type == "expression_statement":
        return Leak("discarded", parent)
    if parent.type == "argument_list":
        outer = parent.parent
        if outer is None or outer.type != "call_expression" or is_view_maker(outer) is not None:
            return None
        operand, name = callee_parts(outer)
        pos = [a.id for a in call_args(outer)].index(node.id) if node.id in [a.id for a in call_args(outer)] else -1
        effect = go.call_effect(outer, imports).get(pos)
        callee = f"{operand}.{name}" if operand else name
        if effect == "assumed" and alloc is not None:
            alloc.assumed_owner = callee
        if effect == "borrow":
            if alloc is not None and operand == "C" and (lent := go.c_side.lent_to(name, pos)) is not None:
                alloc.lent_to.add(lent)
            return Leak("inline", outer, callee)
        return None
    if parent.type == "expression_list" and parent.parent is not None and parent.parent.type == "assignment_statement":
        left = parent.parent.child_by_field_name("left")
        right = parent.parent.child_by_field_name("right")
        if left is not None and right is not None and right.id == parent.id:
            idx = [c.id for c in parent.named_children].index(node.id)
            targets = left.named_children
            if idx < len(targets) and targets[idx].type == "identifier" and targets[idx].text == b"_":
                return Leak("discarded", parent.parent)
    return None


def analyse_file(file: GoFile, go: GoSummaries, c_side: CSummaries,
                 unchecked: list[tuple[Node, int, str]] | None = None) -> list[Allocation]:
    """unchecked: receives (function, number of allocations, why) for each function the analysis could
    not finish: "too large" (out of steps) or "nested too deeply" (deeper than Python's recursion allows)."""
    imports = imported_names(file)
    allocations = []
    scopes: dict[int, FunctionLocals] = {}  # per function: computed once, shared by its allocations
    budgets: dict[int, tuple[Node, Budget]] = {}
    makers: dict[int, list[Node]] = {}  # per function: its slice views over pointers
    conditions = FunctionGuards()
    names: dict[int, NamePositions] = {}  # per top-level function (its literals share it), for the allocations in it
    # the function each call and slice is in, from one sweep: a walk up per node is quadratic in nesting depth
    functions = [n for kind in FUNCTIONS for n in file.nodes.get(kind, ())]
    calls = file.nodes.get("call_expression", ())
    owner = innermost(functions, calls)
    ordered = sorted(functions, key=lambda n: (n.start_byte, -n.end_byte))
    outer = innermost(ordered, ordered)
    top: dict[int, Node] = {}  # function or literal → the top-level function it is in (enclosing ones come first)
    for fn in ordered:
        around = outer.get(fn.id)
        top[fn.id] = top[around.id] if around is not None else fn
    owner.update(innermost(functions, file.nodes.get("slice_expression", ())))
    for kind in ("call_expression", "slice_expression"):
        for node in file.nodes.get(kind, ()):
            if is_view_maker(node) is not None:
                fn = owner.get(node.id)
                if fn is not None:
                    makers.setdefault(fn.id, []).append(node)
    for call in calls:
        kind = allocation_kind(call, c_side)
        if kind is None:
            continue
        function = owner.get(call.id)
        if function is None:
            # a package-level initializer: bound to a variable it lives as long as the program, but
            # handed straight to a C function that copies it, it leaks (once)
            decl = next((a for a in ancestors(call) if a.type == "var_declaration"), None)
            if decl is not None:
                alloc = Allocation(file, call, kind[0], kind[1], decl)
                leak = inline_fate(call, go, imports, alloc)
                if leak is not None and leak.kind == "inline":
                    alloc.leaks.append(leak)
                    allocations.append(alloc)
            continue
        alloc = Allocation(file, call, kind[0], kind[1], function)
        bound = binding(call)
        if function.id not in scopes:
            scopes[function.id] = function_locals(function, param_names(function))
        scope = scopes[function.id]
        if bound is not None and bound[2]:
            if not scope.is_container(root(bound[2])):
                if root(bound[2]) not in scope.all:
                    alloc.global_store = (bound[2], bound[0])  # x.f, x[k] or x = append(x, ...) on a package-level x
                bound = None  # a field or element of something else: kept there
        if bound is None:
            leak = inline_fate(call, go, imports, alloc)
            if leak is not None:
                alloc.leaks.append(leak)
            allocations.append(alloc)
            continue
        stmt, target, key = bound
        alloc.variable = key or target.text.decode("utf-8", "replace")
        alloc.key = key
        if function.id not in budgets:
            size = sum(1 for n in walk_outside_closures(function) if n.type.endswith(("_statement", "_declaration")))
            budgets[function.id] = (function, Budget(min(STEP_CAP, max(STEP_FLOOR, STEPS_PER_STATEMENT * size))))
        budget = budgets[function.id][1]
        if budget.left < 0:
            alloc.undecided = True
            budget.unchecked += 1
            allocations.append(alloc)
            continue
        # a var_spec is run as part of its var_declaration
        outermost = top.get(function.id, function)
        if outermost.id not in names:
            names[outermost.id] = NamePositions(outermost)
        sim = Simulation(alloc, go, imports, stmt.parent if stmt.type == "var_spec" else stmt, target, scope, budget,
                         conditions, names[outermost.id])
        try:
            sim.run_function()
        except OverBudget:
            alloc.undecided = True
            budget.unchecked += 1
        except RecursionError:
            alloc.undecided = True
            budget.too_deep += 1
        except Undecided:
            alloc.undecided = True
        held = {root(k) for k in alloc.kept_in} | ({root(key)} if key else set())
        alloc.early_defer = next((n for c, n in sim.early_defers.items() if c in held), None)
        alloc.leaks = sorted(sim.leaks.values(), key=lambda leak: leak.node.start_byte)
        seen = {n.id for n in sim.view_nodes}
        alloc.views = sim.view_nodes + [
            n for n in makers.get(function.id, ()) if n.id not in seen
            and ((alloc.variable and _mentions_name(is_view_maker(n), alloc.variable)) or _contains(n, call))]
        alloc.views.sort(key=lambda n: n.start_byte)
        allocations.append(alloc)
    if unchecked is not None:
        unchecked += [(fn, b.unchecked, "is too large") for fn, b in budgets.values() if b.unchecked]
        unchecked += [(fn, b.too_deep, "nests too deeply") for fn, b in budgets.values() if b.too_deep]
    return allocations


def _mentions_name(node: Node, name: str) -> bool:
    return any(n.type == "identifier" and n.text.decode("utf-8", "replace") == name for n in walk(node))


def _contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte
