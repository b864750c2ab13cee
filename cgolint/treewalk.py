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


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def text(node: Node | None) -> str:
    if node is None:
        return ""
    return node.text.decode("utf-8", errors="replace")
