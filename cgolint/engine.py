"""The pipeline: discover files → for each directory, parse its packages once → shared facts →
rules → findings (cgolint/lint.py) → one Report for the formatters.

Formatters get a Report and never see rules beyond their metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cgolint.catalog import rule_meta
from cgolint.config import Config, Settings, resolve_rules
from cgolint.discover import Target, discover
from cgolint.findings import DirectoryResult, Finding, Report
from cgolint.registry import RULES
from cgolint.source import real_path

if TYPE_CHECKING:
    from cgolint.fixes import Fixed


def settings_for(config: Config, select: list[str] | None = None, ignore: list[str] = (),
                 include_suppressed: bool = False) -> Settings:
    active = resolve_rules(select if select is not None else config.select, [*config.ignore, *ignore], RULES)
    return Settings(config, tuple(sorted(active)), Path.cwd(), include_suppressed)


def run(
    paths: list[Path],
    config: Config,
    select: list[str] | None = None,
    ignore: list[str] = (),
    include_suppressed: bool = False,
    jobs: int = 1,
    cache_dir: Path | None = None,
    stdin: tuple[Path, bytes] | None = None,
    respect_gitignore: bool = True,
    fix: str | None = None,
) -> tuple[Report, Fixed | None]:
    """Raises ConfigError for bad rule options and UsageError for missing paths.
    cache_dir: where results are cached (None: no cache). stdin: (path, text) to check text that is
    not on disk (an editor's unsaved buffer) as that file, with the rest of its package from disk.
    fix: "safe" or "unsafe" to apply those fixes in memory (fixes.py): the report is then of the
    fixed text, and the Fixed says what changed (nothing is written here)."""
    settings = settings_for(config, select, ignore, include_suppressed)
    known: list[DirectoryResult | None] | None = None
    if stdin is None:
        targets = discover(paths, config.exclude, config.root, respect_gitignore)
        if cache_dir is not None and not fix:
            known = _stamped_results(targets, settings, cache_dir)
    fixed = None
    if known is not None and all(r is not None for r in known):
        # Every result comes from the cache: no rule is built and no analysis is imported. (The cache
        # keys on the settings and cgolint's code, and a result is stored only by a run whose rules
        # were built from these settings, so their options are known to be good.)
        results = [r for r in known if r is not None]
    else:
        from cgolint.fixes import fix_results
        from cgolint.workers import lint_targets, make_linter

        linter = make_linter(settings, cache_dir)  # builds the rules: bad options fail here, before any work
        if stdin is not None:
            path, text = stdin
            targets = [Target(real_path(path.parent), {real_path(path)})]
            results = [linter.lint(targets[0], {real_path(path): text})]
        else:
            results = lint_targets(targets, linter, jobs, cache_dir, known)
        fixed = fix_results(linter, targets, results, unsafe=fix == "unsafe") if fix and stdin is None else None
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    problems = sorted((p for r in results for p in r.problems), key=lambda p: (p.path, p.line))
    assumptions = sorted((a for r in results for a in r.assumptions),
                         key=lambda a: (a.span.path, a.span.start.line, a.span.start.column, a.rule_id))
    report = Report(findings, problems, [rule_meta(rid) for rid in settings.rule_ids],
                    sum(r.files_checked for r in results), settings.levels(), assumptions)
    return report, fixed


def _stamped_results(targets: list[Target], settings: Settings, cache_dir: Path) -> list[DirectoryResult | None]:
    """Each directory's cached result found by its files' stamps (cache.Cache.stamp), else None."""
    from cgolint.cache import Cache

    cache = Cache(cache_dir, settings)
    return [cache.quick_lookup(cache.stamp(t)) for t in targets]
