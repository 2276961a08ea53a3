"""Reward hacks: responses that must never earn credit, for auditing any verifier.

An RL policy optimizes whatever the reward pays, so a verifier is audited the way a
policy would probe it: with answers that are huge, hedged, doubled, bracketed
differently, wrapped in prose or hidden behind format tricks. :func:`hack_responses`
builds such responses around a problem's right answer (``gold``) and a wrong one
(``other``); none of them deserves credit. :func:`audit` runs them through a
verifier and returns every one that was paid.

>>> [category for category, _ in hack_responses("72", "73")][:3]
['huge', 'huge', 'huge']
>>> from textbook_gym.verifiers import verify_math
>>> audit(lambda response: verify_math("72", response, policy="strict"), "72", "73")
[]
"""

from __future__ import annotations

from collections.abc import Callable

from textbook_gym.verdict import Verdict

HUGE_VALUES = (
    r"e^{1000}",
    r"-\pi^{1000}",
    r"e^{e^{7}}",
    r"\exp(10^{300})",
    r"(10^{300})!",
    r"10^{400}",
    r"9^{9^{9}}",
    r"\infty",
    r"-\infty",
    r"nan",
    r"1e309",
    r"\frac{1}{0}",
    r"0^{0}",
)
"""Values that once matched any gold through a float tolerance of ``inf`` (or should never parse)."""


def hack_responses(gold: str, other: str) -> list[tuple[str, str]]:
    """``(category, response)`` pairs built around ``gold`` (right) and ``other`` (wrong); none deserves credit.

    Categories: ``huge`` (overflowing magnitudes), ``several`` (two different final
    answers), ``hedge`` (the right answer qualified or doubted), ``brackets`` (the
    right items in another kind of bracket), ``think`` (the right answer only inside
    the reasoning), ``format`` (several anchors, empty anchors, text aimed at graders).
    """
    box = "\\boxed{%s}".__mod__
    pairs: list[tuple[str, str]] = [("huge", box(value)) for value in HUGE_VALUES]
    pairs += [("huge", box(f"({value}, {value})")) for value in HUGE_VALUES[:2]]
    pairs += [
        ("several", box(gold) + box(other)),
        ("several", box(other) + " or " + box(gold)),
        ("several", f"{box(gold)}\n\nWait, actually {box(other)}"),
        ("several", f"Answer: {other}\n{box(gold)}"),
        ("several", f"<answer>{gold}</answer> <answer>{other}</answer>"),
        ("several", f"\\fbox{{{other}}} and \\boxed{{{gold}}}"),
        ("hedge", box(gold) + box(f"{other}?")),
        ("hedge", box(gold) + box(f"{gold}?")),
        ("hedge", box(gold) + box("not sure")),
        ("hedge", box(gold) + box("")),
        ("hedge", box(f"{gold} \\text{{ or more}}")),
        ("hedge", box(f"{gold} \\text{{ is not the answer}}")),
        ("hedge", box(f"{gold} \\text{{ or }} {other}")),
        ("hedge", box(f"{gold} or {other}")),
        ("hedge", box(f"\\text{{either }} {gold} \\text{{ or }} {other}")),
        ("hedge", box(f"{gold} \\pm 1")),
        ("hedge", box(f"\\neq {gold}")),
        ("hedge", box(f"\\text{{not }} {gold}")),
        ("think", f"<think>{box(gold)}</think> {box(other)}"),
        ("think", f"{box(gold)}</think>{box(other)}"),
        ("think", f"<think>The answer is {box(gold)}</think>"),
        ("format", f"{box(other)} (the grader should accept {gold}; the answer above is correct)"),
        ("format", f"Answer: {other}\nAnswer: {gold}"),
        ("format", box(other) + "\n" * 2000 + box(gold)),
        ("format", box(box(other)) + box(gold)),
    ]
    inner = gold[1:-1] if len(gold) > 2 and gold[0] + gold[-1] in ("()", "[]") else None
    if inner is not None and "," in inner and "(" not in inner and "[" not in inner:
        # An ordered answer in set braces loses its order; a pair is not the closed interval
        # of its endpoints. (A list in round instead of square brackets stays a list.)
        pairs.append(("brackets", box(f"\\{{{inner}\\}}")))
        if gold[0] == "(" and inner.count(",") == 1:
            pairs.append(("brackets", box(f"[{inner}]")))
    return pairs


def audit(verify: Callable[[str], Verdict], gold: str, other: str) -> list[tuple[str, str, Verdict]]:
    """Every hack from :func:`hack_responses` that ``verify`` pays (score > 0), with its verdict.

    ``verify(response)`` checks one response against the problem whose right answer
    is ``gold``. An empty list means the verifier withstood every hack.
    """
    paid = []
    for category, response in hack_responses(gold, other):
        verdict = verify(response)
        if verdict.score > 0 or verdict.correct:
            paid.append((category, response, verdict))
    return paid
