"""The rule catalog: data files in rules/ (shipped in the wheel as cgolint/_rules).

Each rule's metadata and documentation live in rules/<ID>.toml, the one place
they are written; `cgolint rules`, `cgolint rule ID`, the docs and SARIF
rules[] are all generated from them. The rule's examples in the same file are
run as tests.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cgolint.findings import Level

DOCS_URL = "https://github.com/cgolint/cgolint/blob/main/docs/rules/{id}.md"


def catalog_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_rules"
    return shipped if shipped.is_dir() else here.parent / "rules"


@lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    with open(catalog_dir() / name, "rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class RuleMeta:
    id: str
    name: str
    level: Level
    short: str
    full: str
    tags: tuple[str, ...]
    precision: str  # SARIF/CodeQL precision: very-high, high, medium, low
    what: str
    why: str
    example: str  # Go code the rule reports
    instead: str  # the same code written correctly: the rule is silent
    notes: str
    fix_safety: str  # what `--fix` does and when it is safe ("Fix safety" in the docs)
    cwe: tuple[int, ...] = ()  # CWE ids (SARIF tags external/cwe/cwe-N)
    security_severity: str = ""  # CVSS-like score, "0.1".."10.0", for GitHub code scanning; "" when none

    @property
    def help_uri(self) -> str:
        return DOCS_URL.format(id=self.id)

    def markdown(self) -> str:
        """The rule's documentation page (ruff's shape)."""
        parts = [
            f"# {self.id} {self.name}",
            f"Default level: **{self.level.value}**. Tags: {', '.join(self.tags)}."
            + "".join(f" [CWE-{n}](https://cwe.mitre.org/data/definitions/{n}.html)." for n in self.cwe)
            + (f" Security severity: {self.security_severity}." if self.security_severity else ""),
            "## What it does\n" + self.what.strip(),
            "## Why is this bad?\n" + self.why.strip(),
            "## Example\n```go\n" + strip_want(self.example).strip() + "\n```",
            "## Use instead\n```go\n" + strip_want(self.instead).strip() + "\n```",
        ]
        parts.append("## Fix safety\n" + self.fix_safety.strip())
        if self.notes.strip():
            parts.append("## Notes\n" + self.notes.strip())
        return "\n\n".join(parts) + "\n"

    def text(self) -> str:
        """The documentation for a terminal: markdown without the fences' noise."""
        return self.markdown().replace("```go\n", "").replace("```\n", "")


class NamePattern:
    """A catalog list of C names as one regex, compiled the first time it is matched: the catalogs
    hold about 150 of them, and a run whose results all come from the cache matches none."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def fullmatch(self, name: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled.fullmatch(name)


def name_pattern(names) -> NamePattern:
    """One regex for a catalog list of C names (fullmatch it): a trailing * matches any suffix;
    an empty list matches nothing."""
    parts = [re.escape(n[:-1]) + ".*" if n.endswith("*") else re.escape(n) for n in names]
    return NamePattern("(?:" + "|".join(parts) + ")" if parts else "(?!)")


_WANT = re.compile(r"[ \t]*// want\b.*$", re.MULTILINE)


def strip_want(code: str) -> str:
    """Remove the `// want` test markers from example code shown to users."""
    return _WANT.sub("", code)


_TABLE = re.compile(r"\{\{table (\S+) (\S+) ([^}]+)\}\}")


def expand_tables(text: str) -> str:
    """Replace `{{table FILE ARRAY COLUMN...}}` with a markdown table of those columns of the rows
    of a data file in rules/ (first column as code), so a rule's docs list its data without copying it."""

    def table(m: re.Match[str]) -> str:
        columns = m.group(3).split()
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in load_data(m.group(1))[m.group(2)]:
            cells = [str(row.get(c, "")).replace("|", "\\|") for c in columns]
            cells[0] = f"`{cells[0]}`"
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    return _TABLE.sub(table, text)


_META_KEYS = {"id", "name", "level", "short", "full", "tags", "precision", "what", "why", "example", "instead", "notes",
              "cwe", "security_severity", "fix_safety"}
_OPTIONAL_KEYS = {"notes", "cwe", "security_severity"}


@lru_cache(maxsize=None)
def rule_meta(rule_id: str) -> RuleMeta:
    data = load_data(f"{rule_id}.toml")
    missing = _META_KEYS - _OPTIONAL_KEYS - data.keys()
    extra = data.keys() - _META_KEYS
    if missing or extra or data["id"] != rule_id:
        raise ValueError(f"rules/{rule_id}.toml: missing {sorted(missing)}, unknown {sorted(extra)}")
    severity = str(data.get("security_severity", ""))
    if severity and (not 0 < float(severity) <= 10 or "security" not in data["tags"]):
        # GitHub reads security-severity only on rules tagged "security"
        raise ValueError(f"rules/{rule_id}.toml: security_severity must be in (0, 10] on a rule tagged security")
    return RuleMeta(
        id=data["id"],
        name=data["name"],
        level=Level.parse(data["level"]),
        short=data["short"].strip(),
        full=" ".join(data["full"].split()),
        tags=tuple(data["tags"]),
        precision=data["precision"],
        what=expand_tables(data["what"]),
        why=expand_tables(data["why"]),
        example=data["example"],
        instead=data["instead"],
        notes=expand_tables(data.get("notes", "")),
        fix_safety=data["fix_safety"],
        cwe=tuple(int(n) for n in data.get("cwe", ())),
        security_severity=severity,
    )
