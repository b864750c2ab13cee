"""Iterative tree-sitter walks: deep Go code must never exhaust Python's stack."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node


def walk(node: Node) -> Iterator[Node]:
    """Every node below (and including) node, in source order, without recursion."""
    stack = [node]
    pop, extend = stack.pop, stack.extend
    while stack:
        current = pop()
        yield current
        children = current.children
        if children:
            extend(reversed(children))


def innermost(owners: list[Node], nodes: list[Node]) -> dict[int, Node | None]:
    """For each of nodes: the innermost of owners that encloses it (not itself), or None. nodes in
    source order (an enclosing node first), as the index gives them; owners in any order. One
    sweep, with no parent walks (Node.parent costs tree-sitter a descent from the root, so a walk
    up per node is quadratic in nesting depth)."""
    owners = sorted(owners, key=lambda n: (n.start_byte, -n.end_byte))
    out: dict[int, Node | None] = {}
    stack: list[Node] = []  # open owners, each inside the one below it
    i = 0
    for node in nodes:
        start, end = node.start_byte, node.end_byte
        while i < len(owners) and (owners[i].start_byte, -owners[i].end_byte) <= (start, -end):
            owner = owners[i]
            i += 1
            while stack and stack[-1].end_byte <= owner.start_byte:
                stack.pop()
            stack.append(owner)
        while stack and stack[-1].end_byte <= start:
            stack.pop()
        out[node.id] = next((o for o in reversed(stack) if o.id != node.id and o.end_byte >= end
                             and o.start_byte <= start), None)
    return out


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def text(node: Node | None) -> str:
    if node is None:
        return ""
    return node.text.decode("utf-8", errors="replace")
