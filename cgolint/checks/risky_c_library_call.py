"""CGO004 risky-c-library-call: a call into a C library with a pure-Go replacement.

The library table is data (rules/risky_libraries.toml); users add, replace or
disable rows under [rules.CGO004] in their configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cgolint.catalog import load_data
from cgolint.facts import PackageFacts
from cgolint.findings import Finding
from cgolint.model import Package
from cgolint.rule import ConfigError, Rule

_ROW_KEYS = {
    "id": str,
    "library": str,
    "headers": list,
    "links": list,
    "pkg-config": list,
    "names": list,
    "broad-names": list,
    "exclude": list,
    "replacements": list,
    "note": str,
}
_REQUIRED = {"id", "library", "replacements"}


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if pattern.endswith("*"):
            if name.startswith(pattern[:-1]):
                return True
        elif name == pattern:
            return True
    return False


@dataclass(frozen=True)
class Library:
    id: str
    library: str
    headers: tuple[str, ...]
    links: tuple[str, ...]
    pkg_config: tuple[str, ...]
    names: tuple[str, ...]
    broad_names: tuple[str, ...]
    exclude: tuple[str, ...]
    replacements: tuple[str, ...]
    note: str

    @classmethod
    def from_row(cls, row: dict, where: str) -> "Library":
        for key, value in row.items():
            if key not in _ROW_KEYS:
                raise ConfigError(f"{where}: unknown key {key!r}; allowed: {', '.join(sorted(_ROW_KEYS))}")
            want = _ROW_KEYS[key]
            if not isinstance(value, want) or (want is list and not all(isinstance(v, str) for v in value)):
                kind = "a string" if want is str else "a list of strings"
                raise ConfigError(f"{where}: {key!r} must be {kind}")
        missing = _REQUIRED - row.keys()
        if missing:
            raise ConfigError(f"{where}: missing {', '.join(sorted(missing))}")
        if not row["replacements"]:
            raise ConfigError(f"{where}: 'replacements' must name at least one import path")
        if not row.get("names") and not row.get("broad-names"):
            raise ConfigError(f"{where}: give 'names' or 'broad-names'")
        get = lambda k: tuple(row.get(k, ()))  # noqa: E731
        return cls(
            row["id"], row["library"], get("headers"), get("links"), get("pkg-config"), get("names"),
            get("broad-names"), get("exclude"), get("replacements"), row.get("note", ""),
        )

    def identified_in(self, package: Package) -> bool:
        """The package includes one of the library's headers or links it."""
        for inc in package.includes:
            for header in self.headers:
                if inc == header or inc.endswith("/" + header):
                    return True
        return bool(package.link_libraries & set(self.links) or package.pkg_config_packages & set(self.pkg_config))

    def claims(self, name: str, package: Package) -> bool:
        if _matches(name, self.exclude):
            return False
        if _matches(name, self.names):
            return True
        return _matches(name, self.broad_names) and self.identified_in(package)

    def advice(self) -> str:
        first, *others = self.replacements
        text = f"pure-Go replacement: {first}"
        if others:
            text += f" (or {', '.join(others)})"
        return text


def default_libraries() -> list[Library]:
    rows = load_data("risky_libraries.toml")["library"]
    return [Library.from_row(row, f"risky_libraries.toml row {row.get('id')}") for row in rows]


class RiskyCLibraryCall(Rule):
    id = "CGO004"
    options = {
        "disable": "a list of library ids from the built-in table to stop flagging",
        "library": "a list of tables, each a library row (id, library, names or broad-names, replacements; "
        "optional headers, links, pkg-config, exclude, note); a row with a built-in id replaces it",
    }

    def configure(self, options: dict, origin: str) -> None:
        libraries = default_libraries()
        known = {lib.id for lib in libraries}
        disabled = options.get("disable", [])
        if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
            raise ConfigError(f"{origin}: rules.CGO004.disable must be a list of library ids")
        unknown = [d for d in disabled if d not in known]
        if unknown:
            raise ConfigError(
                f"{origin}: rules.CGO004.disable: unknown library id {unknown[0]!r}; known ids: {', '.join(sorted(known))}"
            )
        rows = options.get("library", [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ConfigError(f"{origin}: rules.CGO004.library must be an array of tables ([[rules.CGO004.library]])")
        added = [Library.from_row(r, f"{origin}: rules.CGO004.library[{i}]") for i, r in enumerate(rows)]
        replaced = {lib.id for lib in added}
        # The user's rows come first, so they win over built-in rows with overlapping names.
        self.libraries = added + [lib for lib in libraries if lib.id not in replaced and lib.id not in disabled]

    def library_for(self, name: str, facts: PackageFacts) -> Library | None:
        if name in facts.c_functions:
            return None  # the package defines this C function itself
        for lib in self.libraries:
            if lib.claims(name, facts.package):
                return lib
        return None

    def check(self, facts: PackageFacts) -> Iterator[Finding]:
        for call in facts.go_c_calls:
            lib = self.library_for(call.name, facts)
            if lib is not None:
                yield Finding(
                    self.id,
                    f"C.{call.name} is a call into {lib.library}; {lib.advice()}. {lib.note}".strip(),
                    call.file.span(call.callee),
                )
        for ccall in facts.c_calls:
            lib = self.library_for(ccall.name, facts)
            if lib is not None:
                where = f" in C function {ccall.caller}" if ccall.caller else ""
                yield Finding(
                    self.id,
                    f"{ccall.name}{where} is a call into {lib.library}; {lib.advice()}. {lib.note}".strip(),
                    ccall.unit.span(ccall.node.child_by_field_name("function")),
                )
