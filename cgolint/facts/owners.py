"""Calls that take ownership of C memory passed to them, or keep the pointer beyond the call.

Three sources, in this order:
- the `takes-ownership` configuration: a string takes every argument of that call ("C.adopt",
  "store.Adopt", "Adopt"); an inline table is an entry like the catalog's, and replaces the
  built-in entry of the same name (effect = "borrows" removes it);
- the built-in catalog, rules/ownership.toml (GLib `_take` functions, argv keepers, CoreFoundation
  `NoCopy` creators, SQLite binds and results with `free` as the destructor, putenv, and the
  libraries' own names for free(): g_free, duckdb_free, rocksdb_free), where an entry can hold only
  when an argument is `free`, or not when an argument is a named value;
- a C library function whose name says it adopts its argument (take, adopt, steal, NoCopy, own):
  assumed to take every pointer argument. Such sites are counted, so the assumption stays visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cgolint.catalog import load_data
from cgolint.config import ConfigError, argument_index

EFFECTS = ("takes", "keeps", "borrows", "frees")
# Words that say a function adopts its argument: g_foo_take_bar, list_adopt, queue_steal, own_buffer
ADOPTING_WORDS = {"take", "takes", "adopt", "adopts", "steal", "steals", "own", "owned"}
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@dataclass(frozen=True)
class Owner:
    """One function that takes or keeps a pointer argument."""

    name: str
    arg: tuple[int, ...] | None  # the arguments taken; None: every argument
    effect: str  # "takes", "keeps", "frees" (with free(), now) or "borrows" (configured away)
    when_free: int | None = None  # only when this argument is the C function free
    unless: tuple[int, str] | None = None  # not when this argument is this C value
    source: str = ""
    why: str = ""

    def taken(self, args: list[str | None]) -> set[int]:
        """The argument positions this call takes, given each argument's C name (None: not a C name)."""
        if self.effect in ("borrows", "frees"):
            return set()
        if self.when_free is not None and (self.when_free >= len(args) or args[self.when_free] != "free"):
            return set()
        if self.unless is not None:
            index, value = self.unless
            if index < len(args) and args[index] == value:
                return set()
        return set(range(len(args))) if self.arg is None else {a for a in self.arg if a < len(args)}


@lru_cache(maxsize=4096)
def name_adopts(name: str) -> bool:
    """g_list_take_data, queue_steal, CFFooNoCopy, buf_nocopy, list_own: the name says it adopts."""
    if "nocopy" in name.lower().replace("_", ""):
        return True
    return any(w.lower() in ADOPTING_WORDS for part in name.split("_") for w in _WORDS.findall(part))


@dataclass
class Owners:
    c: dict[str, Owner] = field(default_factory=dict)  # C functions by name
    go: frozenset[str] = frozenset()  # Go calls ("store.Adopt", "Adopt") that take every argument

    def reads_arguments(self, name: str) -> bool:
        """An entry for name depends on what its arguments are (when-free, unless)."""
        owner = self.c.get(name)
        return owner is not None and (owner.when_free is not None or owner.unless is not None)

    def c_taken(self, name: str, args: list[str | None]) -> set[int] | None:
        """Positions a call of C function name takes or keeps; None when no entry knows the function."""
        owner = self.c.get(name)
        return None if owner is None else owner.taken(args)

    def c_frees(self, name: str) -> int | None:
        """The argument a C function frees with free() (free itself, g_free, duckdb_free...), else None."""
        if name == "free":
            return 0
        owner = self.c.get(name)
        return (owner.arg[0] if owner.arg else 0) if owner is not None and owner.effect == "frees" else None

    def go_takes(self, operand: str, name: str) -> bool:
        return f"{operand}.{name}" in self.go or name in self.go


def _entries(row: dict, where: str) -> list[Owner]:
    known = {"names", "arg", "effect", "when-free", "unless", "source", "why"}
    unknown = sorted(set(row) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(sorted(known))}")
    names = row.get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
        raise ConfigError(f"{where}: 'names' must be a non-empty list of C function names")
    arg = row.get("arg")
    effect = row.get("effect", "takes")
    when_free = row.get("when-free")
    unless = row.get("unless")
    if isinstance(arg, list):  # several arguments: arg = [1, 2]
        if not arg:
            raise ConfigError(f"{where}: 'arg' must be an argument index or a non-empty list of them")
        arg = tuple(argument_index(a, f"{where}: 'arg'") for a in arg)
    elif arg is not None:
        arg = (argument_index(arg, f"{where}: 'arg'"),)
    if when_free is not None:
        argument_index(when_free, f"{where}: 'when-free'")
    if effect not in EFFECTS:
        raise ConfigError(f"{where}: 'effect' must be one of {', '.join(EFFECTS)}, not {effect!r}")
    if unless is not None:
        if not (isinstance(unless, list) and len(unless) == 2 and isinstance(unless[1], str)):
            raise ConfigError(f"{where}: 'unless' must be [argument index, \"C name\"], e.g. [3, \"kCFAllocatorNull\"]")
        argument_index(unless[0], f"{where}: 'unless' index")
    return [Owner(n.removeprefix("C."), arg, effect, when_free, tuple(unless) if unless else None,
                  str(row.get("source", "")), str(row.get("why", ""))) for n in names]


def builtin_owners() -> list[Owner]:
    return [o for i, row in enumerate(load_data("ownership.toml")["function"])
            for o in _entries(row, f"ownership.toml function {i}")]


def load_owners(configured: list = (), origin: str = "") -> Owners:
    """The catalog with the configuration's `takes-ownership` entries over it."""
    c = {o.name: o for o in builtin_owners()}
    go: set[str] = set()
    for i, entry in enumerate(configured):
        if isinstance(entry, str):
            if entry.startswith("C."):
                c[entry[2:]] = Owner(entry[2:], None, "takes", source=origin)
            else:
                go.add(entry)
                c.setdefault(entry, Owner(entry, None, "takes", source=origin))
        elif isinstance(entry, dict):
            for owner in _entries(entry, f"{origin}: takes-ownership[{i}]"):
                c[owner.name] = owner
        else:
            raise ConfigError(f"{origin}: takes-ownership[{i}] must be a call name or an inline table "
                              "({ names = [\"my_take\"], arg = 1 })")
    return Owners(c, frozenset(go))
