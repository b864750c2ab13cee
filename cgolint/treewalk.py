"""Iterative tree-sitter walks: deep Go code must never exhaust Python's stack."""

from __future__ import annotations

from collections import defaultdict
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


def index_by_type(root: Node) -> dict[str, list[Node]]:
    """One walk over a tree, grouping the named nodes by type (in source order)."""
    index: dict[str, list[Node]] = defaultdict(list)
    cursor = root.walk()
    while True:
        node = cursor.node
        if node.is_named:
            index[node.type].append(node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return index


def enclosing(root: Node, owner_types: tuple[str, ...] | frozenset[str], wanted: str) -> dict[int, tuple[Node | None, Node | None]]:
    """For every node of type wanted below root: (its nearest proper ancestor whose type is in
    owner_types, its parent), found in one top-down walk. Node.parent costs tree-sitter a descent
    from the root, so asking it per node is quadratic in nesting depth; this is linear."""
    out: dict[int, tuple[Node | None, Node | None]] = {}
    cursor = root.walk()
    owners: list[Node | None] = []  # the owner in force at each depth
    parents: list[Node] = []
    owner: Node | None = None
    while True:
        node = cursor.node
        if node.type == wanted:
            out[node.id] = (owner, parents[-1] if parents else None)
        if cursor.goto_first_child():
            owners.append(owner)
            parents.append(node)
            if node.type in owner_types:
                owner = node
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return out
            owner = owners.pop()
            parents.pop()


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def text(node: Node | None) -> str:
    if node is None:
        return ""
    return node.text.decode("utf-8", errors="replace")
