"""A directory walk skips what git ignores, as ruff does; --no-respect-gitignore walks it all.

An ignored file beside checked ones still belongs to their package (its helpers count), but its
own findings are not reported. A file named on the command line is checked whatever git says.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import run_cli, write_tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not on PATH: cannot test .gitignore")

LEAK = """package {pkg}

// #include <stdlib.h>
import "C"

func {fn}(s string) {{
	p := C.CString(s)
	_ = p
}}
"""


def repo(root):
    write_tree(root, {
        ".gitignore": "build/\ngen_*.go\n",
        "a/a.go": LEAK.format(pkg="a", fn="F"),
        "a/gen_x.go": LEAK.format(pkg="a", fn="G"),
        "build/b.go": LEAK.format(pkg="b", fn="F"),
    })
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)


def paths(result) -> list[str]:
    return sorted(f["path"] for f in json.loads(result.out)["findings"])


def test_walk_skips_what_git_ignores(tmp_path):
    repo(tmp_path)
    assert paths(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path)) == ["a/a.go"]
    everything = run_cli("check", "--no-cache", "--format", "json", "--no-respect-gitignore", cwd=tmp_path)
    assert paths(everything) == ["a/a.go", "a/gen_x.go", "build/b.go"]


def test_named_files_are_checked_even_if_ignored(tmp_path):
    repo(tmp_path)
    result = run_cli("check", "--no-cache", "--format", "json", "build/b.go", "a/gen_x.go", cwd=tmp_path)
    assert paths(result) == ["a/gen_x.go", "build/b.go"]


def test_outside_a_git_work_tree_nothing_is_ignored(tmp_path):
    write_tree(tmp_path, {".gitignore": "build/\n", "build/b.go": LEAK.format(pkg="b", fn="F")})
    assert paths(run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path)) == ["build/b.go"]
