"""Which C code is compiled: a small preprocessor that blanks dead #if branches.

What it decides. `#if`/`#elif` over integer constants with C's preprocessor
operators, `defined X`, `#ifdef`, `#ifndef`, `#elifdef`, `#elifndef` and
`#else`, for macros that the same translation unit (earlier `#define`/`#undef`
lines, the package headers it `#include "..."`s, the package's
`#cgo CFLAGS/CPPFLAGS: -D/-U` that hold on every build) has made known.
Object-like macros defined to integer expressions are substituted. A branch that cannot be compiled is
replaced with spaces (every newline kept, so offsets, lines and columns do not
move), and so are the directive lines of a conditional that is fully decided.
When the live branch of a chain is an undecided `#elif`, it becomes an `#if` of
the same length, so tree-sitter still sees a well-formed conditional.

A second heuristic: in a macro namespace the package owns (a prefix like SQLITE_ with at least
five macros defined in the package's own C code, that no <...> header of the unit is named
after), a name nothing in the package defines or undefines is undefined, as it is for the
compiler: no system header defines SQLITE_DEBUG. See Namespaces.

The first heuristic beyond plain evaluation: a classic include guard (a file whose
first directive is `#ifndef G` (or `#if !defined(G)`), the next `#define G`,
and whose matching `#endif` is its last directive) is taken as entered when G
is not known yet, as a compiler does at a header's first inclusion.

What it leaves alone. A name that nothing in the translation unit defined or
undefined (a platform macro like __linux__, a macro from a system header), a
function-like macro call, `__has_include(...)`, `__has_attribute(...)`, a
division by zero, anything it cannot parse: the condition is undecided and every
branch is kept, as the compiler's view is unknown. Three-valued logic still
decides `0 && UNKNOWN` and `1 || UNKNOWN`. A `#define`/`#undef` in an undecided
branch makes the macro unknown afterwards; in a dead branch it is ignored.
Macros are never expanded in C code itself, only in conditions. `#include <...>`
tells nothing. `-D`/`-U` under a `#cgo` constraint or in a Go file with build
constraints make their macro unknown. Garbage (an `#endif` without `#if`,
`#else` after `#else`, an unterminated conditional) is kept as it is, never an
exception.

Everything runs in linear time with explicit stacks: no recursion over nesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from cgolint.model import CgoDirective

# --- macros -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Macro:
    """A macro known to be defined: its replacement text, and whether it takes arguments."""

    body: str
    function_like: bool = False


@dataclass
class MacroEnv:
    """What a translation unit knows about macros at one point.

    A name maps to its Macro when it is known to be defined, to None when it is
    known to be undefined; a name that is absent is unknown.
    """

    macros: dict[str, Macro | None] = field(default_factory=dict)
    # The package's own macro namespaces (see Namespaces): a name in one of these prefixes that
    # nothing in the package ever defines or undefines is undefined, not unknown.
    owned: frozenset[str] = frozenset()
    mentioned: frozenset[str] = frozenset()

    def copy(self) -> MacroEnv:
        return MacroEnv(dict(self.macros), self.owned, self.mentioned)

    def define(self, name: str, body: str = "1", function_like: bool = False) -> None:
        self.macros[name] = Macro(body, function_like)

    def undefine(self, name: str) -> None:
        self.macros[name] = None

    def forget(self, name: str) -> None:
        """The macro may or may not be defined from here on."""
        self.macros.pop(name, None)

    def state(self, name: str) -> Macro | None | Unknown:
        found = self.macros.get(name, UNKNOWN)
        if found is UNKNOWN and self.owned and name not in self.mentioned and namespace(name) in self.owned:
            return None  # SQLITE_DEBUG in the SQLite amalgamation: nothing defines it, so it is not defined
        return found


_NAMESPACE = re.compile(r"([A-Z][A-Z0-9]+)_[A-Za-z0-9_]")
_DEFINES = re.compile(rb"^[ \t]*#[ \t]*(?:define|undef)[ \t]+([A-Za-z_]\w*)", re.MULTILINE)
OWNED_NAMESPACE_SIZE = 5  # distinct macros a package must define with a prefix to own it


def namespace(name: str) -> str:
    """The prefix a macro name lives in: "SQLITE" for SQLITE_DEBUG, "" for DEBUG or __linux__."""
    m = _NAMESPACE.match(name)
    return m.group(1) if m else ""


def _component_names(include: str) -> set[str]:
    """The words a <...> header is named with, lower case, without extension or version:
    "sdl" for <SDL2/SDL.h>, "openssl" and "ssl" for <openssl/ssl.h>, "foo" and "api" for <foo_api.h>."""
    text = include.lower()
    text = text[: -len(text.rsplit(".", 1)[-1]) - 1] if "." in text.rsplit("/", 1)[-1] else text
    return {w.rstrip("0123456789") for w in re.split(r"[^a-z0-9]+", text) if w.rstrip("0123456789")}


@dataclass(frozen=True)
class Namespaces:
    """The macro namespaces a package owns, decided once per package.

    A compiler sees a macro only if the translation unit, its headers or the flags define it.
    cgolint cannot see system and library headers, so a name nothing visible defines is unknown
    — except in a namespace the package itself owns: a prefix with at least OWNED_NAMESPACE_SIZE
    distinct macros defined in the package's own C code (SQLITE_ in the SQLite amalgamation,
    ZSTD_ in a vendored zstd), that no header the unit includes with <...> is named after (a
    binding that includes <SDL2/SDL.h> does not own SDL_, however many SDL_ macros it defines
    for old versions). There, a name that nothing in the package defines or undefines is
    undefined: no system header defines SQLITE_DEBUG or VDBE_PROFILE.
    """

    owned: frozenset[str] = frozenset()
    mentioned: frozenset[str] = frozenset()  # every name the package's C code or flags define or undefine

    @classmethod
    def of(cls, texts: Iterable[bytes], flags: Iterable[CgoDirective] = ()) -> Namespaces:
        mentioned = set()
        for data in texts:
            mentioned.update(m.group(1).decode("ascii", "replace") for m in _DEFINES.finditer(data))
        for directive in flags:
            if directive.name in ("CFLAGS", "CPPFLAGS"):
                for _, text in _flag_macros(directive.args):
                    if m := _FLAG_NAME.match(text):
                        mentioned.add(m.group(1))
        counts: dict[str, int] = {}
        for name in mentioned:
            if prefix := namespace(name):
                counts[prefix] = counts.get(prefix, 0) + 1
        owned = frozenset(p for p, n in counts.items() if n >= OWNED_NAMESPACE_SIZE)
        return cls(owned, frozenset(mentioned))

    def without(self, headers: set[str]) -> frozenset[str]:
        """The owned namespaces less those named after these <...> headers' words."""
        if not self.owned:
            return frozenset()
        foreign = set().union(*(_component_names(h) for h in headers))
        return frozenset(p for p in self.owned if p.lower().rstrip("0123456789") not in foreign)


class Unknown(Enum):
    UNKNOWN = "unknown"


UNKNOWN = Unknown.UNKNOWN

_FLAG_NAME = re.compile(r"([A-Za-z_]\w*)(\()?")


def _flag_macros(args: tuple[str, ...]) -> list[tuple[str, str]]:
    """(D or U, name-and-value text) for each -D/-U in a flag list; `-D X` takes the next word."""
    out = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-D", "-U"):
            if i + 1 < len(args):
                out.append((arg[1], args[i + 1]))
            i += 2
            continue
        if arg.startswith(("-D", "-U")) and len(arg) > 2:
            out.append((arg[1], arg[2:]))
        i += 1
    return out


def flags_env(directives: Iterable[CgoDirective], sometimes: Iterable[CgoDirective] = ()) -> MacroEnv:
    """The macros the package's `#cgo CFLAGS`/`CPPFLAGS` set for all its C code.

    Flags that apply on some builds only make their macros unknown, not defined:
    a `#cgo` line with constraints (`#cgo linux CFLAGS: -DX`), and every line in
    `sometimes` (those of Go files with build constraints, `//go:build` or a
    `_linux.go` name).
    """
    env = MacroEnv()
    constrained: set[str] = set()
    for directive, always in [*((d, True) for d in directives), *((d, False) for d in sometimes)]:
        if directive.name not in ("CFLAGS", "CPPFLAGS"):
            continue
        for kind, text in _flag_macros(directive.args):
            name, eq, value = text.partition("=")
            m = _FLAG_NAME.match(name)
            if m is None:
                continue
            if directive.constraints or not always:
                constrained.add(m.group(1))
            elif kind == "U":
                env.undefine(m.group(1))
            else:
                env.define(m.group(1), value if eq else "1", function_like=m.group(2) is not None)
    for name in constrained:
        env.forget(name)
    return env


# --- condition evaluation -----------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\.?\d(?:[eEpP][+-]|[\w.])*)
  | (?P<chr>[LuU]?'(?:[^'\\\n]|\\.)*')
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<id>[A-Za-z_]\w*)
  | (?P<op><<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&|^!~?:(),])
  | (?P<bad>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# A token: (kind, text). Kinds: num, chr, str, id, op, bad; after expansion also
# val (text is an (int, unsigned) pair) and unk (an operand whose value is unknown).
Token = tuple[str, object]

_MAX_EXPANSION_DEPTH = 64
_MAX_TOKENS = 20_000  # bounds `#define A B B` / `#define B C C` / ... blow-ups
_INT_BITS = 64
_MASK = (1 << _INT_BITS) - 1


def _tokens(text: str) -> list[Token]:
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "ws"]


class _Undecidable(Exception):
    """Raised inside the evaluator only; evaluate() turns it into None."""


def _int_literal(text: str) -> tuple[int, bool]:
    body = text.rstrip("uUlLzZ")
    unsigned = "u" in text[len(body) :].lower()
    low = body.lower()
    try:
        if low.startswith("0x"):
            value = int(low[2:], 16)
        elif low.startswith("0b"):
            value = int(low[2:], 2)
        elif len(low) > 1 and low.startswith("0"):
            value = int(low[1:], 8)
        else:
            value = int(low, 10)
    except ValueError:
        raise _Undecidable from None
    if value > _MASK:
        raise _Undecidable
    if value >= 1 << (_INT_BITS - 1):
        unsigned = True  # does not fit intmax_t
    return value, unsigned


_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92, "'": 39, '"': 34, "?": 63}


def _char_literal(text: str) -> tuple[int, bool]:
    if not text.startswith("'"):
        raise _Undecidable  # L'x', u'x': wide characters, not worth deciding
    inner = text[1:-1]
    if len(inner) == 1 and inner != "\\":
        return ord(inner), False
    if inner.startswith("\\x") and len(inner) > 2:
        try:
            return int(inner[2:], 16) & 0xFF, False
        except ValueError:
            raise _Undecidable from None
    if inner.startswith("\\") and len(inner) > 1 and all(c in "01234567" for c in inner[1:]) and len(inner) <= 4:
        return int(inner[1:], 8) & 0xFF, False
    if len(inner) == 2 and inner[0] == "\\" and inner[1] in _ESCAPES:
        return _ESCAPES[inner[1]], False
    raise _Undecidable


class _Stream:
    """Tokens read across nested macro expansions; each token carries the names being expanded."""

    def __init__(self, tokens: list[Token]) -> None:
        self.frames: list[tuple[list[Token], int, frozenset[str]]] = [(tokens, 0, frozenset())]
        self.budget = _MAX_TOKENS

    def peek(self) -> Token | None:
        frames = self.frames
        while frames:
            toks, i, _ = frames[-1]
            if i < len(toks):
                return toks[i]
            frames.pop()
        return None

    def take(self) -> tuple[Token, frozenset[str]] | tuple[None, frozenset[str]]:
        frames = self.frames
        while frames:
            toks, i, hide = frames[-1]
            if i < len(toks):
                frames[-1] = (toks, i + 1, hide)
                return toks[i], hide
            frames.pop()
        return None, frozenset()

    def push(self, tokens: list[Token], hide: frozenset[str]) -> None:
        self.budget -= len(tokens)
        if self.budget < 0 or len(self.frames) > _MAX_EXPANSION_DEPTH:
            raise _Undecidable
        self.frames.append((tokens, 0, hide))

    def skip_call(self) -> None:
        """Consume a parenthesised argument list (the `(` is next); raise if unbalanced."""
        depth = 0
        while True:
            tok, _ = self.take()
            if tok is None:
                raise _Undecidable
            if tok == ("op", "("):
                depth += 1
            elif tok == ("op", ")"):
                depth -= 1
                if depth == 0:
                    return


_TRUE, _FALSE, _UNK = ("val", (1, False)), ("val", (0, False)), ("unk", None)


def _defined(env: MacroEnv, name: str) -> Token:
    state = env.state(name)
    if state is UNKNOWN:
        return _UNK
    return _TRUE if state is not None else _FALSE


def _expand(text: str, env: MacroEnv, bodies: dict[str, list[Token]]) -> list[Token]:
    """The condition's tokens with `defined` applied and object-like macros substituted:
    operands become val or unk tokens."""
    stream = _Stream(_tokens(text))
    out: list[Token] = []
    while True:
        tok, hide = stream.take()
        if tok is None:
            return out
        kind, value = tok
        if kind == "num":
            out.append(("val", _int_literal(value)))
        elif kind == "chr":
            out.append(("val", _char_literal(value)))
        elif kind in ("op", "val", "unk"):
            out.append(tok)
        elif kind != "id":
            raise _Undecidable  # a string or a stray character outside a skipped call
        elif value == "defined":
            nxt, _ = stream.take()
            if nxt == ("op", "("):
                name, _ = stream.take()
                close, _ = stream.take()
                if name is None or name[0] != "id" or close != ("op", ")"):
                    raise _Undecidable
            elif nxt is not None and nxt[0] == "id":
                name = nxt
            else:
                raise _Undecidable
            out.append(_defined(env, name[1]))
        elif value in hide:
            out.append(_FALSE)  # a macro inside its own expansion stays an identifier: 0
        else:
            state = env.state(value)
            calls = stream.peek() == ("op", "(")
            if isinstance(state, Macro) and not state.function_like:
                if value not in bodies:
                    bodies[value] = _tokens(state.body)
                stream.push(bodies[value], hide | {value})
            elif calls:
                # F(x) with F function-like, unknown or undefined, __has_include(...), ...
                stream.skip_call()
                out.append(_UNK)
            elif state is UNKNOWN:
                out.append(_UNK)
            else:
                out.append(_FALSE)  # known undefined, or a function-like name alone: 0


# Binary operators: precedence (higher binds tighter); all left-associative.
_BINARY = {
    "*": 10, "/": 10, "%": 10,
    "+": 9, "-": 9,
    "<<": 8, ">>": 8,
    "<": 7, "<=": 7, ">": 7, ">=": 7,
    "==": 6, "!=": 6,
    "&": 5, "^": 4, "|": 3, "&&": 2, "||": 1,
}  # fmt: skip
_UNARY_PREC = 11
_TERNARY_PREC = 0  # `?` and the `:` that completes it; right-associative


def _to_rpn(tokens: list[Token]) -> list[tuple[str, object]]:
    """Shunting-yard: operands and ("u", op) / ("b", op) / ("?:", None) in postfix order."""
    out: list[tuple[str, object]] = []
    ops: list[tuple[str, object]] = []  # ("(", None), ("u", op), ("b", op), ("?", None), (":", None)

    def prec(entry: tuple[str, object]) -> int:
        kind, op = entry
        if kind == "u":
            return _UNARY_PREC
        if kind == "b":
            return _BINARY[op]
        return _TERNARY_PREC

    expect_operand = True
    for kind, value in tokens:
        if expect_operand:
            if kind in ("val", "unk"):
                out.append((kind, value))
                expect_operand = False
            elif (kind, value) == ("op", "("):
                ops.append(("(", None))
            elif kind == "op" and value in ("+", "-", "!", "~"):
                ops.append(("u", value))
            else:
                raise _Undecidable
            continue
        if kind != "op":
            raise _Undecidable
        if value == ")":
            while ops and ops[-1][0] != "(":
                if ops[-1][0] == "?":
                    raise _Undecidable
                top = ops.pop()
                out.append(("?:", None) if top[0] == ":" else top)
            if not ops:
                raise _Undecidable
            ops.pop()
        elif value in _BINARY:
            p = _BINARY[value]
            while ops and ops[-1][0] in ("u", "b") and prec(ops[-1]) >= p:
                out.append(ops.pop())
            ops.append(("b", value))
            expect_operand = True
        elif value == "?":
            while ops and ops[-1][0] in ("u", "b"):
                out.append(ops.pop())
            ops.append(("?", None))
            expect_operand = True
        elif value == ":":
            while ops and ops[-1][0] in ("u", "b", ":"):
                top = ops.pop()
                out.append(("?:", None) if top[0] == ":" else top)
            if not ops or ops[-1][0] != "?":
                raise _Undecidable
            ops[-1] = (":", None)
            expect_operand = True
        else:
            raise _Undecidable  # the comma operator and anything else
    if expect_operand:
        raise _Undecidable
    while ops:
        top = ops.pop()
        if top[0] in ("(", "?"):
            raise _Undecidable
        out.append(("?:", None) if top[0] == ":" else top)
    return out


Value = tuple[int, bool] | None  # (value, unsigned), None when unknown


def _wrap(value: int, unsigned: bool) -> tuple[int, bool]:
    value &= _MASK
    if not unsigned and value >= 1 << (_INT_BITS - 1):
        value -= 1 << _INT_BITS
    return value, unsigned


def _unary(op: str, a: Value) -> Value:
    if a is None:
        return None
    v, u = a
    if op == "!":
        return (0 if v else 1), False
    if op == "-":
        return _wrap(-v, u)
    if op == "~":
        return _wrap(~v, u)
    return a


def _binary(op: str, a: Value, b: Value) -> Value:
    if op == "&&":
        if (a is not None and not a[0]) or (b is not None and not b[0]):
            return 0, False
        return None if a is None or b is None else (1, False)
    if op == "||":
        if (a is not None and a[0]) or (b is not None and b[0]):
            return 1, False
        return None if a is None or b is None else (0, False)
    if a is None or b is None:
        return None
    (x, ux), (y, uy) = a, b
    if op in ("<<", ">>"):
        if y < 0 or y >= _INT_BITS:
            return None
        unsigned = ux
        if unsigned:
            x &= _MASK
        return _wrap(x << y if op == "<<" else x >> y, unsigned)
    unsigned = ux or uy
    if unsigned:
        x, y = x & _MASK, y & _MASK
    if op in ("<", "<=", ">", ">=", "==", "!="):
        result = {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]
        return int(result), False
    if op in ("/", "%"):
        if y == 0:
            return None
        q = abs(x) // abs(y) * (1 if (x < 0) == (y < 0) else -1)  # C truncates toward zero
        return _wrap(q if op == "/" else x - q * y, unsigned)
    result = {"*": x * y, "+": x + y, "-": x - y, "&": x & y, "^": x ^ y, "|": x | y}[op]
    return _wrap(result, unsigned)


def _run_rpn(rpn: list[tuple[str, object]]) -> Value:
    stack: list[Value] = []
    for kind, value in rpn:
        if kind == "val":
            stack.append(value)  # type: ignore[arg-type]
        elif kind == "unk":
            stack.append(None)
        elif kind == "u":
            stack.append(_unary(value, stack.pop()))  # type: ignore[arg-type]
        elif kind == "b":
            b, a = stack.pop(), stack.pop()
            stack.append(_binary(value, a, b))  # type: ignore[arg-type]
        else:  # ?:
            c, b, a = stack.pop(), stack.pop(), stack.pop()
            if a is not None:
                stack.append(b if a[0] else c)
            elif b is not None and c is not None and bool(b[0]) == bool(c[0]):
                stack.append(b)  # same truth either way (enough for a condition)
            else:
                stack.append(None)
    if len(stack) != 1:
        raise _Undecidable
    return stack[0]


def evaluate(condition: str, env: MacroEnv, bodies: dict[str, list[Token]] | None = None) -> bool | None:
    """The truth of an `#if` condition: True, False, or None when it cannot be decided."""
    try:
        value = _run_rpn(_to_rpn(_expand(condition, env, {} if bodies is None else bodies)))
    except (_Undecidable, IndexError, KeyError, ValueError, OverflowError, TypeError):
        return None
    return None if value is None else bool(value[0])


# --- directive lines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Directive:
    """One preprocessing directive line (with its continuation lines)."""

    hash: int  # byte offset of the `#`
    end: int  # byte offset just past its last byte, before the line's final newline
    keyword: str  # "if", "elifdef", "define", ...; "" for `#` alone or something unreadable
    keyword_at: int  # byte offset of the keyword, -1 when it is not written in one piece
    rest: str  # the text after the keyword: comments as spaces, continuations joined


# Outside directives: what may hide a `#` at the start of a line, or make it not the start.
_CODE = re.compile(
    rb"""
    (?P<nl>\n)
  | (?P<ws>[ \t\f\v\r]+|\\\r?\n)
  | (?P<comment>/\*[\s\S]*?(?:\*/|\Z)|//(?:[^\\\n]|\\(?:\r\n|[\s\S]))*)
  | (?P<hash>\#)
  | (?P<code>"(?:[^"\\\n]|\\(?:\r\n|[\s\S]))*"?|'(?:[^'\\\n]|\\(?:\r\n|[\s\S]))*'?|[^\s/"'\#\\]+|[\s\S])
    """,
    re.VERBOSE,
)
# Inside a directive line, up to its final newline.
_DIRECTIVE_PART = re.compile(
    rb"""
    (?P<splice>\\\r?\n)
  | (?P<comment>/\*[\s\S]*?(?:\*/|\Z)|//(?:[^\\\n]|\\(?:\r\n|[\s\S]))*)
  | (?P<text>"(?:[^"\\\n]|\\(?:\r\n|[^\n]))*"?|'(?:[^'\\\n]|\\(?:\r\n|[^\n]))*'?|[^\\/\n"']+|[^\n])
    """,
    re.VERBOSE,
)
# After the first token of a line, up to what may start a comment, a literal, a splice or a new line.
_REST_OF_LINE = re.compile(rb"[^\n/\"'\\]*")
_KEYWORD = re.compile(r"\s*([A-Za-z_]\w*)")
_RAW_KEYWORD = re.compile(rb"[ \t]*([A-Za-z_]\w*)")


def directives(data: bytes) -> list[Directive]:
    """The directive lines of C source, in order: a `#` that is the first token of its line,
    outside comments and literals."""
    found: list[Directive] = []
    pos, n = 0, len(data)
    line_start = True
    match_code, match_part, skip_rest = _CODE.match, _DIRECTIVE_PART.match, _REST_OF_LINE.match
    while pos < n:
        if not line_start:
            pos = skip_rest(data, pos).end()  # nothing here can start a directive
            if pos >= n:
                break
        m = match_code(data, pos)
        kind = m.lastgroup
        if kind == "nl":
            line_start = True
        elif kind == "hash" and line_start:
            pos = _directive(data, pos, found, match_part)
            line_start = False
            continue
        elif kind in ("code", "hash"):
            line_start = False
        pos = m.end()
    return found


def _directive(data: bytes, hash_at: int, found: list[Directive], match_part) -> int:
    pieces: list[bytes] = []
    pos, n = hash_at + 1, len(data)
    while pos < n and data[pos] != 0x0A:
        m = match_part(data, pos)
        kind = m.lastgroup
        if kind == "comment":
            pieces.append(b" ")
        elif kind == "text":
            pieces.append(m.group())
        pos = m.end()
    end = pos
    text = b"".join(pieces).decode("latin-1").rstrip("\r")
    km = _KEYWORD.match(text)
    keyword, rest, keyword_at = "", text, -1
    if km is not None:
        keyword, rest = km.group(1), text[km.end() :]
        raw = _RAW_KEYWORD.match(data, hash_at + 1)
        if raw is not None and raw.group(1) == keyword.encode("latin-1"):
            keyword_at = raw.start(1)
    found.append(Directive(hash_at, end, keyword, keyword_at, rest))
    return end


# --- translation units --------------------------------------------------------------------------


class Live(Enum):
    """Whether the code at a point of a unit is compiled."""

    YES = "compiled"
    MAYBE = "undecided"
    NO = "dead"


_IF_KINDS = ("if", "ifdef", "ifndef")
_ELIF_KINDS = ("elif", "elifdef", "elifndef")


def _spliced(word: bytes) -> bytes:
    """A regex for word that may be cut by line splices (`i\\<newline>f` is `if`)."""
    return rb"(?:\\\r?\n)*".join(re.escape(word[i : i + 1]) for i in range(len(word)))


# What a conditional directive needs: a `#`, then blanks, splices or /* */ comments, then a keyword
# starting with if, el or endif. A superset (it also matches in comments and strings): text it does
# not match has no conditional, so nothing to blank, and a generated preamble of thousands of
# #define lines is not scanned directive by directive.
_MAY_HAVE_CONDITIONAL = re.compile(
    rb"#(?:[ \t\f\v\r]|\\\r?\n|/\*(?:[^*]|\*(?!/))*\*/)*(?:"
    + b"|".join(_spliced(w) for w in (b"if", b"el", b"endif")) + b")")
_NAME = re.compile(r"\s*([A-Za-z_]\w*)")
_DEFINE = re.compile(r"\s*([A-Za-z_]\w*)(\()?")
_QUOTED_INCLUDE = re.compile(r'\s*"([^"]+)"')
_ANGLE_INCLUDE = re.compile(r"\s*<([^>]+)>")


@dataclass
class _Chain:
    """One open #if ... #endif chain."""

    outer: Live  # liveness around the chain
    mark: int  # edits recorded before the chain began
    live: Live = Live.NO  # the current branch
    start: Directive | None = None  # the current branch's directive
    taken: bool = False  # a branch so far is surely compiled if no earlier one is: the rest are dead
    kept: bool = False  # some directive of the chain stays in the text
    had_else: bool = False
    broken: bool = False  # garbage: keep the whole chain as written


@dataclass
class _FileRun:
    """Where the walk is in one file of the unit (the unit itself or an included header)."""

    directives: list[Directive]
    outer: Live
    record: bool  # the unit being blanked (headers only change the macros)
    i: int = 0
    chains: list[_Chain] = field(default_factory=list)


@dataclass
class _Edit:
    start: int
    end: int
    replacement: bytes | None  # None: blank to spaces


def _condition(d: Directive, env: MacroEnv, bodies: dict[str, list[Token]]) -> bool | None:
    if d.keyword in ("if", "elif"):
        return evaluate(d.rest, env, bodies)
    m = _NAME.match(d.rest)
    if m is None:
        return None
    state = env.state(m.group(1))
    if state is UNKNOWN:
        return None
    defined = state is not None
    return defined if d.keyword in ("ifdef", "elifdef") else not defined


def _include_guard(found: list[Directive]) -> str | None:
    """G when the file is `#ifndef G` / `#define G` / ... / `#endif` as its last directive."""
    if len(found) < 3 or found[-1].keyword != "endif":
        return None
    first, second = found[0], found[1]
    if first.keyword == "ifndef":
        m = _NAME.match(first.rest)
        name = m.group(1) if m and not first.rest[m.end() :].strip() else None
    elif first.keyword == "if":
        m = re.fullmatch(r"\s*!\s*defined\s*(?:\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))\s*", first.rest)
        name = (m.group(1) or m.group(2)) if m else None
    else:
        return None
    dm = _NAME.match(second.rest)
    if name is None or second.keyword != "define" or dm is None or dm.group(1) != name:
        return None
    depth = 0
    for index, d in enumerate(found):
        if d.keyword in _IF_KINDS:
            depth += 1
        elif d.keyword == "endif":
            depth -= 1
            if depth == 0:
                return name if index == len(found) - 1 else None
    return None


class Preprocessor:
    """The conditional compilation of one package's C code.

    env: the macros every translation unit starts with (see flags_env);
    headers: the package directory's .h files by name, as `#include "name"` finds them.
    """

    def __init__(self, env: MacroEnv | None = None, headers: dict[str, bytes] | None = None,
                 namespaces: Namespaces | None = None) -> None:
        self.env = env if env is not None else MacroEnv()
        self.headers = headers or {}
        self.namespaces = namespaces or Namespaces()
        self._directives: dict[str, list[Directive]] = {}

    def header_directives(self, name: str) -> list[Directive]:
        if name not in self._directives:
            self._directives[name] = directives(self.headers[name])
        return self._directives[name]

    def resolve_include(self, d: Directive) -> str | None:
        m = _QUOTED_INCLUDE.match(d.rest)
        if m is None:
            return None
        name = m.group(1)
        while name.startswith("./"):
            name = name[2:]
        return name if name in self.headers else None

    def system_headers(self, found: list[Directive]) -> set[str]:
        """The <...> headers a unit includes, itself or through the package headers it includes."""
        out: set[str] = set()
        seen: set[str] = set()
        stack = [found]
        while stack:
            for d in stack.pop():
                if d.keyword != "include":
                    continue
                if m := _ANGLE_INCLUDE.match(d.rest):
                    out.add(m.group(1))
                elif (header := self.resolve_include(d)) is not None and header not in seen:
                    seen.add(header)
                    stack.append(self.header_directives(header))
        return out

    def blank(self, data: bytes, name: str | None = None) -> bytes:
        """data with the code that cannot be compiled replaced by spaces (newlines kept):
        the same length, the same line starts. name: the unit's own header name, if any."""
        if b"#" not in data or not _MAY_HAVE_CONDITIONAL.search(data):
            return data
        found = directives(data)
        unit = _Unit(self, name)
        owned = self.namespaces.without(self.system_headers(found)) if self.namespaces.owned else frozenset()
        if owned:
            unit.env.owned, unit.env.mentioned = owned, self.namespaces.mentioned
        edits = unit.run(found)
        if not edits:
            return data
        buf = bytearray(data)
        for edit in edits:
            if edit.replacement is None:
                buf[edit.start : edit.end] = buf[edit.start : edit.end].translate(_BLANK)
            else:
                buf[edit.start : edit.end] = edit.replacement
        return bytes(buf)


class _Unit:
    """One translation unit being preprocessed: the unit's own directives, and those of the
    headers it includes (which change the macros but are not blanked here)."""

    def __init__(self, pp: Preprocessor, name: str | None) -> None:
        self.pp = pp
        self.env = pp.env.copy()
        self.bodies: dict[str, list[Token]] = {}  # macro bodies as tokens, for evaluate()
        self.included: set[str] = {name} if name else set()
        self.edits: list[_Edit] = []

    def run(self, found: list[Directive]) -> list[_Edit]:
        """The edits that blank the unit's dead code, from its directive lines."""
        edits = self.edits
        main = _FileRun(found, Live.YES, record=True)
        self._enter_guard(main.directives)
        files = [main]
        while files:
            run = files[-1]
            if run.i >= len(run.directives):
                files.pop()
                if run.record and run.chains:
                    del edits[run.chains[0].mark :]  # unterminated: keep the text as it is
                continue
            d = run.directives[run.i]
            run.i += 1
            live = run.chains[-1].live if run.chains else run.outer
            kw = d.keyword
            if kw in _IF_KINDS:
                self._open(run, d, live)
            elif kw in _ELIF_KINDS or kw == "else":
                self._alternative(run, d)
            elif kw == "endif":
                self._close(run, d)
            elif live is Live.NO:
                continue
            elif kw == "define":
                self._define(d, live)
            elif kw == "undef":
                if m := _NAME.match(d.rest):
                    self._forget_body(m.group(1))
                    (self.env.undefine if live is Live.YES else self.env.forget)(m.group(1))
            elif kw == "include":
                header = self.pp.resolve_include(d)
                if header is not None and header not in self.included:
                    self.included.add(header)
                    found = self.pp.header_directives(header)
                    self._enter_guard(found)
                    files.append(_FileRun(found, live, record=False))
        return edits

    def _open(self, run: _FileRun, d: Directive, live: Live) -> None:
        chain = _Chain(live, len(self.edits))
        run.chains.append(chain)
        if live is not Live.NO:
            self._branch(chain, d, _condition(d, self.env, self.bodies), self._recorder(run), first=True)

    def _alternative(self, run: _FileRun, d: Directive) -> None:
        """#elif, #elifdef, #elifndef, #else."""
        if not run.chains:
            return  # #else without #if: left as written
        chain = run.chains[-1]
        if chain.had_else:
            chain.broken = True
        chain.had_else = chain.had_else or d.keyword == "else"
        if chain.outer is Live.NO:
            return
        if chain.broken:
            chain.live = Live.MAYBE
            return
        edits = self._recorder(run)
        self._end_branch(chain, d, edits)
        if chain.taken:
            chain.live, chain.start = Live.NO, d  # its line goes with its dead body
            return
        value = True if d.keyword == "else" else _condition(d, self.env, self.bodies)
        self._branch(chain, d, value, edits, first=False)

    def _close(self, run: _FileRun, d: Directive) -> None:
        """#endif: kept only when some directive of its chain is kept."""
        if not run.chains:
            return  # #endif without #if: left as written
        chain = run.chains.pop()
        if not run.record or chain.outer is Live.NO:
            return
        if chain.broken:
            del self.edits[chain.mark :]
            return
        self._end_branch(chain, d, self.edits)
        if not chain.kept:
            self.edits.append(_Edit(d.hash, d.end, None))

    def _define(self, d: Directive, live: Live) -> None:
        m = _DEFINE.match(d.rest)
        if m is None:
            return
        self._forget_body(m.group(1))
        if live is not Live.YES:
            self.env.forget(m.group(1))
            return
        function_like = m.group(2) is not None
        body = d.rest[m.end() :]
        if function_like:
            body = body.partition(")")[2]
        self.env.define(m.group(1), body.strip(), function_like)

    def _forget_body(self, name: str) -> None:
        self.bodies.pop(name, None)

    def _recorder(self, run: _FileRun) -> list[_Edit] | None:
        return self.edits if run.record else None

    def _enter_guard(self, found: list[Directive]) -> None:
        guard = _include_guard(found)
        if guard is not None and self.env.state(guard) is UNKNOWN:
            self.env.undefine(guard)

    @staticmethod
    def _end_branch(chain: _Chain, next_directive: Directive, edits: list[_Edit] | None) -> None:
        """The branch that ends at next_directive: blank its body when it is dead."""
        if edits is not None and chain.live is Live.NO and chain.start is not None:
            edits.append(_Edit(chain.start.hash, next_directive.hash, None))

    @staticmethod
    def _branch(chain: _Chain, d: Directive, value: bool | None, edits: list[_Edit] | None, first: bool) -> None:
        """Start the branch of d, whose condition is value (None: undecided)."""
        chain.start = d
        if value is False:
            chain.live = Live.NO  # the body's blank range covers the directive line too
            return
        if value is True and not chain.kept:
            chain.live, chain.taken = chain.outer, True
            if edits is not None:
                edits.append(_Edit(d.hash, d.end, None))
            return
        # kept: undecided, or decided true after an undecided branch (then it acts as #else)
        chain.taken = chain.taken or value is True
        chain.live = Live.MAYBE
        if not chain.kept and not first:
            # the first directive kept must open the conditional: #elif → #if, same length
            if d.keyword_at < 0:
                chain.broken = True
                return
            if edits is not None:
                at, old = d.keyword_at, d.keyword
                edits.append(_Edit(at, at + len(old), old[2:].encode().ljust(len(old))))
        chain.kept = True


_BLANK = bytes(b if b in b"\r\n" else 0x20 for b in range(256))
