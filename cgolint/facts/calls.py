"""Where the package calls C: `C.f(...)` in Go, and `f(...)` inside C code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from cgolint.model import CUnit, GoFile, Package
from cgolint.parsing import capture
from cgolint.treewalk import innermost


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
    """The unit's function definitions (at file scope) with their names."""
    return [CFunction(unit, d, name) for d in unit.nodes.get("function_definition", ()) if (name := function_name(d))]


def c_callee(call: Node) -> str:
    """The name a C call_expression calls, "" when it calls through an expression (a pointer)."""
    fn = call.child_by_field_name("function")
    return fn.text.decode("utf-8", "replace") if fn is not None and fn.type == "identifier" else ""


def c_calls(unit: CUnit) -> list[CCall]:
    """Every call in the unit's C code, each with the function it is in. (Calls are not in the
    unit's index, which is built without a walk of every node; they are looked for here, once per
    package, when a rule asks.)"""
    calls = []
    every = capture("c", unit.tree.root_node, ("call_expression",)).get("call_expression", [])
    placed = innermost(unit.nodes.get("function_definition", ()), every)
    names: dict[int, str] = {}
    for call in every:
        name = c_callee(call)
        if not name:
            continue
        definition = placed.get(call.id)
        caller = ""
        if definition is not None:
            if definition.id not in names:
                names[definition.id] = function_name(definition)
            caller = names[definition.id]
        calls.append(CCall(unit, call, name, caller))
    return calls


_GO_C_NAME = re.compile(rb"\bC\.([A-Za-z_]\w*)")


def go_c_names(file: GoFile) -> set[str]:
    """Every name a Go file writes as C.name: called, converted to, or passed as a value (C.free as a
    destructor). A byte scan, so names in comments count too: a superset is safe."""
    return {m.decode("ascii") for m in _GO_C_NAME.findall(file.source.data)}


def reachable_functions(functions: dict[str, list[CFunction]], roots: set[str]) -> dict[str, list[CFunction]]:
    """The C functions reachable from roots: the roots the package defines, and every package C
    function their bodies name (called, or passed as a function pointer), transitively."""
    out: dict[str, list[CFunction]] = {}
    queue = [name for name in sorted(roots) if name in functions]
    while queue:
        name = queue.pop()
        if name in out:
            continue
        out[name] = functions[name]
        for fn in functions[name]:
            body = fn.node.child_by_field_name("body")
            found = capture("c", body, ("identifier",)).get("identifier", []) if body is not None else []
            for node in found:
                named = node.text.decode("utf-8", "replace")
                if named in functions and named not in out:
                    queue.append(named)
    return {name: out[name] for name in functions if name in out}  # in the package's order


def package_c_functions(package: Package) -> dict[str, list[CFunction]]:
    out: dict[str, list[CFunction]] = {}
    for unit in package.c_units:
        for fn in c_functions(unit):
            out.setdefault(fn.name, []).append(fn)
    return out
