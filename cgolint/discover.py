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

from cgolint.gitignore import GitIgnored
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


def discover(paths: list[Path], exclude: list[str], root: Path, respect_gitignore: bool = True) -> list[Target]:
    """respect_gitignore: a walk skips what git ignores (files named on the command line never are)."""
    targets: dict[Path, Target] = {}
    git = GitIgnored()
    for path in map(go_pattern, paths):
        if path.is_dir():
            if excluded(path, exclude, root) and real_path(path) != real_path(Path.cwd()):
                continue
            top = git.toplevel(path) if respect_gitignore else None  # once per walk: nested repositories are rare
            for dirpath, dirnames, filenames in os.walk(path):
                here = real_path(Path(dirpath))
                skip = git.ignored_in(top, here, dirnames)
                dirnames[:] = sorted(
                    d for d in dirnames if not skipped_dir(d) and not excluded(Path(dirpath, d), exclude, root)
                    and d not in skip
                )
                sources = [f for f in filenames if f.endswith(SOURCE_SUFFIXES)]
                if not sources:
                    continue
                unseen = git.ignored_in(top, here, sources)
                kept = [f for f in sources if f not in unseen]
                if not kept:
                    continue
                if len(kept) == len(sources):
                    targets.setdefault(here, Target(here)).reported = None
                else:  # the ignored files are still read, for their package's facts, but not reported on
                    target = targets.setdefault(here, Target(here, set()))
                    if target.reported is not None:
                        target.reported |= {real_path(here / f) for f in kept}
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
