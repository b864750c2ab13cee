"""`--jobs` and the result cache: the output never depends on either.

Several directories checked by one process or by two give byte-identical output in every format;
a warm run reads results from `.cgolint_cache` (and gives the same output), a changed file or a
changed configuration is analysed again, and a cache that cannot be written or holds garbage
never changes a result.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_cli, write_tree

LEAK = """package {pkg}

// #include <stdlib.h>
import "C"

func F{n}(s string) {{
	p := C.CString(s)
	_ = p
}}
"""

FORMATS = ("text", "json", "sarif", "github")


def tree(root: Path, n: int = 6) -> None:
    write_tree(root, {f"d{i}/a.go": LEAK.format(pkg=f"d{i}", n=i) for i in range(n)})
    write_tree(root, {"d0/b.go": LEAK.format(pkg="d0", n=99).replace("import \"C\"", "import \"C\"\n\nimport _ \"unsafe\"")})


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_do_not_change_the_output(tmp_path, fmt):
    tree(tmp_path)
    one = run_cli("check", "--no-cache", "--jobs", "1", "--format", fmt, cwd=tmp_path)
    two = run_cli("check", "--no-cache", "--jobs", "2", "--format", fmt, cwd=tmp_path)
    assert one.code == two.code == 1
    assert one.out == two.out
    assert one.err == two.err


def test_jobs_on_the_examples_match(tmp_path):
    """The real examples, every rule, every format: --jobs 2 is byte-identical to --jobs 1."""
    for fmt in FORMATS:
        one = run_cli("check", "--no-cache", "--jobs", "1", "--format", fmt, "examples", cwd=REPO)
        two = run_cli("check", "--no-cache", "--jobs", "2", "--format", fmt, "examples", cwd=REPO)
        assert (one.code, one.out, one.err) == (two.code, two.out, two.err), fmt


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_bad_jobs_is_a_usage_error(tmp_path, value):
    result = run_cli("check", "--jobs", value, cwd=tmp_path)
    assert result.code == 2
    assert "--jobs" in result.err and "Traceback" not in result.err


def cache_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("v1/*/*.json"))


def test_warm_run_reads_the_cache_and_gives_the_same_output(tmp_path, monkeypatch):
    monkeypatch.delenv("CGOLINT_CACHE_DIR")
    tree(tmp_path)
    cold = run_cli("check", "--format", "sarif", cwd=tmp_path)
    cache = tmp_path / ".cgolint_cache"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(cache_entries(cache)) == 6  # one per directory

    import cgolint.lint

    def no_analysis(self, sources):
        raise AssertionError("a warm run must not analyse an unchanged directory")

    monkeypatch.setattr(cgolint.lint.Linter, "lint_sources", no_analysis)
    warm = run_cli("check", "--format", "sarif", "--jobs", "1", cwd=tmp_path)
    assert (warm.code, warm.out) == (cold.code, cold.out)


def test_a_changed_file_is_analysed_again(tmp_path):
    cache = tmp_path / "cache"
    tree(tmp_path)
    first = json.loads(run_cli("check", "--cache-dir", str(cache), "--format", "json", cwd=tmp_path).out)
    assert len(first["findings"]) == 7
    (tmp_path / "d3/a.go").write_text(LEAK.format(pkg="d3", n=3).replace("_ = p", "C.free(unsafe.Pointer(p))")
                                      .replace('import "C"', 'import "C"\n\nimport "unsafe"'))
    second = json.loads(run_cli("check", "--cache-dir", str(cache), "--format", "json", cwd=tmp_path).out)
    assert sorted(f["path"] for f in second["findings"]) == sorted(
        f["path"] for f in first["findings"] if f["path"] != "d3/a.go")
    assert len(cache_entries(cache)) == 7  # the old entry stays; the new one is added


def test_a_changed_configuration_is_analysed_again(tmp_path):
    cache = tmp_path / "cache"
    tree(tmp_path, 2)
    first = run_cli("check", "--cache-dir", str(cache), "--format", "json", cwd=tmp_path)
    write_tree(tmp_path, {"cgolint.toml": '[rules.CGO001]\nlevel = "error"\n'})
    second = json.loads(run_cli("check", "--cache-dir", str(cache), "--format", "json", cwd=tmp_path).out)
    assert {f["level"] for f in json.loads(first.out)["findings"]} == {"warning"}
    assert {f["level"] for f in second["findings"]} == {"error"}


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("CGOLINT_CACHE_DIR")
    tree(tmp_path, 2)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    run_cli("check", "--no-cache", cwd=tmp_path)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_cache_next_to_the_configuration(tmp_path, monkeypatch):
    monkeypatch.delenv("CGOLINT_CACHE_DIR")
    tree(tmp_path / "proj", 2)
    write_tree(tmp_path, {"proj/cgolint.toml": 'exclude = ["nothing"]\n'})
    run_cli("check", "proj", cwd=tmp_path)
    assert cache_entries(tmp_path / "proj" / ".cgolint_cache")
    assert not (tmp_path / ".cgolint_cache").exists()


def test_unwritable_cache_still_gives_the_result(tmp_path):
    tree(tmp_path, 2)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be")
    fresh = run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path)
    result = run_cli("check", "--cache-dir", str(blocker / "cache"), "--format", "json", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (fresh.code, fresh.out, fresh.err)


def test_garbage_in_the_cache_is_ignored(tmp_path):
    """A corrupt or foreign entry (even one that is valid JSON) is a miss, never a wrong result."""
    cache = tmp_path / "cache"
    tree(tmp_path, 2)
    fresh = run_cli("check", "--cache-dir", str(cache), "--format", "json", cwd=tmp_path)
    entries = cache_entries(cache)
    entries[0].write_text("not json")
    entries[1].write_text(json.dumps({"findings": [{"rule_id": "X"}]}))
    again = run_cli("check", "--cache-dir", str(cache), "--format", "json", cwd=tmp_path)
    assert (again.code, again.out) == (fresh.code, fresh.out)


def test_two_runs_share_one_cache(tmp_path):
    """Two processes writing the same entries: each write is a rename of a whole file."""
    import subprocess
    import sys

    cache = tmp_path / "cache"
    tree(tmp_path, 6)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "cgolint", "check", "--cache-dir", str(cache), "--format", "json", "--jobs", "2", "."]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [1, 1]
    assert outs[0][0] == outs[1][0]
    assert not list(cache.glob("v1/*/.tmp-*"))
    warm = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert warm.stdout == outs[0][0]
    shutil.rmtree(cache)


def test_warm_run_reads_no_file_when_nothing_changed_on_disk(tmp_path, monkeypatch):
    """The stamps (each source file's size, modification time and inode) find the entries
    without reading the files."""
    tree(tmp_path)
    cache = tmp_path / "cache"
    cold = run_cli("check", "--cache-dir", str(cache), "--format", "sarif", cwd=tmp_path)
    assert len(list(cache.glob("v1/stamps/*/*"))) == 6

    import cgolint.lint

    def no_reading(*args, **kwargs):
        raise AssertionError("a warm run must not read the files of an unchanged directory")

    monkeypatch.setattr(cgolint.lint, "read_directory", no_reading)
    warm = run_cli("check", "--cache-dir", str(cache), "--format", "sarif", "--jobs", "1", cwd=tmp_path)
    assert (warm.code, warm.out) == (cold.code, cold.out)


def test_a_touched_file_is_read_again_and_found_by_its_content(tmp_path, monkeypatch):
    tree(tmp_path)
    cache = tmp_path / "cache"
    cold = run_cli("check", "--cache-dir", str(cache), "--format", "json", cwd=tmp_path)
    touched = tmp_path / "d2/a.go"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 5_000_000_000))

    import cgolint.lint

    read = []
    real = cgolint.lint.read_directory
    monkeypatch.setattr(cgolint.lint, "read_directory", lambda target, *a, **k: read.append(target.directory.name)
                        or real(target, *a, **k))
    monkeypatch.setattr(cgolint.lint.Linter, "lint_sources", lambda self, sources: pytest.fail("analysed again"))
    again = run_cli("check", "--cache-dir", str(cache), "--format", "json", "--jobs", "1", cwd=tmp_path)
    assert (again.code, again.out) == (cold.code, cold.out)
    assert read == ["d2"]  # only the touched directory is read, and its entry is found by content
    read.clear()
    third = run_cli("check", "--cache-dir", str(cache), "--format", "json", "--jobs", "1", cwd=tmp_path)
    assert (third.code, third.out, read) == (cold.code, cold.out, [])  # its new stamp was remembered


def test_a_run_whose_results_all_come_from_the_cache_imports_no_analysis(tmp_path):
    """No rule is built and no analysis module is imported (they cost a warm run more than the rest
    of it); the output is the cold run's."""
    import subprocess
    import sys

    tree(tmp_path)
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cold = run_cli("check", "--cache-dir", str(cache), "--format", "sarif", cwd=tmp_path)
    script = ("import sys\nfrom cgolint.cli import main\ncode = main(sys.argv[1:])\n"
              "loaded = sorted(m for m in sys.modules if m.startswith(('cgolint.facts', 'cgolint.checks.', "
              "'cgolint.lint', 'cgolint.loader', 'tree_sitter')))\n"
              "print(loaded, file=sys.stderr)\nsys.exit(code)\n")
    for jobs in ("1", "2"):
        warm = subprocess.run([sys.executable, "-c", script, "check", "--cache-dir", str(cache), "--format", "sarif",
                               "--jobs", jobs], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert (warm.returncode, warm.stdout) == (cold.code, cold.out)
        assert warm.stderr.strip() == "[]"
    (tmp_path / "d2/a.go").write_text(LEAK.format(pkg="d2", n=2) + "\n// changed\n")
    touched = subprocess.run([sys.executable, "-c", script, "check", "--cache-dir", str(cache), "--format", "sarif"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert touched.returncode == cold.code and "cgolint.facts" in touched.stderr  # one directory analysed again


def test_a_bad_rule_option_is_reported_though_the_cache_holds_every_result(tmp_path):
    """A fully cached run builds no rule, which is safe only because a changed configuration is a
    different cache key: a bad option is still found, before any analysis."""
    cache = tmp_path / "cache"
    tree(tmp_path, 2)
    write_tree(tmp_path, {"cgolint.toml": '[rules.CGO003]\nhot-functions = ["Serve*"]\n'})
    assert run_cli("check", "--cache-dir", str(cache), cwd=tmp_path).code == 1
    assert run_cli("check", "--cache-dir", str(cache), cwd=tmp_path).code == 1  # every result from the cache
    write_tree(tmp_path, {"cgolint.toml": '[rules.CGO003]\nhot-functions = "Serve*"\n'})
    bad = run_cli("check", "--cache-dir", str(cache), cwd=tmp_path)
    assert bad.code == 2
    assert "rules.CGO003.hot-functions must be a list of glob patterns" in bad.err
