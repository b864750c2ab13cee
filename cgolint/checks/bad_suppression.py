"""CGO000 bad-suppression: a suppression directive that is malformed or stale.

The engine applies the directives after every other rule has run; this rule
then reports the directives with no reason or an unknown rule id, and those
that suppressed nothing, so stale ignores do not pile up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cgolint.config import ConfigError
from cgolint.findings import Finding
from cgolint.rule import Rule
from cgolint.suppressions import Directive


class BadSuppression(Rule):
    id = "CGO000"
    options = {
        "require-explanation": "true to also report //nolint:cgolint without a reason (golangci-lint's form "
        "suppresses without one; default false, as nolintlint's require-explanation)",
    }

    def configure(self, options: dict, origin: str) -> None:
        value = options.get("require-explanation", False)
        if not isinstance(value, bool):
            raise ConfigError(f"{origin}: rules.CGO000.require-explanation must be true or false, not {value!r}")
        self.require_explanation = value

    def check(self, facts) -> Iterator[Finding]:
        return iter(())  # works on directives, after suppression: see check_directives

    def check_directives(self, directives: Iterable[Directive], active: set[str]) -> Iterator[Finding]:
        """active: the rules that ran, so a directive for a deselected rule is not called stale."""
        for d in directives:
            if d.error:
                yield Finding(self.id, d.error, d.span)
            elif not d.used and d.explicit and (not d.rule_ids or set(d.rule_ids) <= active):
                what = f"//cgolint:{d.kind} {','.join(d.rule_ids)}" if d.kind != "nolint" else "//nolint:cgolint"
                yield Finding(self.id, f"{what} suppresses nothing here; remove it", d.span)
            elif d.unexplained and self.require_explanation:
                yield Finding(self.id, "//nolint:cgolint needs a reason (require-explanation is on): "
                              "//nolint:cgolint // why", d.span)
