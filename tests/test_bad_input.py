"""Bad and unusual input: one file cgolint cannot read or parse never hides the
findings in the others, and which files a run reads and reports.

Every test that has a bad file also has a good file (GOOD: one CGO004 note at its
#include, line 3, column 4, with its call at line 7, column 2 as the related location)
whose finding must still be reported, counting the calls of every file that could be read.
"""

from __future__ import annotations

import json
import os

import pytest

from conftest import run_cli, validate_sarif_schema, write_tree

GOOD = """package p

// #include <openssl/evp.h>
import "C"

func f() {
	C.EVP_CIPHER_CTX_new()
}
"""
GOOD_G = GOOD.replace("func f", "func g")  # the same, as a second file of the same package

BINARY = b"package p\x00\x01\x02\xff\x00import \"C\"\n"

NOTE_TEXT = "note: CGO004 Package p calls into OpenSSL from 1 call site in 1 file;"
CALL_TEXT = "C.EVP_CIPHER_CTX_new calls into OpenSSL/BoringSSL libcrypto (symmetric EVP ciphers)"


def parsed(result) -> dict:
    """The JSON report, after checking the run did not crash."""
    assert "Traceback" not in result.err
    return json.loads(result.out)


def findings(result) -> list[tuple[str, str, int, int]]:
    """(rule, path, line, column) of each finding in JSON output."""
    return [(f["rule"], f["path"], f["line"], f["column"]) for f in parsed(result)["findings"]]


def calls(result) -> list[list[tuple[str, int, int]]]:
    """(path, line, column) of each finding's related locations (CGO004's call sites) in JSON output."""
    return [[(r["path"], r["line"], r["column"]) for r in f["related"]] for f in parsed(result)["findings"]]


def problems(result) -> list[tuple[str, int, bool]]:
    """(path, line, fatal) of each problem in JSON output."""
    return [(p["path"], p["line"], p["fatal"]) for p in parsed(result)["problems"]]


def stderr_lines(result) -> list[str]:
    assert "Traceback" not in result.err
    return result.err.splitlines()


# --- binary files -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad, good", [("bin.go", "a.go"), ("bad/bin.go", "good/a.go")])
def test_binary_go_file_is_a_problem_on_stderr(lint, bad, good):
    """A .go file with NUL bytes is named on stderr as not text; the other file's finding is reported."""
    result = lint({good: GOOD, bad: BINARY})
    [note, call] = result.out.splitlines()
    assert note.startswith(f"{good}:3:4: {NOTE_TEXT}")
    assert call == f"    {good}:7.2: {CALL_TEXT}"
    assert stderr_lines(result) == [
        f"{bad}: error: not a text file (it contains NUL bytes); skipped",
        "cgolint: 1 finding(s) (1 note) in 1 file(s)",
    ]
    assert result.code == 0  # only a note: the unreadable file does not change the exit code


def test_binary_go_file_in_json(lint):
    """In JSON the binary file is a fatal problem with no line."""
    result = lint({"a.go": GOOD, "bin.go": BINARY}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2)]]
    assert parsed(result)["problems"] == [
        {"path": "bin.go", "line": 0, "message": "not a text file (it contains NUL bytes); skipped", "fatal": True, "internal": False}
    ]
    assert result.err == ""


@pytest.mark.parametrize("bad, good", [("bin.go", "a.go"), ("bad/bin.go", "good/a.go")])
def test_binary_go_file_in_sarif(lint, bad, good):
    """In SARIF the binary file is a toolExecutionNotification with its uri; the result is still there."""
    result = lint({good: GOOD, bad: BINARY}, "--format", "sarif")
    assert result.code == 0
    log = parsed(result)
    validate_sarif_schema(log)
    run = log["runs"][0]
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "not a text file (it contains NUL bytes); skipped"
    [location] = notification["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": bad, "uriBaseId": "%SRCROOT%"}
    [res] = run["results"]
    assert res["ruleId"] == "CGO004"
    phys = res["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == good
    assert (phys["region"]["startLine"], phys["region"]["startColumn"]) == (3, 4)
    [call] = res["relatedLocations"]
    assert call["physicalLocation"]["artifactLocation"]["uri"] == good
    assert (call["physicalLocation"]["region"]["startLine"], call["physicalLocation"]["region"]["startColumn"]) == (7, 2)


def test_exit_code_reflects_only_findings(lint):
    """A binary file alone: exit 0; beside a finding at --fail-level: exit 1."""
    alone = lint({"bin.go": BINARY})
    assert alone.code == 0
    assert stderr_lines(alone)[0] == "bin.go: error: not a text file (it contains NUL bytes); skipped"
    both = lint({"a.go": GOOD}, "--fail-level", "note")  # bin.go is still in the directory
    assert both.code == 1
    assert stderr_lines(both)[0] == "bin.go: error: not a text file (it contains NUL bytes); skipped"


def test_binary_file_named_directly(lint):
    """A binary file named on the command line (as pre-commit does) is reported, the named good file too."""
    result = lint({"a.go": GOOD, "bin.go": BINARY}, "--format", "json", "bin.go", "a.go")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert problems(result) == [("bin.go", 0, True)]


def test_binary_sibling_not_named_is_not_reported(lint):
    """A binary sibling that was not named is read for the package but not reported."""
    result = lint({"a.go": GOOD, "bin.go": BINARY}, "--format", "json", "a.go")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert problems(result) == []


# --- invalid UTF-8 ------------------------------------------------------------------------------

# Line 7: a string literal with two invalid UTF-8 bytes, then the call at byte column 12.
INVALID_UTF8 = GOOD.encode().replace(b"\tC.EVP", b'\t_ = "\xff\xfe"; C.EVP')


def test_invalid_utf8_before_the_call(lint):
    """Invalid UTF-8 in a string literal: the call has the right line and byte columns, no crash."""
    result = lint({"a.go": INVALID_UTF8, "b.go": GOOD_G}, "--format", "json")
    assert result.code == 0
    [f] = parsed(result)["findings"]  # one package: one finding, at a.go's #include, with both calls
    assert (f["rule"], f["path"], f["line"], f["column"]) == ("CGO004", "a.go", 3, 4)
    assert [(r["path"], r["line"], r["column"], r["end_line"], r["end_column"]) for r in f["related"]] == [
        ("a.go", 7, 12, 7, 32),
        ("b.go", 7, 2, 7, 22),
    ]
    assert problems(result) == []


def test_invalid_utf8_in_text_and_sarif(lint):
    """Text output shows the call at byte column 12; SARIF (UTF-16 columns, one U+FFFD per bad byte) column 12 too."""
    text = lint({"a.go": INVALID_UTF8, "b.go": GOOD_G})
    lines = text.out.splitlines()
    assert lines[0].startswith("a.go:3:4: note: CGO004 Package p calls into OpenSSL from 2 call sites in 2 files;")
    assert lines[1:] == [f"    a.go:7.12: {CALL_TEXT}", f"    b.go:7.2: {CALL_TEXT}"]
    sarif = lint({}, "--format", "sarif")
    log = parsed(sarif)
    validate_sarif_schema(log)
    [res] = log["runs"][0]["results"]
    assert (res["locations"][0]["physicalLocation"]["region"]["startLine"],
            res["locations"][0]["physicalLocation"]["region"]["startColumn"]) == (3, 4)
    regions = [r["physicalLocation"]["region"] for r in res["relatedLocations"]]
    assert [(r["startLine"], r["startColumn"], r["endColumn"]) for r in regions] == [(7, 12, 32), (7, 2, 22)]


def test_invalid_utf8_in_comments_and_preamble(lint):
    """Invalid UTF-8 in the preamble and in a comment above the call changes nothing."""
    src = GOOD.encode().replace(b"<openssl/evp.h>", b"<openssl/evp.h> /* \xc3\x28 */")
    src = src.replace(b"func f() {\n", b"func f() {\n\t// caf\xe9\n")  # Latin-1, not UTF-8
    result = lint({"a.go": src, "b.go": GOOD_G}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]  # the #include with bad bytes after it
    assert calls(result) == [[("a.go", 8, 2), ("b.go", 7, 2)]]
    assert problems(result) == []


def test_invalid_utf8_in_c_file(lint):
    """Invalid UTF-8 in a package .c file: its call is still counted, at the right place."""
    c = b'#include <openssl/evp.h>\n/* \xff\xfe */\nvoid h(void) { const char *s = "\xff"; EVP_CIPHER_CTX_new(); }\n'
    result = lint({"a.go": GOOD, "h.c": c}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2), ("h.c", 3, 37)]]
    assert problems(result) == []


# --- syntax errors ------------------------------------------------------------------------------

# An `if` without a condition on line 7; a call the rule still finds on line 8.
BAD_GO = """package p

// #include <openssl/evp.h>
import "C"

func g() {
	if {
	C.EVP_aes_128_gcm()
}
"""


@pytest.mark.parametrize("bad, good", [("bad.go", "a.go"), ("x/bad.go", "y/a.go")])
def test_go_syntax_error_is_a_warning_with_a_line(lint, bad, good):
    """A Go syntax error is a non-fatal problem at its line; the other file's finding is reported."""
    result = lint({good: GOOD, bad: BAD_GO})
    assert f"{good}:3:4: note: CGO004 Package p calls into OpenSSL from " in result.out
    assert f"    {good}:7.2: {CALL_TEXT}" in result.out.splitlines()
    assert f"{bad}:7: warning: 2 syntax errors in Go code (first at line 7); analysed what could be parsed" in stderr_lines(result)
    assert result.code == 0


def test_go_syntax_error_in_json(lint):
    """JSON: the problem has line 7 and fatal false; what could be parsed is still analysed."""
    result = lint({"a.go": GOOD, "bad.go": BAD_GO}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2), ("bad.go", 8, 2)]]  # bad.go's call, parsed despite the error
    assert parsed(result)["problems"] == [
        {"path": "bad.go", "line": 7, "message": "2 syntax errors in Go code (first at line 7); analysed what could be parsed", "fatal": False, "internal": False}
    ]


def test_go_syntax_error_does_not_fail_the_run(lint):
    """A syntax problem is a warning about the input, not a finding: exit 0 with only notes."""
    assert lint({"a.go": GOOD, "bad.go": BAD_GO}, "-q").code == 0


# The preamble as a block comment: the C syntax error (`a + ;`) is on Go line 7.
BAD_PREAMBLE_BLOCK = """package p

/*
#include <openssl/evp.h>

static int add(int a, int b) {
	return a + ;
}
*/
import "C"

func g() {
	C.EVP_aes_128_gcm()
}
"""

# The preamble as line comments: the error is on Go line 4.
BAD_PREAMBLE_LINES = """package p

// #include <openssl/evp.h>
// static int add(int a, int b) { return a + ; }
import "C"

func g() {
	C.EVP_aes_128_gcm()
}
"""


@pytest.mark.parametrize("src, line, call_line", [(BAD_PREAMBLE_BLOCK, 7, 13), (BAD_PREAMBLE_LINES, 4, 8)])
def test_c_syntax_error_in_preamble_has_the_go_line(lint, src, line, call_line):
    """A C syntax error in the preamble is reported at the Go file's line of the error."""
    result = lint({"a.go": GOOD, "badc.go": src}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2), ("badc.go", call_line, 2)]]
    [problem] = parsed(result)["problems"]
    assert (problem["path"], problem["line"], problem["fatal"]) == ("badc.go", line, False)
    assert problem["message"].endswith(" in the cgo preamble; analysed what could be parsed")


def test_c_syntax_error_in_preamble_on_stderr(lint):
    """Text mode: `badc.go:7: warning: ... in the cgo preamble ...`."""
    result = lint({"a.go": GOOD, "badc.go": BAD_PREAMBLE_BLOCK})
    [problem, summary] = stderr_lines(result)
    assert problem.startswith("badc.go:7: warning: ") and "in the cgo preamble" in problem
    assert result.out.startswith("a.go:3:4: note: CGO004 Package p calls into OpenSSL from 2 call sites in 2 files;")
    assert summary == "cgolint: 1 finding(s) (1 note) in 2 file(s)"


def test_c_syntax_error_in_c_file(lint):
    """A syntax error in a package .c file is reported at its line; the Go finding is still reported."""
    c = "#include <openssl/evp.h>\n\nint add(int a, int b) {\n\treturn a + ;\n}\n"
    result = lint({"a.go": GOOD, "h.c": c}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2)]]
    [problem] = parsed(result)["problems"]
    assert (problem["path"], problem["line"], problem["fatal"]) == ("h.c", 4, False)
    assert problem["message"].endswith(" in C code; analysed what could be parsed")


# --- empty and trivial files --------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "package p\n", "package p", "// only a comment\n", "\n\n\n"])
def test_empty_and_trivial_go_files(lint, content):
    """An empty file, or one with only `package p`: no findings, no problems, exit 0."""
    result = lint({"x.go": content}, "--format", "json")
    assert result.code == 0
    assert parsed(result) | {"version": None} == {"tool": "cgolint", "version": None, "findings": [], "problems": [],
                                                  "assumed_owned": {"count": 0, "sites": []}}


@pytest.mark.parametrize("where", ["a.go", "good/a.go"])
def test_empty_file_beside_a_good_file(lint, where):
    """Empty files in the same or another directory do not disturb the good file's finding."""
    result = lint({"empty.go": "", "pkg.go": "package p\n", where: GOOD}, "--format", "json")
    assert result.code == 0
    assert findings(result) == [("CGO004", where, 3, 4)]
    assert problems(result) == []


def test_empty_files_text_mode(lint):
    """Text mode: nothing on stdout, only the summary on stderr."""
    result = lint({"empty.go": "", "pkg.go": "package p\n"})
    assert (result.code, result.out, result.err) == (0, "", "cgolint: no findings in 0 file(s)\n")


# --- unreadable files ---------------------------------------------------------------------------


def test_unreadable_file(lint):
    """A file without read permission is an error naming it; the other file's finding is reported."""
    root = lint.root
    write_tree(root, {"a.go": GOOD, "locked.go": GOOD_G})
    locked = root / "locked.go"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not make the file unreadable")
        result = run_cli("check", cwd=root)
        assert result.out.startswith(f"a.go:3:4: {NOTE_TEXT}")
        assert stderr_lines(result)[0] == "locked.go: error: cannot read file: Permission denied"
        assert result.code == 0
    finally:
        locked.chmod(0o644)


def test_read_error_is_reported(lint, monkeypatch):
    """A read error (simulated, so it also runs as root) is an error naming the file; others still reported."""
    real = os.open

    def fake_open(path, flags, *args, **kwargs):
        if os.path.basename(path) == "locked.go":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    result = lint({"a.go": GOOD, "locked.go": GOOD_G}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2)]]
    assert parsed(result)["problems"] == [
        {"path": "locked.go", "line": 0, "message": "cannot read file: Permission denied", "fatal": True, "internal": False}
    ]
    assert result.code == 0


def test_dangling_symlink_is_named_by_its_own_name(lint):
    """A dangling symlink gone.go is reported as gone.go (the name the user has), not as its target."""
    write_tree(lint.root, {"a.go": GOOD})
    os.symlink(lint.root / "missing-target.go", lint.root / "gone.go")
    result = lint({}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert parsed(result)["problems"] == [
        {"path": "gone.go", "line": 0, "message": "cannot read file: No such file or directory", "fatal": True, "internal": False}
    ]


# --- paths that do not exist --------------------------------------------------------------------


def test_missing_path(lint):
    """A path that does not exist: exit 2, named on stderr."""
    result = lint({"a.go": GOOD}, "nope")
    assert (result.code, result.out) == (2, "")
    assert result.err == "cgolint: error: nope: no such file or directory\n"


def test_missing_path_beside_a_good_one(lint):
    """A typo in one of several paths is a usage error (exit 2), whatever the other paths hold."""
    result = lint({"good/a.go": GOOD}, "good", "good/nope.go")
    assert result.code == 2
    assert "good/nope.go: no such file or directory" in result.err
    assert "Traceback" not in result.err


# --- which files a directory walk reads ---------------------------------------------------------

TREE = {
    "pkg/a.go": GOOD,
    "vendor/v/a.go": GOOD,
    "testdata/a.go": GOOD,
    ".hidden/a.go": GOOD,
    "_build/a.go": GOOD,
    "pkg/testdata/x/a.go": GOOD,
    "pkg/_gen/a.go": GOOD,
    "vendored/a.go": GOOD,  # only the exact names vendor and testdata are skipped
}


def test_walk_skips_vendor_testdata_hidden_and_underscore_dirs(lint):
    """Walking `.` checks pkg/ and vendored/ only."""
    result = lint(TREE, "--format", "json")
    assert findings(result) == [("CGO004", "pkg/a.go", 3, 4), ("CGO004", "vendored/a.go", 3, 4)]


def test_walk_from_a_named_directory_skips_them_too(lint):
    """Walking pkg/ skips pkg/testdata and pkg/_gen."""
    assert findings(lint(TREE, "--format", "json", "pkg")) == [("CGO004", "pkg/a.go", 3, 4)]


@pytest.mark.parametrize(
    "path, reported",
    [
        ("vendor/v", "vendor/v/a.go"),
        ("vendor", "vendor/v/a.go"),
        ("testdata", "testdata/a.go"),
        (".hidden", ".hidden/a.go"),
        ("_build", "_build/a.go"),
        ("pkg/testdata/x", "pkg/testdata/x/a.go"),
        ("pkg/_gen", "pkg/_gen/a.go"),
        ("vendor/v/a.go", "vendor/v/a.go"),  # a file named directly
    ],
)
def test_skipped_directory_named_explicitly_is_checked(lint, path, reported):
    """Naming a skipped directory (or a file in it) checks it."""
    assert findings(lint(TREE, "--format", "json", path)) == [("CGO004", reported, 3, 4)]


# --- files named directly (as pre-commit passes them) ------------------------------------------

# AES_* is a broad name: reported only when the package includes an OpenSSL header or links
# libcrypto. a.go itself does neither: only the sibling helper.c includes openssl/aes.h.
# The package has one CGO004 finding, at the first #include of an OpenSSL header in a named file
# (b.go:3:4 for the whole directory), with the three calls as related locations.
AES_USER = """package p

// #include "wrap.h"
import "C"

func f() {
	C.AES_set_encrypt_key(nil, 128, nil)
}
"""
HELPER_C = """#include <openssl/aes.h>
#include <openssl/evp.h>

void helper(void) {
	EVP_CIPHER_CTX_new();
}
"""
PACKAGE = {"a.go": AES_USER, "b.go": GOOD_G, "helper.c": HELPER_C}


def test_whole_package_reports_every_file(lint):
    """Checking the directory reports the package once, at b.go's #include, with the calls of a.go, b.go and helper.c."""
    result = lint(PACKAGE, "--format", "json")
    assert findings(result) == [("CGO004", "b.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2), ("b.go", 7, 2), ("helper.c", 5, 2)]]


def test_named_file_only_its_findings_but_siblings_are_read(lint):
    """`check a.go`: only a.go's finding, which exists only because the sibling helper.c was read."""
    result = lint(PACKAGE, "--format", "json", "a.go")
    assert findings(result) == [("CGO004", "a.go", 7, 2)]
    assert result.err == ""
    # control: without the sibling, AES_set_encrypt_key is not claimed by any library
    write_tree(lint.root, {"alone/a.go": AES_USER})
    assert findings(run_cli("check", "--format", "json", "alone/a.go", cwd=lint.root)) == []


def test_named_go_and_c_files(lint):
    """`check a.go helper.c`: the finding is at helper.c's #include, not at b.go's earlier one (b.go is not named)."""
    result = lint(PACKAGE, "--format", "json", "a.go", "helper.c")
    assert findings(result) == [("CGO004", "helper.c", 1, 1)]


def test_named_c_file_only(lint):
    """`check helper.c`: the finding is in the .c file, at its #include."""
    assert findings(lint(PACKAGE, "--format", "json", "helper.c")) == [("CGO004", "helper.c", 1, 1)]


def test_named_files_in_two_directories(lint):
    """Files named from two packages: each package's finding is in its named file (p2/d.go, not p2/c.go)."""
    files = {"p1/a.go": GOOD, "p1/b.go": GOOD_G, "p2/c.go": GOOD, "p2/d.go": GOOD_G}
    result = lint(files, "--format", "json", "p2/d.go", "p1/a.go")
    assert findings(result) == [("CGO004", "p1/a.go", 3, 4), ("CGO004", "p2/d.go", 3, 4)]


def test_named_file_and_its_directory(lint):
    """A file and its directory both named: the whole directory is reported (at b.go, not a.go), once."""
    result = lint(PACKAGE, "--format", "json", "a.go", ".")
    assert findings(result) == [("CGO004", "b.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2), ("b.go", 7, 2), ("helper.c", 5, 2)]]


# --- _test.go and non-source files --------------------------------------------------------------


def test_test_files_are_ignored(lint):
    """_test.go files are not checked (cgo cannot be used in them)."""
    result = lint({"a.go": GOOD, "a_test.go": GOOD_G}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2)]]  # a_test.go's call is not counted


def test_test_file_named_directly_is_ignored(lint):
    """A _test.go named on the command line is ignored too; the other named file is reported."""
    result = lint({"a.go": GOOD, "a_test.go": GOOD_G}, "--format", "json", "a_test.go", "a.go")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2)]]
    assert problems(result) == []


def test_txt_file_named_directly_is_skipped_silently(lint):
    """`check notes.txt`: exit 0, no output, nothing on stderr with -q."""
    result = lint({"notes.txt": "hello\n", "a.go": GOOD}, "-q", "notes.txt")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_txt_file_named_beside_a_go_file(lint):
    """`check notes.txt a.go`: a.go's finding, no problem about notes.txt."""
    result = lint({"notes.txt": "hello\n", "a.go": GOOD}, "notes.txt", "a.go")
    assert result.code == 0
    assert result.out.startswith(f"a.go:3:4: {NOTE_TEXT}")
    assert stderr_lines(result) == ["cgolint: 1 finding(s) (1 note) in 1 file(s)"]
