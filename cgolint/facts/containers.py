"""Local containers that hold C memory: struct values, arrays, slices and maps a function declares.

The ownership analysis tracks memory kept in a container by a key that names where it is:
`x.f` (field f of the local struct x), `x[]` (an element appended to the slice x), `x[i]` (an
element stored by index or written in a literal), and `x[].f` / `x[i].f` (field f of an
element). The root, `x`, is the local variable whose fate decides the memory's: if `x` is
returned, stored elsewhere or captured, the memory leaves with it.

The difference between `x[]` and `x[i]` is what a deferred call sees: `defer f(x)` evaluates `x`
at the defer statement, so it sees later index stores into the same backing array (`x[i]`) but
not later appends (`x[]`), which may grow a new array.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from tree_sitter import Node

from cgolint.facts.goexpr import call_args, callee_parts, ident, unwrap, walk_outside_closures
from cgolint.treewalk import innermost, walk

FIELD_DEPTH = 1  # x.f and x[i].f; deeper paths (x.a.b) may run through a pointer the struct does not own


def root(key: str) -> str:
    """The container variable of a key: "argv" for "argv[i]", "creq" for "creq.method"."""
    for i, ch in enumerate(key):
        if ch in ".[":
            return key[:i]
    return key


def is_key(name: str) -> bool:
    return "." in name or "[" in name


def is_element(key: str) -> bool:
    return "[" in key


def tail(key: str) -> str:
    """".name" for "cols[i].name", "" for "argv[]"."""
    i = key.find("]")
    return key[i + 1:] if i >= 0 else ""


def element_keys(container: str, field: str = "") -> tuple[str, str]:
    return f"{container}[]{field}", f"{container}[i]{field}"


def _name(node: Node | None) -> str | None:
    return node.text.decode("utf-8", "replace") if node is not None and node.type == "identifier" else None


def _field(node: Node) -> str | None:
    f = node.child_by_field_name("field")
    return f.text.decode("utf-8", "replace") if f is not None else None


def store_key(lhs: Node) -> str | None:
    """The key an assignment target names: x.f, x[i], x[i].f; None for anything else."""
    node = unwrap(lhs)
    if node is None:
        return None
    if node.type == "selector_expression":
        operand, fld = node.child_by_field_name("operand"), _field(node)
        if operand is not None and operand.type == "parenthesized_expression" and operand.named_child_count == 1:
            operand = operand.named_children[0]
        if fld is None or operand is None:
            return None
        if operand.type == "identifier":
            return f"{_name(operand)}.{fld}"
        if operand.type == "index_expression":
            base = _name(operand.child_by_field_name("operand"))
            return f"{base}[i].{fld}" if base else None
        return None
    if node.type == "index_expression":
        base = _name(node.child_by_field_name("operand"))
        return f"{base}[i]" if base else None
    return None


def selector_path(expr: Node | None) -> tuple[str, list[str]] | None:
    """(x, [a, b]) for x.a.b (through parentheses), (x, []) for x; None for anything else."""
    fields: list[str] = []
    node = expr
    while node is not None:
        if node.type == "parenthesized_expression" and node.named_child_count == 1:
            node = node.named_children[0]
        elif node.type == "selector_expression":
            fld = node.child_by_field_name("field")
            if fld is None:
                return None
            fields.append(fld.text.decode("utf-8", "replace"))
            node = node.child_by_field_name("operand")
        elif node.type == "identifier":
            return node.text.decode("utf-8", "replace"), fields[::-1]
        else:
            return None
    return None


def given_path(arg: Node) -> tuple[str, list[str], bool] | None:
    """What an argument gives a call, through conversions: (x, fields, whether by address) for x,
    x.a.b, &x and &x.a.b; None for anything else."""
    inner = unwrap(arg)
    address = inner is not None and inner.type == "unary_expression" and inner.text.startswith(b"&")
    if address:
        inner = inner.child_by_field_name("operand")
    path = selector_path(inner)
    return (path[0], path[1], address) if path is not None else None


def read_keys(expr: Node | None) -> tuple[str, ...]:
    """The keys an expression reads (through conversions): x.f, or any element for x[e]."""
    key = store_key(expr) if expr is not None else None
    if key is None:
        return ()
    if "[i]" in key:
        return (key.replace("[i]", "[]"), key)
    return (key,)


def type_kind(type_node: Node | None) -> str | None:
    """struct, array, slice or map for a value type; None for pointers and anything unknown."""
    if type_node is None:
        return None
    t = type_node.type
    if t == "slice_type":
        return "slice"
    if t in ("array_type", "implicit_length_array_type"):
        return "array"
    if t == "map_type":
        return "map"
    if t in ("qualified_type", "type_identifier", "struct_type", "generic_type"):
        return "struct"
    return None


def value_kind(value: Node | None) -> str | None:
    """The kind of container a value makes: a composite literal (not &T{}), make(T, ...), or new(T)
    for a struct type T (a pointer to a struct only this function has: its fields are tracked as
    a struct value's are, and passing the pointer lends the struct)."""
    while value is not None and value.type == "parenthesized_expression" and value.named_child_count == 1:
        value = value.named_children[0]
    if value is None:
        return None
    if value.type == "composite_literal":
        return type_kind(value.child_by_field_name("type"))
    if value.type == "call_expression" and callee_parts(value) in (("", "make"), ("", "new")):
        args = value.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_child_count else None
        kind = type_kind(first)
        return kind if callee_parts(value)[1] == "make" or kind == "struct" else None
    return None


@dataclass
class FunctionLocals:
    """What a function declares, read in one walk of its body (closures not entered)."""

    names: set[str]  # variables and constants declared in the body
    containers: dict[str, str]  # of those, the container values, with their kind
    params: set[str]
    results: set[str]  # named results

    @cached_property
    def all(self) -> set[str]:
        return self.names | self.params | self.results

    def is_container(self, name: str) -> bool:
        """A struct, array, slice or map value the function declares (not a parameter or result).
        A name declared more than once counts only if every declaration makes a container."""
        return name in self.containers and name not in self.params and name not in self.results


def function_locals(fn: Node, params: list[str]) -> FunctionLocals:
    kinds: dict[str, str] = {}
    bad: set[str] = set()
    names: set[str] = set()
    body = fn.child_by_field_name("body")
    for node in walk_outside_closures(body) if body is not None else ():
        pairs: list[tuple[str | None, str | None]] = []
        if node.type == "short_var_declaration":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            lhs = list(left.named_children) if left is not None else []
            rhs = list(right.named_children) if right is not None else []
            pairs = [(_name(l), value_kind(rhs[i]) if len(rhs) == len(lhs) else None) for i, l in enumerate(lhs)]
        elif node.type == "var_spec":
            ids = node.children_by_field_name("name")
            value = node.child_by_field_name("value")
            values = list(value.named_children) if value is not None else []
            declared = type_kind(node.child_by_field_name("type"))
            for i, n in enumerate(ids):
                kind = value_kind(values[i]) if len(values) == len(ids) else (declared if not values else None)
                pairs.append((_name(n), kind))
        elif node.type == "const_spec":
            pairs = [(_name(n), None) for n in node.children_by_field_name("name")]
        elif node.type == "range_clause":
            left = node.child_by_field_name("left")
            pairs = [(_name(c), None) for c in (left.named_children if left is not None else ())]
        for name, kind in pairs:
            if name is None or name == "_":
                continue
            names.add(name)
            if kind is None or kinds.get(name, kind) != kind:
                bad.add(name)
            else:
                kinds[name] = kind
    results = set()
    result = fn.child_by_field_name("result")
    if result is not None and result.type == "parameter_list":
        for decl in result.named_children:
            results |= {n.text.decode("utf-8", "replace") for n in decl.children_by_field_name("name")}
    return FunctionLocals(names, {n: k for n, k in kinds.items() if n not in bad}, set(params), results)


def literal_keys(literal: Node, container: str) -> list[tuple[Node, str]]:
    """(element value, key) for each element of a composite literal bound to container, and for
    the fields of a struct literal inside it (`T{f: U{g: v}}`: v at container.f.g)."""
    out = []
    stack = [(literal, container)]
    while stack:
        literal, container = stack.pop()
        kind = type_kind(literal.child_by_field_name("type"))
        body = literal.child_by_field_name("body")
        for element in body.named_children if body is not None else ():
            if element.type == "keyed_element":
                parts = [c for c in element.named_children if c.type != "comment"]
                if len(parts) != 2:
                    continue
                key_node, value = parts
                value = value.named_children[0] if value.type == "literal_element" and value.named_child_count else value
                if kind == "struct":
                    key_node = key_node.named_children[0] if key_node.type == "literal_element" and key_node.named_child_count else key_node
                    if key_node.type in ("identifier", "field_identifier"):
                        key = f"{container}.{key_node.text.decode('utf-8', 'replace')}"
                        out.append((value, key))
                        if value.type == "composite_literal" and type_kind(value.child_by_field_name("type")) == "struct":
                            stack.append((value, key))
                elif kind in ("slice", "array", "map"):
                    out.append((value, f"{container}[i]"))
            elif element.type == "literal_element" and kind in ("slice", "array"):
                value = element.named_children[0] if element.named_child_count else element
                out.append((value, f"{container}[i]"))
    return out


def range_source(name_node: Node, stop: Node | None) -> Node | None:
    """For v inside `for _, v := range x { ... }` (below stop): the expression x."""
    name = name_node.text
    node = name_node.parent
    while node is not None:
        if node.type == "for_statement":
            clause = next((c for c in node.named_children if c.type == "range_clause"), None)
            left = clause.child_by_field_name("left") if clause is not None else None
            values = list(left.named_children) if left is not None else []
            if len(values) == 2 and values[1].text == name:
                return clause.child_by_field_name("right")
            if any(v.text == name for v in values):
                return None  # shadowed by a key or index variable
        if stop is not None and node.id == stop.id:
            break
        node = node.parent
    return None


class RangeLoops:
    """The range loops of one function (closures included), so that what the value variable of
    `for _, v := range x` stands for is found from the loops' byte ranges, not by a walk up the
    tree from each use (tree-sitter finds a parent by descending from the root)."""

    def __init__(self, fn: Node) -> None:
        loops = []
        for node in walk(fn):  # in source order
            if node.type == "for_statement":
                clause = next((c for c in node.named_children if c.type == "range_clause"), None)
                if clause is not None:
                    loops.append(node)
        self.starts = [loop.start_byte for loop in loops]
        self.loops = loops
        outer = innermost(loops, loops)
        index = {loop.id: i for i, loop in enumerate(loops)}
        self.outer = [index[o.id] if (o := outer.get(loop.id)) is not None else -1 for loop in loops]

    def source(self, name_node: Node, stop: Node | None) -> Node | None:
        """range_source, from the loops."""
        name, at = name_node.text, name_node.start_byte
        i = bisect_right(self.starts, at) - 1  # the last loop to start before the name: it, or one around it
        while i >= 0:
            loop = self.loops[i]
            if stop is not None and not (stop.start_byte <= loop.start_byte and loop.end_byte <= stop.end_byte):
                return None  # the loops from here out are around stop
            if at < loop.end_byte:
                clause = next(c for c in loop.named_children if c.type == "range_clause")
                left = clause.child_by_field_name("left")
                values = list(left.named_children) if left is not None else []
                if len(values) == 2 and values[1].text == name:
                    return clause.child_by_field_name("right")
                if any(v.text == name for v in values):
                    return None  # shadowed by a key or index variable
            i = self.outer[i]
        return None


def _listed(right: Node | None) -> list[str]:
    """The variables a composite literal lists, when that is all it holds: `[]*C.char{a, b, c}`
    (`for _, p := range []*C.char{a, b, c} { C.free(unsafe.Pointer(p)) }` frees a, b and c)."""
    if right is None or right.type != "composite_literal":
        return []
    body = right.child_by_field_name("body")
    names = []
    for element in body.named_children if body is not None else ():
        if element.type == "comment":
            continue
        value = element.named_children[0] if element.type == "literal_element" and element.named_child_count == 1 else None
        name = ident(value) if value is not None else None
        if name is None:
            return []
        names.append(name)
    return names


def freed_keys(arg: Node, stop: Node | None, loops: RangeLoops | None = None) -> set[str]:
    """What freeing arg frees, as keys: x.f, the elements of x for x[e] or for the value variable
    of a range over x (and x[e].f, v.f for field f of the elements), and the variables a range's
    literal lists for its value variable. loops: the range loops of the function arg is in, when
    the caller has them."""
    find = loops.source if loops is not None else range_source
    inner = unwrap(arg)
    if inner is None:
        return set()
    keys = set(read_keys(inner))
    path = selector_path(inner)
    if path is not None and len(path[1]) > 1:
        keys.add(".".join([path[0], *path[1]]))  # x.a.b: a field of a field (see facts/fills.py)
    if inner.type == "identifier":
        right = find(inner, stop)
        if (source := _range_key(right)) is not None:
            keys |= set(element_keys(source))
        keys |= set(_listed(right))
    elif inner.type == "selector_expression":
        operand = inner.child_by_field_name("operand")
        fld = _field(inner)
        if operand is not None and operand.type == "identifier" and fld:
            source = _range_key(find(operand, stop))
            if source:
                keys |= set(element_keys(source, "." + fld))
    return keys


def _range_key(right: Node | None) -> str | None:
    """The container a range goes over: x for `range x`, "x.f" for `range x.f`."""
    return (ident(right) or store_key(right)) if right is not None else None


def frees_in(body: Node, effects, include_closures: bool = True, within=None) -> set[str]:
    """Names and keys the calls in body free (effects(call) → position → effect; within(call,
    position) → the paths a call that frees within its argument frees there, "*" for all of it)."""
    out: set[str] = set()
    nodes = walk(body) if include_closures else walk_outside_closures(body)
    for node in nodes:
        if node.type != "call_expression":
            continue
        effect = effects(node)
        for pos, arg in enumerate(call_args(node)):
            what = effect.get(pos)
            if what in ("free", "frees-all"):
                name = ident(arg)
                if name is not None:
                    out.add(name)
                out |= freed_keys(arg, body)
            if what in ("frees-within", "frees-all"):  # frees what the slice, array or struct (&x) it is given holds
                given = given_path(arg)
                if given is None:
                    continue
                base = ".".join([given[0], *given[1]])  # &x.a: below x.a
                paths = within(node, pos) if within is not None else {"*"}
                out |= {f"{base}.{path}" for path in paths}
                if not given[1] and "*" in paths:
                    out |= set(element_keys(given[0]))
    return out

