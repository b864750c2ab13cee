"""Where a function uses each name: the identifiers of one function (closures included), by name,
in source order. Whether some code mentions a name is then a look-up by byte range, not a walk of
that code, which for nested code repeated at every level costs the square of the nesting."""

from __future__ import annotations

from bisect import bisect_left

from tree_sitter import Node

from cgolint.treewalk import walk


class NamePositions:
    def __init__(self, fn: Node) -> None:
        self.at: dict[str, list[int]] = {}  # identifier → where it occurs (start bytes, in order)
        self.nodes: dict[str, list[Node]] = {}  # identifier → its nodes, in the same order
        for node in walk(fn):  # in source order
            if node.type == "identifier":
                name = node.text.decode("utf-8", "replace")
                self.at.setdefault(name, []).append(node.start_byte)
                self.nodes.setdefault(name, []).append(node)

    def after(self, name: str, pos: int) -> list[Node]:
        """The identifiers called name that start at or after pos."""
        positions = self.at.get(name, [])
        return self.nodes.get(name, [])[bisect_left(positions, pos):]

    def mentions(self, node: Node, names) -> bool:
        """Some of names is an identifier inside node (which is inside the function)."""
        start, end = node.start_byte, node.end_byte
        for name in names:
            positions = self.at.get(name)
            if positions:
                i = bisect_left(positions, start)
                if i < len(positions) and positions[i] < end:
                    return True
        return False
