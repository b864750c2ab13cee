"""Every row of the risky-library table: its names are reported with its replacement,
broad names only when the library's header is included or it is linked, and
excluded names never."""

from __future__ import annotations

import json

import pytest

from cgolint.catalog import load_data
from cgolint.checks.risky_c_library_call import default_libraries

from conftest import run_cli, write_tree

LIBRARIES = default_libraries()


def concrete(pattern: str) -> str:
    return pattern[:-1] + "Probe" if pattern.endswith("*") else pattern


def go_file(calls: list[str], header: str | None = None, link: str | None = None) -> str:
    lines = ["package probe", "", "/*"]
    if link:
        lines.append(f"#cgo LDFLAGS: -l{link}")
    if header:
        lines.append(f"#include <{header}>")
    lines += ["*/", 'import "C"', "", "func probe() {"]
    lines += [f"\tC.{name}()" for name in calls]
    lines.append("}")
    return "\n".join(lines) + "\n"


def findings(tmp_path, source: str) -> list[dict]:
    write_tree(tmp_path, {"probe.go": source})
    result = run_cli("check", "--format", "json", "--select", "CGO004", ".", cwd=tmp_path)
    return json.loads(result.out)["findings"]


def test_every_row_is_tested():
    for lib in LIBRARIES:
        assert lib.names or lib.broad_names, lib.id


def test_table_shape():
    rows = load_data("risky_libraries.toml")["library"]
    assert len(rows) == len(LIBRARIES) >= 37
    assert len({lib.id for lib in LIBRARIES}) == len(LIBRARIES)
    ids = {lib.id for lib in LIBRARIES}
    for required in ("openssl-cipher", "libpq", "libswresample", "zlib", "sqlite", "libcurl", "libxml2", "libgit2"):
        assert required in ids


@pytest.mark.parametrize("lib", [lib for lib in LIBRARIES if lib.names], ids=lambda lib: lib.id)
def test_names_are_reported_without_evidence(lib, tmp_path):
    names = [concrete(p) for p in lib.names if not any(_matches(concrete(p), e) for e in lib.exclude)]
    source = go_file(names)
    got = findings(tmp_path, source)
    first = source.splitlines().index("func probe() {") + 2
    assert [(f["line"], f["column"]) for f in got] == [(first + i, 2) for i in range(len(names))], got
    for f, name in zip(got, names):
        best = next((path for pattern, path in lib.replacement_for if _matches(name, pattern)), lib.replacements[0])
        assert f["message"].startswith(f"C.{name} is a call into {lib.library}; pure-Go replacement: {best}")
        assert f["level"] == "note"


@pytest.mark.parametrize(
    "name,header,best",
    [
        ("crc32", "zlib.h", "hash/crc32 (or compress/zlib, compress/flate)."),
        ("inflateInit_", "zlib.h", "compress/flate (or compress/zlib, compress/gzip)."),
        ("SHA256_Update", "openssl/sha.h", "crypto/sha256 (or crypto/sha512, crypto/sha1)."),
        ("PQexec", "libpq-fe.h", "github.com/jackc/pgx/v5."),
    ],
)
def test_message_names_the_replacement_for_that_function(name, header, best, tmp_path):
    [f] = findings(tmp_path, go_file([name], header=header))
    assert f"; pure-Go replacement: {best}" in f["message"]


@pytest.mark.parametrize("lib", [lib for lib in LIBRARIES if lib.broad_names], ids=lambda lib: lib.id)
def test_broad_names_need_the_header(lib, tmp_path):
    names = [concrete(p) for p in lib.broad_names if not any(_matches(concrete(p), e) for e in lib.exclude)]
    claimed_elsewhere = {n for n in names if any(other.claims(n, _EmptyPackage) for other in LIBRARIES)}
    names = [n for n in names if n not in claimed_elsewhere]
    assert findings(tmp_path, go_file(names)) == []
    evidence = {"header": lib.headers[0]} if lib.headers else {"link": lib.links[0]}
    got = findings(tmp_path, go_file(names, **evidence))
    assert len(got) == len(names)
    assert all(lib.library in f["message"] for f in got)


def test_link_flag_is_evidence(tmp_path):
    got = findings(tmp_path, go_file(["crc32"], link="z"))
    assert len(got) == 1 and "hash/crc32" in got[0]["message"]


@pytest.mark.parametrize(
    "lib_id,name",
    [("libxml2", "xmlSchemaValidateDoc"), ("bzip2", "BZ2_bzCompress"), ("libwebp", "WebPEncodeRGB")],
)
def test_excluded_names_are_not_reported(lib_id, name, tmp_path):
    lib = next(lib for lib in LIBRARIES if lib.id == lib_id)
    assert findings(tmp_path, go_file([name], header=lib.headers[0])) == []


def test_ffmpeg_codecs_are_not_reported(tmp_path):
    source = go_file(["avcodec_open2", "avformat_open_input"], header="libavcodec/avcodec.h")
    assert findings(tmp_path, source) == []


def test_swresample_points_to_a_real_pure_go_resampler(tmp_path):
    got = findings(tmp_path, go_file(["swr_convert"], header="libswresample/swresample.h"))
    assert len(got) == 1
    assert "ebml" not in got[0]["message"] and "zaf/resample" not in got[0]["message"]
    assert "github.com/" in got[0]["message"]


def test_openssl_cipher_points_to_the_standard_library(tmp_path):
    got = findings(tmp_path, go_file(["EVP_EncryptFinal_ex"], header="openssl/evp.h"))
    assert got[0]["message"].startswith(
        "C.EVP_EncryptFinal_ex is a call into OpenSSL/BoringSSL libcrypto (symmetric EVP ciphers); "
        "pure-Go replacement: crypto/aes + crypto/cipher"
    )


def _matches(name, pattern):
    """The table's pattern language, written out independently of the rule's regexes."""
    return name.startswith(pattern[:-1]) if pattern.endswith("*") else name == pattern


class _EmptyPackage:
    includes = frozenset()
    link_libraries = frozenset()
    pkg_config_packages = frozenset()
