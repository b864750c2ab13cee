"""Conditional compilation: which C code cgolint analyses, and how dead branches are blanked.

The evaluator decides `#if` conditions (True, False, or None when it cannot);
the blanker replaces code that cannot be compiled with spaces, keeping every
byte offset. The loader tests check what a user sees: no calls, functions,
includes or syntax problems from dead code.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from cgolint.discover import Target
from cgolint.facts import PackageFacts
from cgolint.loader import load_directory
from cgolint.model import CgoDirective
from cgolint.parsing import parse_c
from cgolint.preprocessor import MacroEnv, Preprocessor, directives, evaluate, flags_env
from cgolint.source import Position, Span

from conftest import run_cli, write_tree


def env(**macros: str | None) -> MacroEnv:
    """Known macros: a string is the definition, None means known undefined."""
    e = MacroEnv()
    for name, body in macros.items():
        if body is None:
            e.undefine(name)
        else:
            e.define(name, body)
    return e


def blank(src: str, macros: MacroEnv | None = None, headers: dict[str, str] | None = None, name: str | None = None) -> str:
    data = src.encode()
    out = Preprocessor(macros, {k: v.encode() for k, v in (headers or {}).items()}).blank(data, name)
    assert len(out) == len(data)
    assert [i for i, b in enumerate(out) if b == 0x0A] == [i for i, b in enumerate(data) if b == 0x0A]
    return out.decode()


def kept(src: str, macros: MacroEnv | None = None, **kw) -> list[str]:
    """The lines that are not blank after blanking, stripped."""
    return [line.strip() for line in blank(src, macros, **kw).splitlines() if line.strip()]


# --- the evaluator ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "condition, value",
    [
        ("1", True),
        ("0", False),
        ("1 + 2 * 3 == 7", True),
        ("(1 + 2) * 3 == 9", True),
        ("10 - 2 - 3 == 5", True),  # left-associative
        ("2 * 3 % 4 == 2", True),
        ("1 << 2 + 1 == 8", True),  # + binds tighter than <<
        ("1 | 2 ^ 3 & 4 == 3", True),  # & then ^ then |; == binds tighter than &
        ("3 > 2 > 1", False),  # (3 > 2) > 1 is 1 > 1
        ("1 < 2 == 1", True),
        ("!0 && ~0 == -1", True),
        ("-(-3) == +3", True),
        ("- - 4 == 4", True),
        ("7 / 2 == 3 && -7 / 2 == -3 && -7 % 2 == -1", True),  # C truncates toward zero
        ("0x1F == 31 && 017 == 15 && 0b101 == 5", True),
        ("10UL == 10 && 10llu == 10 && 3l == 3", True),
        ("-1 < 0", True),
        ("-1 < 0u", False),  # the usual arithmetic conversions: -1 becomes UINTMAX_MAX
        ("'A' == 65 && '\\n' == 10 && '\\0' == 0 && '\\x41' == 65", True),
        ("1 ? 2 : 0", True),
        ("0 ? 1 : 0", False),
        ("0 ? 1 : 2 ? 0 : 1", False),  # right-associative
        ("1 ? 0 ? 1 : 0 : 1", False),
        ("(0 || 0) ? 1 : 0", False),
        ("((((((1))))))", True),
        ("1 / 0", None),  # an error for the compiler: keep both branches
        ("1 << 64", None),
        ("1 +", None),
        ("(1", None),
        ("1)", None),
        ("1 2", None),
        ("", None),
        ("1, 0", None),
        ("1.5 > 1", None),
        ("\"str\"", None),
        ("1 ? 2", None),
        ("1 : 2", None),
    ],
)
def test_integer_arithmetic_and_precedence(condition, value):
    assert evaluate(condition, MacroEnv()) is value


def test_defined_forms():
    e = env(FOO="1", GONE=None)
    assert evaluate("defined FOO", e) is True
    assert evaluate("defined(FOO)", e) is True
    assert evaluate("defined ( FOO )", e) is True
    assert evaluate("!defined(GONE)", e) is True
    assert evaluate("defined GONE", e) is False
    assert evaluate("defined(__linux__)", e) is None  # never defined nor undefined here: unknown
    assert evaluate("defined", e) is None
    assert evaluate("defined(FOO", e) is None


def test_unknown_names_use_three_valued_logic():
    e = MacroEnv()
    assert evaluate("__linux__", e) is None
    assert evaluate("0 && __linux__", e) is False
    assert evaluate("__linux__ && 0", e) is False
    assert evaluate("1 || __linux__", e) is True
    assert evaluate("__linux__ || 1", e) is True
    assert evaluate("1 && __linux__", e) is None
    assert evaluate("0 || __linux__", e) is None
    assert evaluate("__linux__ ? 1 : 1", e) is True
    assert evaluate("__linux__ ? 1 : 0", e) is None
    assert evaluate("__linux__ + 1 > 0", e) is None
    assert evaluate("0 && 1 / 0", e) is False


def test_calls_and_feature_tests_are_undecided():
    e = env(MAX="(a)", ZERO=None)
    e.define("F", "((x) + 1)", function_like=True)
    assert evaluate("__has_include(<sys/epoll.h>)", e) is None
    assert evaluate('__has_include("local.h")', e) is None
    assert evaluate("__has_attribute(noreturn)", e) is None
    assert evaluate("F(1) == 2", e) is None
    assert evaluate("0 && F(1)", e) is False
    assert evaluate("__GNUC_PREREQ(4, 8) || 1", e) is True
    assert evaluate("F", e) is False  # a function-like macro's name alone is not expanded: 0
    assert evaluate("ZERO(1)", e) is None


def test_object_like_macros_are_substituted():
    e = env(LEVEL="2", DOUBLE="(LEVEL * 2)", NEXT="DOUBLE + 1", EMPTY="", GONE=None)
    assert evaluate("LEVEL >= 2", e) is True
    assert evaluate("DOUBLE == 4", e) is True
    assert evaluate("NEXT == 5", e) is True
    assert evaluate("GONE == 0", e) is True  # known undefined: 0, as the compiler says
    assert evaluate("EMPTY", e) is None  # `#if` with no expression is an error
    assert evaluate("UNSET >= 2", e) is None


def test_self_referential_and_runaway_macros():
    e = env(SELF="SELF + 1", A="B", B="A")
    assert evaluate("SELF == 1", e) is True  # the inner SELF is not expanded again: 0 + 1
    assert evaluate("A == 0", e) is True
    # each level doubles the expansion: the depth/size limit stops it, undecided
    deep = env(**{f"M{i}": f"(M{i + 1} + M{i + 1})" for i in range(40)}, M40="1")
    assert evaluate("M0 > 0", deep) is None
    assert evaluate("M35 == 32", deep) is True


def test_garbage_conditions_never_raise():
    rng = random.Random(1)
    alphabet = ["(", ")", "?", ":", "!", "~", "-", "+", "*", "/", "%", "<<", ">>", "<", "&&", "||", "==", "'", '"',
                "defined", "X", "1", "0", "0x", "09", "1e5", ",", "#", "@", "\\", " ", "\n", "__has_include"]  # fmt: skip
    e = env(X="X + (", Y="1")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert evaluate(text, e) in (True, False, None)


# --- #cgo flags ---------------------------------------------------------------------------------

_SPAN = Span("p.go", Position(1, 1, 1), Position(1, 1, 1))


def cgo(args: str, name: str = "CFLAGS", *constraints: str) -> CgoDirective:
    return CgoDirective(tuple(constraints), name, tuple(args.split()), _SPAN)


def test_cflags_define_and_undefine():
    e = flags_env([cgo("-O2 -DFAST -DLEVEL=2 -D NAME=3 -UGONE -U OTHER -Wall"), cgo("-DPP=7", "CPPFLAGS")])
    assert evaluate("defined(FAST) && FAST == 1", e) is True
    assert evaluate("LEVEL == 2 && NAME == 3 && PP == 7", e) is True
    assert evaluate("defined(GONE) || defined(OTHER)", e) is False
    assert evaluate("defined(Wall)", e) is None


def test_cflags_later_flags_win_and_other_flag_kinds_do_not_count():
    e = flags_env([cgo("-DX=1"), cgo("-UX"), cgo("-DY=1", "LDFLAGS"), cgo("-DZ=1", "CXXFLAGS")])
    assert evaluate("defined X", e) is False
    assert evaluate("defined Y || defined Z", e) is None


def test_cflags_under_build_constraints_are_unknown():
    e = flags_env([cgo("-DA -DB=1"), cgo("-DB=2 -UC", "CFLAGS", "linux"), cgo("-DD", "CFLAGS", "!windows")])
    assert evaluate("defined A", e) is True
    assert evaluate("defined B", e) is None  # 1 on some builds, 2 on linux
    assert evaluate("defined C", e) is None
    assert evaluate("defined D", e) is None


def test_cflags_of_go_files_with_build_constraints_are_unknown():
    e = flags_env([cgo("-DLEGACY=4")], sometimes=[cgo("-DUSE_EXTERNAL -ULEGACY")])
    assert evaluate("defined(USE_EXTERNAL)", e) is None
    assert evaluate("LEGACY == 4", e) is None


def test_cflags_function_like_define():
    e = flags_env([cgo("-DSQ(x)=((x)*(x))")])
    assert evaluate("defined(SQ)", e) is True
    assert evaluate("SQ(2) == 4", e) is None


# --- blanking -----------------------------------------------------------------------------------


def test_if_zero_block_is_blanked_in_place():
    src = "int a;\n#if 0\nvoid dead(void) { getchar(); }\n#endif\nint b;\n"
    out = blank(src)
    assert out == "int a;\n     \n                              \n      \nint b;\n"


def test_decided_true_keeps_the_body_and_blanks_the_directives():
    assert kept("#if 1\nint live;\n#else\nint dead;\n#endif\n") == ["int live;"]
    assert kept("#if 0\nint dead;\n#else\nint live;\n#endif\n") == ["int live;"]


def test_ifdef_and_ifndef():
    e = env(HAVE_X="1", NO_Y=None)
    src = "#ifdef HAVE_X\nint a;\n#endif\n#ifndef HAVE_X\nint b;\n#endif\n#ifdef NO_Y\nint c;\n#endif\n#ifndef NO_Y\nint d;\n#endif\n"
    assert kept(src, e) == ["int a;", "int d;"]


def test_undecided_conditional_is_kept_as_written():
    src = "#ifdef __linux__\nint a;\n#else\nint b;\n#endif\n"
    assert blank(src) == src
    src = "#if defined(_WIN32) && LEVEL > 1\nint a;\n#elif __has_include(<x.h>)\nint b;\n#endif\n"
    assert blank(src, env(LEVEL="2")) == src


def test_elif_chain_fully_decided():
    src = "#if LEVEL == 1\nint one;\n#elif LEVEL == 2\nint two;\n#elif LEVEL == 3\nint three;\n#else\nint other;\n#endif\n"
    assert kept(src, env(LEVEL="2")) == ["int two;"]
    assert kept(src, env(LEVEL="3")) == ["int three;"]
    assert kept(src, env(LEVEL="9")) == ["int other;"]


def test_elif_after_dead_branches_becomes_if_of_the_same_length():
    src = "#if 0\nint a;\n#elif defined(__APPLE__)\nint b;\n#elifdef __linux__\nint c;\n#else\nint d;\n#endif\n"
    out = blank(src)
    assert kept(src) == ["#if   defined(__APPLE__)", "int b;", "#elifdef __linux__", "int c;", "#else", "int d;", "#endif"]
    assert not parse_c(out.encode()).root_node.has_error


def test_elif_with_spaces_after_the_hash():
    src = "#if 0\nint a;\n#  elif X\nint b;\n#  endif\n"
    assert kept(src) == ["#  if   X", "int b;", "#  endif"]


def test_elifdef_becomes_ifdef():
    src = "#ifdef GONE\nint a;\n#elifdef __linux__\nint b;\n#elifndef __APPLE__\nint c;\n#endif\n"
    assert kept(src, env(GONE=None)) == ["#ifdef   __linux__", "int b;", "#elifndef __APPLE__", "int c;", "#endif"]


def test_undecided_then_decided_branches():
    # a true #elif after an undecided #if acts as #else; later branches are dead
    src = "#if defined(__linux__)\nint a;\n#elif 1\nint b;\n#else\nint c;\n#endif\n"
    assert kept(src) == ["#if defined(__linux__)", "int a;", "#elif 1", "int b;", "#endif"]
    # a false #elif after an undecided #if is dropped with its body
    src = "#if defined(__linux__)\nint a;\n#elif 0\nint b;\n#else\nint c;\n#endif\n"
    assert kept(src) == ["#if defined(__linux__)", "int a;", "#else", "int c;", "#endif"]
    # a decided true #if makes every undecided #elif dead
    src = "#if 1\nint a;\n#elif defined(__linux__)\nint b;\n#endif\n"
    assert kept(src) == ["int a;"]


def test_nested_conditionals():
    src = (
        "#if 1\n"
        "#  if 0\nint a;\n#  else\nint b;\n#  endif\n"
        "#  ifdef __linux__\n#    if 0\nint c;\n#    endif\nint d;\n#  endif\n"
        "#else\n#  if 1\nint e;\n#  endif\n#endif\n"
    )
    assert kept(src) == ["int b;", "#  ifdef __linux__", "int d;", "#  endif"]


def test_define_and_undef_in_the_unit():
    src = "#define LEVEL 2\n#if LEVEL >= 2\nint a;\n#endif\n#undef LEVEL\n#if LEVEL >= 2\nint b;\n#endif\n#if defined(LEVEL)\nint c;\n#endif\n"
    assert kept(src) == ["#define LEVEL 2", "int a;", "#undef LEVEL"]


def test_define_in_an_undecided_branch_makes_the_macro_unknown():
    src = (
        "#define MODE 1\n"
        "#ifdef __linux__\n#define MODE 2\n#undef GONE\n#endif\n"
        "#if MODE == 1\nint one;\n#endif\n"
        "#ifdef GONE\nint gone;\n#endif\n"
    )
    out = kept(src, env(GONE=None))
    assert "#if MODE == 1" in out and "int one;" in out
    assert "#ifdef GONE" in out and "int gone;" in out


def test_define_in_a_dead_branch_is_ignored():
    src = "#define MODE 1\n#if 0\n#define MODE 2\n#endif\n#if MODE == 1\nint one;\n#endif\n"
    assert kept(src) == ["#define MODE 1", "int one;"]


def test_function_like_define_in_the_unit():
    src = "#define SQ(x) ((x) * (x))\n#if SQ(2) == 4\nint a;\n#endif\n#ifdef SQ\nint b;\n#endif\n"
    assert kept(src) == ["#define SQ(x) ((x) * (x))", "#if SQ(2) == 4", "int a;", "#endif", "int b;"]


def test_macro_from_an_included_header():
    headers = {"config.h": "#define DEBUGLEVEL 0\n#define HAVE_POLL 1\n"}
    src = '#include "config.h"\n#if DEBUGLEVEL >= 2\nint dbg;\n#endif\n#if HAVE_POLL\nint poll_ok;\n#endif\n'
    assert kept(src, headers=headers) == ['#include "config.h"', "int poll_ok;"]
    # <config.h> is a system header: nothing known
    system = src.replace('"config.h"', "<config.h>")
    assert blank(system, headers=headers) == system


def test_header_with_include_guard_included_twice_and_in_a_cycle():
    headers = {
        "a.h": "#ifndef A_H\n#define A_H\n#include \"b.h\"\n#define A_LEVEL 1\n#endif\n",
        "b.h": "#ifndef B_H\n#define B_H\n#include \"a.h\"\n#define B_LEVEL 2\n#endif /* B_H */\n",
    }
    src = '#include "a.h"\n#include "a.h"\n#include "./b.h"\n#if A_LEVEL + B_LEVEL == 3\nint both;\n#endif\n'
    assert kept(src, headers=headers) == ['#include "a.h"', '#include "a.h"', '#include "./b.h"', "int both;"]
    # the header on its own: its guard is entered, its body is live
    assert kept(headers["a.h"], headers=headers, name="a.h") == ["#define A_H", '#include "b.h"', "#define A_LEVEL 1"]


def test_header_included_in_an_undecided_branch_makes_its_macros_unknown():
    headers = {"dbg.h": "#define DEBUGLEVEL 0\n"}
    src = '#ifdef __linux__\n#include "dbg.h"\n#endif\n#if DEBUGLEVEL\nint a;\n#endif\n'
    assert blank(src, headers=headers) == src


def test_header_included_in_a_dead_branch_tells_nothing():
    headers = {"dbg.h": "#define DEBUGLEVEL 0\n"}
    src = '#if 0\n#include "dbg.h"\n#endif\n#if DEBUGLEVEL\nint a;\n#endif\n'
    assert kept(src, headers=headers) == ["#if DEBUGLEVEL", "int a;", "#endif"]


def test_flags_reach_every_unit():
    e = flags_env([cgo("-DNORM_STRATEGY=2")])
    src = "#ifndef NORM_STRATEGY\n#define NORM_STRATEGY 1\n#endif\n#if NORM_STRATEGY == 1\nint one;\n#else\nint two;\n#endif\n"
    assert kept(src, e) == ["int two;"]
    assert kept(src, flags_env([cgo("-UNORM_STRATEGY")])) == ["#define NORM_STRATEGY 1", "int one;"]


def test_continuation_lines():
    src = "#if 1 && \\\n    0\nint dead;\n#endif\n#define LONG \\\n  2\n#if LONG == 2\nint live;\n#endif\n"
    out = blank(src)
    assert out.splitlines()[:2] == [" " * len("#if 1 && \\"), " " * len("    0")]
    assert kept(src) == ["#define LONG \\", "2", "int live;"]


def test_comments_in_directive_lines():
    src = (
        "#if 0 /* old code,\n   kept for reference */\nint dead;\n#endif // 0\n"
        "#if /* yes */ 1 // always\nint live;\n#endif\n"
        "#define X 3 /* three */\n#if X == 3\nint three;\n#endif\n"
    )
    assert kept(src) == ["int live;", "#define X 3 /* three */", "int three;"]


def test_directives_inside_comments_and_strings_do_not_count():
    src = "/*\n#if 0\n*/\nint a;\nconst char *s = \"\\\n#if 0\";\n// #if 0\nint b; /* \n#endif */\n"
    assert [d.keyword for d in directives(src.encode())] == []
    assert blank(src) == src


def test_hash_that_is_not_first_on_its_line_is_not_a_directive():
    src = "int a; #if 0\nx /* c */ #if 0\n/* c */ #if 0\nint b;\n#endif\n"
    assert [d.keyword for d in directives(src.encode())] == ["if", "endif"]
    assert kept(src) == ["int a; #if 0", "x /* c */ #if 0", "/* c */"]  # the comment before `#` stays


def test_apostrophe_in_a_dead_branch():
    src = "#if 0\nthis doesn't compile\n#endif\nint a;\n"
    assert kept(src) == ["int a;"]


def test_crlf_line_endings_are_kept():
    src = "#if 0\r\nint dead;\r\n#endif\r\nint live;\r\n"
    out = blank(src)
    assert out == "     \r\n         \r\n      \r\nint live;\r\n"


@pytest.mark.parametrize(
    "src",
    [
        "#endif\nint a;\n",
        "#else\nint a;\n#elif 0\n",
        "#if 0\nint a;\n",  # unterminated
        "#if 0\n#else\n#else\nint a;\n#endif\n",
        "#if 1\n#else\nint a;\n#elif 1\nint b;\n#endif\n",
        "#if 0\n#if 1\nint a;\n#endif\n",  # the inner #endif closes the inner #if
        "#\n# 12 \"file.c\"\n#pragma once\n#error stop\n#include\n#define\n#undef\n#ifdef\n#if\n#endif\n",
        "/* unterminated\n#if 0\n",
        "#if 0 /* unterminated\nint a;\n",
        "#define A(\n#if A(\n#endif\n",
        "#if 0\n\"unterminated\n#endif\n",
        "\\\n#if 0\n\\",
    ],
)
def test_garbage_never_raises(src):
    blank(src)  # checks the length and the newlines are unchanged


def test_unterminated_and_unbalanced_conditionals_are_kept():
    for src in ["#if 0\nint a;\n", "#endif\n#if 0\nint a;\n", "#if 0\n#else\n#else\nint a;\n#endif\n"]:
        assert blank(src) == src
    # a well-formed chain after a stray #endif is still decided
    assert kept("#endif\n#if 0\nint a;\n#endif\nint b;\n") == ["#endif", "int b;"]


def test_random_garbage_never_raises():
    rng = random.Random(7)
    pieces = ["#if ", "#ifdef X", "#ifndef Y", "#elif ", "#else", "#endif", "#define X 1", "#undef X",
              '#include "h.h"', "0", "1", "X", "defined(Y)", "\\\n", "/*", "*/", "//", "\"", "'", "\n",
              "\r\n", " ", "{", "}", "int a;", "\xe9", "#"]  # fmt: skip
    headers = {"h.h": "#if X\n#define Y 2\n#endif\n#include \"h.h\"\n"}
    for _ in range(500):
        src = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        blank(src, env(X="1"), headers=headers)  # asserts same length and newlines


def test_deep_nesting_is_fast_and_does_not_recurse():
    depth = 5000
    src = "#if 1\n" * depth + "int live;\n" + "#endif\n" * depth + "#if 0\n" * depth + "int dead;\n" + "#endif\n" * depth
    start = time.perf_counter()
    out = blank(src)
    assert time.perf_counter() - start < 5
    assert out.split() == ["int", "live;"]
    src = "#ifdef __linux__\n" * depth + "int maybe;\n" + "#endif\n" * depth
    assert blank(src) == src


def test_large_input_is_linear():
    body = "".join(f"#if {i % 3}\nint v{i};\n#else\nint w{i};\n#endif\n" for i in range(20000))
    start = time.perf_counter()
    out = blank(body)
    assert time.perf_counter() - start < 5
    assert out.count("int v") == 20000 * 2 // 3 and out.count("int w") == 20000 - 20000 * 2 // 3


# --- what the loader and the facts see ----------------------------------------------------------

GO = """package p

// #cgo CFLAGS: -DUSE_POLL=1
/*
#include "conf.h"
#if VERBOSE
#include <stdio.h>
static void trace(void) { printf("x"); }
#endif
*/
import "C"

func F() { C.run() }
"""
CONF_H = "#ifndef CONF_H\n#define CONF_H\n#define VERBOSE 0\n#endif\n"
RUN_C = """#include "conf.h"
#if USE_POLL
#include <poll.h>
int run(void) { return poll(0, 0, 10); }
#else
#include <sys/select.h>
int run(void) { return select(0, 0, 0, 0, 0); }
#endif
#if 0
static void broken(void) {
    if (x) {
#endif
#if VERBOSE > 1
static void dump(void) { getchar(); }
#endif
"""


def _package(tmp_path: Path):
    write_tree(tmp_path, {"p.go": GO, "conf.h": CONF_H, "run.c": RUN_C})
    problems: list = []
    [package] = load_directory(Target(tmp_path), tmp_path, [], tmp_path, problems)
    return package, problems


def test_facts_hold_no_dead_code(tmp_path):
    package, problems = _package(tmp_path)
    assert problems == []
    facts = PackageFacts(package)
    assert sorted((c.name, c.caller) for c in facts.c_calls) == [("poll", "run")]
    assert sorted(facts.c_functions) == ["run"]
    assert len(facts.c_functions["run"]) == 1
    assert sorted(package.includes) == ["conf.h", "poll.h"]
    unit = next(u for u in package.c_files if u.source.path.name == "run.c")
    assert unit.includes == ("conf.h", "poll.h")
    assert unit.source.data == RUN_C.encode()  # the file itself is untouched
    assert not unit.tree.root_node.has_error


def test_preambles_see_the_flags_of_every_go_file_and_the_headers_they_include(tmp_path):
    flags = 'package p\n\n// #cgo CFLAGS: -DSTRATEGY=2\n// #cgo linux CFLAGS: -DHAVE_EPOLL\nimport "C"\n'
    user = """package p

/*
#include "tune.h"
#if STRATEGY == 1
static void settle(void) { usleep(10); }
#elif defined(HAVE_EPOLL)
static void settle(void) { epoll_wait(0, 0, 0, 0); }
#endif
#if TUNE_LOG
static void log(void) { fputs("x", stderr); }
#endif
*/
import "C"
"""
    write_tree(tmp_path, {"flags.go": flags, "user.go": user, "tune.h": "#define TUNE_LOG 0\n"})
    [package] = load_directory(Target(tmp_path), tmp_path, [], tmp_path, [])
    assert [c.name for c in PackageFacts(package).c_calls] == ["epoll_wait"]
    preamble = next(g.preamble for g in package.go_files if g.source.path.name == "user.go")
    assert b"#if   defined(HAVE_EPOLL)" in preamble.tree.root_node.text  # the first live branch, now an #if
    assert b"#elif defined(HAVE_EPOLL)" in preamble.source.data


@pytest.mark.parametrize(
    "name, head",
    [
        ("external.go", "//go:build external_libzstd\n\n"),
        ("external.go", "// +build external_libzstd\n\n"),
        ("external_linux.go", ""),
        ("external_linux_arm64.go", ""),
    ],
)
def test_flags_of_a_file_with_build_constraints_do_not_decide(tmp_path, name, head):
    # the vendored C is compiled only without -DUSE_EXTERNAL_ZSTD, which a tagged build sets
    tagged = head + 'package p\n\n// #cgo CFLAGS: -DUSE_EXTERNAL_ZSTD\n// #cgo pkg-config: libzstd\nimport "C"\n'
    plain = 'package p\n\n// #include "z.h"\nimport "C"\n\nfunc F() { C.compress() }\n'
    c = "#ifndef USE_EXTERNAL_ZSTD\nint compress(void) { return write(1, 0, 0); }\n#endif\n"
    write_tree(tmp_path, {name: tagged, "plain.go": plain, "z.c": c, "z.h": "int compress(void);\n"})
    [package] = load_directory(Target(tmp_path), tmp_path, [], tmp_path, [])
    assert [c.name for c in PackageFacts(package).c_calls] == ["write"]


def test_positions_after_dead_code_are_unchanged(tmp_path):
    c = "#if 0\nstatic void old(void) { getchar(); }\n#endif\n#include <openssl/evp.h>\nvoid h(void) {\n\tEVP_CIPHER_CTX_new();\n}\n"
    go = 'package p\n\n// #include "h.h"\nimport "C"\n\nfunc F() { C.h() }\n'
    write_tree(tmp_path, {"p.go": go, "h.c": c, "h.h": "void h(void);\n"})
    [package] = load_directory(Target(tmp_path), tmp_path, [], tmp_path, [])
    calls = PackageFacts(package).c_calls
    assert [(c.name, c.unit.span(c.node).start.line, c.unit.span(c.node).start.column) for c in calls] == [
        ("EVP_CIPHER_CTX_new", 6, 2)
    ]


# --- one syntax problem per file ----------------------------------------------------------------

GOOD_GO = 'package p\n\n// #include <stdlib.h>\nimport "C"\n\nfunc F() { C.free(nil) }\n'


def test_c_syntax_errors_are_one_problem_with_a_count(tmp_path):
    c = "int ok(void) { return 1; }\n\nint a(void) { return 1 + ; }\nint b(void) { return 2 * ; }\nint c(void) { return ) ; }\n"
    write_tree(tmp_path, {"p.go": GOOD_GO, "bad.c": c})
    doc = json.loads(run_cli("check", "--format", "json", "--select", "CGO000", ".", cwd=tmp_path).out)
    assert doc["problems"] == [
        {
            "path": "bad.c",
            "line": 3,
            "message": "3 syntax errors in C code (first at line 3); analysed what could be parsed",
            "fatal": False,
            "internal": False,
        }
    ]


def test_one_c_syntax_error_is_singular(tmp_path):
    write_tree(tmp_path, {"p.go": GOOD_GO, "bad.c": "int ok(void) { return 1; }\nint a(void) { return ) ; }\n"})
    result = run_cli("check", "--select", "CGO000", ".", cwd=tmp_path)
    assert result.err.splitlines()[0] == "bad.c:2: warning: syntax error in C code; analysed what could be parsed"


def test_syntax_errors_in_a_dead_branch_are_not_reported(tmp_path):
    c = "#if 0\nint a(void) { return 1 + ; }\n#endif\nint ok(void) { return 1; }\n"
    write_tree(tmp_path, {"p.go": GOOD_GO, "dead.c": c})
    doc = json.loads(run_cli("check", "--format", "json", "--select", "CGO000", ".", cwd=tmp_path).out)
    assert doc["problems"] == []


# --- the package's own macro namespaces ---------------------------------------------------------

# A vendored library: lite.c defines its LITE_ configuration (five names: LITE_ is the package's own
# namespace), and keeps tracing behind LITE_DEBUG and LITE_PROFILE, which nothing defines.
LITE_C = """#include <stdio.h>
#include <unistd.h>
#define LITE_VERSION 3
#define LITE_PAGE 4096
#define LITE_MAX_PAGES 64
#define LITE_OK 0
#define LITE_ERR 1
int lite_step(int n) {
#ifdef LITE_DEBUG
    fprintf(stderr, "step %d\\n", n);
#endif
#if defined(LITE_PROFILE) && LITE_VERSION >= 3
    fflush(stderr);
#endif
#ifdef HAVE_USLEEP
    usleep(1);
#endif
    return LITE_OK;
}
"""
LITE_GO = """package lite

// int lite_step(int n);
import "C"

func Step(n int) int { return int(C.lite_step(C.int(n))) }
"""


def _lite(tmp_path: Path, c_source: str = LITE_C, go: str = LITE_GO):
    write_tree(tmp_path, {"lite.go": go, "lite.c": c_source})
    problems: list = []
    [package] = load_directory(Target(tmp_path), tmp_path, [], tmp_path, problems)
    assert problems == []
    return sorted(c.name for c in PackageFacts(package).c_calls)


def test_undefined_names_in_the_packages_own_namespace_are_undefined(tmp_path):
    """LITE_DEBUG and LITE_PROFILE are in the namespace the package owns and nothing defines them:
    their branches are dead. HAVE_USLEEP is in no owned namespace: it may come from anywhere."""
    assert _lite(tmp_path) == ["usleep"]


def test_a_namespace_a_system_header_is_named_after_is_not_owned(tmp_path):
    """A binding that includes <lite/lite.h> may get LITE_DEBUG from it: unknown, both kept."""
    assert _lite(tmp_path, LITE_C.replace("#include <unistd.h>", "#include <unistd.h>\n#include <lite/lite.h>")) \
        == ["fflush", "fprintf", "usleep"]


def test_a_name_the_flags_mention_is_not_decided_by_ownership(tmp_path):
    """-DLITE_DEBUG on a constrained #cgo line makes LITE_DEBUG unknown, not undefined."""
    go = LITE_GO.replace("// int lite_step", "// #cgo linux CFLAGS: -DLITE_DEBUG\n// int lite_step")
    assert _lite(tmp_path, go=go) == ["fprintf", "usleep"]


def test_four_macros_are_not_a_namespace(tmp_path):
    assert _lite(tmp_path, LITE_C.replace("#define LITE_ERR 1\n", "")) == ["fflush", "fprintf", "usleep"]
