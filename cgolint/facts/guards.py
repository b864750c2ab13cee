"""Conditions that guard an allocation, so that a later test of the same condition is correlated:

    if language != "" {
        clanguage = C.CString(language)
    }
    ...
    if language != "" {
        C.free(unsafe.Pointer(clanguage))
    }

The memory exists only when the first condition held; if nothing can change the condition in
between, the second `if` frees it whenever it exists, and its other branch holds nothing. A guard
is a condition made of variables and literals only (no calls but len, no fields, no pointers),
whose variables the function never assigns after declaring them, nor takes the address of.
"""

from __future__ import annotations

from tree_sitter import Node

from cgolint.facts.goexpr import callee_parts
from cgolint.treewalk import walk

PURE = {"identifier", "interpreted_string_literal", "raw_string_literal", "int_literal", "float_literal",
        "rune_literal", "nil", "true", "false", "binary_expression", "unary_expression",
        "parenthesized_expression", "call_expression", "argument_list", "interpreted_string_literal_content",
        "escape_sequence"}
NEGATE = {b"==": b"!=", b"!=": b"==", b"<": b">=", b">=": b"<", b">": b"<=", b"<=": b">"}


def _variables(cond: Node) -> set[str] | None:
    """The variables of a pure condition, or None when it is not pure."""
    names = set()
    for node in walk(cond):
        if node.type not in PURE and node.is_named:
            return None
        if node.type == "call_expression" and callee_parts(node) != ("", "len"):
            return None
        if node.type == "unary_expression" and not node.text.startswith((b"!", b"-")):
            return None
        if node.type == "identifier" and not (node.parent is not None and node.parent.type == "call_expression"
                                               and node.parent.child_by_field_name("function") == node):
            names.add(node.text.decode("utf-8", "replace"))
    return names


def _unchanging(names: set[str], fn: Node) -> bool:
    """The function declares each name at most once and never assigns it or takes its address."""
    declared: dict[str, int] = {}
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():  # closures included: they may assign too
        if node.type in ("assignment_statement", "inc_statement", "dec_statement"):
            target = node.child_by_field_name("left") or (node.named_children[0] if node.named_children else None)
            if target is not None and any(n.type == "identifier" and n.text.decode("utf-8", "replace") in names
                                          for n in walk(target)):
                return False
        elif node.type == "unary_expression" and node.text.startswith(b"&"):
            operand = node.child_by_field_name("operand")
            if operand is not None and operand.type == "identifier" and operand.text.decode("utf-8", "replace") in names:
                return False
        elif node.type in ("short_var_declaration", "var_spec", "range_clause"):
            left = node.child_by_field_name("left")
            ids = node.children_by_field_name("name") if node.type == "var_spec" else \
                (left.named_children if left is not None else [])
            for i in ids:
                name = i.text.decode("utf-8", "replace")
                if name in names:
                    declared[name] = declared.get(name, 0) + 1
    return all(count <= 1 for count in declared.values())


def guards(stmt: Node, fn: Node) -> set[bytes]:
    """The conditions of the ifs whose then-branch holds stmt (within fn), when they are guards."""
    out = set()
    node = stmt
    while node.parent is not None and node.id != fn.id:
        parent = node.parent
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == node \
                and parent.child_by_field_name("initializer") is None:
            cond = parent.child_by_field_name("condition")
            names = _variables(cond) if cond is not None else None
            if names is not None and _unchanging(names, fn):
                out.add(_normal(cond))
        node = parent
    return out


def relation(cond: Node | None, known: set[bytes]) -> str:
    """"same" when cond is a known guard, "negated" when it is a guard's negation, else ""."""
    if cond is None or not known:
        return ""
    text = _normal(cond)
    if text in known:
        return "same"
    if _negation(cond) in known:
        return "negated"
    return ""


def _normal(cond: Node) -> bytes:
    while cond.type == "parenthesized_expression" and cond.named_child_count == 1:
        cond = cond.named_children[0]
    return b" ".join(cond.text.split())


def _negation(cond: Node) -> bytes | None:
    while cond.type == "parenthesized_expression" and cond.named_child_count == 1:
        cond = cond.named_children[0]
    if cond.type == "unary_expression" and cond.text.startswith(b"!"):
        operand = cond.child_by_field_name("operand")
        return _normal(operand) if operand is not None else None
    if cond.type == "binary_expression":
        op = cond.child_by_field_name("operator")
        left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
        if op is not None and op.text in NEGATE and left is not None and right is not None:
            return b" ".join(_normal(left).split() + [NEGATE[op.text]] + _normal(right).split())
    return b"!" + _normal(cond)

