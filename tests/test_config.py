"""Configuration: where it is found, what each key does, and how a bad file is reported.

Every test runs the CLI in a fresh directory (the `lint` fixture) and checks
what a user sees: the exit code, the findings of `--format json`, and stderr.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cgolint.config import TOP_KEYS
from cgolint.registry import RULES

from conftest import run_cli, write_tree

KNOWN = ", ".join(sorted(RULES))  # every rule id, as the error messages list them

# One CGO004 finding (level note) at the #include, line 3, column 4; its call (line 7, column 2) is
# the finding's related location.
GOOD = """package p

// #include <openssl/evp.h>
import "C"

func f() {
	C.EVP_CIPHER_CTX_new()
}
"""

# A call into a library that is not in the built-in table (line 7, column 2).
FOO = """package p

// #include <foo.h>
import "C"

func f() {
	C.foo_open()
}
"""

FOO_ROW = """
[[rules.CGO004.library]]
id = "foo"
library = "libfoo"
names = ["foo_*"]
replacements = ["example.com/purefoo"]
"""

FAIL_ON_NOTES = 'fail-level = "note"\n'


def findings(result) -> list[tuple[str, str, int, int]]:
    """(rule, path, line, column) of each finding in JSON output."""
    assert "Traceback" not in result.err
    return [(f["rule"], f["path"], f["line"], f["column"]) for f in json.loads(result.out)["findings"]]


def calls(result) -> list[list[tuple[str, int, int]]]:
    """(path, line, column) of each finding's related locations (CGO004's call sites) in JSON output."""
    return [[(r["path"], r["line"], r["column"]) for r in f["related"]] for f in json.loads(result.out)["findings"]]


def config_error(result) -> str:
    """A configuration error: exit 2, nothing on stdout, one message and no traceback on stderr."""
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    assert result.out == ""
    assert result.err.startswith("cgolint: error: ")
    return result.err


# --- where the configuration is found -----------------------------------------------------------


@pytest.mark.parametrize("name", ["cgolint.toml", ".cgolint.toml"])
def test_config_file_found_in_a_parent_of_the_checked_path(lint, name):
    """cgolint.toml / .cgolint.toml two directories above the checked package is used."""
    result = lint({f"proj/{name}": FAIL_ON_NOTES, "proj/pkg/sub/a.go": GOOD}, "-q", "proj/pkg/sub")
    assert result.code == 1  # the note fails only because the config says fail-level = "note"
    assert result.err == ""


def test_pyproject_tool_cgolint_section_is_used(lint):
    """[tool.cgolint] in pyproject.toml is a configuration."""
    files = {"proj/pyproject.toml": '[project]\nname = "x"\n\n[tool.cgolint]\nfail-level = "note"\n', "proj/pkg/a.go": GOOD}
    assert lint(files, "-q", "proj/pkg").code == 1


def test_pyproject_without_tool_cgolint_is_skipped_and_the_walk_goes_on(lint):
    """A pyproject.toml without [tool.cgolint] does not stop the search: the parent's cgolint.toml is used."""
    files = {
        "proj/cgolint.toml": FAIL_ON_NOTES,
        "proj/pkg/pyproject.toml": '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n',
        "proj/pkg/a.go": GOOD,
    }
    assert lint(files, "-q", "proj/pkg").code == 1


def test_no_config_anywhere_means_defaults(lint):
    """Without a configuration, notes do not fail the run."""
    result = lint({"proj/pkg/a.go": GOOD}, "--format", "json", "proj/pkg")
    assert result.code == 0
    assert findings(result) == [("CGO004", "proj/pkg/a.go", 3, 4)]


def test_nearest_config_wins(lint):
    """The configuration closest to the checked path is used, not one further up."""
    files = {
        "proj/cgolint.toml": FAIL_ON_NOTES,
        "proj/pkg/.cgolint.toml": 'fail-level = "warning"\n',
        "proj/pkg/a.go": GOOD,
    }
    assert lint(files, "-q", "proj/pkg").code == 0


def test_cgolint_toml_wins_over_dot_cgolint_and_pyproject_in_one_directory(lint):
    """In one directory the order is cgolint.toml, .cgolint.toml, pyproject.toml."""
    files = {
        "proj/cgolint.toml": FAIL_ON_NOTES,
        "proj/.cgolint.toml": 'fail-level = "warning"\n',
        "proj/pyproject.toml": '[tool.cgolint]\nfail-level = "warning"\n',
        "proj/a.go": GOOD,
    }
    assert lint(files, "-q", "proj").code == 1


def test_config_is_found_from_the_first_path_not_the_working_directory(lint):
    """Only the first path's ancestors are searched."""
    files = {"a/cgolint.toml": FAIL_ON_NOTES, "a/x.go": GOOD, "b/y.go": GOOD}
    assert lint(files, "-q", "a", "b").code == 1
    assert lint(files, "-q", "b", "a").code == 0


def test_config_option_overrides_discovered_file(lint):
    """--config FILE is used instead of the configuration found by walking up."""
    files = {"proj/cgolint.toml": 'fail-level = "warning"\n', "other.toml": FAIL_ON_NOTES, "proj/a.go": GOOD}
    assert lint(files, "-q", "proj").code == 0
    assert lint(files, "-q", "--config", "other.toml", "proj").code == 1


def test_config_option_overrides_a_broken_discovered_file(lint):
    """A broken discovered file is not even read when --config names another one."""
    files = {"proj/cgolint.toml": "this is = = not toml\n", "ok.toml": "", "proj/a.go": GOOD}
    result = lint(files, "--format", "json", "--config", "ok.toml", "proj")
    assert result.code == 0
    assert findings(result) == [("CGO004", "proj/a.go", 3, 4)]


def test_config_option_missing_file(lint):
    """--config to a file that does not exist: exit 2 naming the file."""
    err = config_error(lint({"a.go": GOOD}, "--config", "nope.toml"))
    assert err == "cgolint: error: nope.toml: configuration file not found\n"


# --- select and ignore --------------------------------------------------------------------------

# CGO004 (a note) at the #include on line 3, a bad suppression naming an unknown rule (CGO000, a
# warning) on line 7.
STALE = """package p

// #include <openssl/evp.h>
import "C"

func f() {
	//cgolint:ignore CGO999 no such rule
	C.EVP_CIPHER_CTX_new()
}
"""
NOTE = ("CGO004", "a.go", 3, 4)
BAD = ("CGO000", "a.go", 7, 2)
BOTH = [NOTE, BAD]


@pytest.mark.parametrize(
    "config, expected",
    [
        ("", BOTH),
        ('select = ["ALL"]\n', BOTH),
        ('select = ["CGO004"]\n', [NOTE]),
        ('select = ["CGO00"]\n', BOTH),  # a prefix
        ('select = ["CGO000"]\n', [BAD]),
        ('select = []\n', []),
        ('ignore = ["CGO004"]\n', [BAD]),
        ('ignore = ["CGO"]\n', []),  # a prefix
        ('ignore = ["ALL"]\n', []),
        ('select = ["ALL"]\nignore = ["CGO000"]\n', [NOTE]),
    ],
)
def test_select_and_ignore(lint, config, expected):
    """select/ignore take rule ids, prefixes and ALL."""
    result = lint({"cgolint.toml": config, "a.go": STALE}, "--format", "json")
    assert findings(result) == expected
    assert result.code == (1 if BAD in expected else 0)


def test_cli_select_replaces_config_select(lint):
    """--select replaces the configuration's select instead of adding to it."""
    result = lint({"cgolint.toml": 'select = ["CGO000"]\n', "a.go": STALE}, "--format", "json", "--select", "CGO004")
    assert findings(result) == [NOTE]


def test_cli_ignore_adds_to_config_ignore(lint):
    """--ignore is added to the configuration's ignore."""
    files = {"cgolint.toml": 'ignore = ["CGO000"]\n', "a.go": STALE}
    assert findings(lint(files, "--format", "json")) == [NOTE]
    assert findings(lint(files, "--format", "json", "--ignore", "CGO004")) == []


def test_cli_select_unknown_rule(lint):
    """--select NOPE: exit 2 naming the option, the value and the known ids."""
    err = config_error(lint({"a.go": GOOD}, "--select", "NOPE"))
    assert err == f"cgolint: error: --select: unknown rule id or prefix 'NOPE'; known: ALL, {KNOWN}\n"


def test_cli_ignore_unknown_rule(lint):
    """--ignore NOPE: exit 2 too."""
    err = config_error(lint({"a.go": GOOD}, "--ignore", "CGO004,NOPE"))
    assert "--ignore: unknown rule id or prefix 'NOPE'" in err


# --- exclude and per-file-ignores ---------------------------------------------------------------


def test_exclude_file_pattern(lint):
    """A file glob skips matching files wherever they are (x_gen.go's call is not counted in a.go's package)."""
    files = {"proj/cgolint.toml": 'exclude = ["*_gen.go"]\n', "proj/a.go": GOOD, "proj/x_gen.go": GOOD,
             "proj/sub/y_gen.go": GOOD}
    result = lint(files, "--format", "json", "proj")
    assert findings(result) == [("CGO004", "proj/a.go", 3, 4)]
    assert calls(result) == [[("proj/a.go", 7, 2)]]


def test_exclude_directory_pattern(lint):
    """A directory glob skips everything below it; globs are relative to the config file."""
    files = {"proj/cgolint.toml": 'exclude = ["generated/"]\n', "proj/a.go": GOOD, "proj/generated/b.go": GOOD,
             "proj/generated/deep/c.go": GOOD}
    assert findings(lint(files, "--format", "json", "proj")) == [("CGO004", "proj/a.go", 3, 4)]


def test_exclude_applies_to_files_named_directly(lint):
    """An excluded file passed on the command line (as pre-commit does) is skipped."""
    files = {"cgolint.toml": 'exclude = ["*_gen.go"]\n', "a.go": GOOD, "x_gen.go": GOOD}
    result = lint(files, "--format", "json", "a.go", "x_gen.go")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]
    assert calls(result) == [[("a.go", 7, 2)]]  # x_gen.go is not even read


def test_per_file_ignores(lint):
    """per-file-ignores drops the listed rules (ids or prefixes) in matching files only."""
    # Each file its own package, so each has its own CGO004 finding at its #include.
    config = '[per-file-ignores]\n"legacy/*.go" = ["CGO004"]\n"old.go" = ["CGO0"]\n'
    files = {"cgolint.toml": config, "a/a.go": GOOD, "old.go": GOOD, "legacy/b.go": GOOD, "other/b.go": GOOD}
    assert findings(lint(files, "--format", "json")) == [("CGO004", "a/a.go", 3, 4), ("CGO004", "other/b.go", 3, 4)]


# --- fail-level and rule levels -----------------------------------------------------------------


def test_default_fail_level_is_warning(lint):
    """Only notes: exit 0, the note is still shown."""
    result = lint({"a.go": GOOD})
    assert result.code == 0
    assert result.out.startswith("a.go:3:4: note: CGO004 Package p calls into OpenSSL from 1 call site in 1 file;")
    assert result.err == "cgolint: 1 finding(s) (1 note) in 1 file(s)\n"


def test_fail_level_note_in_config(lint):
    """fail-level = "note" makes the note fail the run."""
    assert lint({"cgolint.toml": FAIL_ON_NOTES, "a.go": GOOD}).code == 1


def test_cli_fail_level_overrides_config(lint):
    """--fail-level on the command line wins over the configuration."""
    assert lint({"cgolint.toml": FAIL_ON_NOTES, "a.go": GOOD}, "--fail-level", "warning").code == 0


def test_rule_level_raised_to_warning(lint):
    """[rules.CGO004] level = "warning": the finding is a warning and fails the run."""
    result = lint({"cgolint.toml": '[rules.CGO004]\nlevel = "warning"\n', "a.go": GOOD}, "--format", "json")
    assert result.code == 1
    [finding] = json.loads(result.out)["findings"]
    assert (finding["rule"], finding["level"], finding["line"], finding["column"]) == ("CGO004", "warning", 3, 4)


def test_rule_level_lowered_to_note(lint):
    """[rules.CGO000] level = "note": a stale suppression no longer fails the run."""
    result = lint({"cgolint.toml": '[rules.CGO000]\nlevel = "note"\n', "a.go": STALE}, "--format", "json")
    assert result.code == 0
    assert [f["level"] for f in json.loads(result.out)["findings"]] == ["note", "note"]


# --- the CGO004 library table -------------------------------------------------------------------


def test_disable_a_builtin_library(lint):
    """[rules.CGO004] disable = ["openssl-cipher"]: its calls are no longer reported."""
    result = lint({"cgolint.toml": '[rules.CGO004]\ndisable = ["openssl-cipher"]\n', "a.go": GOOD}, "--format", "json")
    assert result.code == 0
    assert findings(result) == []


def test_disable_leaves_other_libraries(lint):
    """Disabling one library row does not silence the others (here the digest row of the same family)."""
    src = GOOD.replace("C.EVP_CIPHER_CTX_new()", "C.EVP_CIPHER_CTX_new()\n\tC.EVP_DigestInit_ex(nil, nil, nil)")
    result = lint({"cgolint.toml": '[rules.CGO004]\ndisable = ["openssl-cipher"]\n', "a.go": src}, "--format", "json")
    assert findings(result) == [("CGO004", "a.go", 3, 4)]  # openssl/evp.h is a header of the digest row too
    assert calls(result) == [[("a.go", 8, 2)]]
    [finding] = json.loads(result.out)["findings"]
    assert finding["message"].startswith("Package p calls into OpenSSL from 1 call site in 1 file; pure-Go replacement: ")
    assert finding["message"].endswith('Table row `openssl-digest`; to stop this note: `disable = ["openssl-digest"]` under [rules.CGO004].')


def test_user_library_row(lint):
    """A [[rules.CGO004.library]] row adds a library: its calls are reported with its replacement."""
    result = lint({"cgolint.toml": FOO_ROW, "a.go": FOO}, "--format", "json")
    [finding] = json.loads(result.out)["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("CGO004", 7, 2)
    assert finding["message"] == ("Package p calls into libfoo from 1 call site in 1 file; pure-Go replacement: "
                                  "example.com/purefoo. Table row `foo`; to stop this note: `disable = [\"foo\"]` "
                                  "under [rules.CGO004].")
    assert result.code == 0  # CGO004 is a note by default


def test_disabling_a_user_row_as_the_message_says(lint):
    """The message's advice works for the user's own rows too: disable takes their ids."""
    config = FOO_ROW.replace("[[rules.CGO004.library]]", '[rules.CGO004]\ndisable = ["foo"]\n\n[[rules.CGO004.library]]', 1)
    result = lint({"cgolint.toml": config, "a.go": FOO}, "--format", "json")
    assert result.code == 0, result.err
    assert findings(result) == []


def test_without_user_row_the_call_is_not_reported(lint):
    """Control: C.foo_open is not in the built-in table."""
    assert findings(lint({"a.go": FOO}, "--format", "json")) == []


def test_user_row_with_builtin_id_replaces_builtin_row(lint):
    """A user row with a built-in id replaces that row: the message shows the user's replacement."""
    config = """
[[rules.CGO004.library]]
id = "openssl-cipher"
library = "libcrypto ciphers"
names = ["EVP_CIPHER_CTX_*"]
replacements = ["example.com/mycipher"]
"""
    result = lint({"cgolint.toml": config, "a.go": GOOD}, "--format", "json")
    [finding] = json.loads(result.out)["findings"]
    assert (finding["line"], finding["column"]) == (7, 2)
    assert finding["message"] == ("Package p calls into libcrypto ciphers from 1 call site in 1 file; pure-Go replacement: "
                                  "example.com/mycipher. Table row `openssl-cipher`; to stop this note: "
                                  "`disable = [\"openssl-cipher\"]` under [rules.CGO004].")
    assert "crypto/aes" not in finding["message"]
    # and the advice works: disable drops the user's row that replaced the built-in one
    (lint.root / "cgolint.toml").write_text('[rules.CGO004]\ndisable = ["openssl-cipher"]\n' + config, encoding="utf-8")
    assert findings(lint({}, "--format", "json")) == []


def test_replaced_builtin_row_names_are_gone(lint):
    """Names only the built-in openssl-cipher row had are no longer reported once the row is replaced."""
    config = '[[rules.CGO004.library]]\nid = "openssl-cipher"\nlibrary = "x"\nnames = ["EVP_aes_*"]\nreplacements = ["example.com/x"]\n'
    assert findings(lint({"cgolint.toml": config, "a.go": GOOD}, "--format", "json")) == []


# --- configuration errors: exit 2, naming the file, the key and what is allowed -----------------


def cfg_path(lint, name: str = "cgolint.toml") -> str:
    """The configuration file as named in messages (found by walking up: an absolute path)."""
    return str((lint.root / name).resolve())


def test_error_unknown_top_level_key(lint):
    """An unknown top-level key lists the allowed keys."""
    err = config_error(lint({"cgolint.toml": 'selct = ["CGO004"]\n', "a.go": GOOD}))
    assert err == (
        f"cgolint: error: {cfg_path(lint)}: unknown key 'selct'; "
        f"allowed keys: {', '.join(sorted(TOP_KEYS))}\n"
    )


def test_error_in_pyproject_names_the_section(lint):
    """An error in pyproject.toml names the file and the [tool.cgolint] section."""
    err = config_error(lint({"pyproject.toml": '[tool.cgolint]\nselct = ["CGO004"]\n', "a.go": GOOD}))
    assert err.startswith(f"cgolint: error: {cfg_path(lint, 'pyproject.toml')} [tool.cgolint]: unknown key 'selct'; allowed keys: ")


@pytest.mark.parametrize(
    "config, key",
    [
        ('select = ["CGO999"]\n', "'select'"),
        ('ignore = ["CGO004", "XYZ"]\n', "'ignore'"),
        ('[per-file-ignores]\n"*.go" = ["CGO999"]\n', "per-file-ignores.'*.go'"),
    ],
)
def test_error_unknown_rule_id_in_selectors(lint, config, key):
    """An unknown rule id in select, ignore or per-file-ignores names the key, the value and the known ids."""
    bad = "XYZ" if "XYZ" in config else "CGO999"
    err = config_error(lint({"cgolint.toml": config, "a.go": GOOD}))
    assert err == f"cgolint: error: {cfg_path(lint)}: {key}: unknown rule id or prefix {bad!r}; known: ALL, {KNOWN}\n"


def test_error_unknown_rule_table(lint):
    """[rules.CGO999]: unknown rule id, with the known ids."""
    err = config_error(lint({"cgolint.toml": '[rules.CGO999]\nlevel = "note"\n', "a.go": GOOD}))
    assert err == f"cgolint: error: {cfg_path(lint)}: rules.CGO999: unknown rule id; known: {KNOWN}\n"


def test_error_unknown_key_under_rule(lint):
    """An unknown key under [rules.CGO004] lists the rule's options."""
    err = config_error(lint({"cgolint.toml": '[rules.CGO004]\nseverity = "note"\n', "a.go": GOOD}))
    assert err.startswith(f"cgolint: error: {cfg_path(lint)}: rules.CGO004: unknown key 'severity'; allowed: ")
    assert "disable (a list of library ids" in err
    assert "level (error, warning or note)" in err
    assert "library (a list of tables" in err


def test_error_bad_rule_level(lint):
    """A bad level value says which levels exist."""
    err = config_error(lint({"cgolint.toml": '[rules.CGO004]\nlevel = "warn"\n', "a.go": GOOD}))
    assert err == f"cgolint: error: {cfg_path(lint)}: rules.CGO004.level must be error, warning or note, not 'warn'\n"


@pytest.mark.parametrize("value, shown", [('"fatal"', "'fatal'"), ("1", "1")])
def test_error_bad_fail_level(lint, value, shown):
    """An invalid fail-level says which levels exist."""
    err = config_error(lint({"cgolint.toml": f"fail-level = {value}\n", "a.go": GOOD}))
    assert err == f"cgolint: error: {cfg_path(lint)}: 'fail-level' must be error, warning or note, not {shown}\n"


def test_error_malformed_toml(lint):
    """Malformed TOML names the file and what the TOML parser found."""
    err = config_error(lint({"cgolint.toml": 'select = ["CGO004"\n', "a.go": GOOD}))
    assert err == f"cgolint: error: {cfg_path(lint)}: invalid TOML: Unclosed array (at end of document)\n"


def test_error_malformed_toml_via_config_option(lint):
    """Malformed TOML named by --config: the message uses the path as given."""
    err = config_error(lint({"conf/my.toml": "[rules\n", "a.go": GOOD}, "--config", "conf/my.toml"))
    assert err.startswith("cgolint: error: conf/my.toml: invalid TOML: ")


@pytest.mark.parametrize("key", ["select", "ignore", "exclude"])
def test_error_non_list(lint, key):
    """select/ignore/exclude given a string instead of a list: says a list is needed."""
    err = config_error(lint({"cgolint.toml": f'{key} = "CGO004"\n', "a.go": GOOD}))
    assert err.startswith(f"cgolint: error: {cfg_path(lint)}: {key!r} must be a list of ")


def test_error_per_file_ignores_not_a_table(lint):
    """per-file-ignores must be a table."""
    err = config_error(lint({"cgolint.toml": 'per-file-ignores = ["*.go"]\n', "a.go": GOOD}))
    assert err == (f"cgolint: error: {cfg_path(lint)}: 'per-file-ignores' must be "
                   "a table mapping glob patterns to lists of rule ids\n")


def test_error_disable_unknown_library(lint):
    """rules.CGO004.disable with an unknown library id lists the known ids."""
    err = config_error(lint({"cgolint.toml": '[rules.CGO004]\ndisable = ["openssl-ciphr"]\n', "a.go": GOOD}))
    assert err.startswith(f"cgolint: error: {cfg_path(lint)}: rules.CGO004.disable: unknown library id 'openssl-ciphr'; known ids: ")
    assert "openssl-cipher" in err


def test_error_disable_not_a_list(lint):
    """rules.CGO004.disable must be a list of library ids."""
    err = config_error(lint({"cgolint.toml": '[rules.CGO004]\ndisable = "openssl-cipher"\n', "a.go": GOOD}))
    assert err == f"cgolint: error: {cfg_path(lint)}: rules.CGO004.disable must be a list of library ids\n"


def test_error_library_row_missing_replacements(lint):
    """A library row without replacements names the row and the missing key."""
    config = '[[rules.CGO004.library]]\nid = "foo"\nlibrary = "libfoo"\nnames = ["foo_*"]\n'
    err = config_error(lint({"cgolint.toml": config, "a.go": FOO}))
    assert err == f"cgolint: error: {cfg_path(lint)}: rules.CGO004.library[0]: missing replacements\n"


def test_error_library_row_unknown_key(lint):
    """A library row with an unknown key lists the row's keys."""
    err = config_error(lint({"cgolint.toml": FOO_ROW + 'replacement = "x"\n', "a.go": FOO}))
    assert err.startswith(f"cgolint: error: {cfg_path(lint)}: rules.CGO004.library[0]: unknown key 'replacement'; allowed: ")
    allowed = err.split("allowed: ")[1].strip().split(", ")
    assert {"id", "library", "names", "broad-names", "replacements", "headers", "links", "note"} <= set(allowed)


def test_error_library_row_wrong_type(lint):
    """A library row whose replacements is a string says it must be a list of strings."""
    config = FOO_ROW.replace('replacements = ["example.com/purefoo"]', 'replacements = "example.com/purefoo"')
    err = config_error(lint({"cgolint.toml": config, "a.go": FOO}))
    assert err == f"cgolint: error: {cfg_path(lint)}: rules.CGO004.library[0]: 'replacements' must be a list of strings\n"


def test_error_rule_options_checked_even_when_rule_is_ignored(lint):
    """A typo under [rules.CGO004] is reported even while CGO004 is ignored."""
    config = 'ignore = ["CGO004"]\n\n[rules.CGO004]\ndisable = ["openssl-ciphr"]\n'
    err = config_error(lint({"cgolint.toml": config, "a.go": GOOD}))
    assert "rules.CGO004.disable: unknown library id 'openssl-ciphr'" in err


def test_error_empty_rule_selector(lint):
    """ignore = [""] is rejected instead of silently ignoring every rule."""
    err = config_error(lint({"cgolint.toml": 'ignore = [""]\n', "a.go": GOOD}))
    assert "'ignore': unknown rule id or prefix ''" in err


@pytest.mark.parametrize("value", ["1", "[]", '"CGO004"'])
def test_error_tool_cgolint_not_a_table(lint, value):
    """tool.cgolint = <not a table> in pyproject.toml: exit 2 saying it must be a table, no traceback."""
    err = config_error(lint({"pyproject.toml": f"[tool]\ncgolint = {value}\n", "a.go": GOOD}))
    assert err.startswith(f"cgolint: error: {cfg_path(lint, 'pyproject.toml')}")
    assert "[tool.cgolint]" in err and "must be a table" in err


def test_error_config_in_other_directory_named_with_config_option(tmp_path):
    """--config with an absolute path outside the checked tree is used as given."""
    write_tree(tmp_path, {"conf/c.toml": 'fail-level = "nope"\n', "src/a.go": GOOD})
    result = run_cli("check", "--config", str(tmp_path / "conf/c.toml"), ".", cwd=tmp_path / "src")
    err = config_error(result)
    assert err == f"cgolint: error: {Path(tmp_path / 'conf/c.toml')}: 'fail-level' must be error, warning or note, not 'nope'\n"
