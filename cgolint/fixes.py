"""Applying the fixes findings carry: `check --fix`, `--diff`, `--unsafe-fixes`, `--show-fixes`.

A fix is data on a finding (cgolint/findings.py: Fix, Edit); this module only reads that data.
Each round applies, per file, every applicable fix whose edits do not overlap an edit already
applied (a fix is applied whole or not at all; an edit identical to one applied, such as the
`import "unsafe"` two fixes add, counts once). The directories touched are then linted again
from the fixed text in memory, and the next round applies what is left, until nothing changes
(at most MAX_ROUNDS). Nothing is written unless asked: --diff prints the changes instead.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cgolint.discover import Target
from cgolint.findings import DirectoryResult, Finding
from cgolint.lint import Linter
from cgolint.output.paths import printable
from cgolint.source import real_path

MAX_ROUNDS = 10


@dataclass
class Fixed:
    """What fixing did: the files' text before and after, and the findings whose fixes went in."""

    before: dict[Path, bytes] = field(default_factory=dict)
    after: dict[Path, bytes] = field(default_factory=dict)
    applied: list[Finding] = field(default_factory=list)

    def changed(self) -> list[Path]:
        return sorted(p for p in self.after if self.after[p] != self.before[p])


def applicable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and finding.suppression is None and (finding.fix.safe or unsafe)


def fix_results(linter: Linter, targets: list[Target], results: list[DirectoryResult], unsafe: bool) -> Fixed:
    """Apply the fixes of results (one per target) round after round, in memory; results are
    replaced by each directory's result for the fixed text."""
    fixed = Fixed()
    cwd = linter.settings.cwd
    for _ in range(MAX_ROUNDS):
        by_file: dict[Path, list[Finding]] = {}
        for result in results:
            for f in result.findings:
                if applicable(f, unsafe):
                    by_file.setdefault(real_path(cwd / f.span.path), []).append(f)
        touched: set[Path] = set()
        for path, findings in sorted(by_file.items()):
            if path not in fixed.before:
                try:
                    fixed.before[path] = path.read_bytes()
                except OSError:
                    continue
            data = fixed.after.get(path, fixed.before[path])
            new, applied = apply(data, findings)
            if new != data:
                fixed.after[path] = new
                fixed.applied += applied
                touched.add(path.parent)
        if not touched:
            break
        for i, target in enumerate(targets):
            if real_path(target.directory) in touched:
                overrides = {p: text for p, text in fixed.after.items() if p.parent == real_path(target.directory)}
                results[i] = linter.lint(target, overrides)
    for path in fixed.before:
        fixed.after.setdefault(path, fixed.before[path])
    return fixed


def apply(data: bytes, findings: list[Finding]) -> tuple[bytes, list[Finding]]:
    """data with the findings' fixes that fit applied, in the findings' order, and those findings."""
    starts = _line_starts(data)
    taken: list[tuple[int, int, str]] = []
    applied: list[Finding] = []
    for f in findings:
        assert f.fix is not None
        edits = [(_offset(starts, e.span.start), _offset(starts, e.span.end), e.replacement) for e in f.fix.edits]
        new = [e for e in edits if e not in taken]
        if any(e[1] < e[0] or e[1] > len(data) for e in new) or any(_clash(e, t) for e in new for t in taken):
            continue
        taken += new
        applied.append(f)
    out, at = [], 0
    for start, end, text in sorted(taken, key=lambda e: (e[0], e[1])):  # stable: same-place inserts keep their order
        out.append(data[at:start])
        out.append(text.encode("utf-8"))
        at = end
    out.append(data[at:])
    return b"".join(out), applied


def _clash(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    (s1, e1, _), (s2, e2, _) = a, b
    if s1 < e2 and s2 < e1:
        return True  # overlapping ranges
    if s1 == e1 == s2 == e2:
        return True  # two insertions at one place: the next round sees the first (and names no variable twice)
    return (s1 == e1 and s2 < s1 < e2) or (s2 == e2 and s1 < s2 < e1)  # an insertion inside a replaced range


def _line_starts(data: bytes) -> list[int]:
    starts = [0]
    i = data.find(b"\n")
    while i >= 0:
        starts.append(i + 1)
        i = data.find(b"\n", i + 1)
    return starts


def _offset(starts: list[int], position) -> int:
    return starts[position.line - 1] + position.column - 1


def write(fixed: Fixed) -> list[str]:
    """Write the changed files in place (each replaced whole, keeping its mode); the problems met."""
    problems = []
    for path in fixed.changed():
        try:
            mode = path.stat().st_mode & 0o7777
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".cgolint")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(fixed.after[path])
                os.chmod(tmp, mode)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as exc:
            problems.append(f"{printable(str(path))}: cannot write the fixed file: {exc.strerror or exc}")
    return problems


def diff(fixed: Fixed, cwd: Path) -> str:
    """The changes as a unified diff, paths relative to cwd (as `git diff` shows them)."""
    out = []
    for path in fixed.changed():
        try:
            name = path.relative_to(real_path(cwd)).as_posix()
        except ValueError:
            name = path.as_posix()
        before = fixed.before[path].decode("utf-8", "surrogateescape").splitlines(keepends=True)
        after = fixed.after[path].decode("utf-8", "surrogateescape").splitlines(keepends=True)
        out += difflib.unified_diff(before, after, f"a/{printable(name)}", f"b/{printable(name)}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def summary(applied: list[Finding], names: dict[str, str]) -> str:
    """ruff's --show-fixes list: per file, how many of each rule were fixed."""
    if not applied:
        return "cgolint: no fixes applied\n"
    counts: dict[str, dict[str, int]] = {}
    for f in applied:
        per_file = counts.setdefault(f.span.path, {})
        per_file[f.rule_id] = per_file.get(f.rule_id, 0) + 1
    lines = [f"Fixed {len(applied)} finding(s):"]
    for path in sorted(counts):
        lines.append(f"- {printable(path)}:")
        lines += [f"    {n} × {rid} ({names.get(rid, '')})" for rid, n in sorted(counts[path].items())]
    return "\n".join(lines) + "\n"
