"""Shared facts about one package, computed once and read by every rule."""

from __future__ import annotations

from functools import cached_property

from cgolint.facts.calls import CCall, CFunction, GoCCall, c_calls, go_c_calls, package_c_functions
from cgolint.model import Package


class PackageFacts:
    def __init__(self, package: Package) -> None:
        self.package = package

    @cached_property
    def go_c_calls(self) -> list[GoCCall]:
        """Every `C.f(...)` call in the package's Go files."""
        return [call for f in self.package.go_files for call in go_c_calls(f)]

    @cached_property
    def c_calls(self) -> list[CCall]:
        """Every call made inside the package's C code (preambles and .c/.h files)."""
        return [call for unit in self.package.c_units for call in c_calls(unit)]

    @cached_property
    def c_functions(self) -> dict[str, list[CFunction]]:
        """C functions the package defines, by name."""
        return package_c_functions(self.package)


__all__ = ["PackageFacts", "GoCCall", "CCall", "CFunction"]
