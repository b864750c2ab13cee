"""Which C calls can block: the catalog (rules/blocking_functions.toml) and summaries of the
package's own C functions.

A package C function blocks when it calls a catalog function or another blocking function of
the package (transitively, cycles included), or spins in a wait loop. The summary keeps the
chain ("read_frame → fread") as its reason. A blocking call whose block ends the process
(`exit`, `abort` after an error message) does not count, and neither does a call of the
`never` list (`pthread_mutex_trylock`) or a poll with a literal 0 timeout. Functions the
package defines more than once for different platforms (`#if` branches, file-name suffixes,
`//go:build` lines) keep one summary per definition.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property

from tree_sitter import Node

from cgolint.catalog import NamePattern, load_data, name_pattern
from cgolint.buildtags import file_goos
from cgolint.facts.calls import CFunction, c_callee
from cgolint.facts.goexpr import call_args
from cgolint.config import ConfigError, argument_index
from cgolint.treewalk import walk

PROCESS_ENDERS = {"exit", "_exit", "_Exit", "abort", "quick_exit"}
SPIN_CALLS = {"sched_yield", "pthread_yield", "cpu_relax", "__builtin_ia32_pause"}
GROUP_KEYS = {"id": str, "kind": str, "severity": str, "why": str, "headers": list, "names": list,
              "nonblocking-when-zero": dict, "blocking-when-arg": dict, "nonblocking-if-package-calls": list}
KINDS = ("wait", "long-running")
SEVERITIES = ("indefinite", "io", "lock", "cpu")


@dataclass(frozen=True)
class Group:
    id: str
    kind: str  # wait or long-running
    severity: str
    why: str
    names: tuple[str, ...]
    zero_timeout: tuple[tuple[str, int], ...] = ()
    only_when: tuple[tuple[str, int, tuple[str, ...]], ...] = ()  # (name, argument index, constants)
    unless_package_calls: tuple[str, ...] = ()  # C names whose use in a package makes the group not block there
    _pattern: NamePattern = field(default=None, compare=False, repr=False)
    _unless: NamePattern = field(default=None, compare=False, repr=False)

    @classmethod
    def from_row(cls, row: dict, where: str) -> "Group":
        for key, value in row.items():
            if key not in GROUP_KEYS:
                raise ConfigError(f"{where}: unknown key {key!r}; allowed: {', '.join(sorted(GROUP_KEYS))}")
            if not isinstance(value, GROUP_KEYS[key]):
                raise ConfigError(f"{where}: {key!r} has the wrong type")
        for key in ("id", "kind", "why", "names"):
            if key not in row:
                raise ConfigError(f"{where}: missing {key!r}")
        if row["kind"] not in KINDS:
            raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, not {row['kind']!r}")
        severity = row.get("severity", "cpu" if row["kind"] == "long-running" else "indefinite")
        if severity not in SEVERITIES:
            raise ConfigError(f"{where}: severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
        names = tuple(row["names"])
        unless = tuple(row.get("nonblocking-if-package-calls", ()))
        for key, values in (("names", names), ("nonblocking-if-package-calls", unless)):
            if not all(isinstance(n, str) and n for n in values):
                raise ConfigError(f"{where}: {key!r} must be a list of C names")
        zero = tuple((k, argument_index(v, f"{where}: nonblocking-when-zero.{k}"))
                     for k, v in row.get("nonblocking-when-zero", {}).items())
        only = []
        for k, v in row.get("blocking-when-arg", {}).items():
            if not (isinstance(v, list) and len(v) >= 2 and all(isinstance(c, str) for c in v[1:])):
                raise ConfigError(f"{where}: blocking-when-arg.{k} must be [argument index, constant, ...]")
            only.append((k, argument_index(v[0], f"{where}: blocking-when-arg.{k}[0]"), tuple(v[1:])))
        return cls(row["id"], row["kind"], severity, row["why"], names, zero, tuple(only), unless,
                   name_pattern(names), name_pattern(unless))

    def set_up_not_to_block(self, called: set[str]) -> bool:
        """The package calls one of nonblocking-if-package-calls, so the group does not block there."""
        return any(self._unless.fullmatch(c) for c in called)


@dataclass(frozen=True)
class Catalog:
    groups: tuple[Group, ...]
    never: frozenset[str]

    def group_of(self, name: str) -> Group | None:
        """The first group that lists name (one regex of every group's names, in order)."""
        if name in self.never:
            return None
        m = self._names.fullmatch(name)
        return self.groups[int(m.lastgroup[1:])] if m is not None else None

    @cached_property
    def _names(self) -> re.Pattern[str]:
        # an alternative that fullmatches only with a later group's names gives way to it, so
        # lastgroup names the first group that lists the name, as a loop over the groups would
        return re.compile("|".join(f"(?P<g{i}>{g._pattern.source})" for i, g in enumerate(self.groups)) or "(?!)")

    def for_package(self, called: set[str]) -> "Catalog":
        """The catalog as it applies to a package that calls these C names: groups whose
        nonblocking-if-package-calls names a called function drop out."""
        kept = tuple(g for g in self.groups if not g.set_up_not_to_block(called))
        return self if len(kept) == len(self.groups) else Catalog(kept, self.never)


def load_catalog(extra: list[dict] = (), disabled: list[str] = (), origin: str = "") -> Catalog:
    data = load_data("blocking_functions.toml")
    groups = [Group.from_row(row, f"blocking_functions.toml group {row.get('id')}") for row in data["group"]]
    known = {g.id for g in groups}
    unknown = [d for d in disabled if d not in known]
    if unknown:
        raise ConfigError(f"{origin}: rules.CGO003.disable: unknown group id {unknown[0]!r}; known: {', '.join(sorted(known))}")
    added = [Group.from_row(r, f"{origin}: rules.CGO003.group[{i}]") for i, r in enumerate(extra)]
    replaced = {g.id for g in added}
    groups = added + [g for g in groups if g.id not in replaced and g.id not in disabled]
    return Catalog(tuple(groups), frozenset(data.get("never", {}).get("names", ())))


def _unconverted(node: Node | None) -> Node | None:
    """The value under conversions and parentheses: x in C.int(x), (int)x or (x); None when a
    call has other than one argument (a real call, not a conversion)."""
    while node is not None and node.type in ("parenthesized_expression", "cast_expression", "call_expression"):
        if node.type == "call_expression":  # C.int(0) on the Go side
            args = node.child_by_field_name("arguments")
            if args is None or args.named_child_count != 1:
                return None
            node = args.named_children[0]
        else:
            node = node.child_by_field_name("value") or (node.named_children[-1] if node.named_children else None)
    return node


def is_literal_zero(node: Node | None) -> bool:
    node = _unconverted(node)
    return node is not None and node.type in ("number_literal", "int_literal") and node.text in (b"0", b"0x0", b"0L")


def _variable(node: Node | None) -> Node | None:
    """The variable under conversions: timeout in C.int(timeout) or (int)timeout."""
    node = _unconverted(node)
    return node if node is not None and node.type == "identifier" else None


def zeroed_in_loop(arg: Node | None) -> bool:
    """The timeout is a variable that the loop around the call sets to 0: only the first pass waits."""
    var = _variable(arg)
    if var is None:
        return False
    loop = var.parent
    while loop is not None and loop.type not in ("for_statement", "while_statement", "do_statement"):
        loop = loop.parent
    if loop is None:
        return False
    for node in walk(loop):
        if node.type in ("assignment_statement", "assignment_expression"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and left.type == "expression_list" and left.named_child_count == 1:
                left = left.named_children[0]
            if right is not None and right.type == "expression_list" and right.named_child_count == 1:
                right = right.named_children[0]
            if left is not None and left.text == var.text and is_literal_zero(right):
                return True
    return False


def blocks_with_args(group: Group, name: str, args: list[Node]) -> bool:
    """A poll-like call with a 0 timeout does not block (a literal 0, or a variable the loop sets
    to 0 after the first pass); fcntl blocks only with F_SETLKW."""
    for fname, index in group.zero_timeout:
        if fname == name and index < len(args) and (is_literal_zero(args[index]) or zeroed_in_loop(args[index])):
            return False
    for fname, index, constants in group.only_when:
        if fname == name:
            text = args[index].text.decode("utf-8", "replace") if index < len(args) else ""
            return text.removeprefix("C.") in constants
    return True


@dataclass(frozen=True)
class Blocking:
    """Why a C function blocks: the chain of calls down to a catalog function (or a spin loop)."""

    chain: tuple[str, ...]  # ("read_frame", "fill", "fread")
    group: Group | None  # None for a spin loop
    kind: str

    @property
    def reason(self) -> str:
        return " → ".join(self.chain)


# ------------------------------------------------------------------ platform conditions

_GOOS_MACROS = {"__linux__": "linux", "__linux": "linux", "linux": "linux", "_WIN32": "windows", "_WIN64": "windows",
                "__APPLE__": "darwin", "__MACH__": "darwin", "__FreeBSD__": "freebsd", "__OpenBSD__": "openbsd",
                "__NetBSD__": "netbsd", "__sun": "solaris", "__ANDROID__": "android"}

def definition_goos(definition: Node) -> frozenset[str] | None:
    """The GOOS an #if/#ifdef branch around a C definition selects, None when unconditional or unknown."""
    node = definition.parent
    while node is not None:
        if node.type in ("preproc_if", "preproc_ifdef", "preproc_elif", "preproc_else", "preproc_elifdef"):
            branch = node  # the innermost #if/#ifdef/#elif around the definition
            if node.type == "preproc_else":
                return None  # the else of a platform switch: cannot tell which platforms
            cond = branch.child_by_field_name("condition") or branch.child_by_field_name("name")
            text = cond.text.decode("utf-8", "replace") if cond is not None else ""
            negated = branch.type == "preproc_ifdef" and branch.children and branch.children[0].type == "#ifndef"
            hits = {goos for macro, goos in _GOOS_MACROS.items() if re.search(rf"\b{re.escape(macro)}\b", text)}
            if hits and not negated and "!" not in text:
                return frozenset(hits)
            return None
        node = node.parent
    return None


# ------------------------------------------------------------------ summaries


@dataclass
class _Direct:
    calls: list[tuple[str, Node]]  # callee name, call node (blocking-relevant calls only)


def _ends_process(call: Node) -> bool:
    """The call runs only on a path that ends the process: after it, in its block or an enclosing
    one, comes an exit()/abort() statement with no return in between (an error path that prints
    and exits; a forked child that does its I/O and exits)."""
    stmt = call
    while stmt.parent is not None and stmt.parent.type not in ("compound_statement", "function_definition"):
        stmt = stmt.parent
    if _returns_after(stmt, call.end_byte):
        return False  # `if (read(...) < 0) return -1;`: the function may return after the call
    while stmt.parent is not None and stmt.parent.type == "compound_statement":
        block = stmt.parent
        after = False
        for child in block.named_children:
            if child.id == stmt.id:
                after = True
                continue
            if not after:
                continue
            if _is_process_ender(child):
                return True
            if _returns_after(child, child.start_byte):
                return False
        # climb to the statement that holds this block (a loop, an if, the function body)
        stmt = block
        while stmt.parent is not None and stmt.parent.type not in ("compound_statement", "function_definition"):
            stmt = stmt.parent
    return False


def _is_process_ender(stmt: Node) -> bool:
    expr = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
    return expr is not None and expr.type == "call_expression" and c_callee(expr) in PROCESS_ENDERS


def _returns_after(node: Node, offset: int) -> bool:
    return any(n.type == "return_statement" and n.start_byte >= offset for n in walk(node))


_ATOMIC_HINTS = ("atomic", "__sync_", "Interlocked")


def _spins(body: Node) -> bool:
    """A loop that only waits for another thread: its body yields (sched_yield, pause) or is empty
    while its condition re-reads shared state through an atomic load. An empty loop that scans
    memory (`while (isdigit(*z)) z++;`, `for (i = 0; s[i]; i++) {}`) moves on by itself: not a wait."""
    for loop in walk(body):
        if loop.type not in ("while_statement", "do_statement", "for_statement"):
            continue
        cond = loop.child_by_field_name("condition")
        if cond is None or cond.type in ("number_literal", "true"):
            continue
        if loop.child_by_field_name("update") is not None or any(
                n.type in ("update_expression", "assignment_expression") for n in walk(cond)):
            continue  # the loop advances something itself
        inner = loop.child_by_field_name("body")
        if inner is None:
            continue
        stmts = [c for c in inner.named_children if c.type != "comment"] if inner.type == "compound_statement" else [inner]
        stmts = [s for s in stmts if s.type != "expression_statement" or s.named_children]  # a lone `;`
        yields = [s for s in stmts if s.type == "expression_statement" and s.named_children[0].type == "call_expression"
                  and c_callee(s.named_children[0]) in SPIN_CALLS]
        if len(yields) != len(stmts):
            continue
        if yields or any(n.type == "call_expression" and any(h in c_callee(n) for h in _ATOMIC_HINTS)
                         for n in walk(cond)):
            return True
    return False


class BlockingSummaries:
    """Per C function definition of the package: whether and why it blocks."""

    def __init__(self, functions: dict[str, list[CFunction]], catalog: Catalog) -> None:
        self.catalog = catalog
        self.functions = functions
        self.by_definition: dict[int, Blocking | None] = {}
        direct: dict[int, _Direct] = {}
        defs = [fn for fns in functions.values() for fn in fns]
        self.macros = self._macros({fn.unit for fn in defs}, catalog)
        for fn in defs:
            body = fn.node.child_by_field_name("body")
            calls = [(name, node) for node in (walk(body) if body is not None else ())
                     if node.type == "call_expression" and (name := c_callee(node))]
            if any(name in PROCESS_ENDERS for name, _ in calls):  # only then can a call be on an exit path
                calls = [(name, node) for name, node in calls if not _ends_process(node)]
            direct[fn.node.id] = _Direct(calls)
            self.by_definition[fn.node.id] = None
            # direct causes: a catalog call, or a spin loop
            for name, node in calls:
                if name in functions:
                    continue  # the package's own function shadows any library name
                if name in self.macros:
                    inner = self.macros[name]
                    self.by_definition[fn.node.id] = Blocking((fn.name, *inner.chain), inner.group, inner.kind)
                    break
                group = catalog.group_of(name)
                if group is not None and blocks_with_args(group, name, call_args(node)):
                    self.by_definition[fn.node.id] = Blocking((fn.name, name), group, group.kind)
                    break
            if self.by_definition[fn.node.id] is None and body is not None and _spins(body):
                self.by_definition[fn.node.id] = Blocking((fn.name, "a wait loop"), None, "wait")
        # transitive: propagate from blocking functions to their callers, shortest chains first
        queue = deque(fn for fn in defs if self.by_definition[fn.node.id] is not None)
        callers: dict[str, list[CFunction]] = {}
        for fn in defs:
            for name, _ in direct[fn.node.id].calls:
                if name in functions:
                    callers.setdefault(name, []).append(fn)
        while queue:
            fn = queue.popleft()
            reason = self.by_definition[fn.node.id]
            for caller in callers.get(fn.name, ()):
                if self.by_definition[caller.node.id] is None:
                    self.by_definition[caller.node.id] = Blocking((caller.name, *reason.chain), reason.group, reason.kind)
                    queue.append(caller)

    @staticmethod
    def _macros(units, catalog: Catalog) -> dict[str, Blocking]:
        """Function-like macros whose expansion calls a blocking function: #define LOG(...) fprintf(...)."""
        out = {}
        for unit in units:
            for macro in unit.nodes.get("preproc_function_def", ()):
                name = macro.child_by_field_name("name")
                value = macro.child_by_field_name("value")
                if name is None or value is None:
                    continue
                for callee in re.findall(r"\b([A-Za-z_]\w*)\s*\(", value.text.decode("utf-8", "replace")):
                    group = catalog.group_of(callee)
                    if group is not None:
                        out[name.text.decode("utf-8", "replace")] = Blocking((name.text.decode("utf-8", "replace"), callee), group, group.kind)
                        break
        return out

    def for_call(self, name: str, goos: frozenset[str] | None) -> Blocking | None | str:
        """The summary of the package's C function `name` as seen from a Go file built for goos:
        a Blocking, None (does not block), or "undecided" (platform variants disagree)."""
        defs = self.functions.get(name, [])
        candidates = []
        for fn in defs:
            variant = definition_goos(fn.node) or file_goos(fn.unit.source.path.name if fn.unit.kind == "file" else "",
                                                            fn.unit.source.data if fn.unit.kind == "file" else b"")
            if goos is None or variant is None or variant & goos:
                candidates.append(self.by_definition.get(fn.node.id))
        if not candidates:
            return None
        blocking = [c for c in candidates if c is not None]
        if len(blocking) == len(candidates):
            return blocking[0]
        if not blocking:
            return None
        return "undecided"
