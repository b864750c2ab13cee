"""Directories checked on several cores: one worker process per directory, biggest first.

A worker lints whole directories with one Linter: a forked worker starts with the parent's, a
spawned one builds its own. Nothing but finished results crosses between processes. Results come
back in the order of the directories, so the output is byte-identical whatever the number of jobs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from cgolint.config import Settings
from cgolint.discover import SOURCE_SUFFIXES, Target
from cgolint.findings import DirectoryResult, Problem

if TYPE_CHECKING:
    from cgolint.lint import Linter

_linter: Linter | None = None  # a worker process's own


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def make_linter(settings: Settings, cache_dir: Path | None) -> Linter:
    from cgolint.lint import Linter  # the analysis: imported only by a run that has a directory to analyse

    if cache_dir is None:
        return Linter(settings)
    from cgolint.cache import Cache  # only a run with a cache needs it

    cache = Cache(cache_dir, settings)
    return Linter(settings, cache.lookup, cache.store, cache)


def _start(settings: Settings, cache_dir: Path | None) -> None:
    global _linter
    _linter = make_linter(settings, cache_dir)


def _lint(target: Target) -> DirectoryResult:
    assert _linter is not None
    return _linter.lint(target)


def _weight(target: Target) -> int:
    """Bytes of source in a directory: big directories start first, so the last to finish is small."""
    total = 0
    try:
        with os.scandir(target.directory) as entries:
            for entry in entries:
                if entry.name.endswith(SOURCE_SUFFIXES):
                    try:
                        total += entry.stat().st_size
                    except OSError:
                        pass
    except OSError:
        pass
    return total


def lint_targets(targets: list[Target], linter: Linter, jobs: int, cache_dir: Path | None,
                 known: list[DirectoryResult | None] | None = None) -> list[DirectoryResult]:
    """Each target's result, in the targets' order. linter: this process's, for jobs == 1. known:
    results already found (by the files' stamps), None where a target still needs its own."""
    results: list[DirectoryResult | None] = list(known) if known is not None else [None] * len(targets)
    missing = [i for i, r in enumerate(results) if r is None]
    if jobs > 1 and len(missing) > 1 and linter.lookup is not None:
        for i in missing:  # what the cache holds needs no worker
            results[i] = linter.cached(targets[i])
        missing = [i for i, r in enumerate(results) if r is None]
    if jobs <= 1 or len(missing) <= 1:
        for i in missing:
            results[i] = linter.lint(targets[i])
        return [r for r in results if r is not None]
    order = sorted(missing, key=lambda i: (-_weight(targets[i]), i))
    # imported here: a run whose results all come from the cache starts no process
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _linter
    fork = "fork" in multiprocessing.get_all_start_methods()
    # a forked worker starts with this process's linter; a spawned one builds its own
    _linter = linter if fork else None
    start = {} if fork else {"initializer": _start, "initargs": (linter.settings, cache_dir)}
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(missing)),
                                 mp_context=multiprocessing.get_context("fork" if fork else "spawn"), **start) as pool:
            futures = {i: pool.submit(_lint, targets[i]) for i in order}
            for i, future in futures.items():
                try:
                    results[i] = future.result()
                except BrokenProcessPool:
                    results[i] = _lost(targets[i], "the worker process checking it stopped unexpectedly")
                except Exception as exc:  # noqa: BLE001 - reported as an internal error of that directory
                    results[i] = _lost(targets[i], f"{type(exc).__name__}: {exc}")
    finally:
        _linter = None
    return [r for r in results if r is not None]


def _lost(target: Target, why: str) -> DirectoryResult:
    return DirectoryResult(problems=[Problem(str(target.directory), f"internal error: {why}; please report it",
                                             fatal=True, internal=True)])
