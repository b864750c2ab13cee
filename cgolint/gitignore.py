"""Which paths git ignores, so a directory walk skips them as ruff does (`--no-respect-gitignore`
turns it off).

git itself answers, once per repository: `git ls-files --others --ignored --exclude-standard
--directory` lists the untracked paths that .gitignore, .git/info/exclude and the global excludes
file ignore (a whole ignored directory as one entry). Outside a git work tree, or without git,
nothing is ignored. Files named on the command line are checked whatever git says.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from cgolint.source import real_path


class GitIgnored:
    """Asks git once per repository; a walk asks per directory, with the directory's entries."""

    def __init__(self) -> None:
        self._git = shutil.which("git")
        self._repos: dict[Path, tuple[set[Path], set[Path]]] = {}  # top level → (ignored files, ignored dirs)

    def toplevel(self, directory: Path) -> Path | None:
        """The top of the git work tree directory is in, or None (not in one, or no git)."""
        if self._git is None:
            return None
        done = subprocess.run([self._git, "-C", str(directory), "rev-parse", "--show-toplevel"],
                              capture_output=True, timeout=60)
        if done.returncode != 0 or not done.stdout.strip():
            return None
        return real_path(Path(os.fsdecode(done.stdout.strip())))

    def _listing(self, top: Path) -> tuple[set[Path], set[Path]]:
        if top not in self._repos:
            files, dirs = set(), set()
            done = subprocess.run([self._git, "-C", str(top), "ls-files", "-z", "--others", "--ignored",
                                   "--exclude-standard", "--directory"], capture_output=True, timeout=600)
            if done.returncode == 0:
                for raw in done.stdout.split(b"\0"):
                    if raw:
                        entry = top / os.fsdecode(raw.rstrip(b"/"))
                        (dirs if raw.endswith(b"/") else files).add(entry)
            self._repos[top] = (files, dirs)
        return self._repos[top]

    def ignored_in(self, top: Path | None, directory: Path, names: list[str]) -> set[str]:
        """The entries of directory (a real path inside the work tree at top) that git ignores."""
        if top is None:
            return set()
        files, dirs = self._listing(top)
        if not files and not dirs:
            return set()
        if directory in dirs or any(parent in dirs for parent in directory.parents):
            return set(names)
        return {n for n in names if directory / n in files or directory / n in dirs}
