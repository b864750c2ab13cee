"""The pipeline: discover files → parse into packages → shared facts → rules → findings.

Formatters get a Report and never see rules beyond their metadata.
"""

from __future__ import annotations

import hashlib
import traceback
from pathlib import Path

from cgolint import suppressions
from cgolint.checks.bad_suppression import BadSuppression
from cgolint.config import Config, resolve_rules
from cgolint.discover import discover, excluded
from cgolint.facts import PackageFacts
from cgolint.facts.owners import load_owners
from cgolint.findings import Assumption, Finding, Level, Problem, Report
from cgolint.loader import load_directory
from cgolint.registry import RULES
from cgolint.source import SourceFile


def run(
    paths: list[Path],
    config: Config,
    select: list[str] | None = None,
    ignore: list[str] = (),
    include_suppressed: bool = False,
) -> Report:
    """Raises ConfigError for bad rule options and UsageError for missing paths."""
    cwd = Path.cwd()
    active = resolve_rules(select if select is not None else config.select, [*config.ignore, *ignore], RULES)
    # Every configured rule is built, selected or not, so a typo in its options is reported now.
    built = {rid: RULES[rid](config.rules.get(rid, {}), config.origin) for rid in sorted(active | set(config.rules))}
    rules = {rid: rule for rid, rule in built.items() if rid in active}
    levels = {rid: Level.parse(config.rules.get(rid, {}).get("level", r.meta.level.value)) for rid, r in rules.items()}
    owners = load_owners(config.takes_ownership, str(config.path) if config.path else "configuration")

    problems: list[Problem] = []
    findings: list[Finding] = []
    assumptions: list[Assumption] = []
    reported_sources: list[SourceFile] = []
    for target in discover(paths, config.exclude, config.root):
        for package in load_directory(target, cwd, config.exclude, config.root, problems):
            sources = [g.source for g in package.go_files] + [u.source for u in package.c_files]
            shown = {s.display for s in sources if s.reported}
            reported_sources += [s for s in sources if s.reported]
            facts = PackageFacts(package, owners)
            for rid, rule in rules.items():
                try:
                    findings += [f for f in rule.check(facts) if f.span.path in shown]
                    assumptions += [a for a in rule.assumptions(facts) if a.span.path in shown]
                except Exception as exc:  # a rule bug must not hide the other rules' findings
                    where = traceback.extract_tb(exc.__traceback__)[-1]
                    problems.append(
                        Problem(
                            package.go_files[0].source.display,
                            f"internal error in {rid} ({type(exc).__name__}: {exc} at "
                            f"{Path(where.filename).name}:{where.lineno}); please report it",
                            fatal=False,
                        )
                    )

    known = set(RULES)
    directives = [d for s in reported_sources for d in suppressions.parse_directives(s, known)]
    findings = [f for f in findings if not _ignored_for_file(f, config)]
    suppressions.apply(findings, directives)
    if "CGO000" in rules:
        bad = rules["CGO000"]
        assert isinstance(bad, BadSuppression)
        findings += [f for f in bad.check_directives(directives, set(rules)) if not _ignored_for_file(f, config)]

    for f in findings:
        # a rule may report a finding as a note whatever its level (memory kept for the process's life)
        f.level = Level.NOTE if f.level is Level.NOTE else levels[f.rule_id]
    if not include_suppressed:
        findings = [f for f in findings if f.suppression is None]
    findings = _dedupe(sorted(findings, key=Finding.sort_key))
    _fingerprint(findings, {s.display: s for s in reported_sources})
    assumptions.sort(key=lambda a: (a.span.path, a.span.start.line, a.span.start.column, a.rule_id))
    return Report(findings, sorted(problems, key=lambda p: (p.path, p.line)), [r.meta for r in rules.values()],
                  len(reported_sources), levels, assumptions)


def _ignored_for_file(finding: Finding, config: Config) -> bool:
    for pattern, ids in config.per_file_ignores.items():
        if any(s == "ALL" or finding.rule_id.startswith(s) for s in ids):
            if excluded(Path(finding.span.path), [pattern], config.root):
                return True
    return False


def _dedupe(findings: list[Finding]) -> list[Finding]:
    out, seen = [], set()
    for f in findings:
        key = (f.rule_id, f.span, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _fingerprint(findings: list[Finding], sources: dict[str, SourceFile]) -> None:
    """A hash of the rule, the file and the finding's line text (white space folded),
    with an occurrence count: stable when unrelated edits shift lines."""
    seen: dict[str, int] = {}
    for f in findings:
        source = sources.get(f.span.path)
        line = source.line_bytes(f.span.start.line) if source else b""
        base = b"\0".join([f.rule_id.encode(), f.span.path.encode(), b" ".join(line.split())])
        digest = hashlib.sha256(base).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        f.fingerprint = f"{digest}:{seen[digest]}"
