"""Reproducers of issue #14 (reward integrity), each run in its own process with a wall-clock limit.

Prints one line per reproducer: the verdict(s) it produced, the seconds it took, and whether that is the
right answer. Used for the before/after figures of the closing note; the regression tests in
tests/test_reward_integrity.py assert the same facts without timing them.

    python benchmarks/reward_integrity.py [--limit 60] [--out benchmarks/results/reward_integrity.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

CASES: dict[str, str] = {
    "1 overflow e^1000 vs 72": r'''
from textbook_gym.verifiers import verify_math, check_symbolic
hacks = [r"\boxed{e^{1000}}", r"\boxed{-\pi^{1000}}", r"\boxed{e^{e^{7}}}", r"\boxed{\exp(10^{300})}", r"\boxed{(10^{300})!}"]
out = [verify_math("72", h).status.value for h in hacks]
out.append(verify_math("(1, 2)", r"\boxed{(e^{1000}, e^{1000})}").status.value)
out.append(verify_math("(10^{6})!", r"\boxed{3}").status.value)
out.append(check_symbolic(r"\boxed{e^{1000}}", "x + 1").status.value)
print(out); ok = "CORRECT" not in out
''',
    "2 whitespace flood 64k": r'''
from textbook_gym.verifiers import verify_math
out = [verify_math("72", "answer" + " " * 64000 + "x").status.value,
       verify_math("72", "Answer: 1" + " " * 64000 + "\n").status.value,
       verify_math("72", "answer" + "\n" * 64000 + "x").status.value]
print(out); ok = True
''',
    "2b whitespace flood 1MB": r'''
from textbook_gym.verifiers import verify_math
out = [verify_math("72", "answer" + " " * 1_000_000 + "x").status.value]
print(out); ok = True
''',
    "3 sympy expansion in process": r'''
from textbook_gym.verifiers import verify_math
v = verify_math("5", r"\boxed{5 + (a^2+b^2+c^2+d^2+2ab+2ac+2ad+2bc+2bd+2cd)^{15} - (a+b+c+d)^{30}}", deadline=2.0)
# The expression is 5 + ((a+b+c+d)^2)^15 - (a+b+c+d)^30 = 5: CORRECT, or TIMEOUT, decided in the sandbox.
print(v.status.value, v.reason[:80]); ok = v.status.value in ("CORRECT", "TIMEOUT")
''',
    "4 deadline inf crosstalk": r'''
from textbook_gym.verifiers import verify_math
from textbook_gym.verifiers.sandbox import SandboxPool
pool = SandboxPool(workers=1)
first = verify_math("72", r"\boxed{\sqrt{5185}}", deadline=float("inf"), pool=pool)
outs = [verify_math("72", r"\boxed{\sqrt{5185}}", pool=pool).status.value for _ in range(5)]
outs += [verify_math("x+1", r"\boxed{\sin(x)^2+\cos(x)^2 + x}", pool=pool).status.value for _ in range(5)]
print(first.status.value, outs); ok = outs[:5] == ["INCORRECT"] * 5 and outs[5:] == ["CORRECT"] * 5
''',
    "5 ctrl-c leaks workers": r'''
import signal, threading, time
from textbook_gym.verifiers.sandbox import SandboxPool
pool = SandboxPool(workers=2)
def slow(): import time; time.sleep(30); return 1
def fast(): return 2
pool.call(fast, deadline=60)
for _ in range(3):
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    signal.signal(signal.SIGALRM, lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        pool.call(slow, deadline=20)
    except KeyboardInterrupt:
        pass
signal.setitimer(signal.ITIMER_REAL, 0)
result = {}
t = threading.Thread(target=lambda: result.setdefault("o", pool.call(fast, deadline=5)), daemon=True)
t.start(); t.join(15)
print(result.get("o")); ok = "o" in result and result["o"].ok and result["o"].value == 2
''',
    "6 pickle executes in parent": r'''
import os, tempfile
from textbook_gym.custom import make_env
marker = tempfile.mktemp()
class Evil:
    def __init__(self, path): self.path = path
    def __reduce__(self): return (os.system, (f"touch {self.path}",))
def verifier(response, answer, _m=marker, _E=Evil):
    return _E(_m)
env = make_env([{"question": "q", "answer": "1"}], verifier)
env.reset(seed=0)
_, reward, *_rest, info = env.step("x")
ran = os.path.exists(marker)
print("command ran in parent:", ran, info["verdict"].status.value); ok = not ran
''',
    "6b sys.exit from unpickle": r'''
import sys
from textbook_gym.custom import make_env
class Exit:
    def __reduce__(self): return (sys.exit, (3,))
def verifier(response, answer, _E=Exit):
    return _E()
env = make_env([{"question": "q", "answer": "1"}], verifier)
env.reset(seed=0)
try:
    out = env.step("x")[-1]["verdict"].status.value
except BaseException as exc:
    out = f"raised {type(exc).__name__}"
print(out); ok = out == "ERROR"
''',
    "7 custom verifier patches built-ins": r'''
from textbook_gym.custom import make_env
from textbook_gym.verifiers import verify_math
def patcher(response, answer):
    import textbook_gym.verifiers.equivalence as eq
    eq.quick_equivalent = lambda a, b: True
    eq.decide = lambda a, b: True
    import sympy
    sympy.core.parameters.global_parameters.evaluate = False
    return True
env = make_env([{"question": "q", "answer": "1"}], patcher)
for _ in range(4):
    env.reset(seed=0); env.step("x")
outs = [verify_math("x+1", r"\boxed{\sin(x) + \cos(x)^3}").status.value for _ in range(5)]
print(outs); ok = "CORRECT" not in outs and "TIMEOUT" not in outs
''',
    "8 hedges and brackets": r'''
from textbook_gym.verifiers import verify_math
from textbook_gym import get_family
cases = [("72", r"\boxed{72}\boxed{73?}"), ("4/11", r"\boxed{\frac{4}{11}}\boxed{\frac{4}{12}}"),
         ("72", r"\boxed{72 \text{ or more}}"), ("72", r"\boxed{72 \text{ is not the answer}}"),
         ("(0, 1)", r"\boxed{[0, 1]}"), ("(-1, 5)", r"\boxed{\{-1, 5\}}")]
out = [verify_math(g, r).status.value for g, r in cases]
print(out); ok = "CORRECT" not in out
''',
    "9 run_verifier raises / inconsistent verdict": r'''
import threading
from textbook_gym.verdict import Verdict, Status
from textbook_gym.verifiers import run_verifier, verify_many
out = []
try:
    out.append(run_verifier("math", r"\boxed{1}", 10**400).status.value)
except BaseException as exc:
    out.append(f"raised {type(exc).__name__}")
lock = threading.Lock()
def closure(response, gold):
    with lock:
        return True
try:
    out.append(run_verifier(closure, "x", "1").status.value)
except BaseException as exc:
    out.append(f"raised {type(exc).__name__}")
def liar(response, gold):
    return Verdict(Status.ERROR, 1.0)
v = run_verifier(liar, "x", "1")
out.append(f"{v.status.value}:{v.score}")
print(out); ok = out[0] in ("ERROR", "INCORRECT") and out[1] == "ERROR" and out[2] == "ERROR:0.0"
''',
    "10 orphans survive kill": r'''
import os, time, subprocess
from textbook_gym.verifiers import run_verifier
def forker(response, gold):
    import subprocess, time
    for _ in range(5):
        subprocess.Popen(["sleep", "1000"])
    time.sleep(100)
v = run_verifier(forker, "x", "1", deadline=3)
time.sleep(1)
n = sum(line.strip() == "sleep 1000" for line in subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines())
subprocess.run(["pkill", "-x", "-f", "sleep 1000"])
print(v.status.value, "orphans:", n); ok = n == 0
''',
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds each reproducer may run")
    parser.add_argument("--only", default="", help="run only cases whose name contains this text")
    parser.add_argument("--out", default="", help="write the results as JSON here")
    args = parser.parse_args()
    rows = []
    for name, code in CASES.items():
        if args.only and args.only not in name:
            continue
        script = "ok = False\n" + textwrap.dedent(code) + "\nprint('OK' if ok else 'WRONG')\n"
        started = time.perf_counter()
        try:
            proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=args.limit)
            text = (proc.stdout.strip() or proc.stderr.strip()[-300:]).splitlines()
            verdict = text[-1] if text else "?"
            shown = " | ".join(text[:-1])[:200]
        except subprocess.TimeoutExpired:
            verdict, shown = "HUNG", f"killed after {args.limit:g} s"
        seconds = time.perf_counter() - started
        rows.append({"case": name, "result": verdict, "seconds": round(seconds, 2), "output": shown})
        print(f"{name:45s} {verdict:6s} {seconds:7.2f} s  {shown}", flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
