"""Shared facts about one package, computed once and read by every rule."""

from __future__ import annotations

from functools import cached_property

from cgolint.facts.blocking import BlockingSummaries, Catalog
from cgolint.facts.calls import (
    CCall,
    CFunction,
    GoCCall,
    c_calls,
    go_c_calls,
    go_c_names,
    package_c_functions,
    reachable_functions,
)
from cgolint.facts.fills import mark_unfreed_fills
from cgolint.facts.globals import mark_growing_globals
from cgolint.facts.goexpr import callee_parts
from cgolint.facts.hotpaths import HotPaths
from cgolint.facts.owners import Owners, load_owners
from cgolint.facts.receivers import mark_lost_receiver_stores
from cgolint.facts.ownership import MEMORY_ALLOCATORS, STRING_ALLOCATORS, Allocation, allocation_kind, analyse_file
from cgolint.facts.summaries import CSummaries, GoSummaries, returns_pointer
from cgolint.findings import Problem
from cgolint.model import Package


class PackageFacts:
    def __init__(self, package: Package, owners: Owners | None = None) -> None:
        self.package = package
        self.owners = owners if owners is not None else load_owners()  # calls that take or keep C memory
        self._blocking: dict[int, tuple[Catalog, BlockingSummaries]] = {}
        self._hot: dict[tuple[str, ...], HotPaths] = {}
        self.problems: list[Problem] = []  # what a fact could not finish (a function too large to analyse)

    def blocking_summaries(self, catalog: Catalog) -> BlockingSummaries:
        """Whether and why each of the package's C functions blocks, for a blocking catalog."""
        if id(catalog) not in self._blocking:  # the catalog is kept with its summaries, so its id stays unique
            self._blocking[id(catalog)] = (catalog, BlockingSummaries(self.reachable_c_functions, catalog))
        return self._blocking[id(catalog)][1]

    @cached_property
    def called_c_names(self) -> frozenset[str]:
        """Every C function name the package calls, from Go (`C.f`) or from its C code."""
        return frozenset(c.name for c in self.go_c_calls) | frozenset(c.name for c in self.c_calls)

    def hot_paths(self, patterns: tuple[str, ...] = ()) -> HotPaths:
        """Which Go code is hot and why (patterns: extra hot function names from the configuration)."""
        if patterns not in self._hot:
            self._hot[patterns] = HotPaths(self.package, patterns)
        return self._hot[patterns]

    @cached_property
    def go_c_calls(self) -> list[GoCCall]:
        """Every `C.f(...)` call in the package's Go files."""
        return [call for f in self.package.go_files for call in go_c_calls(f)]

    @cached_property
    def c_calls(self) -> list[CCall]:
        """Every call made inside the package's C code (preambles and .c/.h files)."""
        return [call for unit in self.package.c_units for call in c_calls(unit)]

    @cached_property
    def c_type_names(self) -> frozenset[str]:
        """Names the package's C code declares as types (typedef names): `C.name(x)` with one of
        them, or with a name ending in `_t`, is a conversion, not a call."""
        names = set()
        for unit in self.package.c_units:
            for typedef in unit.nodes.get("type_definition", ()):
                for decl in typedef.children_by_field_name("declarator"):
                    while decl is not None and decl.type != "type_identifier":
                        decl = decl.child_by_field_name("declarator")
                    if decl is not None:
                        names.add(decl.text.decode("utf-8", "replace"))
        return frozenset(names)

    def is_type_conversion(self, call: GoCCall) -> bool:
        return call.name in self.c_type_names or call.name.endswith("_t")

    @cached_property
    def c_functions(self) -> dict[str, list[CFunction]]:
        """C functions the package defines, by name."""
        return package_c_functions(self.package)

    @cached_property
    def reachable_c_functions(self) -> dict[str, list[CFunction]]:
        """The package's C functions Go code can reach: named from Go as C.name, and those they
        call, transitively. Summaries are made only for these: what a C function nothing in Go
        reaches does cannot change a finding, and generated bindings define thousands of them."""
        roots = set().union(*(go_c_names(f) for f in self.package.go_files))
        return reachable_functions(self.c_functions, roots)

    @cached_property
    def c_summaries(self) -> CSummaries:
        """What the package's C functions do with memory: allocate, free, store."""
        return CSummaries(self.reachable_c_functions, self.owners)

    @cached_property
    def go_summaries(self) -> GoSummaries:
        """Which parameters the package's Go functions and methods free or store."""
        return GoSummaries(self.package, self.c_summaries, self.owners)

    def _may_allocate(self) -> bool:
        """Some Go call is a C allocator, or a package C function returning a pointer (only those can
        return memory from malloc: see CSummaries), so the C summaries are made only then."""
        pointers = {name for name, fns in self.c_functions.items() if any(returns_pointer(fn.node) for fn in fns)}
        for f in self.package.go_files:
            for call in f.nodes.get("call_expression", ()):
                operand, name = callee_parts(call)
                if operand == "C" and (name in STRING_ALLOCATORS or name in MEMORY_ALLOCATORS or name in pointers):
                    if allocation_kind(call, self.c_summaries) is not None:
                        return True
        return False

    @cached_property
    def allocations(self) -> list[Allocation]:
        """Every C allocation in the package's Go code and what becomes of it on each path."""
        if not self._may_allocate():
            return []  # nothing allocates: no summaries (generated bindings have thousands of functions)
        allocations = []
        for f in self.package.go_files:
            unchecked: list = []
            allocations += analyse_file(f, self.go_summaries, self.c_summaries, unchecked)
            for fn, count, why in unchecked:
                name = fn.child_by_field_name("name")
                what = f"function {name.text.decode('utf-8', 'replace')}" if name is not None else "a function literal"
                self.problems.append(Problem(
                    f.source.display,
                    f"{what} {why} for the leak analysis (CGO001, CGO002): {count} of its C allocations "
                    f"{'was' if count == 1 else 'were'} not checked", fn.start_point.row + 1, fatal=False))
        mark_growing_globals(allocations, self.package, self.go_summaries)
        mark_lost_receiver_stores(allocations, self.package, self.go_summaries)
        mark_unfreed_fills(allocations, self.package, self.go_summaries)
        return allocations


__all__ = ["PackageFacts", "GoCCall", "CCall", "CFunction", "Allocation"]
