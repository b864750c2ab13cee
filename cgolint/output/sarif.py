"""SARIF 2.1.0, built with sarif-om, for GitHub code scanning and other viewers.

Columns are UTF-16 code units (SARIF's default columnKind). URIs are relative
to %SRCROOT%, the working directory. Suppressed findings are left out unless
asked for (GitHub code scanning does not honour SARIF suppressions).
"""

from __future__ import annotations

import json
from pathlib import Path

import attr
import sarif_om as om

from cgolint import __version__
from cgolint.catalog import RuleMeta
from cgolint.findings import Finding, Report
from cgolint.output.paths import artifact_uri
from cgolint.source import Span

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/cgolint/cgolint"
_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}


def _to_json(obj):
    """sarif-om objects → plain JSON values, by their schema property names, defaults left out."""
    if attr.has(type(obj)):
        out = {}
        for a in attr.fields(type(obj)):
            value = getattr(obj, a.name)
            if value is None or (a.default is not attr.NOTHING and value == a.default):
                continue
            out[a.metadata.get("schema_property_name", a.name)] = _to_json(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [_to_json(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _to_json(v) for k, v in obj.items()}
    return obj


def _clip(text: str, limit: int = 1024) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rule(meta: RuleMeta, level: str) -> om.ReportingDescriptor:
    return om.ReportingDescriptor(
        id=meta.id,
        name=meta.name,
        short_description=om.MultiformatMessageString(text=_clip(meta.short)),
        full_description=om.MultiformatMessageString(text=_clip(meta.full)),
        help=om.MultiformatMessageString(text=meta.text(), markdown=meta.markdown()),
        help_uri=meta.help_uri,
        default_configuration=om.ReportingConfiguration(level=level),
        properties=om.PropertyBag(),
    )


def _artifact(path: str) -> om.ArtifactLocation:
    uri, relative = artifact_uri(path)
    return om.ArtifactLocation(uri=uri, uri_base_id="%SRCROOT%") if relative else om.ArtifactLocation(uri=uri)


def _location(span: Span, message: str | None = None, ident: int | None = None) -> om.Location:
    artifact = _artifact(span.path)
    region = om.Region(
        start_line=span.start.line,
        start_column=span.start.column_utf16,
        end_line=span.end.line,
        end_column=span.end.column_utf16,
    )
    return om.Location(
        id=ident,
        physical_location=om.PhysicalLocation(artifact_location=artifact, region=region),
        message=om.Message(text=message) if message else None,
    )


def _result(f: Finding, index: int) -> om.Result:
    result = om.Result(
        rule_id=f.rule_id,
        rule_index=index,
        level=f.level.value,
        message=om.Message(text=f.message),
        locations=[_location(f.span)],
        partial_fingerprints={"cgolintFingerprint/v1": f.fingerprint},
    )
    if f.related:
        result.related_locations = [_location(r.span, r.message, i) for i, r in enumerate(f.related, 1)]
    if f.suppression is not None:
        result.suppressions = [om.Suppression(kind="inSource", justification=f.suppression.justification or None,
                                              location=_location(f.suppression.span))]
    return result


def render(report: Report) -> str:
    metas = sorted(report.rules, key=lambda m: m.id)
    index = {m.id: i for i, m in enumerate(metas)}
    rules = []
    for m in metas:
        rule = _rule(m, report.levels.get(m.id, m.level).value)
        rules.append(rule)
    notifications = [
        om.Notification(
            message=om.Message(text=p.message),
            level=p.level,
            locations=[om.Location(physical_location=om.PhysicalLocation(
                artifact_location=_artifact(p.path),
                region=om.Region(start_line=p.line) if p.line else None))],
        )
        for p in report.problems
    ]
    run = om.Run(
        tool=om.Tool(driver=om.ToolComponent(name="cgolint", version=__version__, semantic_version=__version__,
                                             information_uri=INFO_URI, rules=rules)),
        original_uri_base_ids={"%SRCROOT%": om.ArtifactLocation(uri=Path.cwd().as_uri() + "/")},
        invocations=[om.Invocation(execution_successful=not report.internal_errors,
                                   tool_execution_notifications=notifications or None)],
        results=[_result(f, index[f.rule_id]) for f in report.findings],
        column_kind="utf16CodeUnits",
    )
    log = om.SarifLog(runs=[run], version="2.1.0", schema_uri=SCHEMA)
    doc = _to_json(log)
    # properties (tags, precision, problem.severity) are free-form: add them as plain JSON
    for rule, meta in zip(doc["runs"][0]["tool"]["driver"]["rules"], metas, strict=True):
        level = report.levels.get(meta.id, meta.level).value
        rule["properties"] = {"tags": list(meta.tags), "precision": meta.precision, "problem.severity": _SEVERITY[level]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
