"""Shared test helpers: run the CLI in-process in a directory, and read `// want` labels."""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from cgolint.cli import main

REPO = Path(__file__).resolve().parent.parent
# The official SARIF 2.1.0 JSON schema (OASIS, docs.oasis-open.org/sarif/sarif/v2.1.0), shipped with
# the tests so that no schema check depends on a file outside the repository.
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


def validate_sarif_schema(log: dict) -> None:
    """Fail unless the log is valid against the official SARIF 2.1.0 schema (the first errors named)."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


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


# Skips that are no missing tool: allowed in CI too. Every other skip (go, valgrind, git, a Python
# test dependency, a FIFO or /dev/zero) fails when CI=true: a skipped proof is no proof.
SKIPS_ALLOWED_IN_CI = ("running as root",)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not any(allowed in reason for allowed in SKIPS_ALLOWED_IN_CI):
            report.outcome = "failed"
            report.longrepr = f"skipped in CI (CI=true), where every tool the test needs is installed: {reason}"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch):
    """Every test gets an empty result cache of its own, so no test reads another's results."""
    monkeypatch.setenv("CGOLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


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


from labels import check_wants, wants  # noqa: E402,F401  (re-exported for the tests)
