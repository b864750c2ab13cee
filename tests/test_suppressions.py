"""Suppression directives, and CGO000 for the bad or stale ones."""

from __future__ import annotations

import json

HEAD = 'package p\n\n// #include <openssl/evp.h>\nimport "C"\n\nfunc f() {\n'


def src(*body: str) -> str:
    return HEAD + "".join(f"\t{line}\n" for line in body) + "}\n"


def found(result) -> list[tuple[str, int, str]]:
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(result.out)["findings"]]


def test_ignore_on_the_line_above(lint):
    result = lint({"p.go": src("//cgolint:ignore CGO004 this package wraps libcrypto", "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert found(result) == []


def test_ignore_on_the_same_line(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO004 wrapped on purpose")}, "--format", "json")
    assert found(result) == []


def test_trailing_ignore_covers_only_its_own_line(lint):
    result = lint({"p.go": src("C.EVP_aes_128_gcm() //cgolint:ignore CGO004 reason", "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 8)]


def test_ignore_does_not_reach_two_lines_down(lint):
    result = lint({"p.go": src("//cgolint:ignore CGO004 reason", "_ = 1", "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert found(result) == [
        ("CGO000", 7, "//cgolint:ignore CGO004 suppresses nothing here; remove it"),
        ("CGO004", 9, found(result)[1][2]),
    ]
    assert result.code == 1  # CGO000 is a warning


def test_ignore_for_another_rule_does_not_hide(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO000 wrong rule")}, "--format", "json")
    rules = [r for r, _, _ in found(result)]
    assert "CGO004" in rules


def test_comma_separated_ids(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO000,CGO004 both")}, "--format", "json")
    assert found(result) == []


def test_file_ignore(lint):
    body = src("C.EVP_CIPHER_CTX_new()", "C.EVP_aes_128_gcm()")
    body += "\n//cgolint:file-ignore CGO004 this is the libcrypto binding\n"
    assert found(lint({"p.go": body}, "--format", "json")) == []


def test_file_ignore_covers_only_its_file(lint):
    other = 'package p\n\n// #include <openssl/evp.h>\nimport "C"\n\nfunc g() { C.EVP_aes_128_gcm() }\n'
    files = {"p.go": "//cgolint:file-ignore CGO004 binding\n" + src("C.EVP_CIPHER_CTX_new()"), "q.go": other}
    result = lint(files, "--format", "json")
    assert [(f["path"], f["rule"]) for f in json.loads(result.out)["findings"]] == [("q.go", "CGO004")]


def test_nolint_golangci_form(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //nolint:cgolint // the binding itself")}, "--format", "json")
    assert found(result) == []


def test_nolint_with_other_linters_and_all(lint):
    result = lint({"p.go": src(
        "C.EVP_CIPHER_CTX_new() //nolint:errcheck,cgolint // reason",
        "C.EVP_aes_128_gcm() //nolint:all // generated",
        "C.EVP_aes_256_gcm() //nolint:errcheck // not ours",
    )}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 9)]


def test_nolint_alone_on_the_line_above(lint):
    result = lint({"p.go": src("//nolint:cgolint // binding", "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert found(result) == []


def test_directive_without_reason_is_reported_and_does_not_suppress(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO004")}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 7), ("CGO000", 7)]  # by column
    assert found(result)[1][2] == "//cgolint:ignore CGO004 needs a reason after the rule id"


def test_nolint_without_reason(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //nolint:cgolint")}, "--format", "json")
    assert ("CGO000", 7, "//nolint:cgolint needs a reason: //nolint:cgolint // why") in found(result)


def test_unknown_rule_id(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO999 typo")}, "--format", "json")
    assert ("CGO000", 7, "//cgolint:ignore names unknown rule CGO999") in found(result)


def test_missing_rule_id(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore because")}, "--format", "json")
    assert ("CGO000", 7, "//cgolint:ignore needs a rule id, as in //cgolint:ignore CGO004 reason") in found(result)


def test_unknown_directive(lint):
    result = lint({"p.go": src("_ = 1 //cgolint:ignroe CGO004 typo")}, "--format", "json")
    assert found(result) == [
        ("CGO000", 7, "unknown directive //cgolint:ignroe; use //cgolint:ignore, //cgolint:file-ignore or //cgolint:hot")
    ]


def test_stale_file_ignore(lint):
    result = lint({"p.go": "//cgolint:file-ignore CGO004 old binding\n" + src("_ = 1")}, "--format", "json")
    assert found(result) == [("CGO000", 1, "//cgolint:file-ignore CGO004 suppresses nothing here; remove it")]


def test_directive_for_a_deselected_rule_is_not_stale(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO004 binding")}, "--format", "json", "--ignore", "CGO004")
    assert found(result) == []


def test_directive_inside_c_code(lint):
    files = {
        "p.go": 'package p\n\n// #include "w.h"\nimport "C"\n',
        "w.h": "#include <openssl/evp.h>\n",
        "w.c": '#include "w.h"\nvoid f(void) {\n\tEVP_CIPHER_CTX_new(); //cgolint:ignore CGO004 benchmark baseline\n\tEVP_aes_128_gcm();\n}\n',
    }
    result = lint(files, "--format", "json")
    assert [(f["path"], f["line"]) for f in json.loads(result.out)["findings"]] == [("w.c", 4)]


def test_suppressed_findings_are_left_out_of_every_format(lint):
    files = {"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO004 binding")}
    for fmt in ("text", "json", "sarif", "github"):
        result = lint(files, "--format", fmt, "--fail-level", "note")
        if fmt == "json":
            assert json.loads(result.out)["findings"] == []
        elif fmt == "sarif":
            assert json.loads(result.out)["runs"][0]["results"] == []
        else:
            assert result.out == "", fmt
        assert result.code == 0


def test_include_suppressed_marks_them(lint):
    files = {"p.go": src("C.EVP_CIPHER_CTX_new() //cgolint:ignore CGO004 the binding")}
    text = lint(files, "--include-suppressed", "--fail-level", "note")
    assert text.out.endswith("[suppressed: the binding]\n")
    assert text.code == 0  # suppressed findings never fail the run
    sarif = json.loads(lint(files, "--format", "sarif", "--include-suppressed").out)
    [res] = sarif["runs"][0]["results"]
    assert res["suppressions"][0]["kind"] == "inSource"
    assert res["suppressions"][0]["justification"] == "the binding"
