"""What rules produce: findings with locations, related locations and fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from typing import TYPE_CHECKING

from cgolint.source import Span

if TYPE_CHECKING:
    from cgolint.catalog import RuleMeta


class Level(str, Enum):
    """SARIF result levels, in order of severity."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("note", "warning", "error").index(self.value)

    @classmethod
    def parse(cls, text: str) -> "Level":
        try:
            return cls(text)
        except ValueError:
            raise ValueError(f"unknown level {text!r}; expected one of: error, warning, note") from None


@dataclass(frozen=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True)
class Fix:
    """Edits that fix a finding, applied together or not at all. A safe fix keeps what the program
    means (`--fix` applies it); an unsafe one is right only under the stated assumption
    (`--unsafe-fixes`)."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    unsafe_reason: str = ""  # the assumption an unsafe fix makes

    @property
    def title(self) -> str:
        """What the fix does, with its assumption when it is unsafe (SARIF, code actions)."""
        return self.description if self.safe else f"{self.description} (unsafe: {self.unsafe_reason})"


@dataclass(frozen=True)
class Suppression:
    """Why a finding is hidden: the directive's kind and the reason it gives."""

    kind: str  # "inSource"
    justification: str
    span: Span


@dataclass
class Finding:
    rule_id: str
    message: str
    span: Span
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    level: Level = Level.WARNING  # set by the engine from the rule and the configuration
    suppression: Suppression | None = None
    fingerprint: str = ""  # set by the engine
    extra: dict = field(default_factory=dict, compare=False)
    # paths the problem takes, each a sequence of steps (a leak: the allocation, then where it is lost)
    flows: tuple[tuple[Related, ...], ...] = ()

    def sort_key(self):
        s = self.span
        return (s.path, s.start.line, s.start.column, self.rule_id, self.message)


@dataclass(frozen=True)
class Assumption:
    """A place where a rule stayed quiet on an assumption it could not check (memory handed to a C
    function whose name says it takes ownership): counted in the output, so it stays visible."""

    rule_id: str
    span: Span
    message: str


@dataclass(frozen=True)
class Problem:
    """A file cgolint could not read or fully parse."""

    path: str
    message: str
    line: int = 0  # 1-based, 0 when the whole file is concerned
    fatal: bool = True  # the file was not analysed at all
    internal: bool = False  # a bug in cgolint, not in the input: the run exits 2

    @property
    def level(self) -> str:
        """How outputs show it: "error" when the file went unanalysed or cgolint failed, else "warning"."""
        return "error" if self.fatal or self.internal else "warning"


@dataclass
class DirectoryResult:
    """What linting one directory gave: the part of a Report it contributes (cached as it is)."""

    findings: list[Finding] = field(default_factory=list)  # sorted, fingerprinted, levels set
    problems: list[Problem] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    files_checked: int = 0  # reported source files read


@dataclass
class Report:
    """What one run found: every formatter's input."""

    findings: list[Finding]  # sorted; suppressed ones only when asked for
    problems: list[Problem]
    rules: list[RuleMeta]  # metadata of the rules that ran, by id
    files_checked: int = 0
    levels: dict[str, Level] = field(default_factory=dict)  # effective level per rule id
    assumptions: list[Assumption] = field(default_factory=list)  # sorted by place

    @property
    def internal_errors(self) -> list[Problem]:
        """Bugs in cgolint met during the run: its findings may be incomplete."""
        return [p for p in self.problems if p.internal]

    def failing(self, fail_level: Level) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None and f.level.rank >= fail_level.rank]
