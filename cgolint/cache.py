"""The result cache: a directory's findings, kept until its sources or the settings change.

An entry is keyed on everything a directory's result depends on: the bytes of every source
file read (with the name it is shown under and whether it is reported), what could not be read,
the settings (configuration, rules, working directory) and cgolint itself (its version and a
digest of its code and catalogs, so an edited checkout never reads stale results).

A warm run need not read the files: a stamp of each directory's entries as `stat` sees them
(name, size, modification time in ns, inode) points at the entry last stored or found for it
(`stamps/`). A directory whose stamp changed is read and looked up by content, as before.

Entries are JSON, never pickle: a cache directory can come from a checked-out repository, and
loading it must not run code. Writes go to a temporary file renamed into place, so two runs
sharing the cache never see half an entry. A cache that cannot be created, read or written is
skipped without a word: the run's result is the same.

Layout (as ruff's): `.cgolint_cache/` with a `CACHEDIR.TAG` (backup tools skip it) and a
`.gitignore` of `*` (git never sees it), entries under `v1/xx/<key>.json`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cgolint import __version__
from cgolint.catalog import catalog_dir
from cgolint.config import Settings
from cgolint.discover import Target
from cgolint.findings import Assumption, DirectoryResult, Edit, Finding, Fix, Level, Problem, Related, Suppression
from cgolint.source import Position, Span

if TYPE_CHECKING:
    from cgolint.loader import DirectorySources

CACHE_NAME = ".cgolint_cache"
FORMAT = "v1"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by cgolint.\n"
       "# For information about cache directory tags see https://bford.info/cachedir/\n")


def default_cache_dir(settings: Settings) -> Path:
    """CGOLINT_CACHE_DIR, else .cgolint_cache beside the configuration file, else in the working directory."""
    env = os.environ.get("CGOLINT_CACHE_DIR")
    if env:
        return Path(env)
    config = settings.config
    return (config.path.parent if config.path is not None else settings.cwd) / CACHE_NAME


@lru_cache(maxsize=1)
def code_digest() -> str:
    """cgolint's version and the bytes of its code and rule catalogs."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for root in dict.fromkeys((package, catalog_dir())):  # in a wheel the catalog is inside the package
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".toml") and path.is_file():
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def settings_digest(settings: Settings) -> str:
    doc = {"config": dataclasses.asdict(settings.config), "rules": settings.rule_ids, "cwd": str(settings.cwd),
           "suppressed": settings.include_suppressed, "code": code_digest()}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode("utf-8", "surrogateescape")).hexdigest()


class Cache:
    def __init__(self, directory: Path, settings: Settings) -> None:
        self.directory = directory
        self.settings = settings_digest(settings)
        self._ready = False

    def key(self, sources: DirectorySources) -> str:
        h = hashlib.sha256(self.settings.encode())
        h.update(os.fsencode(str(sources.directory)) + b"\0")
        for s in (*sources.go, *sources.c):
            h.update(os.fsencode(s.display) + b"\0" + (b"r" if s.reported else b"-") + hashlib.sha256(s.data).digest())
        for p in sources.problems:
            h.update(json.dumps(dataclasses.asdict(p), default=str).encode("utf-8", "surrogateescape"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / FORMAT / key[:2] / f"{key}.json"

    def stamp(self, target: Target) -> str | None:
        """A digest of what the directory's source files look like on disk: each .go/.c/.h entry's
        name, type, size, modification time (ns) and inode, as ruff's cache keys on. Taken before
        the files are read, so a file changed meanwhile only makes the next run read it again.
        None when the directory cannot be listed (the files are then read, and the content key decides)."""
        h = hashlib.sha256(self.settings.encode())
        h.update(os.fsencode(str(target.directory)) + b"\0")
        for path in sorted(target.reported or ()):
            h.update(os.fsencode(str(path)) + b"\1")
        try:
            with os.scandir(target.directory) as it:
                entries = sorted((e for e in it if e.name.endswith((".go", ".c", ".h"))), key=lambda e: e.name)
                for e in entries:
                    st = e.stat()
                    h.update(os.fsencode(e.name) + b"\0" + repr((e.is_symlink(), st.st_mode, st.st_size,
                                                                   st.st_mtime_ns, st.st_ino, st.st_dev)).encode())
        except OSError:
            return None
        return h.hexdigest()

    def _stamp_path(self, stamp: str) -> Path:
        return self.directory / FORMAT / "stamps" / stamp[:2] / stamp

    def quick_lookup(self, stamp: str | None) -> DirectoryResult | None:
        """The result stored for a directory that looks on disk as it did then, without reading it."""
        if stamp is None:
            return None
        try:
            key = self._stamp_path(stamp).read_text(encoding="ascii").strip()
            if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
                return None  # not one of our keys: never a path to follow
            text = self._path(key).read_text(encoding="utf-8", errors="surrogateescape")
            return decode(json.loads(text))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remember(self, stamp: str | None, sources: DirectorySources) -> None:
        """Point the stamp at the entry for these sources (stored or found by content)."""
        if stamp is None:
            return
        path = self._stamp_path(stamp)
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "w", encoding="ascii") as fh:
                    fh.write(self.key(sources))
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass

    def lookup(self, sources: DirectorySources) -> DirectoryResult | None:
        try:
            text = self._path(self.key(sources)).read_text(encoding="utf-8", errors="surrogateescape")
            return decode(json.loads(text))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, unreadable or not ours: analyse again

    def store(self, sources: DirectorySources, result: DirectoryResult) -> None:
        path = self._path(self.key(sources))
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as fh:
                    json.dump(encode(result), fh, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only checkout or a full disk: the run goes on without the cache

    def _prepare(self) -> None:
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# Created by cgolint automatically.\n*\n")):
            target = self.directory / name
            if not target.exists():
                target.write_text(text, encoding="utf-8")
        self._ready = True


# ------------------------------------------------------------------ JSON (de)serialisation


def encode(result: DirectoryResult) -> dict:
    return dataclasses.asdict(result)


def _position(d: dict) -> Position:
    return Position(d["line"], d["column"], d["column_utf16"])


def _span(d: dict) -> Span:
    return Span(d["path"], _position(d["start"]), _position(d["end"]))


def _finding(d: dict) -> Finding:
    fix = d["fix"]
    suppression = d["suppression"]
    return Finding(
        d["rule_id"], d["message"], _span(d["span"]),
        tuple(Related(_span(r["span"]), r["message"]) for r in d["related"]),
        Fix(fix["description"], tuple(Edit(_span(e["span"]), e["replacement"]) for e in fix["edits"]),
            fix["safe"], fix["unsafe_reason"]) if fix else None,
        Level(d["level"]),
        Suppression(suppression["kind"], suppression["justification"], _span(suppression["span"])) if suppression else None,
        d["fingerprint"], d["extra"],
        tuple(tuple(Related(_span(r["span"]), r["message"]) for r in flow) for flow in d["flows"]),
    )


def decode(doc: dict) -> DirectoryResult:
    return DirectoryResult(
        [_finding(f) for f in doc["findings"]],
        [Problem(**p) for p in doc["problems"]],
        [Assumption(a["rule_id"], _span(a["span"]), a["message"]) for a in doc["assumptions"]],
        doc["files_checked"],
    )
