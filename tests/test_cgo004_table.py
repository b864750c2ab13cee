"""Every row of the risky-library table, and the one-finding-per-package contract: each row's
names are found and reported once per package with its replacement (per function where the row
has per-function replacements), broad names only when the library's header is included or it is
linked, excluded names never; the finding's place, its related call sites, the related-limit
option, the library's own vendored sources, and the row ids in `cgolint rule CGO004`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cgolint.catalog import load_data
from cgolint.checks.risky_c_library_call import default_libraries

from conftest import run_cli, write_tree

LIBRARIES = default_libraries()
TESTDATA = Path(__file__).parent / "testdata"


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


def findings(tmp_path, source: str, *args: str) -> list[dict]:
    write_tree(tmp_path, {"probe.go": source})
    result = run_cli("check", "--format", "json", "--select", "CGO004", *args, ".", cwd=tmp_path)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def best(lib, name: str) -> str:
    return next((path for pattern, path in lib.replacement_for if _matches(name, pattern)), lib.replacements[0])


def expected_advice(lib, names: list[str]) -> str:
    """The replacement text, written out from the table independently of the rule."""
    if not lib.replacement_for:
        text = f"pure-Go replacement: {lib.replacements[0]}"
        others = [r for r in lib.replacements[1:3]]
        return text + (f" (or {', '.join(others)})" if others else "")
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(best(lib, name), [])
        if name not in groups[best(lib, name)]:
            groups[best(lib, name)].append(name)
    parts = []
    for path, called in groups.items():
        listed = ", ".join(called[:4]) + (f" and {len(called) - 4} more" if len(called) > 4 else "")
        parts.append(f"{path} for {listed}")
    return f"pure-Go replacement{'s' if len(groups) > 1 else ''}: {'; '.join(parts)}"


def expected_message(lib, names: list[str], files: int = 1, package: str = "probe") -> str:
    text = (f"Package {package} calls into {lib.family or lib.library} from {plural(len(names), 'call site')} in "
            f"{plural(files, 'file')}; {expected_advice(lib, names)}.")
    if lib.note:
        text += " " + lib.note
    return text + f' Table row `{lib.id}`; to stop this note: `disable = ["{lib.id}"]` under [rules.CGO004].'


def test_table_shape():
    rows = load_data("risky_libraries.toml")["library"]
    assert len(rows) == len(LIBRARIES) >= 37
    assert len({lib.id for lib in LIBRARIES}) == len(LIBRARIES)
    ids = {lib.id for lib in LIBRARIES}
    for required in ("openssl-cipher", "libpq", "libswresample", "zlib", "sqlite", "libcurl", "libxml2", "libgit2"):
        assert required in ids
    for lib in LIBRARIES:
        assert lib.names or lib.broad_names, lib.id


# --- every row -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lib", [lib for lib in LIBRARIES if lib.names], ids=lambda lib: lib.id)
def test_names_are_reported_once_without_evidence(lib, tmp_path):
    """Without a header or a link flag, the one finding sits on the first call; every call is a
    related location, with the replacement per function."""
    names = [concrete(p) for p in lib.names if not any(_matches(concrete(p), e) for e in lib.exclude)]
    source = go_file(names)
    [f] = findings(tmp_path, source)
    first = source.splitlines().index("func probe() {") + 2
    assert (f["rule"], f["path"], f["line"], f["column"], f["level"]) == ("CGO004", "probe.go", first, 2, "note")
    assert f["message"] == expected_message(lib, names)
    assert [(r["line"], r["column"], r["message"]) for r in f["related"]] == [
        (first + i, 2, f"C.{name} calls into {lib.library}") for i, name in enumerate(names[:10])
    ]


@pytest.mark.parametrize("lib", [lib for lib in LIBRARIES if lib.broad_names], ids=lambda lib: lib.id)
def test_broad_names_need_the_header(lib, tmp_path):
    names = [concrete(p) for p in lib.broad_names if not any(_matches(concrete(p), e) for e in lib.exclude)]
    claimed_elsewhere = {n for n in names if any(other.claims(n, _EmptyPackage) for other in LIBRARIES)}
    names = [n for n in names if n not in claimed_elsewhere]
    assert findings(tmp_path, go_file(names)) == []
    evidence = {"header": lib.headers[0]} if lib.headers else {"link": lib.links[0]}
    [f] = findings(tmp_path, go_file(names, **evidence))
    # The place is the evidence: the #include line, or the #cgo LDFLAGS line (both line 4, column 1).
    assert (f["line"], f["column"]) == (4, 1)
    assert f["message"] == expected_message(lib, names)
    assert len(f["related"]) == min(len(names), 10)


# --- the place ----------------------------------------------------------------------------------


def test_link_flag_is_evidence_and_the_place(tmp_path):
    [f] = findings(tmp_path, go_file(["crc32"], link="z"))
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (4, 1, 4, 18)  # `#cgo LDFLAGS: -lz`
    assert f["message"].startswith("Package probe calls into zlib from 1 call site in 1 file; "
                                   "pure-Go replacement: hash/crc32 for crc32. ")


def test_include_wins_over_the_link_flag(tmp_path):
    [f] = findings(tmp_path, go_file(["crc32"], header="zlib.h", link="z"))
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (5, 1, 5, 18)  # `#include <zlib.h>`


def test_include_in_a_line_comment_preamble(tmp_path):
    source = 'package p\n\n// #include <zlib.h>\nimport "C"\n\nfunc f() uint32 { return uint32(C.crc32(0, nil, 0)) }\n'
    [f] = findings(tmp_path, source)
    assert (f["path"], f["line"], f["column"]) == ("probe.go", 3, 4)


TWO_FILES = {
    # b.go takes zlib in only through wrap.h; a.go includes zlib.h itself, later in file order.
    "b.go": 'package p\n\n// #include "wrap.h"\nimport "C"\n\nfunc sum(p *C.Bytef, n C.uInt) C.uLong {\n'
            "\treturn C.crc32(0, p, n)\n}\n\nfunc pack() {\n\tC.compress2(nil, nil, nil, 0, 6)\n}\n",
    "wrap.h": "#include <zlib.h>\n",
    "a.go": 'package p\n\n// #include <zlib.h>\nimport "C"\n\nfunc f() { C.adler32(1, nil, 0) }\n',
}


def test_earliest_include_in_file_order(tmp_path):
    write_tree(tmp_path, TWO_FILES)
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    [f] = json.loads(result.out)["findings"]
    assert (f["rule"], f["path"], f["line"], f["column"]) == ("CGO004", "a.go", 3, 4)
    assert f["message"].startswith(
        "Package p calls into zlib from 3 call sites in 2 files; pure-Go replacements: hash/adler32 for adler32; "
        "hash/crc32 for crc32; compress/zlib for compress2. "
    )
    assert [(r["path"], r["line"], r["column"], r["message"]) for r in f["related"]] == [
        ("a.go", 6, 12, "C.adler32 calls into zlib"),
        ("b.go", 7, 9, "C.crc32 calls into zlib"),
        ("b.go", 11, 2, "C.compress2 calls into zlib"),
    ]


def test_named_file_without_the_include_gets_the_finding_at_its_first_call(tmp_path):
    """As pre-commit does: only b.go is named. The includes are in a.go and wrap.h, which are read
    for the package's facts but not reported, so the finding moves to b.go's first call."""
    write_tree(tmp_path, TWO_FILES)
    result = run_cli("check", "--format", "json", "b.go", cwd=tmp_path)
    [f] = json.loads(result.out)["findings"]
    assert (f["rule"], f["path"], f["line"], f["column"]) == ("CGO004", "b.go", 7, 9)
    assert f["message"].startswith("Package p calls into zlib from 3 call sites in 2 files; ")
    assert [(r["path"], r["line"]) for r in f["related"]] == [("a.go", 6), ("b.go", 7), ("b.go", 11)]


def test_named_file_that_does_not_use_the_library_has_no_finding(tmp_path):
    files = {**TWO_FILES, "c.go": 'package p\n\n// #include <stdlib.h>\nimport "C"\n\nfunc g() { C.free(nil) }\n'}
    write_tree(tmp_path, files)
    result = run_cli("check", "--format", "json", "c.go", cwd=tmp_path)
    assert json.loads(result.out)["findings"] == []


def test_named_header_holds_the_finding(tmp_path):
    write_tree(tmp_path, TWO_FILES)
    result = run_cli("check", "--format", "json", "wrap.h", cwd=tmp_path)
    assert [(f["path"], f["line"], f["column"]) for f in json.loads(result.out)["findings"]] == [("wrap.h", 1, 1)]


# --- the message --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names,header,advice",
    [
        (["crc32"], "zlib.h", "pure-Go replacement: hash/crc32 for crc32"),
        (["inflateInit_", "inflate", "inflateEnd"], "zlib.h", "pure-Go replacement: compress/flate for inflateInit_, inflate, inflateEnd"),
        (["SHA256_Init", "SHA256_Update", "MD5", "SHA256_Final"], "openssl/sha.h",
         "pure-Go replacements: crypto/sha256 for SHA256_Init, SHA256_Update, SHA256_Final; crypto/md5 for MD5"),
        (["PQexec", "PQclear"], "libpq-fe.h", "pure-Go replacement: github.com/jackc/pgx/v5"),
        (["crypto_box_easy", "crypto_box_open_easy", "crypto_box_keypair", "crypto_box_seal", "crypto_box_seal_open",
          "randombytes_buf"], "sodium.h",
         "pure-Go replacements: golang.org/x/crypto/nacl/box for crypto_box_easy, crypto_box_open_easy, "
         "crypto_box_keypair, crypto_box_seal and 1 more; crypto/rand for randombytes_buf"),
    ],
)
def test_replacement_per_called_function(names, header, advice, tmp_path):
    [f] = findings(tmp_path, go_file(names, header=header))
    assert f"; {advice}." in f["message"]


def test_repeated_calls_count_as_call_sites_but_name_the_function_once(tmp_path):
    [f] = findings(tmp_path, go_file(["crc32", "crc32", "adler32", "crc32"], header="zlib.h"))
    assert f["message"].startswith("Package probe calls into zlib from 4 call sites in 1 file; "
                                   "pure-Go replacements: hash/crc32 for crc32; hash/adler32 for adler32. ")


def test_openssl_cipher_full_message(tmp_path):
    [f] = findings(tmp_path, go_file(["EVP_CIPHER_CTX_new", "EVP_EncryptFinal_ex"], header="openssl/evp.h"))
    assert (f["line"], f["column"]) == (4, 1)
    assert f["message"] == (
        "Package probe calls into OpenSSL from 2 call sites in 1 file; "
        "pure-Go replacement: crypto/aes + crypto/cipher (or golang.org/x/crypto/chacha20poly1305). "
        "crypto/cipher provides GCM, CTR and CBC; use the AEAD's Seal/Open, there is no separate Final step. "
        "Use golang.org/x/crypto only for algorithms the standard library lacks (ChaCha20-Poly1305, XChaCha, NaCl, "
        "argon2...). Table row `openssl-cipher`; to stop this note: `disable = [\"openssl-cipher\"]` under "
        "[rules.CGO004]."
    )


def test_two_rows_of_one_library_sharing_a_header_are_one_finding(tmp_path):
    got = findings(tmp_path, go_file(["EVP_EncryptInit_ex", "EVP_DigestInit_ex"], header="openssl/evp.h"))
    assert [(f["line"], f["message"].split(";")[0]) for f in got] == [
        (4, "Package probe calls into OpenSSL from 2 call sites in 1 file"),
    ]
    assert "Table rows `openssl-cipher`, `openssl-digest`;" in got[0]["message"]


def test_disable_names_the_row_from_the_message(tmp_path):
    (tmp_path / "cgolint.toml").write_text('[rules.CGO004]\ndisable = ["zlib"]\n', encoding="utf-8")
    assert findings(tmp_path, go_file(["crc32"], header="zlib.h")) == []


# --- related locations --------------------------------------------------------------------------

TWELVE = [f"sqlite3_probe{i}" for i in range(12)]


def test_related_locations_are_capped_at_ten_by_default(tmp_path):
    [f] = findings(tmp_path, go_file(TWELVE))
    assert f["message"].startswith("Package probe calls into SQLite from 12 call sites in 1 file; ")
    assert [(r["line"], r["message"]) for r in f["related"]] == [
        (8 + i, f"C.sqlite3_probe{i} calls into SQLite") for i in range(10)
    ]


@pytest.mark.parametrize("limit,count", [(0, 0), (3, 3), (12, 12), (50, 12)])
def test_related_limit_option(limit, count, tmp_path):
    (tmp_path / "cgolint.toml").write_text(f"[rules.CGO004]\nrelated-limit = {limit}\n", encoding="utf-8")
    [f] = findings(tmp_path, go_file(TWELVE))
    assert [r["line"] for r in f["related"]] == list(range(8, 8 + count))
    assert " from 12 call sites in 1 file; " in f["message"]


@pytest.mark.parametrize("value,shown", [("-1", "-1"), ('"10"', "'10'"), ("true", "True"), ("2.5", "2.5")])
def test_related_limit_bad_values(value, shown, tmp_path):
    write_tree(tmp_path, {"cgolint.toml": f"[rules.CGO004]\nrelated-limit = {value}\n", "probe.go": go_file(["PQexec"])})
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err == (f"cgolint: error: {tmp_path / 'cgolint.toml'}: rules.CGO004.related-limit must be "
                          f"an integer of 0 or more, not {shown}\n")


def test_related_locations_in_text_output(tmp_path):
    write_tree(tmp_path, {"probe.go": go_file(["PQexec", "PQclear"], header="libpq-fe.h")})
    result = run_cli("check", "--fail-level", "note", "-q", ".", cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines()[1:] == [
        "    probe.go:9.2: C.PQexec calls into PostgreSQL libpq",
        "    probe.go:10.2: C.PQclear calls into PostgreSQL libpq",
    ]
    assert result.out.startswith("probe.go:4:1: note: CGO004 Package probe calls into PostgreSQL libpq from 2 call sites ")


# --- the library's own sources ------------------------------------------------------------------


def test_vendored_library_is_one_finding(tmp_path):
    """The fixture binds a vendored zstd: its own .c files call zstd, which is not counted."""
    root = TESTDATA / "cgo004_vendored_zstd"
    result = run_cli("check", "--format", "json", "--select", "CGO004", ".", cwd=root)
    [f] = json.loads(result.out)["findings"]
    assert (f["path"], f["line"], f["column"]) == ("compress.go", 9, 1)
    assert f["message"] == (
        "Package zstd calls into Zstandard (libzstd) from 7 call sites in 2 files; "
        "pure-Go replacement: github.com/klauspost/compress/zstd. This package also contains the library's own "
        "C code (4 files, e.g. zstd_common.c); calls inside it are not counted. "
        'Table row `zstd`; to stop this note: `disable = ["zstd"]` under [rules.CGO004].'
    )
    assert {r["path"] for r in f["related"]} == {"compress.go", "decompress.go"}
    assert [r["message"] for r in f["related"]][:2] == [
        "C.ZSTD_compressBound calls into Zstandard (libzstd)",
        "C.ZSTD_compress calls into Zstandard (libzstd)",
    ]


def test_vendored_amalgamation_called_from_a_preamble_wrapper(tmp_path):
    """The SQLite amalgamation in the package; the preamble's wrapper calls it: one finding, at the
    preamble's include, counting the wrapper's call and not the amalgamation's own."""
    files = {
        "sqlite3.h": "int sqlite3_open(const char *f, void **db);\nint sqlite3_close(void *db);\n",
        "sqlite3-binding.c": '#include "sqlite3.h"\nint sqlite3_close(void *db) { return 0; }\n'
                             "int sqlite3_open(const char *f, void **db) { *db = 0; sqlite3_close(*db); return 0; }\n",
        "db.go": 'package db\n\n/*\n#include "sqlite3.h"\nstatic int open_db(void **db) { return sqlite3_open(":memory:", db); }\n'
                 '*/\nimport "C"\n\nimport "unsafe"\n\nfunc Close(db unsafe.Pointer) { C.sqlite3_close(db) }\n',
    }
    write_tree(tmp_path, files)
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    [f] = json.loads(result.out)["findings"]
    assert (f["path"], f["line"], f["column"]) == ("db.go", 4, 1)
    assert f["message"].startswith(
        "Package db calls into SQLite from 2 call sites in 1 file; pure-Go replacement: modernc.org/sqlite "
        "(or github.com/ncruces/go-sqlite3). "
    )
    # sqlite3.h is the library's too: the amalgamation includes it
    assert "This package also contains the library's own C code (2 files, e.g. sqlite3-binding.c); " in f["message"]
    assert [(r["line"], r["column"], r["message"]) for r in f["related"]] == [
        (5, 40, "sqlite3_open calls into SQLite"),
        (11, 33, "C.sqlite3_close calls into SQLite"),
    ]


def test_vendored_header_with_the_librarys_macros_is_its_own_source(tmp_path):
    """A copy of zlib.h in the package defines zlib's function-like macros: its own #include
    lines are not the place; the preamble's #include is."""
    files = {
        "zlib.h": "#include <zconf.h>\n#define deflateInit(strm, level) deflateInit_((strm), (level), 0, 0)\n",
        "z.go": 'package z\n\n// #include "zlib.h"\nimport "C"\n\nfunc f() { C.deflateEnd(nil) }\n',
    }
    write_tree(tmp_path, files)
    [f] = json.loads(run_cli("check", "--format", "json", ".", cwd=tmp_path).out)["findings"]
    assert (f["path"], f["line"], f["column"]) == ("z.go", 3, 4)
    assert "own C code (1 file, e.g. zlib.h)" in f["message"]


def test_preamble_with_only_broad_named_functions_is_the_packages_own(tmp_path):
    """The package's own `compress` is not zlib's, even with zlib included (fixture cgo004_own_functions)."""
    source = ('package p\n\n/*\n#include <zlib.h>\nstatic int compress(char *d, int n) { return n; }\n*/\n'
              'import "C"\n\nfunc f() { C.compress(nil, 0) }\n')
    assert findings(tmp_path, source) == []


# --- exclusions ---------------------------------------------------------------------------------


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
    [f] = findings(tmp_path, go_file(["swr_convert"], header="libswresample/swresample.h"))
    assert "ebml" not in f["message"] and "zaf/resample" not in f["message"]
    assert "pure-Go replacement: github.com/zeozeozeo/gomplerate" in f["message"]


# --- documentation ------------------------------------------------------------------------------


def test_rule_documentation_lists_every_row_id(tmp_path):
    result = run_cli("rule", "CGO004", cwd=tmp_path)
    assert result.code == 0
    for lib in LIBRARIES:
        assert f"| `{lib.id}` | {lib.library} | {lib.family} |\n" in result.out
    assert "related-limit = 10" in result.out


def _matches(name, pattern):
    """The table's pattern language, written out independently of the rule's regexes."""
    return name.startswith(pattern[:-1]) if pattern.endswith("*") else name == pattern


class _EmptyPackage:
    includes = frozenset()
    link_libraries = frozenset()
    pkg_config_packages = frozenset()


def test_one_finding_for_the_rows_of_one_library(tmp_path):
    """OpenSSL is one C library split over several table rows (ciphers, digests, TLS...): a package
    that uses three of them gets one finding that names every row and each row's replacement."""
    source = """package tlsconn

/*
#cgo pkg-config: libssl libcrypto
#include <openssl/ssl.h>
#include <openssl/evp.h>
*/
import "C"

func use(ssl *C.SSL, ctx *C.EVP_MD_CTX) {
	C.SSL_read(ssl, nil, 0)
	C.EVP_DigestInit_ex(ctx, nil, nil)
	C.EVP_EncryptInit_ex(nil, nil, nil, nil, nil)
	C.SSL_write(ssl, nil, 0)
}
"""
    [f] = findings(tmp_path, source)
    assert (f["line"], f["column"]) == (5, 1)  # an #include comes before the #cgo line
    assert f["message"].startswith("Package tlsconn calls into OpenSSL from 4 call sites in 1 file; pure-Go replacements: "
                                   "crypto/tls for SSL_read, SSL_write; crypto/sha256 for EVP_DigestInit_ex; "
                                   "crypto/aes + crypto/cipher for EVP_EncryptInit_ex.")
    assert f["message"].endswith('Table rows `openssl-cipher`, `openssl-digest`, `openssl-tls`; to stop this note: '
                                 '`disable = ["openssl-cipher", "openssl-digest", "openssl-tls"]` under [rules.CGO004].')
    assert [r["message"] for r in f["related"]] == [
        "C.SSL_read calls into OpenSSL libssl (TLS)",
        "C.EVP_DigestInit_ex calls into OpenSSL libcrypto (digests)",
        "C.EVP_EncryptInit_ex calls into OpenSSL/BoringSSL libcrypto (symmetric EVP ciphers)",
        "C.SSL_write calls into OpenSSL libssl (TLS)",
    ]


def test_type_conversions_are_not_call_sites(tmp_path):
    """C.sqlite3_int64(n) converts to a C type the header declares; C.rd_kafka_type_t(0) to a
    _t type: neither is a call into the library, so neither counts nor is listed."""
    source = """package probe

/*
#include <sqlite3.h>
typedef long long sqlite3_int64;
*/
import "C"

func probe(stmt *C.sqlite3_stmt, n int64) {
	C.sqlite3_bind_int64(stmt, 1, C.sqlite3_int64(n))
	_ = C.sqlite3_uint64_t(n)
}
"""
    [f] = findings(tmp_path, source)
    assert f["message"].startswith("Package probe calls into SQLite from 1 call site in 1 file;")
    assert [(r["line"], r["column"], r["message"]) for r in f["related"]] == [
        (10, 2, "C.sqlite3_bind_int64 calls into SQLite")
    ]


def test_preamble_wrappers_named_like_the_library_are_the_packages_own(tmp_path):
    """gozstd's preamble defines ZSTD_compressCCtx_wrapper around ZSTD_compressCCtx: the wrapper is
    the package's glue, not zstd's source. The finding sits on the preamble's #include, the wrapper's
    call into zstd counts, and Go's calls of the wrapper do not."""
    source = """package gozstd

/*
#define ZSTD_STATIC_LINKING_ONLY
#include "zstd.h"
static size_t ZSTD_compressCCtx_wrapper(ZSTD_CCtx *ctx, void *dst, size_t n, const void *src, size_t m, int level) {
	return ZSTD_compressCCtx(ctx, dst, n, src, m, level);
}
*/
import "C"

func compress(ctx *C.ZSTD_CCtx) {
	C.ZSTD_compressCCtx_wrapper(ctx, nil, 0, nil, 0, 3)
}
"""
    [f] = findings(tmp_path, source)
    assert (f["path"], f["line"], f["column"]) == ("probe.go", 5, 1)
    assert f["message"].startswith("Package gozstd calls into Zstandard (libzstd) from 1 call site in 1 file;")
    assert "own C code" not in f["message"]
    assert [(r["line"], r["message"]) for r in f["related"]] == [(7, "ZSTD_compressCCtx calls into Zstandard (libzstd)")]


def test_the_librarys_own_code_is_what_its_files_include_and_call(tmp_path):
    """Vendored zstd: zstd_compress.c defines ZSTD_* and calls FSE_*, defined in fse_compress.c,
    which calls ZSTD_isError and includes the internal header zstd_internal.h. All three are zstd's
    own code, so only the Go call counts."""
    files = {
        "zstd_internal.h": "#define ZSTD_STATIC_ASSERT(c) ((void)sizeof(char[(c) ? 1 : -1]))\nint ZSTD_isError(unsigned long c);\n",
        "fse_compress.c": '#include "zstd_internal.h"\nint FSE_normalize(int n) { return ZSTD_isError(n) ? 0 : n; }\n',
        "zstd_compress.c": '#include "zstd_internal.h"\nint FSE_normalize(int n);\n'
                           "int ZSTD_isError(unsigned long c) { return c > 100; }\n"
                           "int ZSTD_compressBlock(int n) { return FSE_normalize(n); }\n",
        "zs.go": 'package zs\n\n// int ZSTD_compressBlock(int n);\nimport "C"\n\nfunc Block(n int) int { return int(C.ZSTD_compressBlock(C.int(n))) }\n',
        # the deprecated buffered API: its own prefix, nothing calls it, but it includes an internal header
        "zbuff_compress.c": '#include "zstd_internal.h"\nint ZBUFF_compress(int n) { return ZSTD_compressBlock(n); }\n',
    }
    write_tree(tmp_path, files)
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    [f] = json.loads(result.out)["findings"]
    assert f["message"].startswith("Package zs calls into Zstandard (libzstd) from 1 call site in 1 file; ")
    assert "own C code (4 files, e.g. fse_compress.c)" in f["message"]
    assert [(r["path"], r["line"]) for r in f["related"]] == [("zs.go", 6)]


def test_a_file_that_includes_the_installed_library_is_its_client(tmp_path):
    """go-openssl's shim.c defines BIO_s_readBio (an OpenSSL-looking name) but includes
    <openssl/bio.h>: it is the package's glue, and its calls into OpenSSL count."""
    files = {
        "shim.c": "#include <openssl/bio.h>\n#include <openssl/ssl.h>\n"
                  "BIO_METHOD *BIO_s_readBio(void) { return BIO_meth_new(0, \"go read\"); }\n"
                  "int shim_read(SSL *s, void *b, int n) { return SSL_read(s, b, n); }\n",
        "conn.go": 'package tls\n\n// #include <openssl/ssl.h>\nimport "C"\n\nfunc New(ctx *C.SSL_CTX) *C.SSL { return C.SSL_new(ctx) }\n',
    }
    write_tree(tmp_path, files)
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    [f] = json.loads(result.out)["findings"]
    assert (f["path"], f["line"]) == ("conn.go", 3)
    assert f["message"].startswith("Package tls calls into OpenSSL from 3 call sites in 2 files; ")
    assert "own C code" not in f["message"]
