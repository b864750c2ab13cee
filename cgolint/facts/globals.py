"""Package-level containers that only grow: C memory stored in them is never freed.

`names = append(names, C.CString(s))` or `byID[id] = C.CString(s)` on a package-level slice or map
ends the storing function's obligation, but if nothing in the package ever frees an element,
deletes one, empties the container or lets it go elsewhere, each call leaks one allocation. A map
that the storing function reads by key first is a cache (one allocation per key), not growth.
Memory stored by `init` or a `sync.Once` body is kept for the life of the process: a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from cgolint.facts.containers import frees_in, function_locals, root, value_kind
from cgolint.facts.goexpr import call_args, callee_parts, ident, unwrap
from cgolint.facts.bindings import through_conversions
from cgolint.facts.ownership import Allocation, Leak, enclosing_function
from cgolint.facts.summaries import GoSummaries, imported_names, package_var_specs, param_names
from cgolint.model import GoFile, Package



@dataclass(frozen=True)
class Global:
    name: str
    file: GoFile
    node: Node  # its name in the declaration


def package_globals(files: list[GoFile]) -> dict[str, Global]:
    out: dict[str, Global] = {}
    for file, spec in package_var_specs(files):
        for n in spec.children_by_field_name("name"):
            name = n.text.decode("utf-8", "replace")
            out.setdefault(name, Global(name, file, n))
    return out


def lifetime_store(node: Node) -> bool:
    """node runs once for the life of the process: in `func init()` or a `once.Do(func() {...})` body."""
    fn = enclosing_function(node)
    while fn is not None:
        if fn.type == "function_declaration":
            name = fn.child_by_field_name("name")
            return name is not None and name.text == b"init"
        parent = fn.parent
        call = parent.parent if parent is not None and parent.type == "argument_list" else None
        if call is not None and call.type == "call_expression" and callee_parts(call)[1] == "Do":
            return True
        fn = enclosing_function(fn)
    return False


class GlobalGrowth:
    """Which package-level containers only grow, read from every mention in the package."""

    def __init__(self, package: Package, go: GoSummaries, names: set[str]) -> None:
        files = package.go_files + package.plain_files
        self.globals = {n: g for n, g in package_globals(files).items() if n in names}
        self.go = go
        self.shrinks: set[str] = set()  # freed, deleted, emptied, reassigned or let go somewhere
        self.read_by_key: set[tuple[str, int]] = set()  # (global, function id) that reads global[k]
        if not self.globals:
            return
        for file in files:
            imports = imported_names(file)
            shadows: dict[int, set[str]] = {}
            for n in file.identifiers:
                name = n.text.decode("utf-8", "replace")
                if name not in self.globals or name in self.shrinks or n.id == self.globals[name].node.id:
                    continue
                fn = enclosing_function(n)
                if fn is not None:
                    if fn.id not in shadows:
                        shadows[fn.id] = function_locals(fn, param_names(fn)).all
                    if name in shadows[fn.id]:
                        continue  # a local variable of the same name
                self._mention(n, name, fn, imports)

    def _mention(self, n: Node, name: str, fn: Node | None, imports: set[str]) -> None:
        node, keyed = n, False
        parent = n.parent
        if parent is not None and parent.type == "index_expression" and parent.child_by_field_name("operand") == n:
            node, keyed = parent, True
            parent = node.parent
        if parent is not None and parent.type == "expression_list" and parent.parent is not None \
                and parent.parent.type == "assignment_statement" and parent.parent.child_by_field_name("left") == parent:
            stmt = parent.parent
            if keyed:
                return  # g[k] = v: grows
            right = stmt.child_by_field_name("right")
            value = unwrap(right.named_children[0]) if right is not None and right.named_child_count == 1 else None
            if value is not None and value.type == "call_expression" and callee_parts(value) == ("", "append") \
                    and ident(call_args(value)[0] if call_args(value) else None) == name:
                return  # g = append(g, ...)
            if value_kind(value) is not None and lifetime_store(stmt):
                return  # made once (T{...}, make(...)) by init or a sync.Once body
            self.shrinks.add(name)
            return
        if keyed:
            outer = through_conversions(node)
            if fn is not None and outer.parent is not None and outer.parent.type in ("expression_list", "binary_expression"):
                self.read_by_key.add((name, fn.id))  # p, ok := g[k] / g[k] != nil: a lookup
            self._read_element(node, name, imports)
            return
        if parent is not None and parent.type == "argument_list":
            call = parent.parent
            operand, callee = callee_parts(call)
            if operand == "" and callee in ("len", "cap"):
                return
            if operand == "" and callee == "append" and call_args(call) and call_args(call)[0].id == node.id:
                return  # the append of g = append(g, ...), checked at the assignment
        if parent is not None and parent.type == "range_clause" and parent.child_by_field_name("right") == node:
            loop = parent.parent
            if any(root(k) == name for k in frees_in(loop, lambda c: self.go.call_effect(c, imports), False)):
                self.shrinks.add(name)
            return
        self.shrinks.add(name)  # returned, passed, deleted from, sent, its address taken: not only growing

    def _read_element(self, node: Node, name: str, imports: set[str]) -> None:
        """g[k] read: freed, or kept by a callee (or &g[k] kept), means it does not only grow."""
        outer = through_conversions(node)
        address = outer.parent is not None and outer.parent.type == "unary_expression" and outer.parent.text.startswith(b"&")
        if address:
            outer = through_conversions(outer.parent)
        args = outer.parent
        call = args.parent if args is not None and args.type == "argument_list" else None
        if call is None or call.type != "call_expression":
            if address:
                self.shrinks.add(name)  # &g[k] kept somewhere
            return
        pos = next((i for i, a in enumerate(call_args(call)) if a.id == outer.id), -1)
        if self.go.call_effect(call, imports).get(pos) != "borrow":
            self.shrinks.add(name)  # freed, kept, or passed where we cannot see

    def only_grows(self, name: str, store: Node) -> bool:
        if name not in self.globals or name in self.shrinks:
            return False
        fn = enclosing_function(store)
        return fn is None or (name, fn.id) not in self.read_by_key  # a cache looks up before it stores


def mark_growing_globals(allocations: list[Allocation], package: Package, go: GoSummaries) -> None:
    """Give each allocation stored into a package-level container that only grows its leak."""
    stored = [a for a in allocations if a.global_store is not None and not a.leaks and not a.undecided]
    if not stored:
        return
    growth = GlobalGrowth(package, go, {root(a.global_store[0]) for a in stored})
    for alloc in stored:
        key, stmt = alloc.global_store
        name = root(key)
        if growth.only_grows(name, stmt):
            alloc.global_decl = growth.globals[name]
            alloc.leaks.append(Leak("lifetime" if lifetime_store(stmt) else "grow", stmt, name))
