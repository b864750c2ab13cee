"""The one table that maps rule ids to rules (ruff's codes.rs, gosec's rulelist.go).

`cgolint rules`, `cgolint rule ID`, the docs and SARIF rules[] are generated
from the rules listed here and their catalog entries in rules/.
"""

from __future__ import annotations

from cgolint.checks.bad_suppression import BadSuppression
from cgolint.checks.blocking_c_call_in_hot_path import BlockingCCallInHotPath
from cgolint.checks.cstring_not_freed import CStringNotFreed
from cgolint.checks.malloc_slice_not_freed import MallocSliceNotFreed
from cgolint.checks.risky_c_library_call import RiskyCLibraryCall
from cgolint.rule import Rule

RULES: dict[str, type[Rule]] = {
    "CGO000": BadSuppression,
    "CGO001": CStringNotFreed,
    "CGO002": MallocSliceNotFreed,
    "CGO003": BlockingCCallInHotPath,
    "CGO004": RiskyCLibraryCall,
}


def rule_options() -> dict[str, dict[str, str]]:
    """Every rule id → the options it accepts in [rules.<ID>]."""
    return {rid: dict(cls.options) for rid, cls in RULES.items()}
