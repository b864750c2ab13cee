"""The one table that maps rule ids to rules (ruff's codes.rs, gosec's rulelist.go).

`cgolint rules`, `cgolint rule ID`, the docs and SARIF rules[] are generated
from the rules listed here and their catalog entries in rules/.

A rule's module is imported the first time its class is asked for (to build the rule, or to read
its options when the configuration sets some): a run whose results all come from the cache
imports no analysis at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cgolint.rule import Rule

_CLASSES = {
    "CGO000": ("cgolint.checks.bad_suppression", "BadSuppression"),
    "CGO001": ("cgolint.checks.cstring_not_freed", "CStringNotFreed"),
    "CGO002": ("cgolint.checks.malloc_slice_not_freed", "MallocSliceNotFreed"),
    "CGO003": ("cgolint.checks.blocking_c_call_in_hot_path", "BlockingCCallInHotPath"),
    "CGO004": ("cgolint.checks.risky_c_library_call", "RiskyCLibraryCall"),
}


class _ByRuleId(Mapping):
    """Every rule id → a value made when it is asked for (so a rule's module is imported only then)."""

    def __init__(self, make: Callable[[str], object]) -> None:
        self._make = make

    def __getitem__(self, rule_id: str):
        if rule_id not in _CLASSES:
            raise KeyError(rule_id)
        return self._make(rule_id)

    def __iter__(self) -> Iterator[str]:
        return iter(_CLASSES)

    def __len__(self) -> int:
        return len(_CLASSES)


def _rule_class(rule_id: str) -> type[Rule]:
    module, name = _CLASSES[rule_id]
    return getattr(import_module(module), name)


RULES: Mapping[str, type[Rule]] = _ByRuleId(_rule_class)


def rule_options() -> Mapping[str, dict[str, str]]:
    """Every rule id → the options it accepts in [rules.<ID>]."""
    return _ByRuleId(lambda rule_id: dict(RULES[rule_id].options))
