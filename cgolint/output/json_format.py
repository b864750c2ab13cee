"""A plain JSON document: the findings and the problems, for scripts."""

from __future__ import annotations

import json

from cgolint import __version__
from cgolint.findings import Report
from cgolint.output.paths import printable
from cgolint.source import Span


def _span(span: Span) -> dict:
    return {
        "path": printable(span.path),
        "line": span.start.line,
        "column": span.start.column,
        "end_line": span.end.line,
        "end_column": span.end.column,
    }


def render(report: Report) -> str:
    names = {m.id: m.name for m in report.rules}
    findings = []
    for f in report.findings:
        item = {
            "rule": f.rule_id,
            "name": names.get(f.rule_id, ""),
            "level": f.level.value,
            "message": f.message,
            **_span(f.span),
            "related": [{"message": r.message, **_span(r.span)} for r in f.related],
            "fingerprint": f.fingerprint,
        }
        if f.fix is not None:
            item["fix"] = {"description": f.fix.description, "safe": f.fix.safe, "unsafe_reason": f.fix.unsafe_reason,
                           "edits": [{"replacement": e.replacement, **_span(e.span)} for e in f.fix.edits]}
        if f.suppression is not None:
            item["suppressed"] = {"reason": f.suppression.justification, **_span(f.suppression.span)}
        findings.append(item)
    problems = [{"path": printable(p.path), "line": p.line, "message": p.message, "fatal": p.fatal, "internal": p.internal}
                for p in report.problems]
    # Sites a rule stayed quiet about on an assumption (a C function whose name says it takes
    # ownership): listed and counted so the assumption stays visible.
    assumed = [{"rule": a.rule_id, "message": a.message, **_span(a.span)} for a in report.assumptions]
    doc = {"tool": "cgolint", "version": __version__, "findings": findings, "problems": problems,
           "assumed_owned": {"count": len(assumed), "sites": assumed}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
