"""Configuration: cgolint.toml, .cgolint.toml, or [tool.cgolint] in pyproject.toml.

Found by walking up from the first path checked; --config names a file
instead. Every key is validated: an unknown key, an unknown rule id or a
malformed file raises ConfigError naming the file, the key and what is allowed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cgolint.catalog import rule_meta
from cgolint.findings import Level
from cgolint.source import real_path



class ConfigError(Exception):
    """A configuration problem: the message names the file, the key and what is allowed."""


DEFAULT_MAX_FILE_SIZE = 8 << 20  # generated bindings of a few MB stay under it
_SIZE_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kib": 1 << 10, "kb": 1 << 10, "m": 1 << 20, "mib": 1 << 20, "mb": 1 << 20,
               "g": 1 << 30, "gib": 1 << 30, "gb": 1 << 30}


def parse_size(value: object, where: str) -> int:
    """A size in bytes: 1048576, "8MiB", "512KiB" (KB and MB are read as KiB and MiB)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        number = text.rstrip("abcdefghijklmnopqrstuvwxyz ")
        unit = text[len(number):].strip()
        if number.isdigit() and unit in _SIZE_UNITS and int(number) > 0:
            return int(number) * _SIZE_UNITS[unit]
    raise ConfigError(f"{where} must be a positive number of bytes or a size such as \"8MiB\", not {value!r}")


CONFIG_NAMES = ("cgolint.toml", ".cgolint.toml", "pyproject.toml")
TOP_KEYS = {
    "select": "a list of rule ids or prefixes (\"ALL\" for every rule)",
    "ignore": "a list of rule ids or prefixes",
    "exclude": "a list of glob patterns of paths to skip",
    "per-file-ignores": "a table mapping glob patterns to lists of rule ids",
    "fail-level": "error, warning or note",
    "rules": "a table of per-rule tables, e.g. [rules.CGO004]",
    "max-file-size": "the size over which a source file is skipped with a message: a number of bytes, or a "
    "string such as \"8MiB\" or \"512KiB\" (default \"8MiB\")",
    "takes-ownership": "a list of calls that take ownership of C memory passed to them "
    "(\"C.adopt_buffer\", \"store.Adopt\", \"Adopt\") or inline tables like the entries of "
    "rules/ownership.toml ({ names = [\"my_take\"], arg = 1 }); used by CGO001 and CGO002",
}


@dataclass
class Config:
    path: Path | None = None  # where it was read from
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this directory
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_level: Level | None = None
    rules: dict[str, dict] = field(default_factory=dict)
    takes_ownership: list[str | dict] = field(default_factory=list)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes; larger source files are skipped with a message

    @property
    def origin(self) -> str:
        return str(self.path) if self.path else "configuration"


@dataclass(frozen=True)
class Settings:
    """Everything besides the sources that decides a directory's result: what the cache keys on,
    and what a worker process is given."""

    config: Config
    rule_ids: tuple[str, ...]  # the rules that run, sorted
    cwd: Path  # paths are shown relative to it
    include_suppressed: bool = False

    def levels(self) -> dict[str, Level]:
        """Each rule that runs → its level: the configuration's, else the rule's own."""
        return {rid: Level.parse(self.config.rules.get(rid, {}).get("level", rule_meta(rid).level.value))
                for rid in self.rule_ids}


def find_config(start: Path) -> Path | None:
    here = real_path(start)
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                if name != "pyproject.toml" or _has_tool_section(candidate):
                    return candidate
    return None


MAX_CONFIG_BYTES = 1 << 20  # a configuration file is a few kilobytes; anything this big is a mistake


def read_toml(path: Path) -> dict:
    """A TOML file's table, or ConfigError saying why it cannot be read: only a regular file is
    read (a FIFO or a device would block or never end), at most MAX_CONFIG_BYTES, and nesting
    deep enough to exhaust the parser's recursion is refused."""
    try:
        if not path.is_file():
            raise ConfigError(f"{path}: configuration is not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: configuration is larger than {MAX_CONFIG_BYTES // 1024} KiB")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


def argument_index(value: object, where: str) -> int:
    """A 0-based argument index from the configuration (not a bool, a float or a negative number)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{where} must be a 0-based argument index (0, 1, 2 ...), not {value!r}")
    return value


def _has_tool_section(path: Path) -> bool:
    try:
        tool = read_toml(path).get("tool", {})
        return isinstance(tool, dict) and "cgolint" in tool
    except ConfigError:
        return True  # let load_config report the problem


def load_config(path: Path, rule_ids: Mapping[str, dict[str, str]]) -> Config:
    """rule_ids: every known rule id → its options (name → what it takes)."""
    data = read_toml(path)
    where = str(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("cgolint", {}) if isinstance(tool, dict) else {}
        where += " [tool.cgolint]"
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: must be a table of cgolint settings")
    return parse_config(data, where, path, rule_ids)


def parse_config(data: dict, where: str, path: Path | None, rule_ids: Mapping[str, dict[str, str]]) -> Config:
    cfg = Config(path=path, root=real_path(path.parent) if path else Path.cwd())
    for key in data:
        if key not in TOP_KEYS:
            allowed = ", ".join(sorted(TOP_KEYS))
            raise ConfigError(f"{where}: unknown key {key!r}; allowed keys: {allowed}")

    def str_list(key: str, value) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key!r} must be {TOP_KEYS.get(key, 'a list of strings')}")
        return value

    if "select" in data:
        cfg.select = check_rule_selectors(str_list("select", data["select"]), rule_ids, f"{where}: 'select'")
    if "ignore" in data:
        cfg.ignore = check_rule_selectors(str_list("ignore", data["ignore"]), rule_ids, f"{where}: 'ignore'")
    if "exclude" in data:
        cfg.exclude = str_list("exclude", data["exclude"])
    if "takes-ownership" in data:
        value = data["takes-ownership"]
        if not isinstance(value, list) or not all(isinstance(v, (str, dict)) for v in value):
            raise ConfigError(f"{where}: 'takes-ownership' must be {TOP_KEYS['takes-ownership']}")
        cfg.takes_ownership = value
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be {TOP_KEYS['per-file-ignores']}")
        for pattern, ids in table.items():
            key = f"per-file-ignores.{pattern!r}"
            if not isinstance(ids, list) or not all(isinstance(v, str) for v in ids):
                raise ConfigError(f"{where}: {key} must be a list of rule ids")
            cfg.per_file_ignores[pattern] = check_rule_selectors(ids, rule_ids, f"{where}: {key}")
    if "max-file-size" in data:
        cfg.max_file_size = parse_size(data["max-file-size"], f"{where}: 'max-file-size'")
    if "fail-level" in data:
        value = data["fail-level"]
        try:
            cfg.fail_level = Level.parse(value if isinstance(value, str) else repr(value))
        except ValueError:
            raise ConfigError(f"{where}: 'fail-level' must be error, warning or note, not {value!r}") from None
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{where}: 'rules' must be {TOP_KEYS['rules']}")
    for rule_id, options in rules.items():
        if rule_id not in rule_ids:
            raise ConfigError(f"{where}: rules.{rule_id}: unknown rule id; known: {', '.join(sorted(rule_ids))}")
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: rules.{rule_id} must be a table")
        allowed = {"level": "error, warning or note", **rule_ids[rule_id]}
        for key in options:
            if key not in allowed:
                listing = "; ".join(f"{k} ({v})" for k, v in sorted(allowed.items()))
                raise ConfigError(f"{where}: rules.{rule_id}: unknown key {key!r}; allowed: {listing}")
        if "level" in options:
            try:
                Level.parse(options["level"] if isinstance(options["level"], str) else repr(options["level"]))
            except ValueError:
                raise ConfigError(
                    f"{where}: rules.{rule_id}.level must be error, warning or note, not {options['level']!r}"
                ) from None
        cfg.rules[rule_id] = dict(options)
    cfg._where = where  # type: ignore[attr-defined]
    return cfg


def check_rule_selectors(values: list[str], rule_ids, what: str) -> list[str]:
    """Each value must be ALL, a rule id, or a prefix of one (as ruff's select)."""
    for value in values:
        if not value.strip() or (value != "ALL" and not any(rid.startswith(value) for rid in rule_ids)):
            raise ConfigError(f"{what}: unknown rule id or prefix {value!r}; known: ALL, {', '.join(sorted(rule_ids))}")
    return values


def resolve_rules(select: list[str] | None, ignore: list[str], all_ids) -> set[str]:
    def hits(selectors):
        return {rid for rid in all_ids for s in selectors if s == "ALL" or rid.startswith(s)}

    chosen = hits(select) if select is not None else set(all_ids)
    return chosen - hits(ignore)
