"""tree-sitter parsers for Go and C, and the cheap test for cgo files."""

from __future__ import annotations

import re
from functools import lru_cache

import tree_sitter_c
import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

# `import "C"` alone or inside an import group. A cheap byte scan that may say
# yes for a file whose "C" is in a comment; the parse then decides.
_IMPORTS_C = re.compile(rb'\bimport\s*(?:"C"|\([^)]*"C")')


def may_import_c(data: bytes) -> bool:
    return _IMPORTS_C.search(data) is not None


@lru_cache(maxsize=None)
def _language(lang: str) -> Language:
    return Language((tree_sitter_go if lang == "go" else tree_sitter_c).language())


@lru_cache(maxsize=None)
def _parser(lang: str) -> Parser:
    return Parser(_language(lang))


@lru_cache(maxsize=None)
def _query(lang: str, types: tuple[str, ...]) -> Query:
    return Query(_language(lang), " ".join(f"({t}) @{t}" for t in types))


def capture(lang: str, root: Node, types: tuple[str, ...]) -> dict[str, list[Node]]:
    """The nodes of the given types below root, by type, in source order (an enclosing node before
    the nodes inside it). One query run in tree-sitter's C code: walking the tree in Python to
    index every node cost as much as parsing it."""
    found = QueryCursor(_query(lang, types)).captures(root)
    for nodes in found.values():
        nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
    return found


def parse_go(data: bytes) -> Tree:
    return _parser("go").parse(data)


def parse_c(data: bytes) -> Tree:
    return _parser("c").parse(data)
