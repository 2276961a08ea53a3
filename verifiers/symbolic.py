"""The project's own bounded expression parser: text in, sympy objects out.

Model text never reaches ``sympify``, ``parse_expr`` or ``eval``: those run Python
code and evaluate whatever they are given (``9**9**9**9`` never returns). This
module reads a small whitelisted grammar with a recursive-descent parser and builds
sympy objects directly (``Add``, ``Mul``, ``Pow``, ``Integer``, ``Rational``,
``Symbol`` and allow-listed functions).

Grammar (plain and light LaTeX, freely mixed):

* numbers: ``42``, ``3.25`` (read exactly as 13/4), thousands in groups of three
  (``12 345``, ``12\\,345``); two numbers side by side are otherwise refused, never
  multiplied (``1 3/4`` and ``1\\frac{3}{4}`` are mixed numbers to a reader, 3/4 as products),
  except after a subscript or an exponent (``\\log_2 3``, ``\\sin^2 3``);
* symbols: any single letter; Greek names (``theta``, ``\\theta``); subscripted
  letters ``x_1``/``x_{1}``; letters followed by digits (``x1``); names passed in
  ``variables``. An undeclared run of two to four letters is a product of
  single-letter symbols (``xy`` is ``x*y``); longer unknown words are refused;
* constants: ``pi``/``\\pi``/``π``, ``e``/``E`` (Euler's number; ``e`` is never a
  variable), ``I`` (the imaginary unit, as in sympy), ``oo``/``\\infty``;
* operators: ``+ - * / ^ **``, ``\\cdot``, ``\\times``, ``\\div``, unary minus,
  implicit multiplication (``2x``, ``3(x+1)``, ``x y``, ``(x+1)(x-1)``); ``^`` is
  right-associative and binds tighter than unary minus (``-x^2`` is ``-(x^2)``);
* grouping: ``( )``, ``[ ]``, ``{ }``, ``\\left( \\right)``, ``|x|`` for absolute value;
* functions: sin cos tan sec csc cot asin acos atan (and ``arcsin`` ...), sinh cosh
  tanh exp log ln sqrt abs/Abs, written ``sin(x)``, ``\\sin x``, ``\\sin^2 x``,
  ``\\sin^{-1} x`` (arcsine), ``\\log_2 x``, ``log(x, 2)``; ``\\frac{a}{b}``,
  ``\\frac12``, ``\\sqrt{x}``, ``\\sqrt[3]{x}``.

Guards, all before sympy computes anything: span length, bracket nesting and digit
count (:mod:`~textbook_gym.verifiers.guards`), a bound on parser recursion, and a
*size estimate* (decimal digits of the largest number evaluation could create)
carried up the tree: a power multiplies its base's size by the exponent, so
``((9**9)**9999)**9999``, ``9^9^9^9`` and ``2^{2^{2^{2^{2}}}}`` are refused before
sympy evaluates them. Results containing ``nan`` or complex infinity (``1/0``) are
refused too. Every refusal is a :class:`~textbook_gym.verifiers.errors.ParseError`.

>>> parse_expression("2x^2 + 3(x+1)")
2*x**2 + 3*x + 3
>>> parse_expression("\\\\frac{\\\\sqrt{3}}{2}")
sqrt(3)/2
>>> parse_expression("\\\\sin^2 x + \\\\cos^2 x")
sin(x)**2 + cos(x)**2
>>> parse_expression("9^9^9^9")
Traceback (most recent call last):
...
textbook_gym.verifiers.errors.LimitError: the power 9^387420489 would have about 369693101 digits (the limit is 4000)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import sympy

from textbook_gym.verifiers.errors import LimitError, ParseError
from textbook_gym.verifiers.guards import Limits, guard_span
from textbook_gym.verifiers.normalize import normalize_span
from textbook_gym.verifiers.numforms import THOUSANDS_SEPARATOR_RE

MAX_RESULT_DIGITS = 4000
"""Largest estimated size (decimal digits) of any number an expression may create."""
MAX_RECURSION = 120
"""Deepest parser recursion (groups, function arguments, unary operators) accepted."""
EXPRESSION_LIMITS = Limits(max_chars=2000, max_depth=40, max_digits=600)
"""Span guards for expressions."""

_FUNCTIONS = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "sec": sympy.sec, "csc": sympy.csc, "cot": sympy.cot,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan, "arcsin": sympy.asin, "arccos": sympy.acos,
    "arctan": sympy.atan, "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh, "exp": sympy.exp,
    "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt, "abs": sympy.Abs, "Abs": sympy.Abs,
}
_INVERSE = {"sin": sympy.asin, "cos": sympy.acos, "tan": sympy.atan}
_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "E": sympy.E, "I": sympy.I, "oo": sympy.oo, "infty": sympy.oo}
_GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi rho sigma tau "
    "upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Sigma Phi Psi Omega".split()
)
_STOP_WORDS = frozenset({"or", "and", "is", "to", "the", "not", "no", "yes", "nan", "inf", "none", "but", "so", "then"})
_FRACS = frozenset({"frac", "dfrac", "tfrac", "cfrac"})
_SKIP_CMDS = frozenset({"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "quad", "qquad"})
_OP_CMDS = {"cdot": "*", "times": "*", "div": "/", "ast": "*"}
_UNICODE_OPS = {"·": "*", "×": "*", "÷": "/", "π": "pi", "∞": "infty", "√": "sqrt"}
_WRAP_RE = re.compile(r"\\(?:operatorname|mathrm|text|mathit)\s*\{\s*([A-Za-z]+)\s*\}")
_TOKEN_RE = re.compile(
    r"(?P<ws>\s+|\\[,;:! ])|(?P<num>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)|(?P<name>[A-Za-z]+)|(?P<cmd>\\[A-Za-z]+)"
    r"|(?P<op>\*\*|\\[{}|]|[-+*/^()\[\]{}|,_!=·×÷π∞√])"
)
_OPENERS = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}


_SCRIPT_MARKS = ([("op", "_")], [("op", "^")], [("op", "**")])
"""The token before a numeral that makes it a subscript or an exponent rather than a number of its own."""


def _joined_number(previous: str, value: str, gap: list[str], grouped: bool) -> str:
    """The number ``previous`` and the numeral ``value`` after it make, or a ParseError when they make none.

    Two numbers side by side are never a product here: ``1 000`` is a thousand written with a thin space (as
    a product it would be 0), ``1 3/4`` is a mixed number (as a product, 3/4) and ``1 8`` is no number at all.
    The thousands reading is taken where it is the only one: a first group of one to three digits (not
    starting with 0), then groups of exactly three digits, one separator before each; the last group may
    carry decimals. Everything else is refused.
    """
    first_group_ok = grouped or (previous.isdigit() and len(previous) <= 3 and previous[0] != "0")
    whole, point, decimals = value.partition(".")
    if (first_group_ok and previous.isdigit() and len(gap) == 1 and THOUSANDS_SEPARATOR_RE.fullmatch(gap[0])
            and len(whole) == 3 and whole.isdigit() and (not point or decimals.isdigit())):
        return previous + value
    shown = previous + "".join(gap) + value
    raise ParseError(f"two numbers side by side ({shown[:40]!r}): write one number (12345), a product with * "
                     "or a mixed number as a sum (1 + 3/4)")


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    gap: list[str] = []  # what was skipped since the last token: whitespace, spacing commands
    grouped = False  # whether the last token is a number joined from thousands groups
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            raise ParseError(f"unexpected character {text[pos]!r} in the expression")
        pos = m.end()
        kind = m.lastgroup
        value = m.group()
        if kind == "ws" or (kind == "cmd" and value[1:] in _SKIP_CMDS):
            gap.append(value)
            continue
        # A number right after another one; not after a subscript or an exponent, as in \\log_2 3 or \\sin^2 3
        if kind == "num" and tokens and tokens[-1][0] == "num" and tokens[-2:-1] not in _SCRIPT_MARKS:
            tokens[-1] = ("num", _joined_number(tokens[-1][1], value, gap, grouped))
            gap, grouped = [], True
            continue
        gap, grouped = [], False
        if kind == "cmd" and value[1:] in _OP_CMDS:
            tokens.append(("op", _OP_CMDS[value[1:]]))
        elif kind == "cmd":
            tokens.append(("cmd", value[1:]))
        elif kind == "op" and value in _UNICODE_OPS:
            mapped = _UNICODE_OPS[value]
            tokens.append(("op", mapped) if mapped in "*/" else ("cmd", mapped))
        else:
            tokens.append((kind, value))
    return tokens


class _Parser:
    """Recursive descent over the token list; every method returns ``(expr, size)``."""

    def __init__(self, tokens: list[tuple[str, str]], variables: frozenset[str]):
        self.tokens = tokens
        self.pos = 0
        self.variables = variables
        self.depth = 0
        self.abs_depth = 0

    # -- token helpers -------------------------------------------------------
    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ParseError("the expression ends too early (an operand or a closing bracket is missing)")
        self.pos += 1
        return token

    def accept(self, value: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] == value:
            self.pos += 1
            return True
        return False

    def expect(self, value: str) -> None:
        if not self.accept(value):
            token = self.peek()
            found = "the end" if token is None else repr(token[1])
            raise ParseError(f"expected {value!r} but found {found} in the expression")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_RECURSION:
            raise LimitError(f"the expression nests more than {MAX_RECURSION} levels deep")

    # -- grammar -------------------------------------------------------------
    def sum(self) -> tuple[sympy.Expr, int]:
        terms = [self.product()]
        while True:
            if self.accept("+"):
                terms.append(self.product())
            elif self.accept("-"):
                expr, size = self.product()
                terms.append((-expr, size))
            else:
                break
        if len(terms) == 1:
            return terms[0]
        return _checked(sympy.Add(*(t for t, _ in terms)), sum(s for _, s in terms) + 1)

    def product(self) -> tuple[sympy.Expr, int]:
        expr, size = self.unary()
        while True:
            token = self.peek()
            if token is None:
                break
            if token == ("op", "*"):
                self.pos += 1
                other, other_size = self.unary()
                expr, size = _checked(sympy.Mul(expr, other), size + other_size)
            elif token == ("op", "/"):
                self.pos += 1
                other, other_size = self.unary()
                if other == 0:
                    raise ParseError("the expression divides by zero")
                expr, size = _checked(sympy.Mul(expr, sympy.Pow(other, -1)), size + other_size)
            elif self.starts_operand(token):
                after_number = expr.is_Rational and self.tokens[self.pos - 1][0] == "num"
                other, other_size = self.power()
                if after_number and token[0] == "cmd" and token[1] in _FRACS and other.is_Rational:
                    # 1\frac{3}{4} is the mixed number 7/4 to a reader and 3/4 as a product: refused, not guessed
                    raise ParseError("a number before \\frac reads as a mixed number or a product; write 7/4, "
                                     "1 + \\frac{3}{4} or 1 \\cdot \\frac{3}{4}")
                expr, size = _checked(sympy.Mul(expr, other), size + other_size)
            else:
                break
        return expr, size

    def starts_operand(self, token: tuple[str, str]) -> bool:
        kind, value = token
        if kind in ("num", "name", "cmd"):
            return True
        if kind == "op":
            return value in ("(", "[", "{", "\\{") or (value == "|" and self.abs_depth == 0)
        return False

    def unary(self) -> tuple[sympy.Expr, int]:
        negative = False
        count = 0
        while True:
            if self.accept("-"):
                negative = not negative
            elif not self.accept("+"):
                break
            count += 1
            if count > 2:
                raise LimitError("too many signs in a row in the expression")
        expr, size = self.power()
        return (-expr if negative else expr), size

    def power(self) -> tuple[sympy.Expr, int]:
        operands = [self.primary()]
        while self.accept("^") or self.accept("**"):
            negative = False
            while self.accept("-") or self.accept("+"):
                if self.tokens[self.pos - 1][1] == "-":
                    negative = not negative
            expr, size = self.primary()
            operands.append((-expr if negative else expr, size))
        expr, size = operands.pop()
        while operands:
            base, base_size = operands.pop()
            expr, size = _power(base, base_size, expr, size)
        return expr, size

    def primary(self) -> tuple[sympy.Expr, int]:
        kind, value = self.take()
        if kind == "num":
            return _number(value)
        if kind == "op":
            if value in _OPENERS:
                return self.group(_OPENERS[value])
            if value == "|":
                self.enter()
                self.abs_depth += 1
                expr, size = self.sum()
                self.expect("|")
                self.abs_depth -= 1
                self.depth -= 1
                return sympy.Abs(expr), size
            raise ParseError(f"unexpected {value!r} in the expression")
        if kind == "name":
            return self.name(value)
        return self.command(value)

    def group(self, closer: str) -> tuple[sympy.Expr, int]:
        self.enter()
        saved, self.abs_depth = self.abs_depth, 0
        result = self.sum()
        self.expect(closer)
        self.abs_depth = saved
        self.depth -= 1
        return result

    def name(self, word: str) -> tuple[sympy.Expr, int]:
        if word in self.variables:
            return self.subscripted(word)
        if word in _FUNCTIONS:
            return self.function(word)
        if word in _CONSTANTS:
            return _CONSTANTS[word], 1
        if word in _GREEK:
            return self.subscripted(word)
        if len(word) == 1:
            return self.subscripted(word)
        if word.lower() in _STOP_WORDS:
            raise ParseError(f"the word {word!r} is not part of a formula; give a single answer")
        for cut in range(len(word) - 1, 1, -1):  # "sinx" is sin(x), "lnx" is ln(x)
            if word[:cut] in _FUNCTIONS:
                self.tokens.insert(self.pos, ("name", word[cut:]))
                return self.function(word[:cut])
        if len(word) > 4:
            raise ParseError(f"unknown word {word!r} in the expression; declare it in variables= or write a formula")
        # A short run of letters is implicit multiplication: "xy" is x*y, "xe^x" is x*e^x.
        self.tokens.insert(self.pos, ("name", word[1:]))
        return self.name(word[0])

    def subscripted(self, base: str) -> tuple[sympy.Expr, int]:
        if base == "e" and base not in self.variables:
            return sympy.E, 1
        name = base
        token = self.peek()
        if token == ("op", "_"):
            self.pos += 1
            kind, value = self.take()
            if kind in ("num", "name"):
                name = f"{base}_{value}"
            elif value == "{":
                kind, value = self.take()
                if kind not in ("num", "name"):
                    raise ParseError("a subscript must be letters or digits, as in x_{1}")
                self.expect("}")
                name = f"{base}_{value}"
            else:
                raise ParseError("a subscript must be letters or digits, as in x_{1}")
        elif token is not None and token[0] == "num" and token[1].isdigit() and len(base) == 1:
            self.pos += 1  # "x1": one symbol, as sympy spells it
            name = base + token[1]
        return sympy.Symbol(name), 1

    def command(self, name: str) -> tuple[sympy.Expr, int]:
        if name in _FRACS:
            numerator, n_size = self.latex_argument()
            denominator, d_size = self.latex_argument()
            if denominator == 0:
                raise ParseError("the fraction has denominator zero")
            return _checked(sympy.Mul(numerator, sympy.Pow(denominator, -1)), n_size + d_size)
        if name == "sqrt":
            if self.accept("["):
                index, i_size = self.sum()
                self.expect("]")
                radicand, r_size = self.latex_argument()
                if index == 0:
                    raise ParseError("a root of index zero is undefined")
                return _power(radicand, r_size, sympy.Pow(index, -1), i_size)
            return self.function("sqrt")
        if name in _FUNCTIONS:
            return self.function(name)
        if name in _CONSTANTS:
            return _CONSTANTS[name], 1
        if name in _GREEK or name in self.variables:
            return self.subscripted(name)
        raise ParseError(f"the LaTeX command \\{name} is not supported in expressions")

    def latex_argument(self) -> tuple[sympy.Expr, int]:
        """One argument of ``\\frac``/``\\sqrt``: a braced group, or a single digit or letter."""
        token = self.peek()
        if token is None:
            raise ParseError("\\frac or \\sqrt is missing an argument")
        kind, value = token
        if kind == "num" and len(value) > 1 and value.isdigit():
            self.tokens[self.pos] = ("num", value[1:])  # \frac12 is \frac{1}{2}
            return _number(value[0])
        if kind == "op" and value == "{":
            self.pos += 1
            return self.group("}")
        return self.primary()

    def function(self, name: str) -> tuple[sympy.Expr, int]:
        self.enter()
        fn = _FUNCTIONS[name]
        exponent = None
        base = None
        if name in ("log", "ln") and self.accept("_"):
            base = self.latex_argument()
        if self.peek() in (("op", "^"), ("op", "**")) and name not in ("sqrt",):
            self.pos += 1
            negative = self.accept("-")
            exponent = self.primary()
            if negative:
                exponent = (-exponent[0], exponent[1])
            if exponent[0] == -1 and name in _INVERSE:
                fn, exponent = _INVERSE[name], None
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in ("(", "[", "{"):
            self.pos += 1
            closer = _OPENERS[token[1]]
            args = [self.sum()]
            while name == "log" and self.accept(","):
                args.append(self.sum())
            self.expect(closer)
        else:
            args = [self.implicit_argument()]
        if len(args) > 2:
            raise ParseError("log takes at most two arguments: log(x, base)")
        if len(args) == 2:
            base = args.pop()
        arg, size = args[0]
        expr = fn(arg)
        if base is not None:
            if base[0] in (0, 1):
                raise ParseError("a logarithm base must not be 0 or 1")
            expr, size = _checked(sympy.log(arg) / sympy.log(base[0]), size + base[1])
        if exponent is not None:
            expr, size = _power(expr, size, exponent[0], exponent[1])
        self.depth -= 1
        return _checked(expr, size)

    def implicit_argument(self) -> tuple[sympy.Expr, int]:
        """``\\sin 2x``: numbers, symbols and groups joined by implicit multiplication, no functions."""
        expr, size = self.power()
        while True:
            token = self.peek()
            if token is None or token[0] == "cmd" and (token[1] in _FUNCTIONS or token[1] in _FRACS):
                break
            if token[0] == "name" and token[1] in _FUNCTIONS:
                break
            if not self.starts_operand(token) or token[0] == "op":
                break
            other, other_size = self.power()
            expr, size = _checked(sympy.Mul(expr, other), size + other_size)
        return expr, size


def _number(text: str) -> tuple[sympy.Expr, int]:
    """An exact number from ``12``, ``3.25`` or ``1.5e3`` (scientific notation is read exactly)."""
    mantissa, _, exponent_text = text.lower().partition("e")
    whole, _, frac = mantissa.partition(".")
    if exponent_text and abs(int(exponent_text)) > 308:
        raise LimitError(f"the exponent in {text[:20]} is outside the range of a double (|exponent| <= 308)")
    exponent = int(exponent_text or "0") - len(frac)
    digits = len(whole) + len(frac) + abs(exponent)
    if digits > MAX_RESULT_DIGITS:
        raise LimitError(f"the number {text[:20]} has about {digits} digits (the limit is {MAX_RESULT_DIGITS})")
    value = sympy.Integer(int(whole + frac or "0"))
    if exponent:
        value = value * sympy.Integer(10) ** exponent
    return value, max(digits, 1)


def _checked(expr: sympy.Expr, size: int) -> tuple[sympy.Expr, int]:
    if size > MAX_RESULT_DIGITS:
        raise LimitError(f"the expression would create numbers of about {size} digits (the limit is {MAX_RESULT_DIGITS})")
    return expr, size


def _power(base: sympy.Expr, base_size: int, exponent: sympy.Expr, exp_size: int) -> tuple[sympy.Expr, int]:
    """``base**exponent`` after checking the estimated size of the result."""
    if exponent.is_Rational:
        magnitude = abs(int(exponent.p))
        if base.is_Rational and base != 0:
            # Exact: digits of the larger of numerator and denominator, times the exponent.
            size = int(math.log10(max(abs(int(base.p)), int(base.q))) * magnitude) + 2
        else:
            size = max(base_size, 1) * max(magnitude, 1)
        if size > MAX_RESULT_DIGITS:
            raise LimitError(
                f"the power {_short(base)}^{_short(exponent)} would have about {size} digits "
                f"(the limit is {MAX_RESULT_DIGITS})"
            )
        if base == 0 and exponent.is_negative:
            raise ParseError("the expression divides by zero (0 to a negative power)")
        return sympy.Pow(base, exponent), size
    if exponent.is_number and not exponent.is_finite:
        raise ParseError("an infinite exponent is not a value")
    # A symbolic exponent is not evaluated now; its size counts once.
    return _checked(sympy.Pow(base, exponent), base_size + exp_size + 1)


def _short(expr: sympy.Expr) -> str:
    text = str(expr) if expr.is_Atom else "(...)"
    return text if len(text) <= 20 else text[:20] + "..."


def _prepare(span: str) -> str:
    text = normalize_span(guard_span(span, EXPRESSION_LIMITS))
    text = _WRAP_RE.sub(r"\1", text)
    if not text:
        raise ParseError("empty answer")
    return text


def _finish(expr: sympy.Expr) -> sympy.Expr:
    if not isinstance(expr, sympy.Expr):
        raise ParseError("the answer is not an expression")
    if expr.has(sympy.nan, sympy.zoo):
        raise ParseError("the expression is undefined (it divides by zero or has no value)")
    return expr


def _parse(text: str, variables: frozenset[str]) -> sympy.Expr:
    parser = _Parser(_tokenize(text), variables)
    try:
        expr, _ = parser.sum()
    except RecursionError:
        raise LimitError("the expression nests too deeply") from None
    token = parser.peek()
    if token is not None:
        raise ParseError(f"unexpected {token[1]!r} in the expression (an operator may be missing)")
    return _finish(expr)


def parse_expression(span: str, *, variables: Iterable[str] | None = None) -> sympy.Expr:
    """Parse a plain or LaTeX expression into a sympy expression under the module's grammar.

    ``variables`` declares multi-letter symbol names (``"speed"``); single letters,
    Greek names and subscripted letters are always symbols.

    >>> parse_expression("x**2 + 2*x + 1")
    x**2 + 2*x + 1
    >>> parse_expression("\\\\sqrt[3]{8} + \\\\frac12")
    5/2
    >>> parse_expression("__import__('os')")
    Traceback (most recent call last):
    ...
    textbook_gym.verifiers.errors.ParseError: unexpected character "'" in the expression
    """
    return _parse(_prepare(span), frozenset(variables or ()))


def parse_equation(span: str, *, variables: Iterable[str] | None = None) -> tuple[sympy.Expr, sympy.Expr]:
    """Parse ``left = right`` into a pair of expressions; exactly one ``=`` is required.

    >>> parse_equation("y = 2x + 1")
    (y, 2*x + 1)
    """
    text = _prepare(span)
    if text.count("=") != 1:
        raise ParseError("an equation needs exactly one '=' sign, as in y = 2x + 1")
    left, right = text.split("=")
    if not left.strip() or not right.strip():
        raise ParseError("both sides of the equation must be non-empty")
    names = frozenset(variables or ())
    return _parse(left, names), _parse(right, names)


__all__ = ["parse_equation", "parse_expression"]
