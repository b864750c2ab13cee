"""Neovim, headless, as the editor: it opens a cgo file of a temporary project, starts `cgolint
server` as its language server, and the test reads back the diagnostics Neovim holds; then the
buffer is edited to fix the leak and the diagnostic must disappear without a save.
(.ci/run installs Debian's neovim.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, write_tree
from test_server import LEAK_LINE, LEAKY

SCRIPT = REPO / "tests/data/neovim_lsp.lua"


def test_neovim_shows_the_leak_and_clears_it_after_an_unsaved_fix(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (.ci/run installs Debian's neovim)")
    source = write_tree(tmp_path / "project", {"main.go": LEAKY}) / "main.go"
    out = tmp_path / "result.json"
    env = {**os.environ, "CGOLINT_PYTHON": sys.executable, "CGOLINT_OUT": str(out), "PYTHONPATH": str(REPO),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([nvim, "--headless", "--clean", "-u", "NONE", "-i", "NONE", "-n", str(source),
                           "-c", f"luafile {SCRIPT}"], cwd=source.parent, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    assert out.exists(), f"Neovim wrote nothing (exit {done.returncode}): {done.stdout}{done.stderr}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["ok"], result["error"]
    opened, fixed = result["steps"]
    (d,) = opened["diagnostics"]
    line = LEAKY.splitlines()[LEAK_LINE]
    # Neovim converts the server's UTF-16 columns to byte columns
    byte_col = len(line[: line.index("C.CString")].encode("utf-8"))
    assert (d["lnum"], d["col"], d["end_col"]) == (LEAK_LINE, byte_col, byte_col + len("C.CString")) == (11, 26, 35)
    assert (d["severity"], d["code"], d["source"]) == (2, "CGO001", "cgolint")  # 2: vim.diagnostic.severity.WARN
    assert d["message"].startswith("p (from C.CString) is not freed when returning at line 13;")
    assert fixed["diagnostics"] == [] and fixed["modified"] is True
    assert source.read_text(encoding="utf-8") == LEAKY  # never saved
    assert result["messages"] == []
    assert result["exit"] == {"code": 0, "signal": 0}
