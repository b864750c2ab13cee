"""Where an allocation's value goes first: the variable or container key an assignment binds it
to, through parentheses, pointer conversions and slice views (`s := unsafe.Slice((*T)(C.malloc(n)), k)`,
`creq.method = C.CString(m)`, `argv = append(argv, C.CString(a))`, `x := T{f: C.CString(s)}`)."""

from __future__ import annotations

from tree_sitter import Node

from cgolint.facts.containers import literal_keys, store_key
from cgolint.facts.goexpr import call_args, callee_parts, conversion_operand, is_conversion


def is_view_maker(node: Node) -> Node | None:
    """For unsafe.Slice(p, n) or (*[N]T)(p)[:n]: the pointer expression p, else None."""
    if node.type == "call_expression":
        operand, name = callee_parts(node)
        if (operand, name) == ("unsafe", "Slice"):
            args = call_args(node)
            return args[0] if args else None
    if node.type == "slice_expression":
        operand = node.child_by_field_name("operand")
        while operand is not None and operand.type == "parenthesized_expression" and operand.named_child_count == 1:
            operand = operand.named_children[0]
        if operand is not None and operand.type in ("type_conversion_expression", "call_expression"):
            type_node = operand.child_by_field_name("type") or operand.child_by_field_name("function")
            if type_node is not None and b"[" in type_node.text and type_node.text.lstrip(b"(").startswith(b"*"):
                args = call_args(operand) if operand.type == "call_expression" else [operand.child_by_field_name("operand")]
                return args[0] if args else None
    return None


def binding(call: Node) -> tuple[Node, Node, str] | None:
    """(statement, left-hand side, key) when the allocation is assigned to a plain variable,
    possibly through conversions or a slice view (s := unsafe.Slice((*T)(C.malloc(n)), k)),
    with key "" (also the result of cgo's errno form `p, err := C.f(...)`); or stored into a container: `x.f = ...`, `x[i] = ...`, `x = append(x, ...)`,
    `x := T{f: ...}`, with the key that names where (see containers.py)."""
    node = call
    while node.parent is not None:
        node = through_conversions(node)
        parent = node.parent
        if parent is None:
            break
        if parent.type == "argument_list" and parent.parent is not None and is_view_maker(parent.parent) is not None:
            node = parent.parent
            continue
        if parent.type == "slice_expression" and is_view_maker(parent) is not None:
            node = parent
            continue
        break
    parent = node.parent
    if parent is not None and parent.type == "argument_list":
        return _append_binding(node)
    if parent is not None and parent.type in ("literal_element", "keyed_element"):
        return _literal_binding(node)
    sides = _sides(parent)
    if sides is None:
        return None
    stmt, left, right = sides
    if len(left) == 2 and len(right) == 1 and right[0].id == call.id and callee_parts(call)[0] == "C":
        left = left[:1]  # p, err := C.f(...): cgo's errno form binds the result to p
    if len(left) != len(right):
        return None
    index = [r.id for r in right].index(node.id) if node.id in [r.id for r in right] else -1
    if index < 0 or left[index].text == b"_":
        return None
    if left[index].type != "identifier":
        key = store_key(left[index]) if stmt.type == "assignment_statement" else None
        return (stmt, left[index], key) if key else None
    return stmt, left[index], ""


def _sides(values: Node | None) -> tuple[Node, list[Node], list[Node]] | None:
    """(statement, left-hand sides, right-hand sides) when values is the right-hand expression list
    of a declaration or a plain `=` assignment (not `+=`)."""
    if values is None or values.type != "expression_list":
        return None
    stmt = values.parent
    if stmt is None or stmt.type not in ("short_var_declaration", "assignment_statement", "var_spec"):
        return None
    if stmt.type == "var_spec":
        if stmt.child_by_field_name("value") != values:
            return None
        return stmt, stmt.children_by_field_name("name"), values.named_children
    left = stmt.child_by_field_name("left")
    op = stmt.child_by_field_name("operator")
    if left is None or stmt.child_by_field_name("right") != values or (op is not None and op.text != b"="):
        return None
    return stmt, left.named_children, values.named_children


def assigned_to(expr: Node) -> tuple[Node, Node] | None:
    """(statement, identifier) when expr is the whole right-hand side bound to one identifier."""
    sides = _sides(expr.parent)
    if sides is None:
        return None
    stmt, left, right = sides
    if len(left) != 1 or len(right) != 1 or left[0].type != "identifier":
        return None
    return stmt, left[0]


def appended_to(call: Node) -> tuple[Node, Node] | None:
    """(statement, x) when call is the append of `x = append(x, ...)`."""
    if call.type != "call_expression" or callee_parts(call) != ("", "append"):
        return None
    args = call_args(call)
    bound = assigned_to(call)
    if not args or bound is None or bound[0].type != "assignment_statement" or bound[1].text != args[0].text:
        return None
    return bound


def _append_binding(node: Node) -> tuple[Node, Node, str] | None:
    """x = append(x, ..., node, ...): the allocation is an element of x."""
    call = node.parent.parent
    bound = appended_to(call) if call is not None else None
    if bound is None or call_args(call)[0].id == node.id:
        return None
    return bound[0], bound[1], f"{bound[1].text.decode('utf-8', 'replace')}[]"


def _literal_binding(node: Node) -> tuple[Node, Node, str] | None:
    """x := T{f: node} or x := []T{node}: the allocation is a field or element of x."""
    lit = node.parent
    while lit is not None and lit.type in ("literal_element", "keyed_element", "literal_value"):
        lit = lit.parent
        if lit is not None and lit.type == "composite_literal" and lit.parent is not None \
                and lit.parent.type == "literal_element":
            lit = lit.parent  # T{f: U{g: node}}: the literal that is bound is the outer one
    if lit is None or lit.type != "composite_literal":
        return None
    bound = assigned_to(lit)
    if bound is None:
        return None
    name = bound[1].text.decode("utf-8", "replace")
    key = next((k for value, k in literal_keys(lit, name) if value.id == node.id), None)
    return (bound[0], bound[1], key) if key else None


def through_conversions(node: Node) -> Node:
    """The outermost expression that is node wrapped in parentheses and pointer conversions."""
    while node.parent is not None:
        parent = node.parent
        if parent.type == "parenthesized_expression" or (
            parent.type in ("call_expression", "type_conversion_expression") and _converts(parent, node)
        ):
            node = parent
        elif parent.type == "argument_list" and parent.parent is not None and _converts(parent.parent, node):
            node = parent.parent
        else:
            break
    return node


def _converts(call: Node, child: Node) -> bool:
    if not is_conversion(call):
        return False
    operand = conversion_operand(call)
    return operand is not None and operand.id == child.id
