"""`path:line:col: level: ID message`, one per line: the shape go vet and gcc print, so editors
and problem matchers jump to it (gcc's matchers and Vim's %t read the level). Columns are 1-based
byte columns, as go vet's.

Each related location follows on an indented line as `path:line.col: message` (GNU's form for a
line and column): VS Code's $go and $gcc matchers and Vim's default 'errorformat' need `:line:`
or `:line:col:`, so they skip these lines instead of listing them as problems of their own."""

from __future__ import annotations

from cgolint.findings import Report
from cgolint.output.paths import printable


# ANSI colours for a terminal (--color): the place bold, the rule id by level, related lines dim.
_LEVEL = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def render(report: Report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        s = f.span.start
        place = f"{printable(f.span.path)}:{s.line}:{s.column}:"
        level = f"{f.level.value}:"
        if color:
            line = f"{_BOLD}{place}{_RESET} {_LEVEL[f.level.value]}{level} {f.rule_id}{_RESET} {f.message}"
        else:
            line = f"{place} {level} {f.rule_id} {f.message}"
        if f.suppression is not None:
            line += f" [suppressed: {f.suppression.justification}]"
        lines.append(line)
        for r in f.related:
            related = f"    {printable(r.span.path)}:{r.span.start.line}.{r.span.start.column}: {r.message}"
            lines.append(f"{_DIM}{related}{_RESET}" if color else related)
    return "".join(line + "\n" for line in lines)


def render_problems(report: Report) -> str:
    """For stderr in text mode: files that could not be read or parsed."""
    out = []
    for p in report.problems:
        where = f"{printable(p.path)}:{p.line}" if p.line else printable(p.path)
        out.append(f"{where}: {p.level}: {p.message}\n")
    return "".join(out)


def summary(report: Report, fixed: int | None = None, unsafe: bool = False) -> str:
    """The last line on stderr: what was found (and fixed), and what --fix could still do."""
    shown = [f for f in report.findings if f.suppression is None]
    done = f"fixed {fixed} finding(s); " if fixed else ""
    if not shown:
        return f"cgolint: {done}no findings in {report.files_checked} file(s)\n"
    counts = {}
    for f in shown:
        counts[f.level.value] = counts.get(f.level.value, 0) + 1
    parts = ", ".join(f"{n} {lvl}" for lvl, n in sorted(counts.items()))
    line = f"cgolint: {done}{len(shown)} finding(s) ({parts}) in {report.files_checked} file(s)"
    safe = sum(1 for f in shown if f.fix is not None and f.fix.safe)
    risky = sum(1 for f in shown if f.fix is not None and not f.fix.safe)
    if fixed is None and safe:
        line += f"; {safe} fixable with --fix"
    if risky and not unsafe:
        line += f"; {risky} more fixable with --fix --unsafe-fixes (check what each assumes)"
    return line + "\n"
