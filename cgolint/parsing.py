"""tree-sitter parsers for Go and C, and the cheap test for cgo files."""

from __future__ import annotations

import re
from functools import lru_cache

import tree_sitter_c
import tree_sitter_go
from tree_sitter import Language, Parser, Tree

# `import "C"` alone or inside an import group. A cheap byte scan that may say
# yes for a file whose "C" is in a comment; the parse then decides.
_IMPORTS_C = re.compile(rb'\bimport\s*(?:"C"|\([^)]*"C")')


def may_import_c(data: bytes) -> bool:
    return _IMPORTS_C.search(data) is not None


@lru_cache(maxsize=None)
def _parser(lang: str) -> Parser:
    module = tree_sitter_go if lang == "go" else tree_sitter_c
    return Parser(Language(module.language()))


def parse_go(data: bytes) -> Tree:
    return _parser("go").parse(data)


def parse_c(data: bytes) -> Tree:
    return _parser("c").parse(data)
