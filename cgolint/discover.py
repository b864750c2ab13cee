"""Which files to read: directories walked the way the go tool does, and files named directly.

Directories `vendor`, `testdata`, and those starting with `.` or `_` are
skipped, as are paths matching the configuration's `exclude` globs. A file
named directly (as pre-commit does) brings its whole package in for facts,
but only findings in the named files are reported.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from cgolint.source import real_path

SOURCE_SUFFIXES = (".go", ".c", ".h")


class UsageError(Exception):
    """Bad command-line input: exit code 2."""


@dataclass
class Target:
    directory: Path
    reported: set[Path] | None = field(default=None)  # None: every file in the directory


def skipped_dir(name: str) -> bool:
    return name in ("vendor", "testdata") or name.startswith((".", "_"))


def excluded(path: Path, patterns: list[str], root: Path) -> bool:
    if not patterns:
        return False
    try:
        rel = real_path(path).relative_to(root).as_posix()
    except ValueError:
        rel = real_path(path).as_posix()
    for pattern in patterns:
        pat = pattern.rstrip("/")
        if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(path.name, pat):
            return True
        if fnmatch.fnmatchcase(rel, pat + "/*"):
            return True  # a directory pattern excludes what is below it
    return False


def go_pattern(path: Path) -> Path:
    """The go tool's `./...` and `dir/...` (a directory and everything below it) as the directory:
    a directory is walked recursively anyway."""
    return (path.parent if str(path.parent) else Path(".")) if path.name == "..." else path


def discover(paths: list[Path], exclude: list[str], root: Path) -> list[Target]:
    targets: dict[Path, Target] = {}
    for path in map(go_pattern, paths):
        if path.is_dir():
            if excluded(path, exclude, root) and real_path(path) != real_path(Path.cwd()):
                continue
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(
                    d for d in dirnames if not skipped_dir(d) and not excluded(Path(dirpath, d), exclude, root)
                )
                if any(f.endswith(SOURCE_SUFFIXES) for f in filenames):
                    key = real_path(Path(dirpath))
                    targets.setdefault(key, Target(key)).reported = None
        elif path.exists() or path.is_symlink():
            if not path.name.endswith(SOURCE_SUFFIXES) or excluded(path, exclude, root):
                continue
            key = real_path(path.parent)
            target = targets.setdefault(key, Target(key, set()))
            if target.reported is not None:
                target.reported.add(real_path(path))
        else:
            raise UsageError(f"{path}: no such file or directory")
    return [targets[k] for k in sorted(targets)]
