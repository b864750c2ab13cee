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


class _Writes:
    """What one function (closures included: they may assign too) assigns, takes the address of and
    declares, read in one walk."""

    def __init__(self, fn: Node) -> None:
        self.assigned: set[str] = set()
        self.addressed: set[str] = set()
        self.declared: dict[str, int] = {}
        body = fn.child_by_field_name("body")
        for node in walk(body) if body is not None else ():
            if node.type in ("assignment_statement", "inc_statement", "dec_statement"):
                target = node.child_by_field_name("left") or (node.named_children[0] if node.named_children else None)
                if target is not None:
                    self.assigned |= {n.text.decode("utf-8", "replace") for n in walk(target) if n.type == "identifier"}
            elif node.type == "unary_expression" and node.text.startswith(b"&"):
                operand = node.child_by_field_name("operand")
                if operand is not None and operand.type == "identifier":
                    self.addressed.add(operand.text.decode("utf-8", "replace"))
            elif node.type in ("short_var_declaration", "var_spec", "range_clause"):
                left = node.child_by_field_name("left")
                ids = node.children_by_field_name("name") if node.type == "var_spec" else \
                    (left.named_children if left is not None else [])
                for i in ids:
                    name = i.text.decode("utf-8", "replace")
                    self.declared[name] = self.declared.get(name, 0) + 1

    def unchanging(self, names: set[str]) -> bool:
        """The function declares each name at most once and never assigns it or takes its address."""
        return not (names & self.assigned) and not (names & self.addressed) \
            and all(self.declared.get(name, 0) <= 1 for name in names)


class FunctionGuards:
    """The guards of the statements and calls of one file's functions. Each function is read once,
    walking down: a walk up from every allocation costs tree-sitter a descent from the root per
    step, and with a walk of the function per condition it was cubic in nesting depth."""

    def __init__(self) -> None:
        self._conditions: dict[int, dict[int, tuple | None]] = {}  # function → node → its if-conditions
        self._writes: dict[int, _Writes] = {}
        self._guard: dict[int, bytes | None] = {}  # condition → its normal text, if it is a guard

    def guards(self, stmt: Node, fn: Node) -> set[bytes]:
        """The conditions of the ifs whose then-branch holds stmt (within fn), when they are guards."""
        conditions = self._conditions.get(fn.id)
        if conditions is None:
            conditions = self._conditions[fn.id] = _conditions(fn)
        chain = conditions.get(stmt.id)  # every statement and call of fn is there
        out = set()
        while chain is not None:
            cond, chain = chain
            if cond.id not in self._guard:
                names = _variables(cond)
                if fn.id not in self._writes:
                    self._writes[fn.id] = _Writes(fn)
                unchanging = names is not None and self._writes[fn.id].unchanging(names)
                self._guard[cond.id] = _normal(cond) if unchanging else None
            if self._guard[cond.id] is not None:
                out.add(self._guard[cond.id])
        return out


_TARGETS = ("short_var_declaration", "assignment_statement", "var_declaration", "expression_statement", "call_expression")


def _conditions(fn: Node) -> dict[int, tuple | None]:
    """For each statement and call of fn (not inside a nested function literal): the conditions of
    the ifs (without an initializer) whose then-branch holds it, innermost first, as a chain of
    (condition, outer chain)."""
    out: dict[int, tuple | None] = {}
    body = fn.child_by_field_name("body")
    stack: list[tuple[Node, tuple | None]] = [(body, None)] if body is not None else []
    while stack:
        node, chain = stack.pop()
        if node.type in _TARGETS:
            out[node.id] = chain
        if node.type == "func_literal":
            continue
        if node.type == "if_statement" and node.child_by_field_name("initializer") is None:
            cond, then = node.child_by_field_name("condition"), node.child_by_field_name("consequence")
            inner = (cond, chain) if cond is not None else chain
            for child in node.children:
                stack.append((child, inner if then is not None and child.id == then.id else chain))
            continue
        for child in node.children:
            stack.append((child, chain))
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

