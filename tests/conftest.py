"""Shared test helpers: run the CLI in-process in a directory, and read `// want` labels."""

from __future__ import annotations

import io
import os
import re
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from cgolint.cli import main

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCHEMA = SHARED / "sarif-schema-2.1.0.json"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path) -> Result:
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse usage errors and --version
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(old)
    return Result(code, out.getvalue(), err.getvalue())


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def lint(tmp_path):
    """lint({"a.go": src}, "--format", "json") → Result, run in a fresh directory."""

    def _lint(files: dict[str, str | bytes], *args: str) -> Result:
        write_tree(tmp_path, files)
        return run_cli("check", *args, cwd=tmp_path) if not args or args[0] != "raw" else run_cli(*args[1:], cwd=tmp_path)

    _lint.root = tmp_path
    return _lint


# `// want CGO004` or `// want CGO004 "message regex" CGO001` at the end of a line
_WANT = re.compile(r"// want\b(.*)$")
_WANT_ITEM = re.compile(r'([A-Z]+[0-9]+)(?:\s+"((?:[^"\\]|\\.)*)")?')


def wants(root: Path) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(relative path, line) → [(rule id, message regex)] from the `// want` labels under root."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".go", ".c", ".h"):
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = _WANT.search(line)
            if m:
                items = [(rid, rx or "") for rid, rx in _WANT_ITEM.findall(m.group(1))]
                found[(path.relative_to(root).as_posix(), lineno)] = items
    return found


def check_wants(root: Path, findings: list[dict]) -> list[str]:
    """Compare JSON findings with the labels: every label met, no finding unlabelled."""
    expected = wants(root)
    errors = []
    got: dict[tuple[str, int], list[dict]] = {}
    for f in findings:
        got.setdefault((f["path"], f["line"]), []).append(f)
    for key in sorted(set(expected) | set(got)):
        want_items = list(expected.get(key, []))
        have = list(got.get(key, []))
        for rid, rx in want_items:
            match = next((f for f in have if f["rule"] == rid and re.search(rx, f["message"])), None)
            if match is None:
                errors.append(f"{key[0]}:{key[1]}: expected {rid} {rx!r}, got {[(f['rule'], f['message']) for f in have]}")
            else:
                have.remove(match)
        for f in have:
            errors.append(f"{key[0]}:{key[1]}: unexpected {f['rule']}: {f['message']}")
    return errors
