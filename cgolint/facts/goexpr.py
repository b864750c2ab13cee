"""Go expressions as the memory analyses read them: through parentheses and pointer conversions,
callee names, arguments, and walks that stop at function literals."""

from __future__ import annotations

from tree_sitter import Node

# Conversions that keep a pointer's value: unsafe.Pointer(p), and C's generic pointer typedefs
# (GLib's gpointer is void *), so `C.g_free(C.gpointer(p))` frees p.
POINTER_CONVERSIONS = frozenset({b"unsafe.Pointer", b"C.gpointer", b"C.gconstpointer"})


def unwrap(expr: Node | None) -> Node | None:
    """Strip parentheses and pointer conversions: unsafe.Pointer(x), (*T)(x), uintptr(x)."""
    while expr is not None:
        if expr.type == "parenthesized_expression" and expr.named_child_count == 1:
            expr = expr.named_children[0]
        elif expr.type in ("call_expression", "type_conversion_expression") and is_conversion(expr):
            args = conversion_operand(expr)
            if args is None:
                return expr
            expr = args
        else:
            return expr
    return None


def is_conversion(call: Node) -> bool:
    if call.type == "type_conversion_expression":
        return True
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    if fn is None or args is None or args.named_child_count != 1:
        return False
    if fn.type == "selector_expression" and fn.text in POINTER_CONVERSIONS:
        return True
    if fn.type == "identifier" and fn.text == b"uintptr":
        return True
    if fn.type == "parenthesized_expression":  # (*C.char)(p), (*T)(p)
        inner = fn.named_children[0] if fn.named_child_count else None
        return inner is not None and (inner.type in ("pointer_type", "unary_expression") and inner.text.startswith(b"*"))
    return False


def conversion_operand(call: Node) -> Node | None:
    if call.type == "type_conversion_expression":
        operand = call.child_by_field_name("operand")
        return operand
    args = call.child_by_field_name("arguments")
    return args.named_children[0] if args is not None and args.named_child_count else None


def ident(expr: Node | None) -> str | None:
    """The variable an expression refers to, through parentheses and pointer conversions."""
    expr = unwrap(expr)
    if expr is not None and expr.type == "identifier":
        return expr.text.decode("utf-8", "replace")
    return None


def call_args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def callee_parts(call: Node) -> tuple[str, str]:
    """("C", "free") for C.free(...), ("", "helper") for helper(...), ("x", "Close") for x.Close()."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return "", ""
    if fn.type == "identifier":
        return "", fn.text.decode("utf-8", "replace")
    if fn.type == "selector_expression":
        operand = fn.child_by_field_name("operand")
        fld = fn.child_by_field_name("field")
        return (operand.text.decode("utf-8", "replace") if operand is not None else ""), (fld.text.decode("utf-8", "replace") if fld is not None else "")
    return "?", ""


def walk_outside_closures(node: Node):
    """Nodes below node, without entering function literals (which are yielded, not entered)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if current.type == "func_literal" and current is not node:
            continue
        stack.extend(reversed(current.children))
