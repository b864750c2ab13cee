"""The rule interface. A rule reads the package model and shared facts and
yields findings; it never parses, prints, or knows about output formats."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from cgolint.catalog import RuleMeta, rule_meta
from cgolint.findings import Assumption, Finding

if TYPE_CHECKING:
    from cgolint.facts import PackageFacts


class Rule:
    id: ClassVar[str]
    # Options a user may set under [rules.<ID>] besides `level`, with what each takes.
    options: ClassVar[dict[str, str]] = {}

    def __init__(self, options: dict | None = None, origin: str = "") -> None:
        self.meta: RuleMeta = rule_meta(self.id)
        self.configure(options or {}, origin)

    def configure(self, options: dict, origin: str) -> None:
        """Apply the user's options; raise ConfigError for bad values."""

    def check(self, facts: "PackageFacts") -> Iterator[Finding]:
        raise NotImplementedError

    def assumptions(self, facts: PackageFacts) -> Iterator[Assumption]:
        """Places where the rule stayed quiet on an unchecked assumption (none by default)."""
        return iter(())
