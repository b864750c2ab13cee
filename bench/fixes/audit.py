"""Fixes on real code (by hand, never in CI): `cgolint check --fix --unsafe-fixes` on copies of the
leak-audit modules (bench/leaks/modules.txt and holdout.txt), measuring

- how many CGO001/CGO002 findings carry a fix, safe or unsafe;
- that every fixed file still parses as Go (`gofmt -e`), and is left as gofmt would format it when
  it was before (`gofmt -l`);
- that re-linting finds none of the fixed findings again and no new ones;
- that a second --fix changes nothing;

and writing every diff to OUT_DIR/NAME.diff for reading (the labels go in bench/fixes/labels.json).

    python3 bench/fixes/audit.py --cgolint-root . --out bench/fixes/results.json --diffs /tmp/fix-diffs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from modcache import DEFAULT_CACHE, EMPTY_CONFIG, download, python_for, read_modules  # noqa: E402


def cgolint(python: str, root: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-m", "cgolint", "check", "--no-cache", "--no-respect-gitignore", "--config",
                           str(EMPTY_CONFIG), *args, "."],
                          cwd=cwd, capture_output=True, text=True, timeout=1800,
                          env=dict(os.environ, PYTHONPATH=str(root)))


def findings(python: str, root: Path, cwd: Path) -> list[dict]:
    done = cgolint(python, root, cwd, "--format", "json")
    return [f for f in json.loads(done.stdout)["findings"] if f["rule"] in ("CGO001", "CGO002")]


def gofmt(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["gofmt", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cgolint-root", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--diffs", type=Path, required=True)
    ap.add_argument("--python", default=None)
    args = ap.parse_args()
    python = python_for(args.python)
    root = args.cgolint_root.resolve()
    args.diffs.mkdir(parents=True, exist_ok=True)
    modules = read_modules(HERE.parent / "leaks" / "modules.txt") + read_modules(HERE.parent / "leaks" / "holdout.txt")
    rows = []
    for module, version, _ in modules:
        source = download(module, version, DEFAULT_CACHE)
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "m"
            shutil.copytree(source, copy, symlinks=True)
            subprocess.run(["chmod", "-R", "u+w", str(copy)], check=True)
            before = findings(python, root, copy)
            unformatted_before = set(gofmt("-l", ".", cwd=copy).stdout.split())
            fixable = [f for f in before if "fix" in f]
            diff = cgolint(python, root, copy, "--diff", "--unsafe-fixes").stdout
            name = module.replace("/", "_") + "@" + version
            (args.diffs / f"{name}.diff").write_text(diff, encoding="utf-8")
            cgolint(python, root, copy, "--fix", "--unsafe-fixes")
            changed = sorted({line[6:] for line in diff.splitlines() if line.startswith("+++ b/")})
            parse_errors = [p for p in changed if gofmt("-e", "-l", p, cwd=copy).returncode != 0]
            unformatted = [p for p in changed if p in set(gofmt("-l", *changed, cwd=copy).stdout.split())
                           and p not in unformatted_before] if changed else []
            after = findings(python, root, copy)
            key = lambda f: (f["rule"], f["path"], f["fingerprint"])  # noqa: E731
            gone = {key(f) for f in fixable} - {key(f) for f in after}
            new = {key(f) for f in after} - {key(f) for f in before}
            again = cgolint(python, root, copy, "--diff", "--unsafe-fixes")
            rows.append({
                "module": module, "version": version, "findings": len(before), "fixable": len(fixable),
                "safe": sum(1 for f in fixable if f["fix"]["safe"]), "unsafe": sum(1 for f in fixable if not f["fix"]["safe"]),
                "files_changed": len(changed), "parse_errors": parse_errors, "newly_unformatted": unformatted,
                "fixed_findings_gone": len(gone), "new_findings_after_fix": sorted(new),
                "second_fix_changes": again.stdout != "",
            })
            print(json.dumps(rows[-1]), flush=True)
    total = {k: sum(r[k] for r in rows) for k in ("findings", "fixable", "safe", "unsafe", "files_changed",
                                                   "fixed_findings_gone")}
    total["parse_errors"] = sum(len(r["parse_errors"]) for r in rows)
    total["newly_unformatted"] = sum(len(r["newly_unformatted"]) for r in rows)
    total["new_findings_after_fix"] = sum(len(r["new_findings_after_fix"]) for r in rows)
    total["second_fix_changes"] = sum(r["second_fix_changes"] for r in rows)
    args.out.write_text(json.dumps({"total": total, "modules": rows}, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
