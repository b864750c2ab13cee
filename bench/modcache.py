"""What the real-code audits (bench/realcode, bench/leaks) share: the pinned module lists, the
download cache, and running cgolint on a module. Standard library only; run by hand, never by CI (it downloads)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_CACHE = Path(os.environ.get("CGOLINT_REALCODE_CACHE", Path.home() / ".cache" / "cgolint-realcode"))
DEFAULT_PYTHON = Path("/work/main/.venv/bin/python")
EMPTY_CONFIG = Path(__file__).resolve().parent / "realcode" / "EMPTY.toml"  # so no other configuration is picked up
TIMEOUT = 1800


def read_modules(path: Path) -> list[tuple[str, str, str]]:
    """(module, version, comment) per `module version  # what it binds` line."""
    out = []
    for raw in path.read_text().splitlines():
        line, _, comment = raw.partition("#")
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            raise SystemExit(f"{path}: bad line: {raw!r}")
        out.append((parts[0], parts[1], comment.strip()))
    return out


def escape_path(module: str) -> str:
    """The module cache's case encoding: an upper-case letter becomes '!' and its lower case."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), module)


def download(module: str, version: str, cache: Path) -> Path:
    """The module's extracted directory in cache, downloaded through the Go module proxy if missing."""
    guess = cache / f"{escape_path(module)}@{version}"
    if guess.is_dir() and any(guess.iterdir()):
        return guess
    env = dict(os.environ, GOMODCACHE=str(cache), GOFLAGS="-mod=mod")
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            ["go", "mod", "download", "-json", f"{module}@{version}"],
            cwd=tmp, env=env, capture_output=True, text=True,
        )
    try:
        info = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"go mod download {module}@{version} failed: {proc.stderr.strip()}")
    if info.get("Error") or not info.get("Dir"):
        raise SystemExit(f"go mod download {module}@{version}: {info.get('Error')}")
    return Path(info["Dir"])


def python_for(choice: str | None) -> str:
    """The interpreter that runs cgolint: --python, else the project's venv, else this one."""
    return choice or (str(DEFAULT_PYTHON) if DEFAULT_PYTHON.exists() else sys.executable)


def run_cgolint(python: str, cgolint_root: Path, mod_dir: Path, rules: list[str], target: str = ".") -> dict:
    """cgolint's JSON report for target (relative to mod_dir, the working directory), with only
    rules selected; a crash gives a report with no findings and the tail of stderr under "crash"."""
    env = dict(os.environ, PYTHONPATH=str(cgolint_root))
    proc = subprocess.run(
        [python, "-m", "cgolint", "check", "--format", "json", "--config", str(EMPTY_CONFIG),
         "--select", ",".join(rules), "--quiet", target],
        cwd=mod_dir, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return {"findings": [], "problems": [], "crash": f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}"}
