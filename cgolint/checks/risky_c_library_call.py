"""CGO004 risky-c-library-call: a C library with a pure-Go replacement, once per package.

One finding per (package, library), placed where the package takes the library in
(an #include of its header, else the #cgo line that links it, else the first call),
with the call sites as related locations. Calls inside the library's own C sources,
when the package compiles them (a vendored zstd, the SQLite amalgamation), are not counted.

The library table is data (rules/risky_libraries.toml); users add, replace or
disable rows under [rules.CGO004] in their configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from cgolint.catalog import NamePattern, load_data, name_pattern
from cgolint.facts import PackageFacts
from cgolint.facts.declarations import function_declarations, function_macros, object_macros
from cgolint.findings import Finding, Related
from cgolint.model import CUnit, Package
from cgolint.config import ConfigError
from cgolint.rule import Rule
from cgolint.source import Span

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
    "family": str,
}
_REQUIRED = {"id", "library", "replacements"}


def _matches(name: str, pattern: NamePattern) -> bool:
    return pattern.fullmatch(name) is not None


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
    family: str = ""  # rows that are parts of one C library share it ("OpenSSL"): one finding per package
    _names: NamePattern = field(init=False, repr=False, compare=False)
    _broad: NamePattern = field(init=False, repr=False, compare=False)
    _exclude: NamePattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", name_pattern(self.names))
        object.__setattr__(self, "_broad", name_pattern(self.broad_names))
        object.__setattr__(self, "_exclude", name_pattern(self.exclude))

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
            tuple(row.get("replacement-for", {}).items()), row.get("family", ""),
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

    @property
    def key(self) -> str:
        """What one finding covers: the row's family, or the row itself."""
        return self.family or self.id

    def distinctive(self, name: str) -> bool:
        """name is one of the library's own distinctive names (its `names`, not its broad ones)."""
        return _matches(name, self._names)

    def ranked(self, name: str) -> list[str]:
        """The replacements, the one for this C function first (replacement-for)."""
        best = next((path for pattern, path in self.replacement_for if _matches(name, name_pattern((pattern,)))), None)
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


DEFAULT_RELATED_LIMIT = 10
_NAMES_PER_REPLACEMENT = 4  # called functions listed after each replacement in a message


@dataclass(frozen=True)
class CallSite:
    """A call into a library: `C.name(...)` in Go, or `name(...)` in the package's C code."""

    span: Span
    name: str
    in_go: bool
    reported: bool  # the file is one the user named
    row: Library  # the table row that claims the name

    def describe(self) -> str:
        return f"{'C.' if self.in_go else ''}{self.name} calls into {self.row.library}"


@dataclass(frozen=True)
class Place:
    """Where a package takes a library in: an #include in a preamble (rank 0) or in a package C file
    (1), a #cgo line (2), a call (3). The Go file's preamble is where a reader looks first."""

    rank: int
    span: Span
    reported: bool


@dataclass
class Use:
    """Everything one package does with one library (one table row, or the rows of a family)."""

    library: Library  # the first row seen
    rows: list[Library] = field(default_factory=list)  # every row of the library the package uses
    calls: list[CallSite] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    own_sources: list[str] = field(default_factory=list)  # the library's C files the package compiles

    def place(self) -> Place | None:
        """The earliest include, else #cgo line, else call, in a file the user named."""
        candidates = self.places + [Place(3, c.span, c.reported) for c in self.calls]
        return min((p for p in candidates if p.reported), key=lambda p: (p.rank, p.span), default=None)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _client(unit: CUnit, lib: Library) -> bool:
    """The unit includes the library's header as <...>: it uses the installed library."""
    return any(inc.system and any(inc.names(h) for h in lib.headers) for inc in unit.include_lines)


OWN_HEADER_DECLARATIONS = 3  # prototypes of a library's functions that make a header the library's own


def _own_sources(libraries: list[Library], facts: PackageFacts) -> dict[CUnit, Library]:
    """The package's C files that are a library's own code.

    A .c/.h file is: when it defines the library's functions (its distinctive names) or its
    function-like macros, or is a header that declares (or renames with macros) several of its
    functions (its public header, shipped beside the sources or a prebuilt archive); then, to a fixpoint, when a file of
    the library includes it or calls a function it defines (zstd's fse_compress.c, which defines
    FSE_* for ZSTD_*), or when it includes one of the library's internal headers (zbuff_compress.c
    includes error_private.h; a client includes only the public zstd.h). A file that includes the library's header as <...> is its client, never
    its source (go-openssl's shim.c defines BIO_s_readBio for OpenSSL). A preamble is the
    package's glue, never the library: its ZSTD_compress_wrapper is the package's own function.
    """
    defined: dict[CUnit, list[str]] = {}
    for name, functions in facts.c_functions.items():
        for fn in functions:
            defined.setdefault(fn.unit, []).append(name)
    calls: dict[CUnit, set[str]] = {}
    for call in facts.c_calls:
        calls.setdefault(call.unit, set()).add(call.name)
    files = facts.package.c_files
    own: dict[CUnit, Library] = {}
    for unit in files:
        names = defined.get(unit, []) + function_macros(unit)
        # a header that declares the library's functions, or renames them (sqlite3ext.h's
        # `#define sqlite3_open sqlite3_api->open`), is the library's public header
        declared = function_declarations(unit) + object_macros(unit) if unit.source.path.suffix == ".h" else []
        for lib in libraries:
            if _client(unit, lib):
                continue
            if any(lib.distinctive(n) for n in names) or \
                    sum(1 for n in declared if lib.distinctive(n)) >= OWN_HEADER_DECLARATIONS:
                own[unit] = lib
                break
    grown = True
    while grown:  # the files the library's own files include or call into are the library's too
        grown = False
        for lib in {id(lib): lib for lib in own.values()}.values():
            members = [u for u, owner in own.items() if owner is lib]
            included = {inc.path.rsplit("/", 1)[-1] for u in members for inc in u.include_lines if not inc.system}
            called = set().union(*(calls.get(u, set()) for u in members))
            # the library's internal headers: its own .h files other than the public ones a client includes
            internal = {u.source.path.name for u in members if u.source.path.suffix == ".h"} - set(lib.headers)
            for unit in files:
                if unit in own or _client(unit, lib):
                    continue
                if unit.source.path.name in included or called & set(defined.get(unit, ())) or any(
                        not inc.system and inc.path.rsplit("/", 1)[-1] in internal for inc in unit.include_lines):
                    own[unit] = lib
                    grown = True
    return own


class RiskyCLibraryCall(Rule):
    id = "CGO004"
    options = {
        "disable": "a list of library ids from the built-in table to stop flagging",
        "library": "a list of tables, each a library row (id, library, names or broad-names, replacements; "
        "optional headers, links, pkg-config, exclude, replacement-for, note, family); a row with a built-in id "
        "replaces it",
        "related-limit": f"how many call sites each finding lists as related locations, an integer of 0 or more "
        f"(default {DEFAULT_RELATED_LIMIT})",
    }

    def configure(self, options: dict, origin: str) -> None:
        libraries = default_libraries()
        rows = options.get("library", [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ConfigError(f"{origin}: rules.CGO004.library must be an array of tables ([[rules.CGO004.library]])")
        added = [Library.from_row(r, f"{origin}: rules.CGO004.library[{i}]") for i, r in enumerate(rows)]
        # disable takes any row id, built in or added: every message names its row ids for it
        known = {lib.id for lib in libraries} | {lib.id for lib in added}
        disabled = options.get("disable", [])
        if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
            raise ConfigError(f"{origin}: rules.CGO004.disable must be a list of library ids")
        unknown = [d for d in disabled if d not in known]
        if unknown:
            raise ConfigError(
                f"{origin}: rules.CGO004.disable: unknown library id {unknown[0]!r}; known ids: {', '.join(sorted(known))}"
            )
        replaced = {lib.id for lib in added}
        # The user's rows come first, so they win over built-in rows with overlapping names.
        rows_in_force = added + [lib for lib in libraries if lib.id not in replaced]
        self.libraries = [lib for lib in rows_in_force if lib.id not in disabled]
        limit = options.get("related-limit", DEFAULT_RELATED_LIMIT)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ConfigError(f"{origin}: rules.CGO004.related-limit must be an integer of 0 or more, not {limit!r}")
        self.related_limit = limit

    def library_for(self, name: str, package: Package) -> Library | None:
        for lib in self.libraries:
            if lib.claims(name, package):
                return lib
        return None

    def uses(self, facts: PackageFacts) -> list[Use]:
        """The libraries the package calls, each with its call sites and where it is taken in."""
        package = facts.package
        own = _own_sources(self.libraries, facts)
        # A C function the package defines is its own, unless it is defined only in a library's own sources.
        package_defined = {name for name, fns in facts.c_functions.items() if any(fn.unit not in own for fn in fns)}
        known: dict[str, Library | None] = {}

        def library_for(name: str) -> Library | None:
            if name not in known:
                known[name] = None if name in package_defined else self.library_for(name, package)
            return known[name]

        uses: dict[str, Use] = {}

        def add(lib: Library, site: CallSite) -> None:
            use = uses.setdefault(lib.key, Use(lib))
            use.calls.append(site)
            if lib not in use.rows:
                use.rows.append(lib)

        for call in facts.go_c_calls:
            if facts.is_type_conversion(call):
                continue  # C.sqlite3_int64(n), C.rd_kafka_type_t(t): a conversion, not a call
            if lib := library_for(call.name):
                add(lib, CallSite(call.file.span(call.callee), call.name, True, call.file.source.reported, lib))
        for ccall in facts.c_calls:
            if ccall.unit not in own and (lib := library_for(ccall.name)):
                span = ccall.unit.span(ccall.node.child_by_field_name("function"))
                add(lib, CallSite(span, ccall.name, False, ccall.unit.source.reported, lib))

        found = list(uses.values())
        for use in found:
            use.calls.sort(key=lambda c: c.span)
            use.rows.sort(key=self.libraries.index)
            headers = {h for row in use.rows for h in row.headers}
            links = {x for row in use.rows for x in row.links}
            pkg_config = {x for row in use.rows for x in row.pkg_config}
            for unit in package.c_units:
                if unit in own:
                    continue
                for inc in unit.include_lines:
                    if any(inc.names(h) for h in headers):
                        use.places.append(Place(0 if unit.kind == "preamble" else 1, inc.span, unit.source.reported))
            for go in package.go_files:
                for d in go.directives:
                    if set(d.link_libraries) & links or set(d.pkg_config_packages) & pkg_config:
                        use.places.append(Place(2, d.span, go.source.reported))
            # .c files first: "compiles zstd_compress.c" says more than "compiles zstd.h".
            files = {u.source.display for u, owner in own.items() if owner.key == use.library.key}
            use.own_sources = sorted(files, key=lambda path: (not path.endswith(".c"), path))
        return found

    def message(self, use: Use, package: Package) -> str:
        lib, calls = use.library, use.calls
        files = len({c.span.path for c in calls})
        parts = [
            f"Package {package.name} calls into {lib.family or lib.library} from {_plural(len(calls), 'call site')} "
            f"in {_plural(files, 'file')}; {self.advice(use.rows, calls)}."
        ]
        parts += list(dict.fromkeys(row.note for row in use.rows if row.note))
        if use.own_sources:
            parts.append(
                f"This package also contains the library's own C code ({_plural(len(use.own_sources), 'file')}, "
                f"e.g. {use.own_sources[0]}); calls inside it are not counted."
            )
        ids = [row.id for row in use.rows]
        listed = ", ".join(f"`{i}`" for i in ids)
        quoted = ", ".join(f'"{i}"' for i in ids)
        parts.append(f"Table row{'s' if len(ids) > 1 else ''} {listed}; to stop this note: `disable = [{quoted}]` "
                     f"under [rules.CGO004].")
        return " ".join(parts)

    @staticmethod
    def advice(rows: list[Library], calls: list[CallSite]) -> str:
        """The replacement; per called function when the rows have per-function replacements."""
        if len(rows) == 1 and not rows[0].replacement_for:
            return rows[0].advice(calls[0].name)
        groups: dict[str, list[str]] = {}
        for call in calls:
            names = groups.setdefault(call.row.ranked(call.name)[0], [])
            if call.name not in names:
                names.append(call.name)
        texts = []
        for path, names in groups.items():
            shown = ", ".join(names[:_NAMES_PER_REPLACEMENT])
            if len(names) > _NAMES_PER_REPLACEMENT:
                shown += f" and {len(names) - _NAMES_PER_REPLACEMENT} more"
            texts.append(f"{path} for {shown}")
        return f"pure-Go replacement{'s' if len(groups) > 1 else ''}: {'; '.join(texts)}"

    def check(self, facts: PackageFacts) -> Iterator[Finding]:
        for use in self.uses(facts):
            place = use.place()
            if place is None:
                continue  # the package takes the library in only in files the user did not name
            related = tuple(Related(c.span, c.describe()) for c in use.calls[: self.related_limit])
            yield Finding(self.id, self.message(use, facts.package), place.span, related)
