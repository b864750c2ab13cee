"""Baselines: `--write-baseline FILE` records a run's findings; `--baseline FILE` reports only the
findings that are not in it, and counts the entries that no longer match anything (stale).

An entry is (rule, file, fingerprint): the fingerprint hashes the enclosing function and the
statement's text, never a line number (lint.py), so an entry survives edits that move code; a
second identical leak added to the same function has a new occurrence count and is reported.
The file is JSON, sorted, one entry per finding, with the line and message for people reading it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from cgolint import __version__
from cgolint.config import ConfigError
from cgolint.findings import Finding, Report

FORMAT = 1


@dataclass(frozen=True)
class Entry:
    rule: str
    path: str
    fingerprint: str
    line: int = 0  # where it was when recorded: for people, never matched on
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.path, self.fingerprint)


@dataclass
class Filtered:
    report: Report  # the findings not in the baseline
    matched: int  # findings the baseline holds (not reported)
    stale: list[Entry]  # entries no finding matched


def entries(report: Report) -> list[Entry]:
    return [Entry(f.rule_id, f.span.path, f.fingerprint, f.span.start.line, f.message)
            for f in report.findings if f.suppression is None]


def write(path: Path, report: Report) -> int:
    rows = sorted(entries(report), key=lambda e: (e.path, e.line, e.rule, e.fingerprint))
    doc = {"cgolint-baseline": FORMAT, "version": __version__,
           "findings": [{"rule": e.rule, "path": e.path, "fingerprint": e.fingerprint, "line": e.line,
                         "message": e.message} for e in rows]}
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(rows)


def read(path: Path) -> list[Entry]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline not found (write one with --write-baseline {path})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a cgolint baseline: {exc}") from None
    if not isinstance(doc, dict) or doc.get("cgolint-baseline") != FORMAT or not isinstance(doc.get("findings"), list):
        raise ConfigError(f"{path}: not a cgolint baseline (format {FORMAT}); write one with --write-baseline")
    try:
        return [Entry(str(e["rule"]), str(e["path"]), str(e["fingerprint"]), int(e.get("line", 0)),
                      str(e.get("message", ""))) for e in doc["findings"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: a baseline entry lacks rule, path or fingerprint ({exc})") from None


def apply(report: Report, baseline: list[Entry]) -> Filtered:
    known = {e.key for e in baseline}
    new: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for f in report.findings:
        key = (f.rule_id, f.span.path, f.fingerprint)
        if key in known and f.suppression is None:
            seen.add(key)
        else:
            new.append(f)
    stale = [e for e in baseline if e.key not in seen]
    return Filtered(replace(report, findings=new), len(report.findings) - len(new), stale)
