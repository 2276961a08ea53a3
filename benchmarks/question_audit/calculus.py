"""Audit solvers (audit run g5, part 2): Derivatives and Integrals. LaTeX -> sympy via the third-party
latex2sympy2_extended (not project code); definite integrals by mpmath quadrature. run.py checks that both packages
are importable before importing this module, and reports the families as skipped otherwise."""

import re

import mpmath
import sympy as sp
from latex2sympy2_extended import latex2sympy
from sympy.calculus.util import continuous_domain

from .common import Outcome

x = sp.Symbol("x")
mpmath.mp.dps = 30


def L(s):
    e = latex2sympy(s)
    e = e.subs({sym: x for sym in e.free_symbols if sym.name == "x"})
    e = e.subs({sym: sp.E for sym in e.free_symbols if sym.name == "e"})
    e = e.replace(lambda t: isinstance(t, sp.Pow) and t.base == sp.E, lambda t: sp.exp(t.exp))
    extra = [s_ for s_ in e.free_symbols if s_ != x]
    assert not extra, (s, e, extra)
    return e


NUMEQ_POINTS = (sp.Rational(23, 10), sp.Rational(37, 10), sp.Rational(51, 10), sp.Rational(13, 10))


def numeq(a, b, pts=NUMEQ_POINTS, tol=1e-9):
    """a == b as functions of x, tested at points (high-precision) then symbolically if the numbers disagree."""
    for p in pts:
        va, vb = sp.N(a.subs(x, p), 30), sp.N(b.subs(x, p), 30)
        if not (va.is_finite and vb.is_finite):
            continue
        if abs(va - vb) > tol * (1 + abs(vb)):
            return False
    return True


# ------------------------------------------------------------------ Derivatives
def check_deriv(fam, p, level):
    m = re.fullmatch(r"Find the derivative \$f'\(x\)\$ of \$f\(x\) = (.*)\$\.", p.question)
    f = L(m[1])  # a parse failure is reported by the runner (it was counted as bad by the audit)
    issues = []
    mine = sp.diff(f, x)
    gold = p.answer.subs({s: x for s in p.answer.free_symbols if s.name == "x"})
    if not numeq(mine, gold):
        issues.append("MISMATCH")
        issues.append(f"symbolic diff: {sp.simplify(mine - gold)}")
    return Outcome(mine, issues)


# ------------------------------------------------------------------ Integrals
# Indefinite: d/dx(gold) must equal the parsed integrand. Definite: mpmath quadrature of the parsed integrand
# must equal the gold (which must be exact: no Float, no symbol); the integrand must be continuous on [lo, hi].
def strip_group(s):
    m = re.fullmatch(r"\\left\((.*)\\right\)", s)
    return m[1] if m else s


def check_integ(fam, p, level):
    q = p.question
    gold = p.answer.subs({s: x for s in p.answer.free_symbols if s.name == "x"})
    issues = []
    m1 = re.fullmatch(r"Find the antiderivative \$\\int (.*)\\,dx\$\.", q)
    m2 = re.fullmatch(r"Evaluate the definite integral \$\\int_\{(.*?)\}\^\{(.*?)\} (.*)\\,dx\$ exactly\.", q)
    if m1:
        kind = "indefinite"
        f = L(strip_group(m1[1]))
    else:
        kind = "definite"
        lo, hi, f = L(m2[1]), L(m2[2]), L(strip_group(m2[3]))
    if kind != p.metadata["kind"]:
        issues.append("kind")
    mine = None
    if kind == "indefinite":
        if gold.free_symbols - {x}:
            issues.append("gold has other symbols")
        if not numeq(sp.diff(gold, x), f):
            issues.append(f"MISMATCH: d/dx gold - integrand = {sp.simplify(sp.diff(gold, x) - f)}")
        mine = f"d/dx gold == {f}"
    else:
        if gold.free_symbols or gold.atoms(sp.Float):
            issues.append("gold not exact")
        if continuous_domain(f, x, sp.Interval(lo, hi)) != sp.Interval(lo, hi):
            issues.append("integrand not continuous on [lo,hi]")
        fl = sp.lambdify(x, f, "mpmath")
        val = mpmath.quad(fl, [sp.N(lo, 30), sp.N(hi, 30)])
        mine = val
        g = sp.N(gold, 30)
        if abs(complex(val) - complex(g)) > 1e-12 * (1 + abs(complex(g))):
            issues.append(f"MISMATCH: quad={val} gold={g} exact={sp.simplify(sp.integrate(f, (x, lo, hi)))}")
    return Outcome(mine, issues)


CHECKS = {"Derivatives": check_deriv, "Integrals": check_integ}
