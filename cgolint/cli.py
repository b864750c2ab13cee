"""Command line: `cgolint check`, `cgolint rules`, `cgolint rule ID`.

Exit codes: 0 no findings at or above --fail-level, 1 such findings,
2 usage or configuration error, or an internal error (a bug in cgolint: the findings may be
incomplete).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from cgolint import __version__
from cgolint.catalog import rule_meta
from cgolint.config import Config, check_rule_selectors, find_config, load_config
from cgolint.discover import UsageError
from cgolint.findings import Level
from cgolint.output import MODULES as FORMATS, formatter
from cgolint.registry import RULES, rule_options
from cgolint.config import ConfigError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2, as argparse does, with our prefix
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"cgolint: error: {message}\n")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of jobs, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _globs(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cgolint", description="A linter for cgo code: Go files that import \"C\", "
                     "their C preambles and the package's .c/.h files.")
    parser.add_argument("--version", action="version", version=f"cgolint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = sub.add_parser("check", help="check files and directories (default: .)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.add_argument("--format", "--output-format", choices=sorted(FORMATS), default="text",
                       help="output format (default: text); --output-format is ruff's name for it")
    check.add_argument("--category", metavar="NAME",
                       help="SARIF only: the analysis category GitHub code scanning files the results under "
                            "(runs[].automationDetails.id), to upload several runs for one commit")
    check.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--select", type=_ids, metavar="IDS", help="only these rules (comma-separated ids or prefixes)")
    check.add_argument("--ignore", type=_ids, default=[], metavar="IDS", help="skip these rules (comma-separated)")
    check.add_argument("--extend-select", type=_ids, default=[], metavar="IDS",
                       help="run these rules too, on top of the configured or default selection")
    check.add_argument("--exclude", type=_globs, metavar="GLOBS",
                       help="paths to skip (comma-separated globs), instead of the configuration's exclude")
    check.add_argument("--extend-exclude", type=_globs, default=[], metavar="GLOBS",
                       help="paths to skip on top of the configuration's exclude")
    check.add_argument("--no-respect-gitignore", action="store_true",
                       help="also walk into what .gitignore ignores (files named on the command line always count)")
    check.add_argument("--show-settings", action="store_true",
                       help="print the settings this run would use (configuration file, rules, levels, excludes, "
                            "cache, jobs) and exit")
    check.add_argument("--fix", action="store_true",
                       help="apply the safe fixes in place (the findings then reported are those left)")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff: apply unsafe fixes too (each says what it assumes)")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff and change nothing (exit 1 when there is a change)")
    check.add_argument("--show-fixes", action="store_true", help="with --fix or --diff: list what was fixed")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the findings in FILE (to report only new ones with --baseline) and exit 0")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="report only findings that are not in FILE (written by --write-baseline)")
    check.add_argument("--show-stale", action="store_true",
                       help="with --baseline: list the baseline's entries that no longer match a finding")
    check.add_argument("--new-from-rev", metavar="REV",
                       help="report only findings on lines changed since the git revision REV (for pull requests)")
    check.add_argument("--new-from-patch", type=Path, metavar="FILE",
                       help="report only findings on lines a unified diff (paths relative to here) adds or changes")
    check.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: found from the first path)")
    check.add_argument("--fail-level", choices=[lv.value for lv in Level], help="lowest level that makes the exit code 1 (default: warning)")
    check.add_argument("--include-suppressed", action="store_true", help="also report suppressed findings, marked as such")
    check.add_argument("--quiet", "-q", action="store_true", help="no summary line on stderr")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour in text output: auto (default) colours a terminal unless NO_COLOR is set")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when there are findings (usage, configuration and internal errors still exit 2)")
    check.add_argument("--statistics", action="store_true",
                       help="instead of the findings, print how many each rule reported, most first")
    check.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                       help="check N directories at a time, each in its own process (default: all cores)")
    check.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="where to keep results between runs (default: .cgolint_cache beside the "
                            "configuration file, or in the working directory; or $CGOLINT_CACHE_DIR)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    check.add_argument("--stdin-filename", type=Path, metavar="PATH",
                       help="with the path -, read the file's text from standard input and report it as PATH "
                            "(the rest of its package is read from disk), as an editor needs for unsaved text")
    sub.add_parser("rules", help="list the rules")
    rule = sub.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("rule_id", metavar="ID")
    server = sub.add_parser("server", help="run the language server (LSP) on standard input and output, for editors")
    server.add_argument("--stdio", action="store_true", help="accepted for editors that pass it; stdio is the only transport")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a terminal that is not UTF-8 gets escapes, not a traceback
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "rules":
            return _list_rules()
        if args.command == "rule":
            return _show_rule(args.rule_id)
        if args.command == "check":
            return _check(args)
        if args.command == "server":
            from cgolint.server import serve  # pygls is imported only for the server

            return serve()
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    except (ConfigError, UsageError) as exc:
        print(f"cgolint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _list_rules() -> int:
    for rid in sorted(RULES):
        meta = rule_meta(rid)
        print(f"{meta.id}  {meta.name:<30} {meta.level.value:<8} {meta.short}")
    return EXIT_OK


def _show_rule(rule_id: str) -> int:
    rule_id = rule_id.upper()
    if rule_id not in RULES:
        print(f"cgolint: error: unknown rule {rule_id!r}; known: {', '.join(sorted(RULES))}", file=sys.stderr)
        return EXIT_ERROR
    print(rule_meta(rule_id).text(), end="")
    return EXIT_OK


def _check(args) -> int:
    from cgolint.cache import default_cache_dir  # imported here so `cgolint rules` stays quick
    from cgolint.engine import run, settings_for
    from cgolint.workers import default_jobs

    if args.category is not None and (args.format != "sarif" or not args.category.strip("/")):
        raise UsageError("--category names the SARIF run's category: use it with --format sarif, and give a name")
    if args.baseline is not None and args.write_baseline is not None:
        raise UsageError("--baseline and --write-baseline: give one (write a baseline, then report against it)")
    if args.new_from_rev is not None and args.new_from_patch is not None:
        raise UsageError("--new-from-rev and --new-from-patch: give one")
    if (args.fix or args.diff) and (args.stdin_filename is not None or Path("-") in args.paths):
        raise UsageError("--fix and --diff change files on disk: they do not take standard input")
    stdin = None
    if args.stdin_filename is not None or Path("-") in args.paths:
        if args.stdin_filename is None or args.paths != [Path("-")]:
            raise UsageError("read from standard input with `--stdin-filename PATH -` (PATH names the file, "
                             "and - must be the only path)")
        stdin = (args.stdin_filename, sys.stdin.buffer.read())
    paths = [args.stdin_filename] if stdin else (args.paths or [Path(".")])
    options = rule_options()
    if args.config is not None:
        if not args.config.exists():
            raise UsageError(f"{args.config}: configuration file not found")
        config = load_config(args.config, options)
    else:
        found = find_config(paths[0])
        config = load_config(found, options) if found else Config()
    if args.select is not None:
        check_rule_selectors(args.select, options, "--select")
    check_rule_selectors(args.ignore, options, "--ignore")
    check_rule_selectors(args.extend_select, options, "--extend-select")
    if args.exclude is not None or args.extend_exclude:
        config = dataclasses.replace(config, exclude=[*(args.exclude if args.exclude is not None else config.exclude),
                                                      *args.extend_exclude])
    select = args.select
    if args.extend_select:
        base = select if select is not None else (config.select if config.select is not None else ["ALL"])
        select = [*base, *args.extend_select]
    cache_dir = None
    if not args.no_cache:
        cache_dir = args.cache_dir or default_cache_dir(settings_for(config, select, args.ignore))
    jobs = args.jobs or default_jobs()
    if args.show_settings:
        sys.stdout.write(show_settings(settings_for(config, select, args.ignore, args.include_suppressed), cache_dir, jobs))
        return EXIT_OK
    fixing = args.fix or args.diff
    mode = ("unsafe" if args.unsafe_fixes else "safe") if fixing else None
    report, fixed = run(paths, config, select, args.ignore, args.include_suppressed, jobs, cache_dir, stdin,
                        not args.no_respect_gitignore, fix=mode)
    if fixed is not None:
        from cgolint import fixes

        if args.diff:
            from cgolint.output.text import render_problems

            sys.stdout.write(fixes.diff(fixed, Path.cwd()))
            sys.stderr.write(render_problems(report))  # an unreadable file or a bug must not pass as "no change"
            if args.show_fixes:
                sys.stderr.write(fixes.summary(fixed.applied, {m.id: m.name for m in report.rules}))
            if report.internal_errors:
                return EXIT_ERROR
            return EXIT_FINDINGS if fixed.changed() else EXIT_OK
        problems = fixes.write(fixed)
        for problem in problems:
            print(f"cgolint: error: {problem}", file=sys.stderr)
        if args.show_fixes:
            sys.stderr.write(fixes.summary(fixed.applied, {m.id: m.name for m in report.rules}))
        if problems:
            return EXIT_ERROR
    if args.write_baseline is not None:
        from cgolint import baseline

        count = baseline.write(args.write_baseline, report)
        print(f"cgolint: wrote {count} finding(s) to the baseline {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if report.internal_errors else EXIT_OK
    baselined = None
    if args.baseline is not None:
        from cgolint import baseline

        baselined = baseline.apply(report, baseline.read(args.baseline))
        report = baselined.report
    if args.new_from_rev is not None or args.new_from_patch is not None:
        from cgolint import newcode

        changed = newcode.from_rev(args.new_from_rev) if args.new_from_rev is not None \
            else newcode.from_patch(args.new_from_patch)
        report = newcode.keep_new(report, changed)
    if args.statistics:
        rendered = statistics(report)
    elif args.format == "text":
        rendered = formatter("text")(report, color=_colour(args.color, args.output))
    elif args.format == "sarif":
        rendered = formatter("sarif")(report, category=args.category)
    else:
        rendered = formatter(args.format)(report)
    if args.output is not None:
        try:
            args.output.write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.output}: cannot write report: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(rendered)
    if args.format == "text":
        from cgolint.output.text import render_problems, summary

        sys.stderr.write(render_problems(report))
        if not args.quiet:
            sys.stderr.write(summary(report, fixed=len(fixed.applied) if fixed is not None else None,
                                     unsafe=args.unsafe_fixes))
    if baselined is not None and not args.quiet:
        stale = baselined.stale
        note = f"cgolint: {baselined.matched} finding(s) in the baseline {args.baseline} not shown"
        if stale:
            note += f"; {len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} no longer match"
            note += ":" if args.show_stale else " (--show-stale lists them)"
        sys.stderr.write(note + "\n")
        if args.show_stale:
            sys.stderr.write("".join(f"    {e.path}: {e.rule} {e.message} (line {e.line} when recorded)\n"
                                     for e in stale))
    if report.internal_errors:
        return EXIT_ERROR  # a bug in cgolint: its findings may be incomplete, so CI must not pass or read it as findings
    fail_level = Level(args.fail_level) if args.fail_level else (config.fail_level or Level.WARNING)
    return EXIT_FINDINGS if report.failing(fail_level) and not args.exit_zero else EXIT_OK


def _colour(mode: str, output: Path | None) -> bool:
    """--color: always, never, or auto (a terminal, not a file, and no NO_COLOR in the environment)."""
    if mode != "auto":
        return mode == "always"
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def show_settings(settings, cache_dir: Path | None, jobs: int) -> str:
    """The resolved settings, one `key = value` per line (TOML-like, for reading, not for loading)."""
    config = settings.config
    levels = {rid: level.value for rid, level in settings.levels().items()}
    lines = [
        f"configuration = {str(config.path) if config.path else '(none: defaults)'}",
        f"root = {config.root}",
        f"rules = {', '.join(f'{rid} ({levels[rid]})' for rid in settings.rule_ids)}",
        f"exclude = {config.exclude}",
        f"per-file-ignores = {config.per_file_ignores}",
        f"fail-level = {(config.fail_level or Level.WARNING).value}",
        f"max-file-size = {config.max_file_size}",
        f"takes-ownership = {config.takes_ownership}",
        f"cache = {cache_dir if cache_dir is not None else '(off)'}",
        f"jobs = {jobs}",
    ]
    for rid in settings.rule_ids:
        options = {k: v for k, v in config.rules.get(rid, {}).items() if k != "level"}
        if options:
            lines.append(f"rules.{rid} = {options}")
    return "".join(line + "\n" for line in lines)


def statistics(report) -> str:
    """`count  ID  name` per rule that reported something (suppressed findings left out), most first."""
    names = {m.id: m.name for m in report.rules}
    counts: dict[str, int] = {}
    for f in report.findings:
        if f.suppression is None:
            counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    return "".join(f"{n:6}  {rid}  {names.get(rid, '')}\n" for rid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
