"""The preamble: which comment cgo takes, and exact positions of C code inside it."""

from __future__ import annotations

import json

import pytest

from cgolint.model import CgoDirective
from cgolint.parsing import may_import_c, parse_go
from cgolint.preamble import cgo_directives, find_import_c, preamble_text
from cgolint.source import SourceFile

from conftest import run_cli, write_tree


def cgo004(tmp_path, files) -> list[tuple[int, int, int, str]]:
    """(line, byte column, UTF-16 column, message) of CGO004 findings, from JSON and SARIF."""
    write_tree(tmp_path, files)
    doc = json.loads(run_cli("check", "--format", "json", ".", cwd=tmp_path).out)
    sarif = json.loads(run_cli("check", "--format", "sarif", ".", cwd=tmp_path).out)
    utf16 = [r["locations"][0]["physicalLocation"]["region"]["startColumn"] for r in sarif["runs"][0]["results"]]
    return [(f["line"], f["column"], u, f["message"]) for f, u in zip(doc["findings"], utf16)]


def calls(tmp_path) -> list[tuple[int, int, int, str]]:
    """(line, byte column, UTF-16 column, message) of the call sites (related locations) of the one CGO004
    finding that cgo004() found in tmp_path, from JSON and SARIF."""
    doc = json.loads(run_cli("check", "--format", "json", ".", cwd=tmp_path).out)
    sarif = json.loads(run_cli("check", "--format", "sarif", ".", cwd=tmp_path).out)
    [finding] = doc["findings"]
    [result] = sarif["runs"][0]["results"]
    utf16 = [r["physicalLocation"]["region"]["startColumn"] for r in result["relatedLocations"]]
    assert len(utf16) == len(finding["related"])
    return [(r["line"], r["column"], u, r["message"]) for r, u in zip(finding["related"], utf16)]


def test_block_preamble_with_tabs(tmp_path):
    src = (
        "package p\n\n/*\n#include <openssl/evp.h>\n"
        "static void f(void) {\n\t\tEVP_CIPHER_CTX_new();\n}\n*/\nimport \"C\"\n"
    )
    got = cgo004(tmp_path, {"p.go": src})
    assert [(line, col, u) for line, col, u, _ in got] == [(4, 1, 1)]  # the #include
    got = calls(tmp_path)
    assert [(line, col, u) for line, col, u, _ in got] == [(6, 3, 3)]
    assert got[0][3] == "EVP_CIPHER_CTX_new calls into OpenSSL/BoringSSL libcrypto (symmetric EVP ciphers)"  # a C call: no C.


def test_line_comment_preamble(tmp_path):
    src = "package p\n\n// #include <openssl/evp.h>\n//\tstatic void f(void) { EVP_CIPHER_CTX_new(); }\nimport \"C\"\n"
    got = cgo004(tmp_path, {"p.go": src})
    assert [(line, col, u) for line, col, u, _ in got] == [(3, 4, 4)]  # the #include, after "// "
    assert [(line, col, u) for line, col, u, _ in calls(tmp_path)] == [(4, 26, 26)]


def test_crlf_line_endings(tmp_path):
    src = "package p\r\n\r\n/*\r\n#include <openssl/evp.h>\r\nstatic void f(void) { EVP_CIPHER_CTX_new(); }\r\n*/\r\nimport \"C\"\r\n\r\nfunc g() {\r\n\tC.EVP_aes_128_gcm()\r\n}\r\n"
    got = cgo004(tmp_path, {"p.go": src.encode()})
    assert [(line, col, u) for line, col, u, _ in got] == [(4, 1, 1)]
    assert [(line, col, u) for line, col, u, _ in calls(tmp_path)] == [(5, 23, 23), (10, 2, 2)]


def test_non_ascii_before_the_finding(tmp_path):
    # "é" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 UTF-16 units.
    src = (
        "package p\n\n/*\n#include <openssl/evp.h>\n"
        "static void f(void) { const char *s = \"é𝄞\"; EVP_CIPHER_CTX_new(); }\n*/\nimport \"C\"\n\n"
        "func g() { _ = \"héllo\"; C.EVP_aes_128_gcm() }\n"
    )
    assert [(line, col, u) for line, col, u, _ in cgo004(tmp_path, {"p.go": src})] == [(4, 1, 1)]
    got = calls(tmp_path)  # the two calls, after the non-ASCII text on their lines
    line5 = 'static void f(void) { const char *s = "é𝄞"; '
    assert got[0][:3] == (5, len(line5.encode()) + 1, len(line5.encode("utf-16-le")) // 2 + 1)
    assert got[0][1:3] == (49, 46)
    line9 = 'func g() { _ = "héllo"; '
    assert got[1][:3] == (9, len(line9.encode()) + 1, len(line9) + 1) == (9, 26, 25)


def _anchor(src: bytes):
    tree = parse_go(src)
    return SourceFile(None, "p.go", src), find_import_c(tree.root_node, src)


def test_blank_line_breaks_the_preamble():
    source, anchor = _anchor(b'package p\n\n// #include <zlib.h>\n\nimport "C"\n')
    assert anchor is not None and preamble_text(source, anchor) is None


def test_trailing_comment_is_not_a_preamble():
    source, anchor = _anchor(b'package p\n\nimport "fmt" // #include <zlib.h>\nimport "C"\n')
    assert preamble_text(source, anchor) is None


def test_grouped_import_takes_the_comment_above_the_spec():
    src = b'package p\n\nimport (\n\t"fmt"\n\t// #include <zlib.h>\n\t"C"\n)\n'
    source, anchor = _anchor(src)
    text = preamble_text(source, anchor)
    assert text is not None and b"#include <zlib.h>" in text.text
    assert src[text.base : text.base + len(text.text)].replace(b"//", b"  ") == text.text


def test_group_with_only_c_takes_the_declaration_comment():
    src = b'package p\n\n// #include <zlib.h>\nimport (\n\t"C"\n)\n'
    source, anchor = _anchor(src)
    assert b"zlib.h" in preamble_text(source, anchor).text


def test_no_import_c():
    assert not may_import_c(b'package p\n\nimport "fmt"\n')
    assert may_import_c(b'package p\nimport (\n\t"fmt"\n\t"C"\n)\n')
    source, anchor = _anchor(b'package p\n\n// import "C" in a comment\nimport "fmt"\n')
    assert anchor is None


def test_cgo_directives_are_parsed_and_hidden_from_c():
    src = (
        b'package p\n\n/*\n#cgo CFLAGS: -O2 -DNAME="a b"\n#cgo linux,amd64 LDFLAGS: -lz -l crypto\n'
        b"#cgo !windows pkg-config: libpq\n#cgo noescape f\n#include <zlib.h>\n*/\nimport \"C\"\n"
    )
    source, anchor = _anchor(src)
    text = preamble_text(source, anchor)
    assert b"#cgo" not in text.text and b"#include <zlib.h>" in text.text
    directives = cgo_directives(source, text)
    assert [(d.constraints, d.name, d.args) for d in directives] == [
        ((), "CFLAGS", ("-O2", "-DNAME=a b")),
        (("linux,amd64",), "LDFLAGS", ("-lz", "-l", "crypto")),
        (("!windows",), "pkg-config", ("libpq",)),
        ((), "noescape", ("f",)),
    ]
    assert directives[1].link_libraries == ("z", "crypto")
    assert directives[2].pkg_config_packages == ("libpq",)
    assert (directives[1].span.start.line, directives[1].span.start.column) == (5, 1)


def test_directives_in_line_comment_preamble():
    src = b'package p\n\n// #cgo LDFLAGS: -lsqlite3\n// #include <sqlite3.h>\nimport "C"\n'
    source, anchor = _anchor(src)
    [d] = cgo_directives(source, preamble_text(source, anchor))
    assert isinstance(d, CgoDirective) and d.link_libraries == ("sqlite3",)
    assert (d.span.start.line, d.span.start.column) == (3, 4)


@pytest.mark.parametrize("depth", [3000])
def test_deeply_nested_code_does_not_exhaust_the_stack(tmp_path, depth):
    body = "if x {\n" * depth + "C.EVP_aes_128_gcm()\n" + "}\n" * depth
    src = f'package p\n\n// #include <openssl/evp.h>\nimport "C"\n\nfunc g(x bool) {{\n{body}}}\n'
    got = cgo004(tmp_path, {"p.go": src})
    assert [line for line, *_ in got] == [3]
    assert [line for line, *_ in calls(tmp_path)] == [7 + depth]
