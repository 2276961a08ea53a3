"""Answer extraction shared by training rewards and evaluation.

The rule, in full (it is the same for every family and every caller):

1. If the response contains ``</think>``, only the text after the last ``</think>``
   is searched: reasoning before it may try and discard answers freely.
2. An answer counts only when it is *anchored*: ``\\boxed{...}`` (or ``\\fbox{...}``,
   nested braces allowed), ``<answer>...</answer>``, or a line that starts with
   ``Answer:`` / ``Final answer:`` (a line that also holds a ``\\boxed`` is covered
   by the box). Bare numbers in the text never count.
3. All anchored answers are collected in order. The caller parses each distinct one;
   if the parsed values disagree the response is INCORRECT ("conflicting final
   answers"). There is no retraction outside a thinking section: a response that
   changes its mind after ``</think>``, or without one, must not leave the old answer
   anchored. So ``\\boxed{3}\\boxed{4}`` never earns credit for 3 or for 4.
4. Limits make extraction linear and bounded (every pattern is matched at fixed
   anchors, never searched with two quantifiers that can trade characters): responses longer than
   :data:`MAX_RESPONSE_CHARS` are refused, spans longer than :data:`MAX_SPAN_CHARS`
   are refused, and at most :data:`MAX_DISTINCT` distinct answers are considered.
   Brace matching is one pass over the brace positions, so thousands of unclosed
   ``\\boxed{`` cost linear time.

>>> extract_answers("so the sum is \\\\boxed{42}.").spans
('42',)
>>> extract_answers("<think>maybe \\\\boxed{3}</think> Answer: 4").spans
('4',)
>>> extract_answers("no anchor 42").spans
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_RESPONSE_CHARS = 1 << 20
"""Responses longer than this (about a million characters) are UNPARSEABLE."""
MAX_SPAN_CHARS = 4000
"""An anchored answer longer than this is UNPARSEABLE (no parser sees it)."""
MAX_DISTINCT = 16
"""More distinct anchored answers than this is treated as answer spraying (INCORRECT)."""
MAX_ANCHORS = 4096
"""More anchored answers than this, repeated or not, is a degenerate response: UNPARSEABLE, read no further."""

_BOX_RE = re.compile(r"\\(?:boxed|fbox)\s*\{")
_BRACE_RE = re.compile(r"\\[{}]|[{}]")
# Matched at the start of one line only (``re.match`` on a line, never a search over the
# text), with no two quantifiers that can share a character: linear in the line's length.
# A whole-text MULTILINE pattern with ``\s*`` twice once took 24 s on 64k spaces.
_WORD_RE = re.compile(r"answer", re.IGNORECASE)
_NON_BLANK_RE = re.compile(r"[^ \t\r\n\f\v]")
_ANSWER_HEAD_RE = re.compile(r"[ \t>*_#-]*(?:the[ \t]+)?(?:final[ \t]+)?answer[ \t]*(?:is[ \t]*)?[:：]", re.IGNORECASE)


@dataclass(frozen=True)
class Extraction:
    """Anchored answer spans found in a response, in order, with duplicates removed."""

    spans: tuple[str, ...]
    """Distinct answer spans (stripped), in order of first appearance."""
    problem: str | None = None
    """Why extraction refused the response (too long, too many answers ...), else None."""
    total: int = 0
    """Number of anchored answers before removing duplicates."""


def _match_braces(text: str, start: int) -> dict[int, int]:
    """Map each unescaped '{' at or after ``start`` to its matching '}' in one pass."""
    matches: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACE_RE.finditer(text, start):
        token = m.group()
        if token == "{":
            stack.append(m.start())
        elif token == "}" and stack:
            matches[stack.pop()] = m.start()
    return matches


def _boxed(text: str) -> list[tuple[int, str]]:
    first = _BOX_RE.search(text)
    if first is None:
        return []
    braces = _match_braces(text, first.start())
    found = []
    for m in _BOX_RE.finditer(text, first.start()):
        open_pos = m.end() - 1
        close = braces.get(open_pos)
        if close is not None:
            found.append((m.start(), text[open_pos + 1 : close]))
    return found


def _tagged(text: str) -> list[tuple[int, str]]:
    found = []
    pos = 0
    while True:
        start = text.find("<answer>", pos)
        if start < 0:
            return found
        end = text.find("</answer>", start + 8)
        if end < 0:  # no later opening tag can close either: stop (keeps this linear)
            return found
        body = text[start + 8 : end]
        if "\\boxed" not in body and "\\fbox" not in body:  # a box inside is collected as the box
            found.append((start, body))
        pos = end + 9


def _answer_lines(text: str) -> list[tuple[int, str]]:
    """``Answer: ...`` lines; an empty one takes the next non-blank line. Linear in ``len(text)``.

    Only lines that contain the word are looked at (found with C-speed searches, each
    line once), so a million blank lines cost one scan, not a million Python steps.
    """
    found = []
    line_start = line_end = -1
    for word in _WORD_RE.finditer(text):
        if word.start() < line_end:
            continue  # this line was already read
        line_start = text.rfind("\n", 0, word.start()) + 1 if word.start() > line_end else line_end + 1
        line_end = text.find("\n", word.start())
        if line_end < 0:
            line_end = len(text)
        head = _ANSWER_HEAD_RE.match(text, line_start, line_end)
        if head is None:
            continue
        value = text[head.end() : line_end].strip(" \t\r\f\v").lstrip("*_").lstrip(" \t")  # "**Final Answer:** 42"
        if not value:  # "Answer:" then the value on the next non-blank line
            nxt = _NON_BLANK_RE.search(text, line_end)
            if nxt is None:
                continue
            value_end = text.find("\n", nxt.start())
            value_end = value_end if value_end >= 0 else len(text)
            if _ANSWER_HEAD_RE.match(text, nxt.start(), value_end):
                continue  # the next line is an answer line of its own, not this one's value
            value = text[nxt.start() : value_end].strip(" \t\r\f\v")
        if "\\boxed" in value or "\\fbox" in value or "<answer>" in value:
            continue  # the box or tag is collected on its own
        found.append((line_start, value))
        if len(found) > MAX_ANCHORS:
            break  # the caller refuses the response anyway; reading on would only cost time
    return found


def extract_answers(response: str) -> Extraction:
    """All anchored answer spans of ``response`` under the rule in the module docstring."""
    if not isinstance(response, str):
        return Extraction((), f"response must be a str, got {type(response).__name__}")
    if len(response) > MAX_RESPONSE_CHARS:
        return Extraction((), f"response longer than {MAX_RESPONSE_CHARS} characters")
    think_end = response.rfind("</think>")
    text = response[think_end + 8 :] if think_end >= 0 else response
    found = _boxed(text) + _tagged(text) + _answer_lines(text)
    if len(found) > MAX_ANCHORS:
        return Extraction((), f"more than {MAX_ANCHORS} anchored answers", len(found))
    found.sort(key=lambda item: item[0])
    spans: list[str] = []
    seen: set[str] = set()
    for _, raw in found:
        span = raw.strip()
        if span.endswith(".") and not span.endswith(".."):
            span = span[:-1].rstrip()
        if len(span) > MAX_SPAN_CHARS:
            return Extraction((), f"an anchored answer is longer than {MAX_SPAN_CHARS} characters", len(found))
        if span not in seen:
            seen.add(span)
            spans.append(span)
            if len(spans) > MAX_DISTINCT:
                return Extraction(tuple(spans), f"more than {MAX_DISTINCT} distinct anchored answers", len(found))
    return Extraction(tuple(spans), None, len(found))
