"""Shared pieces of the question audit: the result record, an exact evaluator for + - × ÷ expressions and a
LaTeX brace-group reader. Every solver module imports these instead of carrying its own copy."""

import re
from dataclasses import dataclass, field
from fractions import Fraction


class IllPosed(Exception):
    """The question as written has no (unique, sensible) answer: reported as a well-posedness flag."""


@dataclass
class Outcome:
    """What an independent solver found for one draw.

    answer: the audit's own answer; problems: reasons the gold is not the answer to the text (a mismatch);
    flags: well-posedness notes that do not by themselves contradict the gold."""

    answer: object = None
    problems: list = field(default_factory=list)
    flags: list = field(default_factory=list)


def from_ok_note(ok, mine, note):
    """Adapter for solvers written as check(...) -> (ok, mine, note)."""
    return Outcome(mine, [] if ok else [note or "value differs"])


def verdict(fam, p, text):
    """The family's own verifier on a boxed response (used for end-to-end checks)."""
    return fam.verify(p, "\\boxed{" + text + "}").status.value


def brace_group(s, i):
    """s[i] == '{': return (content, index after the matching '}')."""
    assert s[i] == "{", (s, i)
    depth = 0
    for j in range(i, len(s)):
        depth += (s[j] == "{") - (s[j] == "}")
        if depth == 0:
            return s[i + 1 : j], j + 1
    raise ValueError("unbalanced braces")


# ------------------------------------------------------------------ exact + - × ÷ evaluator (own parser)
TOK = re.compile(r"\s*(\d+|[-+*/()])")


def tokens(text):
    text = text.replace("×", "*").replace("÷", "/").replace("−", "-")
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = TOK.match(text, pos)
        if not m:
            raise ValueError(f"bad char at {pos}: {text[pos:]!r}")
        out.append(m.group(1))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


class ExprParser:
    """Recursive descent with precedence and unary minus; records leaves, operators and inexact divisions."""

    def __init__(self, toks):
        self.t, self.i = toks, 0
        self.leaves, self.ops, self.inexact_div = [], [], False

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self):
        self.i += 1
        return self.t[self.i - 1]

    def expr(self):
        v = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            self.ops.append(op)
            w = self.term()
            v = v + w if op == "+" else v - w
        return v

    def term(self):
        v = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()
            self.ops.append(op)
            w = self.unary()
            if op == "*":
                v = v * w
            else:
                if w == 0:
                    raise ZeroDivisionError
                v = v / w
                if v.denominator != 1:
                    self.inexact_div = True
        return v

    def unary(self):
        if self.peek() == "-":
            self.take()
            self.ops.append("neg")
            return -self.unary()
        return self.atom()

    def atom(self):
        t = self.take()
        if t == "(":
            v = self.expr()
            assert self.take() == ")"
            return v
        assert t.isdigit(), t
        self.leaves.append(int(t))
        return Fraction(int(t))


def evaluate(text):
    p = ExprParser(tokens(text))
    v = p.expr()
    assert p.peek() is None, ("trailing", p.t[p.i :])
    return v, p
