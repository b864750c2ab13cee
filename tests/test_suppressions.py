"""Suppression directives, and CGO000 for the bad or stale ones."""

from __future__ import annotations

import json

# CGO004 reports each library once per package, at the #include that takes it in: here p.go:3:4,
# with the calls in f (line 7 on) as related locations. A directive for it goes on the #include line.
INCLUDE = "#include <openssl/evp.h>"


def cgo(preamble: list[str], *body: str) -> str:
    """A Go file: the preamble as `//` lines from line 3, then import "C" and func f with body from line 7 + n - 1."""
    lines = "".join(f"// {line}\n" for line in preamble)
    return "package p\n\n" + lines + 'import "C"\n\nfunc f() {\n' + "".join(f"\t{line}\n" for line in body) + "}\n"


def block(preamble: list[str], *body: str) -> str:
    """The same with a /* */ preamble: its lines from line 4, so a directive can stand alone on a preamble line."""
    lines = "".join(f"{line}\n" for line in preamble)
    return "package p\n\n/*\n" + lines + '*/\nimport "C"\n\nfunc f() {\n' + "".join(f"\t{line}\n" for line in body) + "}\n"


def src(*body: str, include: str = INCLUDE) -> str:
    """One CGO004 finding at line 3 (the #include, which `include` may extend with a directive); body from line 7."""
    return cgo([include], *body)


def found(result) -> list[tuple[str, int, str]]:
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(result.out)["findings"]]


def test_unsuppressed_probe(lint):
    """Control for the tests below: without a directive the probe has one CGO004 finding, at the #include."""
    assert [(r, line) for r, line, _ in found(lint({"p.go": src("C.EVP_CIPHER_CTX_new()")}, "--format", "json"))] == [
        ("CGO004", 3)
    ]
    result = lint({"p.go": block(["", INCLUDE], "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 5)]


def test_ignore_on_the_line_above(lint):
    pre = ["//cgolint:ignore CGO004 this package wraps libcrypto", INCLUDE]
    result = lint({"p.go": block(pre, "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert found(result) == []


def test_ignore_on_the_line_above_in_a_line_comment_preamble(lint):
    """In a `//` preamble the directive line is `// //cgolint:ignore ...`: alone on its line too."""
    pre = ["//cgolint:ignore CGO004 this package wraps libcrypto", INCLUDE, "#include <zlib.h>"]
    result = lint({"p.go": cgo(pre, "C.EVP_CIPHER_CTX_new()", "C.deflateEnd(nil)")}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 5)]  # zlib's, on the line below the include it covers
    assert found(result)[0][2].startswith("Package p calls into zlib ")


def test_ignore_on_the_same_line(lint):
    include = INCLUDE + " //cgolint:ignore CGO004 wrapped on purpose"
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()", include=include)}, "--format", "json")
    assert found(result) == []


def test_trailing_ignore_covers_only_its_own_line(lint):
    # Two libraries, so two CGO004 findings on adjacent lines: the zlib one on line 4 stays.
    pre = [INCLUDE + " //cgolint:ignore CGO004 reason", "#include <zlib.h>"]
    result = lint({"p.go": cgo(pre, "C.EVP_aes_128_gcm()", "C.deflateEnd(nil)")}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 4)]
    assert found(result)[0][2].startswith("Package p calls into zlib from 1 call site in 1 file;")


def test_ignore_does_not_reach_two_lines_down(lint):
    pre = ["//cgolint:ignore CGO004 reason", "#define N 1", INCLUDE]
    result = lint({"p.go": block(pre, "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert found(result) == [
        ("CGO000", 4, "//cgolint:ignore CGO004 suppresses nothing here; remove it"),
        ("CGO004", 6, found(result)[1][2]),
    ]
    assert result.code == 1  # CGO000 is a warning


def test_ignore_for_another_rule_does_not_hide(lint):
    include = INCLUDE + " //cgolint:ignore CGO000 wrong rule"
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()", include=include)}, "--format", "json")
    assert ("CGO004", 3) in [(r, line) for r, line, _ in found(result)]


def test_comma_separated_ids(lint):
    include = INCLUDE + " //cgolint:ignore CGO000,CGO004 both"
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()", include=include)}, "--format", "json")
    assert found(result) == []


def test_file_ignore(lint):
    body = src("C.EVP_CIPHER_CTX_new()", "C.EVP_aes_128_gcm()")
    body += "\n//cgolint:file-ignore CGO004 this is the libcrypto binding\n"
    assert found(lint({"p.go": body}, "--format", "json")) == []


def test_file_ignore_covers_only_its_file(lint):
    # Two packages, each with its own CGO004 finding at its #include: only a/p.go's is silenced.
    other = 'package q\n\n// #include <openssl/evp.h>\nimport "C"\n\nfunc g() { C.EVP_aes_128_gcm() }\n'
    files = {"a/p.go": "//cgolint:file-ignore CGO004 binding\n" + src("C.EVP_CIPHER_CTX_new()"), "b/q.go": other}
    result = lint(files, "--format", "json")
    assert [(f["path"], f["rule"], f["line"]) for f in json.loads(result.out)["findings"]] == [("b/q.go", "CGO004", 3)]


def test_nolint_golangci_form(lint):
    include = INCLUDE + " //nolint:cgolint // the binding itself"
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()", include=include)}, "--format", "json")
    assert found(result) == []


def test_nolint_with_other_linters_and_all(lint):
    # Three libraries, three CGO004 findings on lines 3, 4 and 5: only the last directive is not cgolint's.
    pre = [
        INCLUDE + " //nolint:errcheck,cgolint // reason",
        "#include <zlib.h> //nolint:all // generated",
        "#include <sqlite3.h> //nolint:errcheck // not ours",
    ]
    result = lint({"p.go": cgo(pre, "C.EVP_CIPHER_CTX_new()", "C.deflateEnd(nil)", "C.sqlite3_close(nil)")}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 5)]
    assert found(result)[0][2].startswith("Package p calls into SQLite from 1 call site in 1 file;")


def test_nolint_alone_on_the_line_above(lint):
    result = lint({"p.go": block(["//nolint:cgolint // binding", INCLUDE], "C.EVP_CIPHER_CTX_new()")}, "--format", "json")
    assert found(result) == []


def test_directive_without_reason_is_reported_and_does_not_suppress(lint):
    include = INCLUDE + " //cgolint:ignore CGO004"
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()", include=include)}, "--format", "json")
    assert [(r, line) for r, line, _ in found(result)] == [("CGO004", 3), ("CGO000", 3)]  # by column
    assert found(result)[1][2] == "//cgolint:ignore CGO004 needs a reason after the rule id"


def test_nolint_without_reason_suppresses_as_in_golangci_lint(lint):
    """golangci-lint's bare //nolint:cgolint suppresses, and CGO000 says nothing about it by default."""
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()", include=INCLUDE + " //nolint:cgolint")}, "--format", "json")
    assert found(result) == []


def test_nolint_without_reason_with_require_explanation(lint):
    """With require-explanation (nolintlint's option), CGO000 asks for the reason; it still suppresses."""
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new() //nolint:cgolint", include=INCLUDE + " //nolint:cgolint"),
                   "cgolint.toml": "[rules.CGO000]\nrequire-explanation = true\n"}, "--format", "json")
    assert found(result) == [
        ("CGO000", 3, "//nolint:cgolint needs a reason (require-explanation is on): //nolint:cgolint // why"),
        ("CGO000", 7, "//nolint:cgolint suppresses nothing here; remove it"),  # stale first: it hides nothing
    ]


def test_require_explanation_takes_a_bool(lint):
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()"), "cgolint.toml": "[rules.CGO000]\nrequire-explanation = 1\n"})
    assert result.code == 2
    assert result.err.strip().endswith("rules.CGO000.require-explanation must be true or false, not 1")


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
    # The same directive suppresses the finding when CGO004 runs (test_ignore_on_the_same_line).
    include = INCLUDE + " //cgolint:ignore CGO004 binding"
    result = lint({"p.go": src("C.EVP_CIPHER_CTX_new()", include=include)}, "--format", "json", "--ignore", "CGO004")
    assert found(result) == []


def test_directive_inside_c_code(lint):
    # w.c takes in two libraries: the directive on its OpenSSL #include silences that finding only.
    files = {
        "p.go": 'package p\n\n// #include "w.h"\nimport "C"\n',
        "w.h": "void f(void);\n",
        "w.c": '#include <openssl/evp.h> //cgolint:ignore CGO004 benchmark baseline\n#include <zlib.h>\n'
        '#include "w.h"\nvoid f(void) {\n\tEVP_CIPHER_CTX_new();\n\tdeflateEnd(0);\n}\n',
    }
    result = lint(files, "--format", "json")
    assert [(f["path"], f["line"]) for f in json.loads(result.out)["findings"]] == [("w.c", 2)]


def test_suppressed_findings_are_left_out_of_every_format(lint):
    files = {"p.go": src("C.EVP_CIPHER_CTX_new()", include=INCLUDE + " //cgolint:ignore CGO004 binding")}
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
    files = {"p.go": src("C.EVP_CIPHER_CTX_new()", include=INCLUDE + " //cgolint:ignore CGO004 the binding")}
    text = lint(files, "--include-suppressed", "--fail-level", "note")
    [finding, related] = text.out.splitlines()
    assert finding.startswith("p.go:3:4: note: CGO004 Package p calls into OpenSSL from 1 call site in 1 file;")
    assert finding.endswith("[suppressed: the binding]")
    assert related == "    p.go:7.2: C.EVP_CIPHER_CTX_new calls into OpenSSL/BoringSSL libcrypto (symmetric EVP ciphers)"
    assert text.code == 0  # suppressed findings never fail the run
    sarif = json.loads(lint(files, "--format", "sarif", "--include-suppressed").out)
    [res] = sarif["runs"][0]["results"]
    assert res["suppressions"][0]["kind"] == "inSource"
    assert res["suppressions"][0]["justification"] == "the binding"
