"""New code only, as golangci-lint's --new-from-rev and --new-from-patch: keep the findings on
lines a change adds or modifies, for pull requests on a codebase with old findings.

--new-from-rev REV compares the working tree (committed, staged and unstaged changes, and new
untracked files) with REV through `git diff`; --new-from-patch FILE reads a unified diff whose
paths are relative to the working directory (`git diff > FILE` at the repository's root).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

from cgolint.config import ConfigError
from cgolint.findings import Report

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_NEW_FILE = re.compile(rb"^\+\+\+ (?:b/)?(.*?)(?:\t.*)?$")
EVERY_LINE = None  # a new file: all of it is new


def parse_patch(data: bytes, base: Path) -> dict[Path, set[int] | None]:
    """Per file (absolute, resolved from base), the new-side numbers of the lines a unified diff
    adds or changes (its `+` lines; context lines are not new)."""
    changed: dict[Path, set[int] | None] = {}
    current: Path | None = None
    line = 0
    for raw in data.splitlines():
        if raw.startswith(b"+++ "):
            m = _NEW_FILE.match(raw)
            name = m.group(1) if m else b"/dev/null"
            current = None if name == b"/dev/null" else Path(os.path.normpath(base / os.fsdecode(name)))
            if current is not None:
                changed.setdefault(current, set())
            continue
        m = _HUNK.match(raw)
        if m:
            line = int(m.group(1))
            continue
        if current is None or not line:
            continue
        if raw.startswith(b"+"):
            lines = changed[current]
            if lines is not None:
                lines.add(line)
            line += 1
        elif raw.startswith(b" ") or raw == b"":
            line += 1
        elif raw.startswith(b"-") or raw.startswith(b"\\"):
            continue
        else:
            line = 0  # past the hunk: a header of the next file
    return changed


def from_patch(path: Path) -> dict[Path, set[int] | None]:
    try:
        return parse_patch(path.read_bytes(), Path.cwd())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the patch: {exc.strerror or exc}") from None


def from_rev(rev: str) -> dict[Path, set[int] | None]:
    """Lines changed since rev in the git work tree holding the working directory."""
    top = _git("rev-parse", "--show-toplevel").strip()
    root = Path(os.fsdecode(top))
    _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", what=f"{rev!r} is not a commit of this repository")
    changed = parse_patch(_git("diff", "--no-color", "--no-ext-diff", "-U0", rev, "--"), root)
    for name in _git("ls-files", "--others", "--exclude-standard", "-z", cwd=root).split(b"\0"):
        if name:
            changed[Path(os.path.normpath(root / os.fsdecode(name)))] = EVERY_LINE
    return changed


def _git(*args: str, cwd: Path | None = None, what: str = "") -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise ConfigError("--new-from-rev needs git, which is not installed") from None
    if done.returncode != 0:
        message = what or done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed"
        raise ConfigError(f"--new-from-rev: {message}")
    return done.stdout


def keep_new(report: Report, changed: dict[Path, set[int] | None]) -> Report:
    """The report with only the findings whose line a change added or modified."""
    cwd = Path.cwd()

    def new(path: str, line: int) -> bool:
        where = Path(os.path.normpath(cwd / path))
        if where not in changed:
            where = Path(os.path.realpath(where))
            if where not in changed:
                return False
        lines = changed[where]
        return lines is EVERY_LINE or line in lines

    return replace(report, findings=[f for f in report.findings if new(f.span.path, f.span.start.line)])
