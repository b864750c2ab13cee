"""SARIF 2.1.0, built with sarif-om, for GitHub code scanning and other viewers.

Columns are UTF-16 code units (SARIF's default columnKind). URIs are relative
to %SRCROOT%, the working directory. Suppressed findings are left out unless
asked for (GitHub code scanning does not honour SARIF suppressions).

GitHub's documented limits (docs.github.com, "SARIF results exceed limit") are kept, each cut
announced by a notification: it stores the top 5,000 results of a run by severity (and rejects
more than 25,000), 100 locations of a result, 1,000 thread flow locations of a result and
10 tags of a rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import attr
import sarif_om as om

from cgolint import __version__
from cgolint.catalog import RuleMeta
from cgolint.findings import Finding, Fix, Report
from cgolint.output.paths import artifact_uri
from cgolint.source import Span

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/cgolint/cgolint"
_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
MAX_RESULTS = 5_000
MAX_RELATED = 100
MAX_FLOW_STEPS = 1_000
MAX_TAGS = 10


_FIELDS: dict[type, tuple[tuple[str, str, object], ...]] = {}  # sarif-om class → (attribute, property, default)


def _fields(cls: type) -> tuple[tuple[str, str, object], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple((a.name, a.metadata.get("schema_property_name", a.name), a.default)
                                     for a in attr.fields(cls))
    return found


def _to_json(obj):
    """sarif-om objects → plain JSON values, by their schema property names, defaults left out."""
    if isinstance(obj, (list, tuple)):
        return [_to_json(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _to_json(v) for k, v in obj.items()}
    if isinstance(obj, (str, int, float, bool)) or obj is None or not attr.has(type(obj)):
        return obj
    out = {}
    for name, key, default in _fields(type(obj)):
        value = getattr(obj, name)
        if value is None or (default is not attr.NOTHING and value == default):
            continue
        out[key] = _to_json(value)
    return out


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


def _code_flows(flows) -> list[om.CodeFlow]:
    out, steps = [], 0
    for flow in flows:
        if steps + len(flow) > MAX_FLOW_STEPS:
            break
        steps += len(flow)
        out.append(om.CodeFlow(thread_flows=[om.ThreadFlow(locations=[
            om.ThreadFlowLocation(location=_location(step.span, step.message)) for step in flow])]))
    return out


def _fix(fix: Fix) -> om.Fix:
    """A finding's fix as SARIF replacements (UTF-16 columns, like every region here), one
    artifactChange per file; an unsafe fix says what it assumes in its description."""
    changes: dict[str, list[om.Replacement]] = {}
    for edit in fix.edits:
        s, e = edit.span.start, edit.span.end
        region = om.Region(start_line=s.line, start_column=s.column_utf16, end_line=e.line, end_column=e.column_utf16)
        changes.setdefault(edit.span.path, []).append(
            om.Replacement(deleted_region=region, inserted_content=om.ArtifactContent(text=edit.replacement)))
    return om.Fix(description=om.Message(text=fix.title), artifact_changes=[
        om.ArtifactChange(artifact_location=_artifact(path), replacements=replacements)
        for path, replacements in changes.items()])


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
        result.related_locations = [_location(r.span, r.message, i) for i, r in enumerate(f.related[:MAX_RELATED], 1)]
    if f.flows:
        result.code_flows = _code_flows(f.flows)
    if f.fix is not None:
        result.fixes = [_fix(f.fix)]
    if f.suppression is not None:
        result.suppressions = [om.Suppression(kind="inSource", justification=f.suppression.justification or None,
                                              location=_location(f.suppression.span))]
    return result


def _kept(findings: list[Finding]) -> tuple[list[Finding], list[om.Notification]]:
    """The results GitHub stores (the first MAX_RESULTS by severity, in report order within a level),
    and a notification for what was cut."""
    if len(findings) <= MAX_RESULTS:
        return findings, []
    order = sorted(range(len(findings)), key=lambda i: -findings[i].level.rank)
    keep = sorted(order[:MAX_RESULTS])
    cut = len(findings) - MAX_RESULTS
    note = om.Notification(
        level="warning",
        message=om.Message(text=f"{cut} of {len(findings)} results were left out: GitHub code scanning stores at most "
                                f"{MAX_RESULTS} results per run; these are the most severe. Fix or suppress some, "
                                "or use --format json for all of them"),
    )
    return [findings[i] for i in keep], [note]


def _tags(meta: RuleMeta) -> list[str]:
    return [*meta.tags, *(f"external/cwe/cwe-{n}" for n in meta.cwe)][:MAX_TAGS]


def render(report: Report, category: str | None = None) -> str:
    """The SARIF log; `category` (as GitHub's upload-sarif names it) becomes runs[].automationDetails.id,
    with the trailing "/" that makes all of it the category."""
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
    findings, cut = _kept(report.findings)
    notifications += cut
    run = om.Run(
        tool=om.Tool(driver=om.ToolComponent(name="cgolint", version=__version__, semantic_version=__version__,
                                             information_uri=INFO_URI, rules=rules)),
        original_uri_base_ids={"%SRCROOT%": om.ArtifactLocation(uri=Path.cwd().as_uri() + "/")},
        # false when cgolint failed, or a file it was given went unanalysed: the results are incomplete
        invocations=[om.Invocation(execution_successful=not any(p.level == "error" for p in report.problems),
                                   tool_execution_notifications=notifications or None)],
        results=[_result(f, index[f.rule_id]) for f in findings],
        automation_details=om.RunAutomationDetails(id=category if category.endswith("/") else category + "/")
        if category else None,
        column_kind="utf16CodeUnits",
    )
    log = om.SarifLog(runs=[run], version="2.1.0", schema_uri=SCHEMA)
    doc = _to_json(log)
    # properties (tags, precision, problem.severity) are free-form: add them as plain JSON
    for rule, meta in zip(doc["runs"][0]["tool"]["driver"]["rules"], metas, strict=True):
        level = report.levels.get(meta.id, meta.level).value
        rule["properties"] = {"tags": _tags(meta), "precision": meta.precision, "problem.severity": _SEVERITY[level]}
        if meta.security_severity:
            rule["properties"]["security-severity"] = meta.security_severity
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
