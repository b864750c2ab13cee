"""CGO004 risky-c-library-call: a call into a C library with a pure-Go replacement.

The library table is data (rules/risky_libraries.toml); users add, replace or
disable rows under [rules.CGO004] in their configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
import re
from dataclasses import dataclass, field

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
    "replacement-for": dict,
    "note": str,
}
_REQUIRED = {"id", "library", "replacements"}


def _pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a list of names; a trailing * matches any suffix."""
    if not patterns:
        return None
    parts = [re.escape(p[:-1]) + ".*" if p.endswith("*") else re.escape(p) for p in patterns]
    return re.compile("(?:" + "|".join(parts) + ")")


def _matches(name: str, pattern: re.Pattern[str] | None) -> bool:
    return pattern is not None and pattern.fullmatch(name) is not None


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
    replacement_for: tuple[tuple[str, str], ...] = ()
    _names: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _broad: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _exclude: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", _pattern(self.names))
        object.__setattr__(self, "_broad", _pattern(self.broad_names))
        object.__setattr__(self, "_exclude", _pattern(self.exclude))

    @classmethod
    def from_row(cls, row: dict, where: str) -> "Library":
        for key, value in row.items():
            if key not in _ROW_KEYS:
                raise ConfigError(f"{where}: unknown key {key!r}; allowed: {', '.join(sorted(_ROW_KEYS))}")
            want = _ROW_KEYS[key]
            items = value.values() if isinstance(value, dict) else value
            if not isinstance(value, want) or (want is not str and not all(isinstance(v, str) for v in items)):
                kind = {str: "a string", list: "a list of strings", dict: "a table of C names to import paths"}[want]
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
            tuple(row.get("replacement-for", {}).items()),
        )

    def identified_in(self, package: Package) -> bool:
        """The package includes one of the library's headers or links it."""
        for inc in package.includes:
            for header in self.headers:
                if inc == header or inc.endswith("/" + header):
                    return True
        return bool(package.link_libraries & set(self.links) or package.pkg_config_packages & set(self.pkg_config))

    def claims(self, name: str, package: Package) -> bool:
        if _matches(name, self._exclude):
            return False
        if _matches(name, self._names):
            return True
        return _matches(name, self._broad) and self.identified_in(package)

    def ranked(self, name: str) -> list[str]:
        """The replacements, the one for this C function first (replacement-for)."""
        best = next((path for pattern, path in self.replacement_for if _matches(name, _pattern((pattern,)))), None)
        ranked = [best] if best else []
        return ranked + [r for r in self.replacements if r not in ranked and not (best and best in r.split(" + "))]

    def advice(self, name: str) -> str:
        """The replacement for this C function first, then at most two others."""
        ranked = self.ranked(name)
        first, others = ranked[0], ranked[1:3]
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
        "optional headers, links, pkg-config, exclude, replacement-for, note); a row with a built-in id replaces it",
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
        known: dict[str, Library | None] = {}

        def library_for(name: str) -> Library | None:
            if name not in known:
                known[name] = self.library_for(name, facts)
            return known[name]

        for call in facts.go_c_calls:
            lib = library_for(call.name)
            if lib is not None:
                yield Finding(
                    self.id,
                    f"C.{call.name} is a call into {lib.library}; {lib.advice(call.name)}. {lib.note}".strip(),
                    call.file.span(call.callee),
                )
        for ccall in facts.c_calls:
            lib = library_for(ccall.name)
            if lib is not None:
                where = f" in C function {ccall.caller}" if ccall.caller else ""
                yield Finding(
                    self.id,
                    f"{ccall.name}{where} is a call into {lib.library}; {lib.advice(ccall.name)}. {lib.note}".strip(),
                    ccall.unit.span(ccall.node.child_by_field_name("function")),
                )
