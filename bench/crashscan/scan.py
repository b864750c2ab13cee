"""Run cgolint (every rule, JSON, --jobs 2) over every module version in the download cache and
record, per module: exit code, internal errors, findings, seconds. By hand, never in CI.

    python3 bench/crashscan/scan.py [--cache ~/.cache/cgolint-realcode] [--python .venv/bin/python] \
        [--out bench/crashscan/results.tsv] [--save DIR]

A module passes when cgolint exits 0 or 1, prints no traceback and reports no internal error.
--save DIR keeps each module's JSON output (DIR/<module@version>.json), so that two runs (before
and after a change that should not change any output, such as a speed-up) can be compared with
`diff -r`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_dirs(cache: Path) -> list[Path]:
    """Directories named module@version (the go tool's download cache layout), cache/ excluded."""
    out = []
    for dirpath, dirnames, _ in os.walk(cache):
        if Path(dirpath) == cache and "cache" in dirnames:
            dirnames.remove("cache")
        for d in list(dirnames):
            if "@" in d:
                out.append(Path(dirpath) / d)
                dirnames.remove(d)
    return sorted(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/cgolint-realcode"))
    ap.add_argument("--python", default=str(ROOT / ".venv/bin/python"))
    ap.add_argument("--out", default=str(ROOT / "bench/crashscan/results.tsv"))
    ap.add_argument("--root", default=str(ROOT), help="the cgolint checkout to run (default: this one)")
    ap.add_argument("--save", type=Path, help="keep each module's JSON output in this directory")
    args = ap.parse_args()
    cache = Path(args.cache)
    env = {**os.environ, "PYTHONPATH": args.root}
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    failed = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for d in module_dirs(cache):
            start = time.perf_counter()
            done = subprocess.run([args.python, "-m", "cgolint", "check", "--no-cache", "--config",
                                   str(ROOT / "bench/realcode/EMPTY.toml"), "--format", "json", "--jobs", "2", "."],
                                  cwd=d, env=env, capture_output=True, text=True, timeout=600)
            seconds = time.perf_counter() - start
            if args.save:
                (args.save / (str(d.relative_to(cache)).replace("/", "%") + ".json")).write_text(done.stdout)
            try:
                doc = json.loads(done.stdout)
                internal, findings = sum(bool(p.get("internal")) for p in doc["problems"]), len(doc["findings"])
            except (ValueError, KeyError):
                internal, findings = "BADJSON", 0
            ok = done.returncode in (0, 1) and "Traceback" not in done.stderr and internal == 0
            failed += not ok
            out.write(f"{d.relative_to(cache)}\t{done.returncode}\t{internal} {findings}\t{seconds:.1f}\n")
            if not ok:
                print(f"FAIL {d.relative_to(cache)}: exit {done.returncode}\n{done.stderr[-2000:]}", file=sys.stderr)
    print(f"{len(module_dirs(cache))} modules, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
