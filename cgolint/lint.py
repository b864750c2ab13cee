"""One directory in, its finished findings out: the function every way of running cgolint calls.

`Linter.lint(target)` reads a directory (or takes in-memory text for some of its files, for
editors and stdin), parses each of its packages once, computes the packages' facts, runs the
rules, applies suppressions, per-file ignores and levels, and fingerprints the findings. The
command line's walk, the worker pool and the cache all go through it; none re-implements a part.

A directory's result depends only on its sources and the Settings, which is what makes it
cacheable and safe to compute in any process: nothing from one directory is kept after its
result is made.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable
from typing import Protocol
from pathlib import Path

from tree_sitter import Node

from cgolint import suppressions
from cgolint.checks.bad_suppression import BadSuppression
from cgolint.config import Config, Settings
from cgolint.discover import Target, excluded
from cgolint.facts import PackageFacts
from cgolint.facts.owners import load_owners
from cgolint.findings import DirectoryResult, Finding, Level, Problem
from cgolint.loader import DirectorySources, build_packages, read_directory
from cgolint.registry import RULES
from cgolint.model import GoFile
from cgolint.source import SourceFile


# A cache sits between reading a directory and analysing it: (sources) → result or None, and
# (sources, result) → None to store one.
Lookup = Callable[[DirectorySources], "DirectoryResult | None"]
Store = Callable[[DirectorySources, "DirectoryResult"], None]


class Quick(Protocol):
    """A cache's stat-based index (cache.Cache): a directory's result without reading its files."""

    def stamp(self, target: Target) -> str | None: ...
    def quick_lookup(self, stamp: str | None) -> DirectoryResult | None: ...
    def remember(self, stamp: str | None, sources: DirectorySources) -> None: ...


class Linter:
    """The rules, built once per process from the settings (raises ConfigError for bad options)."""

    def __init__(self, settings: Settings, lookup: Lookup | None = None, store: Store | None = None,
                 quick: "Quick | None" = None) -> None:
        config = settings.config
        self.settings = settings
        active = set(settings.rule_ids)
        # Every configured rule is built, selected or not, so a typo in its options is reported now.
        built = {rid: RULES[rid](config.rules.get(rid, {}), config.origin) for rid in sorted(active | set(config.rules))}
        self.rules = {rid: rule for rid, rule in built.items() if rid in active}
        self.levels = settings.levels()
        self.owners = load_owners(config.takes_ownership, str(config.path) if config.path else "configuration")
        self.lookup, self.store, self.quick = lookup, store, quick

    def read(self, target: Target, overrides: dict[Path, bytes] | None = None) -> DirectorySources:
        config = self.settings.config
        return read_directory(target, self.settings.cwd, config.exclude, config.root, config.max_file_size, overrides)

    def cached(self, target: Target) -> DirectoryResult | None:
        """The directory's result if the cache holds it (by the files' stamp, else read and hashed), else None."""
        return self._look(target)[0]

    def _look(self, target: Target) -> tuple[DirectoryResult | None, DirectorySources | None, str | None]:
        """(the cached result or None, the sources if they had to be read, the directory's stamp).
        The stamp is taken before the files are read: see cache.Cache.stamp."""
        if self.lookup is None:
            return None, None, None
        quick = self.quick
        stamp = quick.stamp(target) if quick is not None else None
        if quick is not None and (found := quick.quick_lookup(stamp)) is not None:
            return found, None, stamp
        sources = self.read(target)
        found = self.lookup(sources)
        if found is not None and quick is not None:
            quick.remember(stamp, sources)
        return found, sources, stamp

    def lint(self, target: Target, overrides: dict[Path, bytes] | None = None) -> DirectoryResult:
        """The directory's finished result; a bug anywhere in cgolint becomes an internal problem of
        this directory (the run exits 2), never a traceback that loses the other directories."""
        try:
            return self._lint(target, overrides)
        except (Exception, RecursionError) as exc:
            return DirectoryResult(problems=[_internal_error("checking the directory", exc, str(target.directory))])

    def _lint(self, target: Target, overrides: dict[Path, bytes] | None) -> DirectoryResult:
        if overrides:  # text that is not on disk: never cached
            return self.lint_sources(self.read(target, overrides))
        found, sources, stamp = self._look(target)
        if found is not None:
            return found
        if sources is None:
            sources = self.read(target)
        result = self.lint_sources(sources)
        if self.store is not None and not any(p.internal for p in result.problems):
            self.store(sources, result)
            if self.quick is not None:
                self.quick.remember(stamp, sources)
        return result

    def lint_sources(self, sources: DirectorySources) -> DirectoryResult:
        problems = list(sources.problems)
        result = DirectoryResult(problems=problems)
        try:
            packages = build_packages(sources, problems)
        except (Exception, RecursionError) as exc:  # a bug in parsing must not hide other directories
            problems.append(_internal_error("reading the package", exc, _first_path(sources)))
            return result
        findings: list[Finding] = []
        checked: list[SourceFile] = []  # the reported files of the directory's cgo packages
        for package in packages:
            mine = [s for s in (*[g.source for g in package.go_files], *[u.source for u in package.c_files]) if s.reported]
            checked += mine
            shown = {s.display for s in mine}
            facts = PackageFacts(package, self.owners)
            for rid, rule in self.rules.items():
                try:
                    findings += [f for f in rule.check(facts) if f.span.path in shown]
                    result.assumptions += [a for a in rule.assumptions(facts) if a.span.path in shown]
                except (Exception, RecursionError) as exc:  # a rule bug must not hide the other rules' findings
                    problems.append(_internal_error(rid, exc, package.go_files[0].source.display))
            problems += [p for p in facts.problems if p.path in shown]
        result.files_checked = len(checked)
        try:
            result.findings = self._finish(findings, checked, {g.source.display: g for p in packages for g in p.go_files})
        except (Exception, RecursionError) as exc:  # suppressions or fingerprints: the findings are unfinished
            problems.append(_internal_error("finishing the findings", exc, _first_path(sources)))
        result.assumptions.sort(key=lambda a: (a.span.path, a.span.start.line, a.span.start.column, a.rule_id))
        result.problems.sort(key=lambda p: (p.path, p.line))
        return result

    def _finish(self, findings: list[Finding], sources: list[SourceFile], go_files: dict[str, GoFile]) -> list[Finding]:
        """Suppressions, per-file ignores, levels, order and fingerprints."""
        config = self.settings.config
        directives = [d for s in sources for d in suppressions.parse_directives(s, set(RULES))]
        findings = [f for f in findings if not ignored_for_file(f, config)]
        suppressions.apply(findings, directives)
        if "CGO000" in self.rules:
            bad = self.rules["CGO000"]
            assert isinstance(bad, BadSuppression)
            findings += [f for f in bad.check_directives(directives, set(self.rules)) if not ignored_for_file(f, config)]
        for f in findings:
            # a rule may report a finding as a note whatever its level (memory kept for the process's life)
            f.level = Level.NOTE if f.level is Level.NOTE else self.levels[f.rule_id]
        if not self.settings.include_suppressed:
            findings = [f for f in findings if f.suppression is None]
        findings = _dedupe(sorted(findings, key=Finding.sort_key))
        _fingerprint(findings, {s.display: s for s in sources}, go_files)
        return findings


def _first_path(sources: DirectorySources) -> str:
    first = next(iter((*sources.go, *sources.c)), None)
    return first.display if first is not None else str(sources.directory)


def _internal_error(where: str, exc: BaseException, path: str) -> Problem:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    message = str(exc)[:200]
    return Problem(path, f"internal error in {where} ({type(exc).__name__}: {message}{at}); please report it",
                   fatal=False, internal=True)


def ignored_for_file(finding: Finding, config: Config) -> bool:
    for pattern, ids in config.per_file_ignores.items():
        if any(s == "ALL" or finding.rule_id.startswith(s) for s in ids):
            if excluded(Path(finding.span.path), [pattern], config.root):
                return True
    return False


def _dedupe(findings: list[Finding]) -> list[Finding]:
    out, seen = [], set()
    for f in findings:
        key = (f.rule_id, f.span, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


_FUNCTIONS = ("function_declaration", "method_declaration")
_BODIES = ("block", "expression_case", "type_case", "default_case", "communication_case")


def _fingerprint(findings: list[Finding], sources: dict[str, SourceFile], go_files: dict[str, GoFile]) -> None:
    """A hash of the rule, the file, the enclosing function's name and the text of the statement
    the finding is in (all white space removed; the line's text outside Go code), with an occurrence
    count among equal hashes. Never a line number: it survives lines added above, gofmt, moving the
    function within its file and renaming what the statement does not mention; a second identical
    leak in the same function gets the next count. SARIF partialFingerprints and baselines use it."""
    seen: dict[str, int] = {}
    digests: dict[tuple[str, str, int, int], str] = {}  # a long line is hashed once per rule and column
    offsets: dict[str, list[int]] = {}  # per Go file: where its findings start
    for f in findings:
        source = sources.get(f.span.path)
        if source is not None and f.span.path in go_files:
            offsets.setdefault(f.span.path, []).append(_offset(source, f.span))
    # per Go file: offset → (its statement, its function)
    places = {path: _places(go_files[path].tree.root_node, at) for path, at in offsets.items()}
    for f in findings:
        where = (f.rule_id, f.span.path, f.span.start.line, f.span.start.column)
        if where not in digests:
            source = sources.get(f.span.path)
            place = places[f.span.path][_offset(source, f.span)] if f.span.path in places else None
            function, text = _context(f.span, source, place)
            base = b"\0".join([f.rule_id.encode(), os.fsencode(f.span.path), function, b"".join(text.split())])
            digests[where] = hashlib.sha256(base).hexdigest()[:32]
        digest = digests[where]
        seen[digest] = seen.get(digest, 0) + 1
        f.fingerprint = f"{digest}:{seen[digest]}"


def _places(root: Node, offsets: list[int]) -> dict[int, tuple[Node | None, Node | None]]:
    """For each byte offset: (the innermost statement, the function or method) around the token
    there. One cursor walks down to the offsets in order and climbs back only as far as the next
    one needs: tree-sitter finds a node's parent by descending from the root, so a walk up from
    every finding would cost the cube of the nesting depth in deeply nested code."""
    cursor = root.walk()
    path: list[tuple[Node, Node | None, Node | None]] = [(root, None, None)]  # (node, statement, function)
    out = {}
    for at in sorted(set(offsets)):
        while len(path) > 1 and not path[-1][0].start_byte <= at < path[-1][0].end_byte:
            cursor.goto_parent()
            path.pop()
        while cursor.goto_first_child_for_byte(at) is not None:
            node = cursor.node
            if node.start_byte > at:  # the offset is in a gap between children
                cursor.goto_parent()
                break
            parent, statement, function = path[-1]
            if node.type in _FUNCTIONS:
                statement, function = None, node
            elif parent.type == "statement_list":
                statement = node
            path.append((node, statement, function))
        out[at] = path[-1][1:]
    return out


def _offset(source: SourceFile, span) -> int:
    return source.line_starts[span.start.line - 1] + span.start.column - 1


def _context(span, source: SourceFile | None, place: tuple[Node | None, Node | None] | None) -> tuple[bytes, bytes]:
    """(the enclosing Go function's name, the statement's text) of a finding; outside Go code
    (a preamble, a C file, a declaration) the function is empty and the text is the line's.
    place: (its statement, its function) from _places, for a finding in a Go file."""
    if source is None:
        return b"", b""
    line = source.line_bytes(span.start.line)
    statement, function = place if place is not None else (None, None)
    if function is None:
        return b"", line
    name = function.child_by_field_name("name")
    receiver = function.child_by_field_name("receiver")
    param = receiver.named_children[0] if receiver is not None and receiver.named_children else None
    kind = param.child_by_field_name("type") if param is not None else None
    qualified = (kind.text + b"." if kind is not None else b"") + (name.text if name is not None else b"")
    if statement is None:
        return qualified, line
    # a compound statement counts by its header (`if p := f(); p == nil`), not the block it holds
    body = next((c for c in statement.named_children if c.type in _BODIES), None)
    end = body.start_byte if body is not None else statement.end_byte
    return qualified, statement.text[: end - statement.start_byte]
