"""Read and parse one directory into packages: each Go file parsed once.

Two phases. First each Go file is read and parsed, and its preamble and #cgo
lines found. Then, per package, the macros of its #cgo CFLAGS/CPPFLAGS are
known, and each preamble and each of the directory's .c and .h files is parsed
with its dead #if branches blanked out (see preprocessor.py).

Go files that do not import "C" (a cheap byte scan) are not parsed; in a cgo
package they are kept as plain sources, parsed only if a fact needs them. The
directory's .c and .h files are parsed when a cgo package is there. A file
that cannot be read or parsed becomes a Problem, once per file; the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from cgolint.buildtags import PACKAGE_CLAUSE, built_sometimes
from cgolint.discover import Target, excluded
from cgolint.findings import Problem
from cgolint.model import CUnit, GoFile, Package
from cgolint.parsing import may_import_c, parse_c, parse_go
from cgolint.preamble import PreambleText, cgo_directives, find_import_c, preamble_text
from cgolint.preprocessor import Namespaces, Preprocessor, flags_env
from cgolint.config import DEFAULT_MAX_FILE_SIZE
from cgolint.source import SourceFile, UnreadableSource, display_path, read_regular_file, real_path




def read_source(path: Path, cwd: Path, reported: bool, problems: list[Problem],
                limit: int = DEFAULT_MAX_FILE_SIZE, shown: str | None = None) -> SourceFile | None:
    shown = shown if shown is not None else display_path(path, cwd)
    try:
        data = read_regular_file(path, limit)
    except UnreadableSource as exc:
        problems.append(Problem(shown, str(exc)))
        return None
    if b"\0" in data[:8192]:
        problems.append(Problem(shown, "not a text file (it contains NUL bytes); skipped"))
        return None
    return SourceFile(path, shown, data, reported)


def _error_regions(root: Node) -> list[Node]:
    """The maximal ERROR and MISSING nodes below root, in source order (none nested in another)."""
    regions, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            regions.append(node)
        elif node.has_error:
            stack.extend(reversed(node.children))
    return regions


def _syntax_problem(source: SourceFile, root: Node, what: str, base: int = 0) -> Problem | None:
    """One problem per file however many errors it has: their count and the first one's line."""
    if not root.has_error:
        return None
    regions = _error_regions(root)
    if not regions:
        return Problem(source.display, f"syntax error in {what}", 0, fatal=False)
    first = regions[0]
    line = source.position(base + first.start_byte).line
    if len(regions) == 1:
        kind = f"missing {first.type}" if first.is_missing else "syntax error"
        return Problem(source.display, f"{kind} in {what}; analysed what could be parsed", line, fatal=False)
    message = f"{len(regions)} syntax errors in {what} (first at line {line}); analysed what could be parsed"
    return Problem(source.display, message, line, fatal=False)


@dataclass
class CgoFile:
    """A Go file read and parsed, whose preamble waits for the package's macros."""

    gofile: GoFile
    preamble: PreambleText | None
    problems: list[Problem]  # where its preamble's problems go
    built_always: bool  # no build constraints: its #cgo flags apply to every build


def read_go_file(source: SourceFile, problems: list[Problem]) -> CgoFile | None:
    """Phase one: parse a Go file that imports "C" and find its preamble and #cgo lines."""
    if not may_import_c(source.data):
        return None
    tree = parse_go(source.data)
    root = tree.root_node
    anchor = find_import_c(root, source.data)
    if anchor is None:
        return None
    if problem := _syntax_problem(source, root, "Go code"):
        problems.append(problem)
    clause = next((c for c in root.named_children if c.type == "package_clause"), None)
    name = clause.named_children[0].text.decode("utf-8", "replace") if clause is not None and clause.named_children else ""
    text = preamble_text(source, anchor)
    directives = cgo_directives(source, text) if text is not None else ()
    always = not built_sometimes(source.path.name, source.data)
    return CgoFile(GoFile(source, tree, name, None, directives), text, problems, always)


def parse_preamble(cgo: CgoFile, preprocessor: Preprocessor) -> None:
    """Phase two: parse the preamble's compiled C code, once the package's macros are known."""
    text, source = cgo.preamble, cgo.gofile.source
    if text is None:
        return
    # A final newline ends a last #include line; offsets are unchanged.
    c_tree = parse_c(preprocessor.blank(text.text) + b"\n")
    cgo.gofile.preamble = CUnit(source, text.base, c_tree, "preamble")
    if problem := _syntax_problem(source, c_tree.root_node, "the cgo preamble", text.base):
        cgo.problems.append(problem)


@dataclass
class DirectorySources:
    """What one directory gives the analysis, read but not parsed: its Go files (not _test.go) and,
    when one of them may import "C", its .c and .h files. Everything a directory's result depends
    on besides the settings, so the cache keys on it."""

    directory: Path
    go: list[SourceFile]
    c: list[SourceFile]
    problems: list[Problem]  # files that could not be read (reported files only)


def read_directory(target: Target, cwd: Path, exclude: list[str], root: Path, limit: int = DEFAULT_MAX_FILE_SIZE,
                   overrides: dict[Path, bytes] | None = None) -> DirectorySources:
    """Read a directory's sources. overrides: text to use instead of what is on disk (an editor's
    unsaved buffer, stdin), by real path; such a file need not exist on disk."""
    problems: list[Problem] = []
    overrides = overrides or {}
    try:
        entries = {p.name: p for p in target.directory.iterdir() if p.suffix in (".go", ".c", ".h")}
    except OSError as exc:
        problems.append(Problem(display_path(target.directory, cwd), f"cannot list directory: {exc.strerror or exc}"))
        entries = {}
    for path in overrides:
        if path.parent == target.directory:
            entries.setdefault(path.name, path)
    paths = [entries[n] for n in sorted(entries)]
    paths = [p for p in paths if not excluded(p, exclude, root) or (target.reported and real_path(p) in target.reported)]

    shown_dir = display_path(target.directory, cwd)  # once: every file of the directory is shown under it

    def read(path: Path) -> SourceFile | None:
        reported = target.reported is None or real_path(path) in target.reported
        shown = path.name if shown_dir == "." else f"{shown_dir.rstrip('/')}/{path.name}"
        text = overrides.get(real_path(path)) if overrides else None
        if text is not None:
            return SourceFile(path, shown, text, reported)
        return read_source(path, cwd, reported, problems if reported else [], limit, shown)

    go = [s for p in paths if p.suffix == ".go" and not p.name.endswith("_test.go")  # cgo cannot be used in tests
          if (s := read(p)) is not None]
    c = [s for p in paths if p.suffix != ".go" if (s := read(p)) is not None] \
        if any(may_import_c(s.data) for s in go) else []
    return DirectorySources(target.directory, go, c, problems)


def build_packages(sources: DirectorySources, problems: list[Problem]) -> list[Package]:
    """Parse a directory's sources into its cgo packages (each Go file once)."""
    packages: dict[str, Package] = {}
    cgo_files: dict[str, list[CgoFile]] = {}
    plain: list[SourceFile] = []
    for source in sources.go:
        cgo = read_go_file(source, problems if source.reported else [])
        if cgo is None:
            plain.append(source)
            continue
        name = cgo.gofile.package_name
        packages.setdefault(name, Package(sources.directory, name)).go_files.append(cgo.gofile)
        cgo_files.setdefault(name, []).append(cgo)
    if not packages:
        return []
    for source in plain:
        m = PACKAGE_CLAUSE.search(source.data)
        if m is not None and m.group(1).decode("utf-8", "replace") in packages:
            packages[m.group(1).decode("utf-8", "replace")].plain_sources.append(source)
    _parse_c_code(packages, cgo_files, sources.c, problems)
    return list(packages.values())


def load_directory(target: Target, cwd: Path, exclude: list[str], root: Path, problems: list[Problem],
                   limit: int = DEFAULT_MAX_FILE_SIZE) -> list[Package]:
    sources = read_directory(target, cwd, exclude, root, limit)
    problems += sources.problems
    return build_packages(sources, problems)


def _parse_c_code(packages: dict[str, Package], cgo_files: dict[str, list[CgoFile]], c_sources: list[SourceFile],
                  problems: list[Problem]) -> None:
    """Phase two, per package: its macros from all its #cgo flags, then its preambles, and the
    directory's .c/.h files (compiled with the package that has the most cgo files)."""
    headers = {s.path.name: s.data for s in c_sources if s.path.suffix == ".h"}  # what `#include "x.h"` finds
    preprocessors = {}
    for name, files in cgo_files.items():
        always = [d for f in files if f.built_always for d in f.gofile.directives]
        sometimes = [d for f in files if not f.built_always for d in f.gofile.directives]
        texts = [f.preamble.text for f in files if f.preamble is not None] + [s.data for s in c_sources]
        namespaces = Namespaces.of(texts, always + sometimes)
        preprocessors[name] = Preprocessor(flags_env(always, sometimes), headers, namespaces)
        for cgo in files:
            parse_preamble(cgo, preprocessors[name])
    owner = max(packages.values(), key=lambda p: len(p.go_files))
    for source in c_sources:
        own_name = source.path.name if source.path.suffix == ".h" else None
        tree = parse_c(preprocessors[owner.name].blank(source.data, own_name))
        if source.reported and (problem := _syntax_problem(source, tree.root_node, "C code")):
            problems.append(problem)
        owner.c_files.append(CUnit(source, 0, tree, "file"))
