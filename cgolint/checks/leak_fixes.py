"""Fixes for CGO001 and CGO002: edits that free leaked C memory, offered only where the ownership
analysis shows the function owns the memory on the paths it leaks by.

- Bound to a variable, lost at the function's exits, freed nowhere, never handed on:
  `defer C.free(unsafe.Pointer(p))` after the allocation's statement.
- Handed on (returned, stored, kept) on another path: `C.free(unsafe.Pointer(p))` right before each
  leaking `return` (or the end of the function), never a `defer`, which would free it on the path
  that hands it on. Not offered when the exit itself uses the variable.
- Declared in a loop body and lost at the end of each iteration: a free at the end of the body (a
  `defer` there would hold every iteration's copy until the function returns).
- Freed on some paths already: unsafe (--unsafe-fixes): the frees are replaced by one `defer`, which
  keeps the memory until the function returns.
- Inline, `f(C.CString(s))`: the allocation is hoisted into a variable freed after the statement
  (or deferred, for a statement that may leave the function).
Memory lent to a C library function that cgolint cannot see into makes the fix unsafe: it is right
only if that function copies what it needs. `"unsafe"` is imported and `<stdlib.h>` (for C.free)
included where missing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from weakref import WeakKeyDictionary

from tree_sitter import Node

from cgolint.facts.containers import is_element, root
from cgolint.facts.goexpr import callee_parts, unwrap
from cgolint.facts.ownership import FUNCTIONS, Allocation
from cgolint.facts.summaries import param_names
from cgolint.findings import Edit, Fix
from cgolint.model import GoFile
from cgolint.preamble import _comments_before, find_import_c
from cgolint.treewalk import ancestors, walk

EXITS = {"return", "end", "panic"}


class _FileFacts:
    """What the fixes of one file share, computed once: the edits that give it
    `"unsafe"` and `<stdlib.h>`, and each function's identifiers by name (a file with thousands of
    leaks must not cost thousands of scans)."""

    def __init__(self, file: GoFile) -> None:
        self.starts = file.source.line_starts
        self.requirements: list[Edit] = []  # set by _facts once the facts are registered (they need them)
        self.identifiers: dict[bytes, tuple[list[int], list[Node]]] | None = None  # name → (starts, nodes)

    def line_start(self, pos: int) -> int:
        return self.starts[bisect_right(self.starts, pos) - 1]

    def line_end(self, pos: int, size: int) -> int:
        """The position of the newline ending pos's line (size at the end of the file)."""
        i = bisect_right(self.starts, pos)
        return self.starts[i] - 1 if i < len(self.starts) else size

    def named(self, file: GoFile, function: Node, name: bytes) -> list[Node]:
        """The identifiers called name inside function, in order (one index of the file's
        identifiers by name: per function, nested function literals would make it quadratic)."""
        if self.identifiers is None:
            self.identifiers = {}
            for n in file.identifiers:
                starts, nodes = self.identifiers.setdefault(n.text, ([], []))
                starts.append(n.start_byte)
                nodes.append(n)
        starts, nodes = self.identifiers.get(name, ((), ()))
        return list(nodes[bisect_left(starts, function.start_byte):bisect_left(starts, function.end_byte)])


_FACTS: WeakKeyDictionary = WeakKeyDictionary()


def _facts(file: GoFile) -> _FileFacts:
    facts = _FACTS.get(file)
    if facts is None:
        facts = _FACTS[file] = _FileFacts(file)
        facts.requirements = _requirements(file)  # places its edits with facts' line starts
    return facts
_BINDINGS = ("short_var_declaration", "assignment_statement", "var_declaration")
_SIMPLE = ("expression_statement", "short_var_declaration", "assignment_statement")


def leak_fix(alloc: Allocation) -> Fix | None:
    """The fix for a leaking allocation, or None where no fix is proven right."""
    if (alloc.undecided or (alloc.key and is_element(alloc.key)) or alloc.kept_in or alloc.global_store
            or alloc.assumed_owner or alloc.early_defer is not None or not alloc.leaks or alloc.filled):
        return None
    kinds = {leak.kind for leak in alloc.leaks}
    if kinds == {"inline"}:
        return _hoist(alloc)
    var = alloc.key or alloc.variable  # p, or a field of a local struct: req.method
    stmt = _statement(alloc.call)
    if not all(part.isidentifier() for part in var.split(".")) or stmt is None or not _binds(stmt, var, alloc.call):
        return None
    if "." in var:  # a field: only a defer, which reads the field once, at the allocation
        if not kinds <= EXITS or alloc.escapes or alloc.frees or _in_loop(stmt, alloc.function):
            return None
        return _finish(alloc, f"Free {var} when {_name(alloc.function)} returns",
                       [_insert_after(alloc.file, stmt, f"defer C.free(unsafe.Pointer({var}))")])
    if _rebound(alloc, var, stmt):
        return None
    free = f"C.free(unsafe.Pointer({var}))"
    if kinds in ({"iteration"}, {"loop"}) and not alloc.escapes:
        return _free_each_iteration(alloc, stmt, free, var)
    if not kinds <= EXITS or _in_loop(stmt, alloc.function):
        return None
    if alloc.escapes:
        return _free_before_exits(alloc, free, var)
    if alloc.frees:
        return _defer_instead_of_frees(alloc, stmt, free, var)
    return _finish(alloc, f"Free {var} when {_name(alloc.function)} returns",
                   [_insert_after(alloc.file, stmt, f"defer {free}")])


# ------------------------------------------------------------------ the shapes


def _free_each_iteration(alloc: Allocation, stmt: Node, free: str, var: str) -> Fix | None:
    """A free as the loop body's last statement; a free of the last iteration's memory after the
    loop goes, when nothing after the loop reads the variable. Only for a body that cannot leave
    the iteration early (no break, continue, return or goto anywhere in it)."""
    body = stmt.parent  # statement_list of the loop's block
    block = body.parent if body is not None else None
    loop = block.parent if block is not None else None
    if block is None or block.type != "block" or loop is None or loop.type != "for_statement":
        return None
    if any(_descendants(block, kind) for kind in ("break_statement", "continue_statement", "return_statement",
                                                   "goto_statement")):
        return None
    removals = [_free_statement(node, var) for node in alloc.frees]  # the last iteration's, after the loop
    if any(r is None or r.start_byte < loop.end_byte for r in removals):
        return None
    for n in _facts(alloc.file).named(alloc.file, alloc.function, var.encode()):
        # outside the loop, var is only declared and freed
        if not loop.start_byte <= n.start_byte < loop.end_byte \
                and not any(r.start_byte <= n.start_byte < r.end_byte for r in removals) \
                and (n.parent is None or n.parent.type != "var_spec"):
            return None
    last = body.named_children[-1]
    return _finish(alloc, f"Free {var} at the end of each iteration",
                   [_insert_after(alloc.file, last, free), *(_delete_line(alloc.file, r) for r in removals)])


def _free_before_exits(alloc: Allocation, free: str, var: str) -> Fix | None:
    edits = []
    for leak in alloc.leaks:
        if leak.kind == "end":
            body = alloc.function.child_by_field_name("body")
            statements = body.named_children[0] if body is not None and body.named_children else None
            if statements is None or statements.type != "statement_list":
                return None
            edits.append(_insert_after(alloc.file, statements.named_children[-1], free))
            continue
        exit_stmt = _statement(leak.node)
        if exit_stmt is None or _mentions(exit_stmt, root(var)):
            return None  # the way out still reads the memory
        edits.append(_insert_before(alloc.file, exit_stmt, free))
    return _finish(alloc, f"Free {var} before {'each way' if len(edits) > 1 else 'the way'} out it leaks by", edits)


def _defer_instead_of_frees(alloc: Allocation, stmt: Node, free: str, var: str) -> Fix | None:
    statements = [_free_statement(node, var) for node in alloc.frees]
    if any(r is None for r in statements):
        return None  # only plain `C.free(...)` statements are moved
    removals = [_delete_line(alloc.file, r) for r in statements]
    lines = ", ".join(str(n.start_point.row + 1) for n in alloc.frees)
    return _finish(alloc, f"Free {var} in a defer instead of at line {lines}",
                   [_insert_after(alloc.file, stmt, f"defer {free}"), *removals],
                   unsafe=f"the free at line {lines} moves into a defer: the memory now lives until the function returns")


def _free_statement(node: Node, var: str) -> Node | None:
    """The statement `C.free(...var...)` that node (a freeing call) is, when it is a plain statement
    of a statement list (which a fix may move or delete), else None."""
    holder = node.parent if node.type == "call_expression" else None
    if (holder is None or holder.type != "expression_statement" or callee_parts(node) != ("C", "free")
            or not _mentions(node, var) or holder.parent is None or holder.parent.type != "statement_list"):
        return None
    return holder


def _hoist(alloc: Allocation) -> Fix | None:
    call, file = alloc.call, alloc.file
    stmt = _statement(call)
    args = call.child_by_field_name("arguments")
    if stmt is None or args is None or len(args.named_children) != 1 or not _plain(args.named_children[0]):
        return None
    if any(c.end_byte <= call.start_byte for c in _descendants(stmt, "call_expression")) \
            and not _unchanging(alloc, args.named_children[0]):
        return None  # a call evaluated before the allocation could change its argument
    if stmt.type == "if_statement" and stmt.parent is not None and stmt.parent.type == "if_statement":
        return None  # `else if`: no room for a statement before it
    if stmt.type == "go_statement":
        return None  # the goroutine may use the memory after any free this function could do
    facts = _facts(file)
    base = "cs" if alloc.allocator == "C.CString" else "cb"
    name = next(n for n in (base, *(f"{base}{i}" for i in range(2, 100)))
                if not facts.named(file, alloc.function, n.encode()))
    free = f"C.free(unsafe.Pointer({name}))"
    if stmt.type in _SIMPLE:
        after = _insert_after(file, stmt, free)  # runs right after the statement, in a loop too
    elif not _in_loop(stmt, alloc.function):
        after = None  # a statement that may leave the function: defer the free
    else:
        return None
    hoisted = f"{name} := {call.text.decode('utf-8', 'replace')}"
    before = [hoisted] if after is not None else [hoisted, f"defer {free}"]
    edits = [_insert_lines_before(file, stmt, before), Edit(file.span(call), name)]
    if after is not None:
        edits.append(after)
    return _finish(alloc, f"Keep the {alloc.allocator} result in {name} and free it", edits)


def _finish(alloc: Allocation, description: str, edits: list[Edit], unsafe: str = "") -> Fix:
    if not unsafe and alloc.lent_to:
        callees = ", ".join(sorted(alloc.lent_to))
        unsafe = f"right only if {callees} copies what it needs and keeps no pointer to the memory"
    return Fix(description, tuple(edits + _facts(alloc.file).requirements), safe=not unsafe, unsafe_reason=unsafe)


# ------------------------------------------------------------------ what the fixed file needs


def _requirements(file: GoFile) -> list[Edit]:
    """`import "unsafe"` and `#include <stdlib.h>` where the file lacks them (identical edits
    from several fixes of one file are applied once)."""
    edits = []
    data = file.source.data
    root = file.tree.root_node
    imports = [n for n in root.named_children if n.type == "import_declaration"]
    specs = [s for d in imports for s in _descendants(d, "import_spec")]
    if not any(s.child_by_field_name("path") is not None and s.child_by_field_name("path").text == b'"unsafe"'
               and (s.child_by_field_name("name") is None or s.child_by_field_name("name").text == b"unsafe")
               for s in specs):
        group = next((c for d in imports for c in d.named_children if c.type == "import_spec_list"
                      and not any(s.child_by_field_name("path").text == b'"C"' for s in _descendants(c, "import_spec"))),
                     None)
        if group is not None:
            first = group.named_children[0] if group.named_children else None
            if first is not None:
                edits.append(_insert_lines_before(file, first, ['"unsafe"']))
        elif imports:
            last = imports[-1]
            edits.append(Edit(file.source.span(last.end_byte, last.end_byte), '\n\nimport "unsafe"'))
    preamble = file.preamble
    if preamble is None or not any(i == "stdlib.h" or i.endswith("/stdlib.h") for i in preamble.includes):
        anchor = find_import_c(root, data)
        group = _comments_before(anchor, data) if anchor is not None else []
        if anchor is None:
            return edits
        if group and group[0].text.startswith(b"/*"):
            at = group[0].start_byte + 2
            edits.append(Edit(file.source.span(at, at), "\n#include <stdlib.h>"))
        else:
            at = group[0].start_byte if group else anchor.start_byte
            edits.append(Edit(file.source.span(at, at), "// #include <stdlib.h>\n"))
    return edits


# ------------------------------------------------------------------ tree helpers


def _statement(node: Node) -> Node | None:
    """The statement of a statement list that holds node, inside node's function."""
    while node.parent is not None:
        if node.parent.type == "statement_list":
            return node
        if node.type in FUNCTIONS:
            return None
        node = node.parent
    return None


def _binds(stmt: Node, var: str, call: Node) -> bool:
    """stmt is `var := call`, `var = call` or `var v = call`, the call maybe converted to another
    pointer type (never a slice over it: that is not what C.free takes)."""
    if stmt.type not in _BINDINGS:
        return False
    if stmt.type == "var_declaration":
        specs = [c for c in stmt.named_children if c.type == "var_spec"]
        if len(specs) != 1:
            return False
        names = [c for c in specs[0].named_children if c.type == "identifier"]
        values = specs[0].child_by_field_name("value")
    else:
        left = stmt.child_by_field_name("left")
        names = left.named_children if left is not None else []
        values = stmt.child_by_field_name("right")
    values = values.named_children if values is not None else []
    if len(names) != len(values):
        return False  # a, b := f(): not the allocation's own result
    for name, value in zip(names, values):
        if b"".join(name.text.split()).decode("utf-8", "replace") == var:
            inner = unwrap(value)
            return inner is not None and inner.id == call.id
    return False


def _rebound(alloc: Allocation, var: str, stmt: Node) -> bool:
    """var is declared, assigned or has its address taken anywhere else in the function: which memory
    it holds at a later exit is then not for a fix to assume."""
    params = alloc.function.child_by_field_name("parameters")
    for n in _facts(alloc.file).named(alloc.file, alloc.function, var.encode()):
        if stmt.start_byte <= n.start_byte < stmt.end_byte:
            continue
        if params is not None and params.start_byte <= n.start_byte < params.end_byte:
            continue  # the parameter's own declaration
        parent = n.parent
        if parent is not None and parent.type == "expression_list" and parent.parent is not None \
                and parent.parent.type in ("short_var_declaration", "assignment_statement") \
                and parent.parent.child_by_field_name("left") == parent:
            return True
        if parent is not None and parent.type == "var_spec" and parent.child_by_field_name("value") is None \
                and n.start_byte < stmt.start_byte:
            continue  # `var p *C.char` declaring what the allocation's statement assigns
        if parent is not None and parent.type in ("var_spec", "parameter_declaration", "range_clause",
                                                  "inc_statement", "dec_statement"):
            return True
        if parent is not None and parent.type == "unary_expression" and parent.text.startswith(b"&"):
            return True
    return False


def _in_loop(node: Node, function: Node) -> bool:
    for n in ancestors(node):
        if n.id == function.id:
            return False
        if n.type == "for_statement":
            return True
    return False


def _mentions(node: Node, var: str) -> bool:
    return any(n.text.decode("utf-8", "replace") == var for n in _descendants(node, "identifier"))


_STILL = ("identifier", "interpreted_string_literal", "interpreted_string_literal_content", "raw_string_literal",
          "raw_string_literal_content", "escape_sequence", "int_literal", "binary_expression",
          "parenthesized_expression")


def _unchanging(alloc: Allocation, expr: Node) -> bool:
    """expr reads only literals and parameters of the function that nothing in it assigns or takes
    the address of (no field, element or pointer read): no call evaluated before it can change it."""
    params = set(param_names(alloc.function))
    stmt = _statement(alloc.call)
    stack = [expr]
    while stack:
        n = stack.pop()
        if n.type not in _STILL:
            return False
        if n.type == "identifier":
            name = n.text.decode("utf-8", "replace")
            if name not in params or stmt is None or _rebound(alloc, name, stmt):
                return False
        stack.extend(n.named_children)
    return True


def _plain(expr: Node) -> bool:
    """No calls, no receives: evaluating it earlier changes nothing."""
    return not _descendants(expr, "call_expression") and b"<-" not in expr.text


def _descendants(node: Node, kind: str) -> list[Node]:
    return [n for n in walk(node) if n.type == kind]


def _name(function: Node) -> str:
    name = function.child_by_field_name("name")
    return name.text.decode("utf-8", "replace") if name is not None else "the function"


def _indent(file: GoFile, node: Node) -> str:
    data = file.source.data
    i = start = _facts(file).line_start(node.start_byte)
    while i < node.start_byte and data[i] in b" \t":
        i += 1
    return data[start:i].decode()


def _insert_after(file: GoFile, stmt: Node, text: str) -> Edit:
    """text on a new line after stmt (after a comment ending stmt's line), at stmt's indentation."""
    data = file.source.data
    end = _facts(file).line_end(stmt.end_byte, len(data))
    i = stmt.end_byte
    while i < end and data[i] in b" \t\r":
        i += 1
    at = end if i == end or data.startswith(b"//", i) else stmt.end_byte
    if at > 0 and data[at - 1: at] == b"\r":
        at -= 1
    return Edit(file.source.span(at, at), f"\n{_indent(file, stmt)}{text}")


def _insert_before(file: GoFile, stmt: Node, text: str) -> Edit:
    return _insert_lines_before(file, stmt, [text])


def _insert_lines_before(file: GoFile, stmt: Node, lines: list[str]) -> Edit:
    """Lines before stmt at its indentation (on the same line, `;`-separated, when code precedes it)."""
    indent = _indent(file, stmt)
    at = file.source.span(stmt.start_byte, stmt.start_byte)
    if _facts(file).line_start(stmt.start_byte) + len(indent.encode()) < stmt.start_byte:
        return Edit(at, "; ".join(lines) + "; ")
    return Edit(at, "".join(f"{line}\n{indent}" for line in lines))


def _delete_line(file: GoFile, stmt: Node) -> Edit:
    """stmt removed; its whole line when nothing else is on it."""
    data = file.source.data
    facts = _facts(file)
    start, end = facts.line_start(stmt.start_byte), facts.line_end(stmt.end_byte, len(data))
    if data[start: stmt.start_byte].strip(b" \t") or data[stmt.end_byte: end].strip():
        return Edit(file.source.span(stmt.start_byte, stmt.end_byte), "")
    return Edit(file.source.span(start, min(end + 1, len(data))), "")
