"""What C code declares and defines by name: function prototypes, and function-like and
object-like macros (CGO004 reads them to tell a library's own files from its clients)."""

from __future__ import annotations

from cgolint.model import CUnit


def function_macros(unit: CUnit) -> list[str]:
    """Names of the function-like macros the unit defines (`#define NAME(args) ...`)."""
    names = []
    for define in unit.nodes.get("preproc_function_def", ()):
        name = define.child_by_field_name("name")
        if name is not None:
            names.append(name.text.decode("utf-8", "replace"))
    return names


def function_declarations(unit: CUnit) -> list[str]:
    """Names of the functions the unit declares without defining (prototypes at file scope)."""
    names = []
    for decl in unit.nodes.get("declaration", ()):
        if decl.parent is None or decl.parent.type not in ("translation_unit", "preproc_if", "preproc_ifdef",
                                                          "preproc_else", "preproc_elif", "linkage_specification",
                                                          "declaration_list"):
            continue
        for d in decl.children_by_field_name("declarator"):
            while d is not None and d.type in ("pointer_declarator", "parenthesized_declarator"):
                d = d.child_by_field_name("declarator")
            if d is not None and d.type == "function_declarator":
                name = d.child_by_field_name("declarator")
                if name is not None and name.type == "identifier":
                    names.append(name.text.decode("utf-8", "replace"))
    return names


def object_macros(unit: CUnit) -> list[str]:
    """Names of the object-like macros the unit defines (`#define NAME value`)."""
    return [n.text.decode("utf-8", "replace") for d in unit.nodes.get("preproc_def", ())
            if (n := d.child_by_field_name("name")) is not None]
