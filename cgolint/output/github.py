"""GitHub Actions workflow commands: one annotation per finding, titled with the rule's id and name,
as many as GitHub shows; a notice counts the rest."""

from __future__ import annotations

from cgolint.findings import Report
from cgolint.output.paths import printable

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (actions/toolkit,
# docs/problem-matchers.md, "Limitations"); what is printed beyond that is dropped without a word.
PER_KIND = 10


def render(report: Report) -> str:
    names = {m.id: m.name for m in report.rules}
    shown = [f for f in report.findings if f.suppression is None]
    per_kind: dict[str, int] = {}
    for f in shown:
        per_kind[_COMMAND[f.level.value]] = per_kind.get(_COMMAND[f.level.value], 0) + 1
    for p in report.problems:
        per_kind[p.level] = per_kind.get(p.level, 0) + 1
    budget = dict.fromkeys(("error", "warning", "notice"), PER_KIND)
    if any(n > PER_KIND for n in per_kind.values()):
        budget["notice"] -= 1  # the notice saying so takes one of the ten
    hidden = sum(max(0, n - budget[kind]) for kind, n in per_kind.items())
    out = []
    if hidden:
        out.append(f"::notice title=cgolint::{hidden} more annotation(s) are not shown: GitHub shows at most "
                   f"{PER_KIND} errors, {PER_KIND} warnings and {PER_KIND} notices per step. Run cgolint with "
                   "--format text (the log) or --format sarif (code scanning) to see them all.\n")
    for f in shown:
        kind = _COMMAND[f.level.value]
        if budget[kind] <= 0:
            continue
        budget[kind] -= 1
        s, e = f.span.start, f.span.end
        # GitHub counts columns in UTF-16 units, as SARIF does
        props = [f"file={_prop(printable(f.span.path))}", f"line={s.line}", f"col={s.column_utf16}"]
        if e.line != s.line:
            props.append(f"endLine={e.line}")
        else:
            props.append(f"endColumn={e.column_utf16}")
        title = f"{f.rule_id} {names.get(f.rule_id, '')}".strip()
        props.append(f"title={_prop(title)}")
        out.append(f"::{_COMMAND[f.level.value]} {','.join(props)}::{_data(f.message)}\n")
    for p in report.problems:
        if budget[p.level] <= 0:
            continue
        budget[p.level] -= 1
        props = [f"file={_prop(printable(p.path))}"] + ([f"line={p.line}"] if p.line else []) + ["title=cgolint"]
        out.append(f"::{p.level} {','.join(props)}::{_data(p.message)}\n")
    return "".join(out)
