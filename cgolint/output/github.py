"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from cgolint.findings import Report
from cgolint.output.paths import printable

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    names = {m.id: m.name for m in report.rules}
    out = []
    for f in report.findings:
        if f.suppression is not None:
            continue
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
        props = [f"file={_prop(printable(p.path))}"] + ([f"line={p.line}"] if p.line else []) + ["title=cgolint"]
        out.append(f"::{'error' if p.fatal or p.internal else 'warning'} {','.join(props)}::{_data(p.message)}\n")
    return "".join(out)
