"""End to end as users install it: the built wheel (with the rule catalog inside) in a fresh
virtual environment, and the pre-commit hook through `pre-commit try-repo`.

These build and install from PyPI, so they take tens of seconds each.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import REPO

EXAMPLES = REPO / "examples"


def sh(*args, cwd: Path, env=None, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel built from this checkout; returns its bin/."""
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    sh(sys.executable, "-m", "build", "--wheel", "--outdir", out, REPO, cwd=REPO)
    [wheel] = out.glob("cgolint-*.whl")
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / "bin"
    sh(bindir / "python", "-m", "pip", "install", "-q", wheel, cwd=out)
    return bindir


def test_wheel_ships_the_rule_catalog(installed_wheel, tmp_path):
    listing = sh(installed_wheel / "python", "-c",
                 "import cgolint.catalog as c; print(c.catalog_dir())", cwd=tmp_path).stdout.strip()
    assert listing.endswith("cgolint/_rules") and "site-packages" in listing
    doc = sh(installed_wheel / "cgolint", "rule", "CGO004", cwd=tmp_path).stdout
    assert doc.startswith("# CGO004 risky-c-library-call")


def test_wheel_checks_examples_from_outside_the_tree(installed_wheel, tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    result = sh(installed_wheel / "cgolint", "check", "--format", "json", "examples", cwd=tmp_path, check=False)
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)["findings"]
    bad = {f["rule"] for f in findings if "/bad/" in f["path"]}
    fixed = [f for f in findings if "/fixed/" in f["path"]]
    assert "CGO004" in bad and fixed == []


GOOD = """package hash

// #cgo LDFLAGS: -lz
// #include <zlib.h>
import "C"

import "hash/crc32"

// Sum needs no C at all any more.
func Sum(b []byte) uint32 { return crc32.ChecksumIEEE(b) }
"""

BAD = """package hash

// #cgo LDFLAGS: -lz
// #include <zlib.h>
import "C"

import "unsafe"

func Sum(b []byte) uint32 {
	return uint32(C.crc32(0, (*C.Bytef)(unsafe.Pointer(&b[0])), C.uInt(len(b))))
}
"""


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_hook_fails_then_passes(tmp_path):
    pytest.importorskip("pre_commit")
    repo = tmp_path / "user-repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    sh("git", "init", "-q", cwd=repo, env=env)
    # This team treats CGO004 as a warning, so it fails the hook.
    (repo / "cgolint.toml").write_text('[rules.CGO004]\nlevel = "warning"\n')
    (repo / "hash.go").write_text(BAD)
    (repo / "notes.txt").write_text("not Go\n")
    sh("git", "add", ".", cwd=repo, env=env)
    hook = [sys.executable, "-m", "pre_commit", "try-repo", REPO, "cgolint", "--all-files"]
    failed = sh(*hook, cwd=repo, env=env, check=False)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "hash.go:4:4: warning: CGO004 Package hash calls into zlib from 1 call site in 1 file; pure-Go replacement: hash/crc32 for crc32." in failed.stdout
    assert "    hash.go:10.16: C.crc32 calls into zlib\n" in failed.stdout
    (repo / "hash.go").write_text(GOOD)
    sh("git", "add", ".", cwd=repo, env=env)
    passed = sh(*hook, cwd=repo, env=env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_readme_local_hook_works(tmp_path):
    """The README's `repo: local` entry, with the cgolint of this environment on PATH."""
    pytest.importorskip("pre_commit")
    readme = (REPO / "README.md").read_text()
    config = readme.split("Until a release is tagged, use the cgolint you installed (above) as a local hook:\n\n```yaml\n",
                          1)[1].split("```", 1)[0]
    repo = tmp_path / "user-repo"
    repo.mkdir()
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    sh("git", "init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(config)
    (repo / "cgolint.toml").write_text('[rules.CGO004]\nlevel = "warning"\n')
    (repo / "hash.go").write_text(BAD)
    sh("git", "add", ".", cwd=repo, env=env)
    hook = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    failed = sh(*hook, cwd=repo, env=env, check=False)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "hash.go:4:4: warning: CGO004 Package hash calls into zlib" in failed.stdout
    (repo / "hash.go").write_text(GOOD)
    sh("git", "add", ".", cwd=repo, env=env)
    passed = sh(*hook, cwd=repo, env=env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
