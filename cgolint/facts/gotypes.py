"""Static types of Go expressions, as far as the package's own declarations tell.

Enough to resolve a method call to the package method it reaches — the receiver's type is a
package type because of a declared variable, a parameter, a struct field, a composite literal
or a constructor's result type — and to tell what a `range` loop ranges over: a channel, an
integer, or a collection (slice, array, map, string). Everything else is unknown (None): a call
on an interface value, or on a receiver whose type cannot be determined, resolves to nothing.

Types are kept as normalised source text ("*Server", "[]string", "chan Job", "io.Writer").
Declarations are indexed once per function, lazily, and looked up innermost scope first.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from cgolint.model import GoFile
from cgolint.treewalk import innermost, text

FUNCS = ("function_declaration", "method_declaration", "func_literal")
_INT_TYPES = {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
              "byte", "rune"}
_DEPTH = 8  # how far one lookup follows declarations (x := y; y := z ...)


def base_name(type_text: str) -> str:
    """The named type under pointers and type arguments: "*List[T]" → "List"."""
    return type_text.lstrip("*").split("[", 1)[0].strip()


@dataclass(frozen=True)
class _Decl:
    start: int  # where the declared name becomes visible (byte offset)
    type: Node | None  # a declared type
    value: Node | None  # or the expression it was initialised from
    range_of: Node | None = None  # or the range expression it iterates (with position 0 = key)
    position: int = 0
    results_of: Node | None = None  # or the call whose result number `position` it holds


class PackageTypes:
    def __init__(self, files: list[GoFile]) -> None:
        self.types: dict[str, Node] = {}  # type name → its type node (struct_type, slice_type, ...)
        self.fields: dict[str, dict[str, Node]] = {}  # struct type name → field name → type node
        self.results: dict[str, list[Node]] = {}  # package function → its result types
        self.method_results: dict[tuple[str, str], list[Node]] = {}  # (receiver type, method) → result types
        self.methods: set[tuple[str, str]] = set()  # (receiver type name, method name)
        self.globals: dict[str, _Decl] = {}
        self._scopes: dict[int, dict[str, list[_Decl]]] = {}
        self._function_at: dict[int, Node | None] = {}  # node → the innermost function or literal at or above it
        self._outer: dict[int, Node | None] = {}  # function or literal → the one it is nested in
        for file in files:
            for spec in file.nodes.get("type_spec", ()):
                name, node = spec.child_by_field_name("name"), spec.child_by_field_name("type")
                if name is None or node is None:
                    continue
                self.types[text(name)] = node
                if node.type == "struct_type":
                    self.fields[text(name)] = _struct_fields(node)
            for fn in file.nodes.get("function_declaration", ()):
                name, results = fn.child_by_field_name("name"), _results(fn)
                if name is not None and results:
                    self.results[text(name)] = results
            for fn in file.nodes.get("method_declaration", ()):
                name = fn.child_by_field_name("name")
                recv = receiver_type(fn)
                if name is None or not recv:
                    continue
                self.methods.add((base_name(recv), text(name)))
                results = _results(fn)
                if results:
                    self.method_results[(base_name(recv), text(name))] = results
            functions = [n for kind in FUNCS for n in file.nodes.get(kind, ())]
            self._outer.update(innermost(functions, sorted(functions, key=lambda n: (n.start_byte, -n.end_byte))))
            root = file.tree.root_node
            for decl in root.named_children:
                if decl.type == "var_declaration":
                    for spec in _specs(decl):
                        for name, d in _var_spec_decls(spec):
                            self.globals.setdefault(name, d)

    # ---- declarations in scope

    def _scope(self, fn: Node) -> dict[str, list[_Decl]]:
        """The names one function (or literal) declares: parameters, receiver, results, locals."""
        found = self._scopes.get(fn.id)
        if found is not None:
            return found
        found = {}

        def add(name: str, decl: _Decl) -> None:
            if name and name != "_":
                found.setdefault(name, []).append(decl)

        for field in ("receiver", "parameters", "result"):
            params = fn.child_by_field_name(field)
            if params is None or params.type != "parameter_list":
                continue
            for p in params.named_children:
                if p.type in ("parameter_declaration", "variadic_parameter_declaration"):
                    t = p.child_by_field_name("type")
                    for name in p.children_by_field_name("name"):
                        add(text(name), _Decl(fn.start_byte, t, None))
        body = fn.child_by_field_name("body")
        stack = [body] if body is not None else []
        while stack:
            node = stack.pop()
            if node.type == "func_literal":
                continue  # its own scope
            if node.type == "short_var_declaration":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                values = right.named_children if right is not None else []
                names = left.named_children if left is not None else []
                for i, name in enumerate(names):
                    if len(values) == len(names):
                        add(text(name), _Decl(node.end_byte, None, values[i]))
                    elif len(values) == 1 and values[0].type == "call_expression":  # st, err := NewStore()
                        add(text(name), _Decl(node.end_byte, None, None, None, i, values[0]))
            elif node.type == "var_spec":
                for name, d in _var_spec_decls(node):
                    add(name, d)
            elif node.type == "range_clause" and any(c.type == ":=" for c in node.children):
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                for i, name in enumerate(left.named_children if left is not None else []):
                    add(text(name), _Decl(node.start_byte, None, None, right, i))
            stack.extend(node.named_children)
        self._scopes[fn.id] = found
        return found

    def _lookup(self, ident: Node, within: Node | None = None) -> tuple[_Decl, Node | None] | None:
        """The declaration an identifier refers to, with the function whose scope declares it (None
        for a package-level one). within: the innermost function or literal around ident, when the
        caller knows it (a walk up from a deeply nested identifier is slow)."""
        name = text(ident)
        fn = within if within is not None else self._function_above(ident)
        while fn is not None:
            decls = [d for d in self._scope(fn).get(name, ()) if d.start <= ident.start_byte]
            if decls:
                return max(decls, key=lambda d: d.start), fn
            fn = self._outer[fn.id] if fn.id in self._outer else self._function_above(fn)
        found = self.globals.get(name)
        return (found, None) if found is not None else None

    def _function_above(self, node: Node) -> Node | None:
        """The innermost function or function literal strictly enclosing node. The walk up stops
        at the first node already seen and remembers the answer for every node it passed: tree-sitter
        finds a parent by descending from the root, so unremembered walks from every identifier of
        deeply nested code would cost the cube of its depth."""
        passed = []
        node = node.parent
        found = None
        while node is not None:
            if node.id in self._function_at:
                found = self._function_at[node.id]
                break
            passed.append(node)
            if node.type in FUNCS:
                found = node
                break
            node = node.parent
        for n in passed:
            self._function_at[n.id] = found
        return found

    def declared(self, ident: Node, within: Node | None = None) -> bool:
        """The identifier names a local or package variable (not a package function)."""
        return self._lookup(ident, within) is not None

    # ---- types of expressions

    def type_of(self, expr: Node | None, depth: int = 0, within: Node | None = None) -> str | None:
        """The static type of an expression as normalised text, or None when unknown. within: the
        innermost function or literal around expr, when the caller knows it."""
        while expr is not None and expr.type == "parenthesized_expression" and expr.named_child_count == 1:
            expr = expr.named_children[0]
        if expr is None or depth > _DEPTH:
            return None
        kind = expr.type
        if kind == "identifier":
            found = self._lookup(expr, within)
            return self._decl_type(found[0], depth + 1, found[1]) if found is not None else None
        if kind == "selector_expression":
            operand, field = expr.child_by_field_name("operand"), expr.child_by_field_name("field")
            owner = self.type_of(operand, depth + 1, within)
            fields = self.fields.get(base_name(owner)) if owner else None
            if fields is not None and field is not None and text(field) in fields:
                return type_text(fields[text(field)])
            return None
        if kind == "composite_literal":
            return type_text(expr.child_by_field_name("type"))
        if kind == "unary_expression":
            op, operand = expr.child_by_field_name("operator"), expr.child_by_field_name("operand")
            inner = self.type_of(operand, depth + 1, within)
            if inner is None:
                return None
            if text(op) == "&":
                return "*" + inner
            if text(op) == "*" and inner.startswith("*"):
                return inner[1:]
            if text(op) == "<-":
                return self.element(inner, 1)
            return inner if text(op) in ("-", "+", "^") else None
        if kind == "index_expression":
            return self.element(self.type_of(expr.child_by_field_name("operand"), depth + 1, within), 1)
        if kind == "call_expression":
            return self._call_type(expr, depth, within)
        if kind == "int_literal":
            return "int"
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            return "string"
        if kind == "func_literal":
            return "func"
        return None

    def _call_type(self, call: Node, depth: int, within: Node | None) -> str | None:
        fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        if fn is None:
            return None
        if fn.type == "identifier":
            name = text(fn)
            if name == "make":
                return type_text(first)
            if name == "new":
                return "*" + type_text(first) if first is not None else None
            if name in ("len", "cap", "copy"):
                return "int"
            if name in _INT_TYPES or name == "string" or name in self.types:
                return name  # a conversion
            if name in self.results and self._lookup(fn, within) is None:
                return type_text(self.results[name][0])
            return None
        if fn.type == "selector_expression":
            operand, field = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
            owner = self.type_of(operand, depth + 1, within)
            if owner is not None:
                results = self.method_results.get((base_name(owner), text(field)))
                return type_text(results[0]) if results else None
            return None
        if fn.type in ("parenthesized_expression", "generic_type", "pointer_type", "slice_type", "array_type",
                       "map_type", "channel_type", "qualified_type"):
            return type_text(fn).strip("()")  # (*T)(x), []byte(x)
        return None

    def _decl_type(self, decl: _Decl, depth: int, within: Node | None) -> str | None:
        """within: the function whose scope declares it (None: package level)."""
        if decl.type is not None:
            return type_text(decl.type)
        if decl.results_of is not None:
            return self._result_type(decl.results_of, decl.position, depth, within)
        if decl.range_of is not None:
            over = self.type_of(decl.range_of, depth, within)
            kind = self.kind(over)
            if kind == "int":
                return "int"
            if kind == "chan":
                return self.element(over, 1)
            if kind == "collection":
                return self.element(over, decl.position) if over is not None else None
            return None
        return self.type_of(decl.value, depth, within)

    def _result_type(self, call: Node, position: int, depth: int, within: Node | None) -> str | None:
        """The type of result number `position` of a call to a package function or method."""
        fn = call.child_by_field_name("function")
        results: list[Node] = []
        if fn is not None and fn.type == "identifier" and self._lookup(fn, within) is None:
            results = self.results.get(text(fn), [])
        elif fn is not None and fn.type == "selector_expression":
            owner = self.type_of(fn.child_by_field_name("operand"), depth + 1, within)
            if owner is not None:
                results = self.method_results.get((base_name(owner), text(fn.child_by_field_name("field"))), [])
        return type_text(results[position]) if position < len(results) else None

    # ---- what a type is

    def underlying(self, type_name: str | None) -> str | None:
        """Follow the package's named types to a type literal ("Jobs" → "chan Job")."""
        seen = 0
        while type_name is not None and seen < _DEPTH:
            node = self.types.get(type_name)
            if node is None or node.type in ("struct_type", "interface_type"):
                return type_name
            type_name = type_text(node)
            seen += 1
        return type_name

    def is_interface(self, type_name: str) -> bool:
        node = self.types.get(base_name(type_name))
        return node is not None and node.type == "interface_type"

    def kind(self, type_name: str | None) -> str | None:
        """"chan", "int", "collection" (slice, array, map, string), "func", or None."""
        t = self.underlying(type_name.lstrip("*") if type_name and type_name.startswith("*[") else type_name)
        if t is None:
            return None
        if t.startswith(("chan", "<-chan")):
            return "chan"
        if t.startswith(("[", "map[")) or t == "string":
            return "collection"
        if t in _INT_TYPES or t.startswith("C.") and t[2:] in ("int", "uint", "long", "ulong", "size_t", "longlong"):
            return "int"
        if t.startswith("func"):
            return "func"
        return None

    def element(self, type_name: str | None, position: int) -> str | None:
        """What ranging over (or indexing, or receiving from) a value of this type yields:
        position 0 is the key, 1 the value."""
        t = self.underlying(type_name.lstrip("*") if type_name and type_name.startswith("*[") else type_name)
        if t is None:
            return None
        if t.startswith("[]") or (t.startswith("[") and "]" in t):
            return "int" if position == 0 else t.split("]", 1)[1].strip()
        if t.startswith("map["):
            depth, i = 0, 3
            for i, ch in enumerate(t[3:], 3):
                depth += ch == "["
                depth -= ch == "]"
                if depth == 0:
                    break
            return t[4:i].strip() if position == 0 else t[i + 1:].strip()
        if t.startswith(("chan", "<-chan")):
            return t.split("chan", 1)[1].lstrip("<- ").strip()
        if t == "string":
            return "int" if position == 0 else "rune"
        return None


def type_text(node: Node | None) -> str | None:
    """A type node as normalised text: white space folded, parentheses of a conversion dropped."""
    if node is None:
        return None
    return " ".join(text(node).split())


def receiver_type(fn: Node) -> str:
    """The receiver's type as written: "*Server" for (s *Server)."""
    recv = fn.child_by_field_name("receiver")
    for decl in recv.named_children if recv is not None else ():
        t = decl.child_by_field_name("type")
        if t is not None:
            return type_text(t) or ""
    return ""


def _results(fn: Node) -> list[Node]:
    """The result types, one per result: (T, error) → [T, error]; (a, b int) → [int, int]."""
    result = fn.child_by_field_name("result")
    if result is None:
        return []
    if result.type != "parameter_list":
        return [result]
    out = []
    for p in result.named_children:
        if p.type == "parameter_declaration" and (t := p.child_by_field_name("type")) is not None:
            out += [t] * max(1, len(p.children_by_field_name("name")))
    return out


def _struct_fields(struct: Node) -> dict[str, Node]:
    fields: dict[str, Node] = {}
    for lst in struct.named_children:
        if lst.type != "field_declaration_list":
            continue
        for decl in lst.named_children:
            if decl.type != "field_declaration":
                continue
            t = decl.child_by_field_name("type")
            names = decl.children_by_field_name("name")
            if t is None:
                continue
            if names:
                for name in names:
                    fields[text(name)] = t
            else:  # an embedded field is named after its type
                fields[base_name(text(t)).rsplit(".", 1)[-1]] = t
    return fields


def _specs(decl: Node) -> list[Node]:
    out = []
    for child in decl.named_children:
        if child.type == "var_spec":
            out.append(child)
        elif child.type == "var_spec_list":
            out += [c for c in child.named_children if c.type == "var_spec"]
    return out


def _var_spec_decls(spec: Node) -> list[tuple[str, _Decl]]:
    t = spec.child_by_field_name("type")
    value = spec.child_by_field_name("value")
    names = spec.children_by_field_name("name")
    values = value.named_children if value is not None else []
    out = []
    for i, name in enumerate(names):
        v = values[i] if len(values) == len(names) else None
        out.append((text(name), _Decl(spec.end_byte, t, v)))
    return out
