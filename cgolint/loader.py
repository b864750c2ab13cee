"""Read and parse one directory into packages: each Go file parsed once.

Go files that do not import "C" (a cheap byte scan) are not parsed; in a cgo
package they are kept as plain sources, parsed only if a fact needs them. The
directory's .c and .h files are parsed when a cgo package is there. A file
that cannot be read or parsed becomes a Problem; the run goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cgolint.discover import Target, excluded
from cgolint.model import CUnit, GoFile, Package
from cgolint.parsing import may_import_c, parse_c, parse_go
from cgolint.preamble import cgo_directives, find_import_c, preamble_text
from cgolint.source import SourceFile, display_path
from cgolint.treewalk import walk


# The package clause, after comments: a cheap look that needs no parse.
_PACKAGE_CLAUSE = re.compile(rb"^package\s+(\w+)", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """A file cgolint could not read or fully parse."""

    path: str
    message: str
    line: int = 0  # 1-based, 0 when the whole file is concerned
    fatal: bool = True  # the file was not analysed at all


def read_source(path: Path, cwd: Path, reported: bool, problems: list[Problem]) -> SourceFile | None:
    shown = display_path(path, cwd)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, f"cannot read file: {exc.strerror or exc}"))
        return None
    if b"\0" in data[:8192]:
        problems.append(Problem(shown, "not a text file (it contains NUL bytes); skipped"))
        return None
    return SourceFile(path, shown, data, reported)


def _syntax_problem(source: SourceFile, root, what: str, base: int = 0) -> Problem | None:
    if not root.has_error:
        return None
    for node in walk(root):
        if node.is_error or node.is_missing:
            line = source.position(base + node.start_byte).line
            kind = f"missing {node.type}" if node.is_missing else "syntax error"
            return Problem(source.display, f"{kind} in {what}; analysed what could be parsed", line, fatal=False)
    return Problem(source.display, f"syntax error in {what}", 0, fatal=False)


def load_go_file(source: SourceFile, problems: list[Problem]) -> GoFile | None:
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
    name = clause.named_children[0].text.decode() if clause is not None and clause.named_children else ""
    preamble, directives = None, ()
    text = preamble_text(source, anchor)
    if text is not None:
        # A final newline ends a last #include line; offsets are unchanged.
        c_tree = parse_c(text.text + b"\n")
        preamble = CUnit(source, text.base, c_tree, "preamble")
        directives = cgo_directives(source, text)
        if problem := _syntax_problem(source, c_tree.root_node, "the cgo preamble", text.base):
            problems.append(problem)
    return GoFile(source, tree, name, preamble, directives)


def load_directory(target: Target, cwd: Path, exclude: list[str], root: Path, problems: list[Problem]) -> list[Package]:
    try:
        entries = sorted(p for p in target.directory.iterdir() if p.suffix in (".go", ".c", ".h"))
    except OSError as exc:
        problems.append(Problem(display_path(target.directory, cwd), f"cannot list directory: {exc.strerror or exc}"))
        return []
    entries = [p for p in entries if not excluded(p, exclude, root) or (target.reported and p.resolve() in target.reported)]
    packages: dict[str, Package] = {}
    plain: list[SourceFile] = []
    c_paths = []
    for path in entries:
        if path.suffix != ".go":
            c_paths.append(path)
            continue
        if path.name.endswith("_test.go"):
            continue  # cgo cannot be used in test files
        reported = target.reported is None or path.resolve() in target.reported
        source = read_source(path, cwd, reported, problems if reported else [])
        if source is None:
            continue
        gofile = load_go_file(source, problems if reported else [])
        if gofile is None:
            plain.append(source)
            continue
        packages.setdefault(gofile.package_name, Package(target.directory, gofile.package_name)).go_files.append(gofile)
    if not packages:
        return []
    for source in plain:
        m = _PACKAGE_CLAUSE.search(source.data)
        if m is not None and m.group(1).decode() in packages:
            packages[m.group(1).decode()].plain_sources.append(source)
    # cgo compiles the directory's C files with the package that uses cgo
    owner = max(packages.values(), key=lambda p: len(p.go_files))
    for path in c_paths:
        reported = target.reported is None or path.resolve() in target.reported
        source = read_source(path, cwd, reported, problems if reported else [])
        if source is None:
            continue
        tree = parse_c(source.data)
        if reported and (problem := _syntax_problem(source, tree.root_node, "C code")):
            problems.append(problem)
        owner.c_files.append(CUnit(source, 0, tree, "file"))
    return list(packages.values())
