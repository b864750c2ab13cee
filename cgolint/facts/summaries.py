"""Summaries of the package's own functions, computed once and used by every analysis.

Go side: which parameters a function or method frees (directly, in a deferred closure, or by
passing them to another function that frees them) or stores (field, map, slice, global,
channel, append), to a fixpoint over the package's call graph.

C side: which C functions of the preamble or the .c files return memory from malloc/calloc/
realloc/strdup, and which free or store an argument.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from tree_sitter import Node

from cgolint.facts.calls import CFunction, c_callee
from cgolint.facts.containers import RangeLoops, freed_keys, given_path, is_key, root
from cgolint.facts.goexpr import call_args, callee_parts, ident, is_conversion, unwrap
from cgolint.facts.owners import Owners, name_adopts
from cgolint.model import GoFile, Package
from cgolint.treewalk import innermost, walk

C_ALLOCATORS = {"malloc", "calloc", "realloc", "strdup", "strndup"}
BUILTINS = {"len", "cap", "copy", "print", "println", "min", "max", "clear", "close", "delete", "string"}
# Go nodes that can keep a parameter by themselves
STORING = frozenset({"assignment_statement", "send_statement", "literal_element"})


# ---------------------------------------------------------------- Go expressions


def c_value_name(expr: Node | None, package_vars: dict[str, Node], depth: int = 0) -> str | None:
    """The C name an argument stands for: "free" for C.free, (*[0]byte)(C.free),
    (*[0]byte)(unsafe.Pointer(C.free)), C.destructor(C.free) or a package variable holding one of
    those; "kCFAllocatorNull" for C.kCFAllocatorNull. None for anything else."""
    expr = unwrap(expr)
    while expr is not None and expr.type == "call_expression" and callee_parts(expr)[0] == "C" \
            and len(call_args(expr)) == 1:
        expr = unwrap(call_args(expr)[0])  # a conversion to a C type: C.destructor_type(C.free)
    if expr is None:
        return None
    if expr.type == "selector_expression" and expr.text.startswith(b"C."):
        return expr.text[2:].decode("utf-8", "replace")
    if expr.type == "identifier" and depth < 3:
        name = expr.text.decode("utf-8", "replace")
        value = package_vars.get(name)
        if value is not None:
            return c_value_name(value, package_vars, depth + 1)
        # a local variable: what every assignment in the function gives it (`free = (*[0]byte)(C.cfree)`)
        fn = expr.parent
        while fn is not None and fn.type not in ("function_declaration", "method_declaration", "func_literal"):
            fn = fn.parent
        values = set()
        for node in walk(fn) if fn is not None else ():
            if node.type in ("assignment_statement", "short_var_declaration"):
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                if left is not None and right is not None and left.named_child_count == 1 == right.named_child_count \
                        and left.named_children[0].text == expr.text:
                    values.add(c_value_name(right.named_children[0], package_vars, depth + 1))
        return values.pop() if len(values) == 1 else None
    return None


def package_var_specs(files: list[GoFile]) -> Iterator[tuple[GoFile, Node]]:
    """Every package-level `var` spec (not those inside functions), with its file."""
    for file in files:
        for spec in file.nodes.get("var_spec", ()):
            decl = spec.parent
            if decl is not None and decl.type == "var_spec_list":
                decl = decl.parent
            if decl is not None and decl.parent is not None and decl.parent.type == "source_file":
                yield file, spec


def package_var_values(files: list[GoFile]) -> dict[str, Node]:
    """Package-level `var name = value` (one name, one value), by name."""
    out: dict[str, Node] = {}
    for _, spec in package_var_specs(files):
        names = spec.children_by_field_name("name")
        value = spec.child_by_field_name("value")
        if len(names) == 1 and value is not None and value.named_child_count == 1:
            out[names[0].text.decode("utf-8", "replace")] = value.named_children[0]
    return out


# ---------------------------------------------------------------- Go summaries


@dataclass
class GoSummary:
    name: str
    params: list[str]
    frees: set[int] = field(default_factory=set)
    stores: set[int] = field(default_factory=set)
    # the parameters whose fields or elements it frees, with what it frees below each: "name" (the
    # field p.name), "opts.*" (whatever p.opts holds), "*" (everything p holds: elements, or fields
    # it cannot name)
    within: dict[int, set[str]] = field(default_factory=dict)


def go_functions(files: list[GoFile]) -> list[tuple[GoFile, Node]]:
    out = []
    for f in files:
        for kind in ("function_declaration", "method_declaration"):
            out += [(f, n) for n in f.nodes.get(kind, ())]
    return out


def _nodes_by_function(files: list[GoFile]) -> dict[int, list[Node]]:
    """The calls and storing nodes of each function or method declaration (closures included),
    from the files' indexes: one sweep per file instead of a walk of every body."""
    out: dict[int, list[Node]] = {}
    for f in files:
        owners = [n for kind in ("function_declaration", "method_declaration") for n in f.nodes.get(kind, ())]
        for kind in ("call_expression", *sorted(STORING)):
            nodes = f.nodes.get(kind, ())
            placed = innermost(owners, nodes)
            for node in nodes:
                owner = placed.get(node.id)
                if owner is not None:
                    out.setdefault(owner.id, []).append(node)
    return out


def param_names(fn: Node) -> list[str]:
    params = fn.child_by_field_name("parameters")
    names = []
    if params is None:
        return names
    for decl in params.named_children:
        if decl.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        ids = [c for c in decl.children_by_field_name("name")]
        if not ids:
            names.append("_")
        names += [i.text.decode("utf-8", "replace") for i in ids]
    return names


def param_types(fn: Node) -> list[str]:
    """Each parameter's type as written, one per parameter name (a variadic one's element type)."""
    params = fn.child_by_field_name("parameters")
    out = []
    for decl in params.named_children if params is not None else ():
        if decl.type in ("parameter_declaration", "variadic_parameter_declaration"):
            kind = decl.child_by_field_name("type")
            out += [kind.text.decode("utf-8", "replace") if kind is not None else ""] * max(
                1, len(decl.children_by_field_name("name")))
    return out


def imported_names(file: GoFile) -> set[str]:
    names = set()
    for spec in file.nodes.get("import_spec", ()):
        alias = spec.child_by_field_name("name")
        path = spec.child_by_field_name("path")
        if alias is not None:
            names.add(alias.text.decode("utf-8", "replace"))
        elif path is not None:
            names.add(path.text.decode("utf-8", "replace").strip('"`').rsplit("/", 1)[-1])
    return names


class _Loops:
    """A function's range loops, read the first time a free in it needs them."""

    def __init__(self, fn: Node) -> None:
        self.fn = fn
        self._loops: RangeLoops | None = None

    def get(self) -> RangeLoops:
        if self._loops is None:
            self._loops = RangeLoops(self.fn)
        return self._loops


class GoSummaries:
    """Fixpoint of which parameters each package function or method frees or stores."""

    def __init__(self, package: Package, c_side: "CSummaries", owners: Owners) -> None:
        self.c_side = c_side
        self.owners = owners
        self.package_vars = package_var_values(package.go_files)
        self.functions: dict[str, list[GoSummary]] = {}
        bodies = []
        inside = _nodes_by_function(package.go_files)
        for file, fn in go_functions(package.go_files):
            name_node = fn.child_by_field_name("name")
            if name_node is None:
                continue
            summary = GoSummary(name_node.text.decode("utf-8", "replace"), param_names(fn))
            key = summary.name if fn.type == "function_declaration" else "." + summary.name
            self.functions.setdefault(key, []).append(summary)
            body = fn.child_by_field_name("body")
            index = {n: i for i, n in enumerate(summary.params) if n != "_"}
            if body is None or not index:
                continue
            # what the body does with a parameter by itself (stores) is read once; what its calls
            # do depends on other summaries, so only the calls are read again in every round
            calls = []
            for node in inside.get(fn.id, ()):  # closures included: a deferred closure that frees counts
                if node.type == "call_expression":
                    calls.append(node)
                else:
                    summary.stores |= self._stored(node, index)
            bodies.append((summary, index, calls, imported_names(file), _Loops(fn)))
        for _ in range(8):  # helpers calling helpers: a few rounds reach the fixpoint
            changed = False
            for summary, index, calls, imports, loops in bodies:
                frees, stores, within = self._scan_calls(index, calls, imports, loops)
                grown = any(paths - summary.within.get(pos, set()) for pos, paths in within.items())
                if frees - summary.frees or stores - summary.stores or grown:
                    summary.frees |= frees
                    summary.stores |= stores
                    for pos, paths in within.items():
                        summary.within.setdefault(pos, set()).update(paths)
                    changed = True
            if not changed:
                break

    @staticmethod
    def _stored(node: Node, index: dict[str, int]) -> set[int]:
        """Parameters a statement or literal keeps: in a field, element or global (`x.f = p`), on a
        channel, or in a composite literal (`&Slice{data, size}`)."""
        if node.type == "assignment_statement":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                return set()
            return {index[name] for lhs, rhs in zip(left.named_children, right.named_children, strict=False)  # a, b = f()
                    if (name := ident(rhs)) in index and lhs.type != "identifier"}
        if node.type == "send_statement":
            name = ident(node.child_by_field_name("value"))
            return {index[name]} if name in index else set()
        if node.type == "literal_element" and node.named_child_count == 1:
            name = ident(node.named_children[0])
            return {index[name]} if name in index else set()
        return set()

    def _scan_calls(self, index: dict[str, int], calls: list[Node], imports: set[str],
                    loops: "_Loops") -> tuple[set[int], set[int], dict[int, set[str]]]:
        """The parameters the calls free, store, and free within (with the paths below each)."""
        frees, stores, within = set(), set(), {}
        for node in calls:
            effect = self.call_effect(node, imports)
            for pos, arg in enumerate(call_args(node)):
                name = ident(arg)
                what = effect.get(pos)
                if what in ("free", "frees-all"):
                    if name in index:
                        frees.add(index[name])
                    # C.free(p.name): the field; for _, q := range p { C.free(q) }, C.free(p[i]): all of it
                    for k in freed_keys(arg, loops.fn, loops.get()):
                        if is_key(k) and root(k) in index:
                            rest = k[len(root(k)):]
                            path = rest[1:] if rest.startswith(".") and "[" not in rest else "*"
                            within.setdefault(index[root(k)], set()).add(path)
                if what in ("frees-within", "frees-all") and (given := given_path(arg)) is not None \
                        and given[0] in index:
                    # p, or a field of it: &p.opts frees what the callee frees below p.opts
                    below = ".".join(given[1])
                    within.setdefault(index[given[0]], set()).update(
                        f"{below}.{path}" if below else path for path in self.within_paths(node, pos, imports))
                elif name in index and what in ("store", "assumed"):
                    stores.add(index[name])
        return frees, stores, within

    def within_paths(self, call: Node, pos: int, imports: set[str]) -> set[str]:
        """What a call that frees within its argument at pos frees there, as paths below it ("*":
        all of it). Exact for the package's Go functions; everything for the rest (C helpers)."""
        operand, name = callee_parts(call)
        if operand == "C" or operand in imports or operand == "?":
            return {"*"}
        candidates = self.functions.get(name if operand == "" else "." + name, [])
        return set().union(*(s.within[pos] for s in candidates if pos in s.within)) or {"*"}

    def call_effect(self, call: Node, imports: set[str]) -> dict[int, str]:
        """Argument position → "free", "frees-all" (frees the pointer and what the struct it points to
        holds: freeOptions(p) { C.free(p.name); C.free(p) }), "store" (ownership leaves: stored, taken or kept), "assumed"
        (a C function whose name says it adopts), "frees-within" (a package function that frees the
        fields or elements of the struct, slice or array it is given), or "borrow"; missing positions
        are unknown."""
        operand, name = callee_parts(call)
        args = call_args(call)
        if operand == "C":
            # what each argument names matters only to a catalog entry with a condition
            names = [c_value_name(a, self.package_vars) for a in args] if self.owners.reads_arguments(name) \
                else [None] * len(args)
            return self.c_side.call_effect(name, names)
        if self.owners.go_takes(operand, name):
            return {i: "store" for i in range(len(args))}
        if operand == "" and name == "append":
            return {i: "store" for i in range(1, len(args))}
        if is_conversion(call) or operand == "unsafe" or (operand == "" and name in BUILTINS):
            return {i: "borrow" for i in range(len(args))}  # views, conversions and builtins keep nothing
        if operand in imports or operand == "?":
            return {}  # another package's function, or a call through a value: unknown
        candidates = self.functions.get(name if operand == "" else "." + name, [])
        if not candidates:
            return {}
        effect: dict[int, str] = {}
        for pos in range(len(args)):
            kinds = {("frees-all" if pos in s.frees and pos in s.within else "free" if pos in s.frees
                      else "store" if pos in s.stores
                      else "frees-within" if pos in s.within else "borrow") for s in candidates
                     if pos < len(s.params)}
            if len(kinds) == 1:
                effect[pos] = kinds.pop()
        return effect


# ---------------------------------------------------------------- C summaries


def returns_pointer(definition: Node) -> bool:
    """A C function definition returns a pointer (only such a function can return memory from malloc)."""
    decl = definition.child_by_field_name("declarator")
    return decl is not None and decl.type == "pointer_declarator"


# cgo's own functions that copy what they are given into Go memory (cmd/cgo: "C.GoString ...
# copies"): a pointer passed to them is only read during the call.
CGO_COPIES = {"GoString", "GoStringN", "GoBytes"}


@dataclass
class CSummary:
    name: str
    returns_allocation: bool = False
    returns_string: bool = False
    frees: set[int] = field(default_factory=set)
    stores: set[int] = field(default_factory=set)
    frees_within: set[int] = field(default_factory=set)  # pointer parameters whose fields or elements it frees
    # parameters handed to a C function the package does not define (a library's): index → that function
    lends: dict[int, str] = field(default_factory=dict)


def _c_params(definition: Node) -> list[str]:
    decl = definition.child_by_field_name("declarator")
    while decl is not None and decl.type != "function_declarator":
        decl = decl.child_by_field_name("declarator")
    names = []
    params = decl.child_by_field_name("parameters") if decl is not None else None
    for p in params.named_children if params is not None else ():
        if p.type != "parameter_declaration":
            continue
        d = p.child_by_field_name("declarator")
        while d is not None and d.type not in ("identifier",):
            d = d.child_by_field_name("declarator")
        names.append(d.text.decode("utf-8", "replace") if d is not None else "")
    return names


def _c_strip(expr: Node | None) -> Node | None:
    """A C expression without casts and parentheses."""
    while expr is not None and expr.type in ("cast_expression", "parenthesized_expression"):
        expr = expr.child_by_field_name("value") or (expr.named_children[-1] if expr.named_children else None)
    return expr


def _c_ident(expr: Node | None) -> str | None:
    expr = _c_strip(expr)
    return expr.text.decode("utf-8", "replace") if expr is not None and expr.type == "identifier" else None


def _c_function_name(expr: Node | None) -> str | None:
    """The function a C expression names: free in free, (destructor)free or &free."""
    expr = _c_strip(expr)
    if expr is not None and expr.type == "pointer_expression" and expr.text.startswith(b"&"):
        expr = _c_strip(expr.child_by_field_name("argument"))
    return expr.text.decode("utf-8", "replace") if expr is not None and expr.type == "identifier" else None


def _c_base(target: Node) -> str | None:
    """The variable at the root of an lvalue: p for p->a.b[i], *p, or p itself."""
    node = target
    while node is not None and node.type in ("field_expression", "subscript_expression", "pointer_expression",
                                             "parenthesized_expression"):
        node = node.child_by_field_name("argument") or (node.named_children[0] if node.named_children else None)
    return node.text.decode("utf-8", "replace") if node is not None and node.type == "identifier" else None


class CSummaries:
    def __init__(self, functions: dict[str, list[CFunction]], owners: Owners | None = None) -> None:
        self.by_name: dict[str, CSummary] = {}
        self.owners = owners if owners is not None else Owners()
        allocators = set(C_ALLOCATORS)
        # A function returning what another of the package's allocators returns allocates too
        # (char *get_text(p) { return g_strdup(...); }): a few rounds reach the fixpoint.
        # The same for functions handing a parameter to one that frees inside it.
        for _ in range(4):
            previous = self.by_name
            self.by_name = {}
            for name, defs in functions.items():
                summary = CSummary(name)
                for fn in defs:
                    self._scan(fn.node, summary, allocators, self.owners, previous)
                self.by_name[name] = summary
            grown = allocators | {n for n, s in self.by_name.items() if s.returns_allocation}
            within = {n: (s.frees_within, s.lends) for n, s in self.by_name.items()}
            if grown == allocators and within == {n: (s.frees_within, s.lends) for n, s in previous.items()}:
                break
            allocators = grown

    @staticmethod
    def _scan(definition: Node, summary: CSummary, allocators: set[str] = C_ALLOCATORS,
              owners: Owners | None = None, known: dict[str, CSummary] | None = None) -> None:
        params = {n: i for i, n in enumerate(_c_params(definition)) if n}
        allocated: set[str] = set()
        type_text = (definition.child_by_field_name("type").text if definition.child_by_field_name("type") else b"")
        pointer_return = returns_pointer(definition)
        body = definition.child_by_field_name("body")
        local_names = set()
        aliases: dict[str, int] = {}  # Options *o = (Options *)data; for a parameter data
        for d in walk(body) if body is not None else ():
            if d.type == "init_declarator":
                target = d.child_by_field_name("declarator")
                while target is not None and target.type == "pointer_declarator":
                    target = target.child_by_field_name("declarator")
                src = _c_ident(d.child_by_field_name("value"))
                if target is not None and target.type == "identifier" and src in params:
                    aliases[target.text.decode("utf-8", "replace")] = params[src]
            if d.type == "declaration":
                for part in d.children_by_field_name("declarator"):
                    while part is not None and part.type != "identifier":
                        part = part.child_by_field_name("declarator")
                    if part is not None:
                        local_names.add(part.text.decode("utf-8", "replace"))
        for node in walk(body) if body is not None else ():
            if node.type == "call_expression":
                callee = c_callee(node)
                args = node.child_by_field_name("arguments")
                first = args.named_children[0] if args is not None and args.named_children else None
                frees = owners.c_frees(callee) if owners is not None else (0 if callee == "free" else None)
                freed = args.named_children[frees] if frees is not None and args is not None \
                    and frees < args.named_child_count else first
                if (frees is not None or callee == "realloc") and _c_ident(freed) in params:
                    summary.frees.add(params[_c_ident(freed)])  # realloc consumes the old block
                elif frees is not None and freed is not None and _c_strip(freed) is not None \
                        and _c_strip(freed).type in ("field_expression", "subscript_expression"):
                    base = _c_base(_c_strip(freed))  # free(opts->title), free(hdrs[i].key)
                    if base in params:
                        summary.frees_within.add(params[base])
                    elif base in aliases:
                        summary.frees_within.add(aliases[base])
                elif known and callee in known and known[callee].frees_within and args is not None:
                    for pos in known[callee].frees_within:  # handed on to a function that frees inside it
                        arg = args.named_children[pos] if pos < args.named_child_count else None
                        src = _c_ident(arg)
                        if src in params:
                            summary.frees_within.add(params[src])
                        elif src in aliases:
                            summary.frees_within.add(aliases[src])
                if args is not None and frees is None and callee:
                    for pos, arg in enumerate(args.named_children):
                        src = _c_ident(arg)
                        param = params.get(src) if src in params else aliases.get(src)
                        if param is None or param in summary.lends:
                            continue
                        if known is not None and callee in known:
                            if pos in known[callee].lends:  # through another of the package's functions
                                summary.lends[param] = known[callee].lends[pos]
                        elif callee not in params:
                            summary.lends[param] = callee
                taken = owners.c_taken(callee, [_c_function_name(a) for a in args.named_children]) \
                    if owners is not None and callee in owners.c and args is not None else None
                for pos in taken or ():  # a wrapper handing its parameter to a function that takes it
                    if _c_ident(args.named_children[pos]) in params:
                        summary.stores.add(params[_c_ident(args.named_children[pos])])
            elif node.type in ("init_declarator", "assignment_expression"):
                target = node.child_by_field_name("declarator") or node.child_by_field_name("left")
                value = node.child_by_field_name("value") or node.child_by_field_name("right")
                name = _c_ident(target) if target is not None and target.type != "pointer_declarator" else None
                if target is not None and target.type == "pointer_declarator":
                    inner = target.child_by_field_name("declarator")
                    name = inner.text.decode("utf-8", "replace") if inner is not None and inner.type == "identifier" else None
                v = _c_strip(value)
                if v is not None and v.type == "call_expression" and c_callee(v) in allocators and name:
                    allocated.add(name)
                src = _c_ident(value)
                if src in params and target is not None and node.type == "assignment_expression":
                    base = _c_base(target)
                    if (base is not None and base not in params and (base not in local_names or base != target.text.decode("utf-8", "replace"))) \
                            or (base in params and target.type == "subscript_expression"):
                        # ar[i] = s: an element of an array the caller passes on (a completion list the
                        # library frees element by element); p->field = s stays a borrow
                        # kept in a global, or in memory the C side owns (a node it allocated);
                        # a field of the caller's own struct (parser->input = input) only borrows
                        summary.stores.add(params[src])
            elif node.type == "return_statement":
                value = node.named_children[0] if node.named_children else None
                # return p ? strdup(p) : NULL: each branch of a conditional counts
                values = [value]
                if value is not None and value.type == "conditional_expression":
                    values = [value.child_by_field_name("consequence"), value.child_by_field_name("alternative")]
                for v in map(_c_strip, values):
                    if v is not None and ((v.type == "call_expression" and c_callee(v) in allocators)
                                          or (v.type == "identifier" and v.text.decode("utf-8", "replace") in allocated)):
                        summary.returns_allocation = pointer_return
        if summary.returns_allocation and type_text in (b"char", b"const char", b"unsigned char"):
            summary.returns_string = True

    def defines(self, name: str) -> bool:
        """The package's own C code defines this function."""
        return name in self.by_name

    def is_library(self, name: str) -> bool:
        """A C function of a library (not the package's own, nor one of cgo's copying helpers)."""
        return name not in self.by_name and name not in CGO_COPIES

    def lent_to(self, name: str, position: int) -> str | None:
        """What a pointer passed at position to C.name is lent to, when it reaches a library function
        that may keep it (the caller can free it only if that function copies what it needs):
        "C.f" for a library function, "C.f (which hands it to g)" for a package function passing it on."""
        if self.is_library(name):
            return f"C.{name}"
        summary = self.by_name.get(name)
        library = summary.lends.get(position) if summary is not None else None
        return f"C.{name} (which hands it to {library})" if library is not None else None

    def call_effect(self, name: str, args: list[str | None]) -> dict[int, str]:
        """Argument position → effect of a call of C function name; args: each argument's C name."""
        nargs = len(args)
        # a destructor that is the package's own free wrapper (static void cfree(void *p) { free(p); })
        args = ["free" if a in self.by_name and self.by_name[a].frees == {0} else a for a in args]
        freed = 0 if name == "realloc" else self.owners.c_frees(name)
        if freed is not None:
            return {i: "free" if i == freed else "borrow" for i in range(nargs)}
        taken = self.owners.c_taken(name, args)
        if taken is not None:
            return {i: "store" if i in taken else "borrow" for i in range(nargs)}
        summary = self.by_name.get(name)
        if summary is None:
            if name_adopts(name):  # g_foo_take, list_adopt: assumed to take what it is given
                return {i: "assumed" for i in range(nargs)}
            return {i: "borrow" for i in range(nargs)}  # a C library function borrows its arguments
        return {i: ("free" if i in summary.frees else "store" if i in summary.stores
                    else "frees-within" if i in summary.frees_within else "borrow") for i in range(nargs)}
