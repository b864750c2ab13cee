"""C memory kept in a field of a value receiver: a store into a copy, lost when the method returns.

    type Calloc struct{ pool []unsafe.Pointer }
    func (c Calloc) String(s string) *C.char { p := C.CString(s); c.pool = append(c.pool, unsafe.Pointer(p)); return p }
    func (c Calloc) Free() { for _, p := range c.pool { C.free(p) } }

`c` is a copy of the caller's Calloc, so the append never reaches the pool the caller later
frees (staticcheck reports such stores as SA4005). The memory is reported as lost only when the
package itself says the field owns it, by a method of the same type that frees what the field
holds, and when the copy never leaves the method (returned, passed, captured or its address
taken), since then the caller could still see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import takewhile

from tree_sitter import Node

from cgolint.facts.containers import frees_in, root, store_key
from cgolint.facts.goexpr import call_args, callee_parts, ident, unwrap, walk_outside_closures
from cgolint.facts.gotypes import base_name, receiver_type
from cgolint.facts.ownership import Allocation, Leak
from cgolint.facts.summaries import GoSummaries, imported_names
from cgolint.model import GoFile, Package
from cgolint.treewalk import ancestors, walk


@dataclass(frozen=True)
class FieldOwner:
    """A method that frees what a receiver field holds: where the lost memory should have gone."""

    file: GoFile
    method: Node  # its name in the declaration
    field: str


def value_receiver(fn: Node) -> str | None:
    """The receiver's name when a method has a value (not pointer) receiver."""
    if fn.type != "method_declaration" or receiver_type(fn).startswith("*"):
        return None
    return _receiver_name(fn)


def _receiver_name(fn: Node) -> str | None:
    recv = fn.child_by_field_name("receiver")
    for decl in recv.named_children if recv is not None else ():
        names = decl.children_by_field_name("name")
        if len(names) == 1:
            return names[0].text.decode("utf-8", "replace")
    return None


def field_owners(package: Package, go: GoSummaries) -> dict[tuple[str, str], FieldOwner]:
    """(receiver type, field) → the first method of that type that frees what the field holds."""
    out: dict[tuple[str, str], FieldOwner] = {}
    for file in package.go_files:
        imports = imported_names(file)
        for fn in file.nodes.get("method_declaration", ()):
            recv, body = _receiver_name(fn), fn.child_by_field_name("body")
            if recv is None or body is None:
                continue
            kind = base_name(receiver_type(fn))
            for key in frees_in(body, lambda c: go.call_effect(c, imports)):
                if root(key) == recv and "." in key:
                    fld = key[len(recv) + 1:].split("[", 1)[0].split(".", 1)[0]
                    name = fn.child_by_field_name("name")
                    if fld and name is not None:
                        out.setdefault((kind, fld), FieldOwner(file, name, fld))
    return out


def _refers(expr: Node | None, alloc: Allocation) -> bool:
    inner = unwrap(expr)
    if inner is None:
        return False
    if inner.id == alloc.call.id:
        return True
    return bool(alloc.variable) and not alloc.key and ident(inner) == alloc.variable


def _copy_store(alloc: Allocation, recv: str) -> tuple[str, Node] | None:
    """`recv.f = append(recv.f, p)` or `recv.f = p` for the allocation p: (field, statement)."""
    body = alloc.function.child_by_field_name("body")
    for stmt in walk_outside_closures(body) if body is not None else ():
        if stmt.type != "assignment_statement":
            continue
        left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        op = stmt.child_by_field_name("operator")
        if left is None or right is None or left.named_child_count != 1 or right.named_child_count != 1 \
                or (op is not None and op.text != b"="):
            continue
        key = store_key(left.named_children[0])
        if key is None or root(key) != recv or "[" in key:
            continue  # recv.f[i] = p writes the caller's backing array or map: not lost
        value = unwrap(right.named_children[0])
        if value is not None and value.type == "call_expression" and callee_parts(value) == ("", "append"):
            args = call_args(value)
            if args and store_key(args[0]) == key and any(_refers(a, alloc) for a in args[1:]):
                return key[len(recv) + 1:], stmt
        elif _refers(value, alloc):
            return key[len(recv) + 1:], stmt
    return None


def _copy_stays(fn: Node, recv: str) -> bool:
    """The receiver is only ever read or written through its fields (`recv.f`), never used whole:
    not returned, passed, assigned, captured or addressed, and no method is called on it."""
    body = fn.child_by_field_name("body")
    for n in walk(body) if body is not None else ():
        if n.type != "identifier" or n.text.decode("utf-8", "replace") != recv:
            continue
        parent = n.parent
        if parent is None or parent.type != "selector_expression" or parent.child_by_field_name("operand") != n:
            return False
        outer = parent.parent
        if outer is not None and outer.type == "call_expression" and outer.child_by_field_name("function") == parent:
            return False  # recv.M(): a method on the copy may keep it
        if outer is not None and outer.type == "unary_expression" and outer.text.startswith(b"&"):
            return False  # &recv.f: the field's address leaves
        if any(a.type == "func_literal" for a in takewhile(lambda a: a.id != fn.id, ancestors(n))):
            return False  # captured by a closure
    return True


def _freed_here(alloc: Allocation, go: GoSummaries) -> bool:
    """The method itself frees the memory (through its variable) somewhere."""
    body = alloc.function.child_by_field_name("body")
    imports = imported_names(alloc.file)
    return bool(alloc.variable) and alloc.variable in frees_in(body, lambda c: go.call_effect(c, imports))


def mark_lost_receiver_stores(allocations: list[Allocation], package: Package, go: GoSummaries) -> None:
    """Give each allocation kept only in a field of a value receiver's copy its leak (kind "copy")."""
    candidates = []
    for alloc in allocations:
        if alloc.leaks or alloc.undecided or alloc.function.type != "method_declaration":
            continue
        recv = value_receiver(alloc.function)
        if recv is None:
            continue
        store = _copy_store(alloc, recv)
        if store is not None and not alloc.frees and _copy_stays(alloc.function, recv) \
                and not _freed_here(alloc, go):
            candidates.append((alloc, store))
    if not candidates:
        return
    owners = field_owners(package, go)
    for alloc, (fld, stmt) in candidates:
        owner = owners.get((base_name(receiver_type(alloc.function)), fld))
        if owner is not None:
            alloc.field_owner = owner
            alloc.leaks.append(Leak("copy", stmt, f"{value_receiver(alloc.function)}.{fld}"))
