"""Where the package calls C: `C.f(...)` in Go, and `f(...)` inside C code."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from cgolint.model import CUnit, GoFile, Package


@dataclass(frozen=True, eq=False)
class GoCCall:
    """A call `C.name(args)` in a Go file."""

    file: GoFile
    node: Node  # the call_expression
    name: str

    @property
    def callee(self) -> Node:
        return self.node.child_by_field_name("function")


@dataclass(frozen=True, eq=False)
class CCall:
    """A call `name(args)` inside C code (a preamble or a .c/.h file)."""

    unit: CUnit
    node: Node  # the call_expression
    name: str
    caller: str  # the enclosing C function's name, "" at file scope


@dataclass(frozen=True, eq=False)
class CFunction:
    unit: CUnit
    node: Node  # function_definition
    name: str


def go_c_calls(file: GoFile) -> list[GoCCall]:
    calls = []
    for call in file.nodes.get("call_expression", ()):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "selector_expression":
            continue
        operand = fn.child_by_field_name("operand")
        if operand is None or operand.type != "identifier" or operand.text != b"C":
            continue
        field = fn.child_by_field_name("field")
        if field is not None:
            calls.append(GoCCall(file, call, field.text.decode("utf-8", "replace")))
    return calls


def function_name(definition: Node) -> str:
    """The name declared by a C function_definition (through pointer declarators)."""
    decl = definition.child_by_field_name("declarator")
    while decl is not None and decl.type != "function_declarator":
        decl = decl.child_by_field_name("declarator")
    if decl is None:
        return ""
    name = decl.child_by_field_name("declarator")
    while name is not None and name.type not in ("identifier", "field_identifier"):
        name = name.child_by_field_name("declarator") or (name.named_children[0] if name.named_children else None)
    return name.text.decode("utf-8", "replace") if name is not None else ""


def c_functions(unit: CUnit) -> list[CFunction]:
    return [CFunction(unit, d, n) for d in unit.nodes.get("function_definition", ()) if (n := function_name(d))]


def c_callee(call: Node) -> str:
    """The name a C call_expression calls, "" when it calls through an expression (a pointer)."""
    fn = call.child_by_field_name("function")
    return fn.text.decode("utf-8", "replace") if fn is not None and fn.type == "identifier" else ""


def c_calls(unit: CUnit) -> list[CCall]:
    calls = []
    for call in unit.nodes.get("call_expression", ()):
        name = c_callee(call)
        if not name:
            continue
        caller = ""
        parent = call.parent
        while parent is not None:
            if parent.type == "function_definition":
                caller = function_name(parent)
                break
            parent = parent.parent
        calls.append(CCall(unit, call, name, caller))
    return calls


def package_c_functions(package: Package) -> dict[str, list[CFunction]]:
    out: dict[str, list[CFunction]] = {}
    for unit in package.c_units:
        for fn in c_functions(unit):
            out.setdefault(fn.name, []).append(fn)
    return out
