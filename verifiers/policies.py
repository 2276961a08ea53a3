"""Extraction policies: which part of a response is its final answer.

Three policies, chosen per call (``extract(response, policy)``):

``strict``
    :func:`~textbook_gym.verifiers.extract.extract_answers` unchanged: every
    anchored answer (``\\boxed{}``, ``<answer>``, an ``Answer:`` line) counts and
    conflicting anchored answers are INCORRECT. The default for environment rewards,
    where the format is part of the task.
``last``
    Anchored answers only, but the *last* one wins, so a response may correct
    itself (``\\boxed{3} ... wait, \\boxed{4}`` answers 4). Answer spraying (more
    than :data:`~textbook_gym.verifiers.extract.MAX_DISTINCT` distinct anchored
    answers) is still refused, and so is a *hedge*: two different anchored answers
    less than :data:`HEDGE_GAP` characters apart with no correction word
    ("wait", "actually", "mistake", "so", "therefore", ...) between them
    (``\\boxed{3} or \\boxed{4}``, ``\\boxed{72}\\boxed{73?}``) gives both spans, which
    the caller treats as conflicting answers.
``flexible``
    For grading other models' free text. The first stage that finds something wins:

    1. the ``last`` policy (anchored answers, last one wins);
    2. GSM8K's ``#### 72`` (the rest of its line);
    In this policy a "final answer" phrase after the last anchored answer (``\\boxed{255}
    ... Final Answer: The final answer is $10,455$.``) overrides it.

    3. the last phrase "the answer is ...", "final answer ...", "answer = ..."
       (up to the end of its sentence or line; a math span right after it is taken
       whole);
    4. the last display or inline math: ``$...$``, ``$$...$$``, ``\\(...\\)``, ``\\[...\\]``;
    5. the last number in the text (``72``, ``-3.5``, ``1,234``, ``3/4``, ``4 4/9``, ``28%``),
       else the last number word (``ten``); "72 or 73" is a hedge (conflicting answers).
       A ``\\boxed{`` that never closes stops here: no weaker stage reads the broken box.
       Dollar amounts in prose (``$2 per egg ... $18``) are not math spans.

    ``####`` ranks before the phrases because it is GSM8K's own anchor.

In every policy only the text after the last ``</think>`` is searched. Every scan
is one left-to-right pass with bounded spans (no pattern can backtrack
quadratically); responses longer than
:data:`~textbook_gym.verifiers.extract.MAX_RESPONSE_CHARS` are refused.

>>> extract("\\\\boxed{3} Wait, that is wrong: \\\\boxed{4}", "strict").spans
('3', '4')
>>> extract("\\\\boxed{3} Wait, that is wrong: \\\\boxed{4}", "last").spans
('4',)
>>> extract("So the answer is $\\\\frac{3}{4}$.", "flexible").spans
('\\\\frac{3}{4}',)
>>> extract("48 + 24 = 72 clips in all.", "flexible").spans
('72',)
>>> extract("<think>it is 5</think>It is 6.", "flexible").spans
('6',)
"""

from __future__ import annotations

import re
from collections import deque

from textbook_gym.verifiers.extract import MAX_RESPONSE_CHARS, MAX_SPAN_CHARS, Extraction, extract_answers

POLICIES = ("strict", "last", "flexible")
"""The extraction policies :func:`extract` accepts."""
MAX_PHRASE_CHARS = 300
"""Longest answer taken after an "answer is" phrase (a sentence, not a paragraph)."""
MAX_BACKTRACK = 8
"""Anchors tried, from the end, when looking for the last anchored answer."""

HEDGE_GAP = 80
"""Two different anchored answers closer than this (characters between them), with no
correction word between, are a hedge ("\\boxed{3} or \\boxed{4}"), not a self-correction."""

_CORRECTION_RE = re.compile(
    r"wait|actually|mistake|wrong|incorrect|correct(?:ion|ed|ing)?|re-?check|recalculat|recomput|instead|fix|oops|"
    r"let me|double|verify|again|error|so |therefore|thus|hence|final",
    re.IGNORECASE,
)
_JOINER_RE = re.compile(
    r"(?:\\(?:boxed|fbox)\s{0,3}\{\}|[\s$,.&]|\\[,;:! ]|\\q?quad|\\text\{\s{0,3}and\s{0,3}\}|\band\b|\\\(|\\\)|\\\[|\\\])*"
)
_JOIN_WORD_RE = re.compile(r"\band\b|,|&")
_ANCHOR_RE = re.compile(r"\\(?:boxed|fbox)\s*\{|<answer>")
# "the answer is", "final answer:", "answer =", "answer would be": keyword and a bounded gap only.
_PHRASE_RE = re.compile(
    r"(?:answer|option|choice)[ \t]{0,3}(?:\*\*[ \t]{0,3})?(?:is|was|would[ \t]be|will[ \t]be|should[ \t]be|[:：=]|\\(?:approx|equiv))"
    r"[ \t]{0,3}(?:\*\*)?[ \t]{0,3}(?:[:：][ \t]{0,3})?",
    re.IGNORECASE,
)
_MATH_DELIM_RE = re.compile(r"\$\$|\$|\\\[|\\\]|\\\(|\\\)")
_CLOSERS = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)"}
_NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9.])(?:[-+]?[0-9]{1,12}[ \t][0-9]{1,12}/[0-9]{1,12}(?![0-9/])"  # a mixed number: 4 4/9
    r"|-?[0-9]{1,3}(?: [0-9]{3}){1,6}(?![0-9])(?:\.[0-9]{1,40})?"  # thousands in groups: 1 000 000
    r"|-?[0-9][0-9,]{0,40}(?:\.[0-9]{1,40})?(?:[ \t]?/[ \t]?[0-9]{1,40})?|-?\.[0-9]{1,40})"
    r"(?:[ \t]?(?:%|percent(?:age)?\b|pct\b))?"
)
_PROSE_WORD_RE = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")
_HIDDEN_RE = re.compile(r"\$[^$]{0,400}\$|\\\([^)]{0,400}\\\)|\\[A-Za-z]{1,20}\s{0,3}\{[^{}]{0,200}\}")
_PROSE_HEDGE_RE = re.compile(r"(-?[0-9][0-9.,/]{0,30})\s{0,3}(?:or|and/or|/)\s{1,3}(?:maybe\s{1,3}|perhaps\s{1,3})?$")
_NUMBER_WORD_RE = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"\.(?:\s|$)|\n|;|,\s(?:so|which|and|because|since)\s")


def _last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    tail = deque(pattern.finditer(text), maxlen=1)
    return tail[0] if tail else None


def _after_think(response: str) -> str:
    end = response.rfind("</think>")
    return response[end + 8 :] if end >= 0 else response


def _one(span: str, total: int = 1, text: str | None = None) -> Extraction:
    """One answer span; an anchored span (``text`` given) is refined unless it is a box's content."""
    span = span.strip()
    if text is None or not _in_box(text, span):
        span = refine(span).strip()
    if span.endswith(".") and not span.endswith(".."):
        span = span[:-1].rstrip()
    if len(span) > MAX_SPAN_CHARS:
        return Extraction((), f"the answer is longer than {MAX_SPAN_CHARS} characters", total)
    return Extraction((span,) if span else (), None, total)


def is_prose(text: str) -> bool:
    """At least two words of three or more letters outside math spans and LaTeX commands."""
    return len(_PROSE_WORD_RE.findall(_HIDDEN_RE.sub(" ", text[:20_000]))) >= 2  # bounded: a sentence, not a book


def refine(span: str) -> str:
    """The answer inside an anchored span that is a sentence.

    ``Final Answer: The final answer is $28\\%$. I hope it is correct.`` anchors the whole
    line; the answer is ``28\\%``. A span with at least two prose words (outside math and
    LaTeX commands) is cut at its first sentence end, then read by the "answer is"
    phrase, else its last math span with a digit, else its last number; a span with no
    such part is returned unchanged.

    >>> refine("The final answer is $28 \\\\%$. I hope it is correct.")
    '28 \\\\%'
    >>> refine("The volume of $ABCD$ is 120. I hope it is correct")
    '120'
    >>> refine("\\\\frac{1}{2}")
    '\\\\frac{1}{2}'
    """
    if len(span) > MAX_PHRASE_CHARS * 4 or not is_prose(span):
        return span
    found = _phrase(span)
    if found is not None and found.spans:
        return found.spans[0]
    cut = _SENTENCE_END_RE.search(span)
    sentence = span[: cut.start()] if cut else span
    math = _math_spans(sentence)
    if math is not None and any(ch.isdigit() for ch in math):
        return math.strip()
    number = _last_number(sentence)
    if number is not None and number.spans:
        return number.spans[0]
    return span


def _last_anchored(text: str, strict: Extraction) -> Extraction:
    """The anchored answer that starts last; ``strict`` is the full strict extraction of ``text``.

    Boxes joined only by "and", commas or spacing (``\\boxed{-2} \\text{ and } \\boxed{1}``)
    are one answer listing several values; two different answers close together with no
    correction word between them are a hedge.
    """
    if strict.problem is not None or not strict.spans:
        return strict
    if len(strict.spans) == 1:
        return _one(strict.spans[0], strict.total, text)
    starts = [m.start() for m in _ANCHOR_RE.finditer(text)]
    lower_line = _last_answer_line(text)
    if lower_line is not None:
        starts.append(lower_line)
    found: list[tuple[int, str]] = []
    for start in sorted(set(starts), reverse=True)[:MAX_BACKTRACK]:
        spans = extract_answers(text[start:]).spans
        if spans:
            found.append((start, spans[0]))
    if not found:
        return _one(strict.spans[-1], strict.total, text)
    last_start, last = found[0]
    group = [last]
    later = last_start
    for start, span in found[1:]:
        between = text[start:later]
        gap = between.replace(span, "", 1)
        if span == group[-1] and len(gap) >= HEDGE_GAP:
            break  # the same answer stated again earlier: nothing more to learn
        if len(gap) < HEDGE_GAP and _JOINER_RE.fullmatch(gap) and _JOIN_WORD_RE.search(gap):
            if span not in group:
                group.append(span)
            later = start
            continue
        if span != last and len(gap) < HEDGE_GAP and not _CORRECTION_RE.search(between) and len(group) == 1:
            return Extraction((span.strip(), last.strip()), "hedged between two answers", strict.total)
        break
    if len(group) > 1:
        return _one(", ".join(reversed(group)), strict.total, text)
    return _one(last, strict.total, text)


def _in_box(text: str, span: str) -> bool:
    """Whether ``span`` is the content of a ``\\boxed{}``/``\\fbox{}`` in ``text`` (box content is never refined)."""
    return re.search(r"\\(?:boxed|fbox)\s{0,3}\{\s{0,3}" + re.escape(span[:50]), text) is not None


def _last_answer_line(text: str) -> int | None:
    """Start of the last line that mentions "answer" (the strict rule decides if it is anchored)."""
    lower = text.lower()
    at = lower.rfind("answer")
    if at < 0:
        return None
    return text.rfind("\n", 0, at) + 1


def _final_phrase_after_anchors(text: str) -> Extraction | None:
    """A "final answer" phrase in the middle of a line after the last box or tag (the strict
    rule anchors only ``Final answer:`` at the start of a line)."""
    last_anchor = max(text.rfind("\\boxed"), text.rfind("\\fbox"), text.rfind("<answer>"), _last_answer_line(text) or -1)
    final = text.lower().rfind("final answer")
    if final < 0 or final <= last_anchor:
        return None
    return _phrase(text[final:])


def _gsm8k(text: str) -> Extraction | None:
    at = text.rfind("####")
    if at < 0:
        return None
    end = text.find("\n", at)
    span = text[at + 4 : end if end >= 0 else len(text)].strip()
    return _one(span[:MAX_PHRASE_CHARS]) if span else None


def _phrase(text: str) -> Extraction | None:
    last = _last_match(_PHRASE_RE, text)
    if last is None:
        return None
    rest = text[last.end() : last.end() + MAX_PHRASE_CHARS + 200]
    math = _leading_math(rest)
    if math is not None:
        return _one(math)
    cut = _SENTENCE_END_RE.search(rest)
    span = rest[: cut.start()] if cut else rest
    if len(span) > MAX_PHRASE_CHARS:
        return None
    span = span.strip().strip("*").strip().strip('"\\').strip()  # **bold**, "quoted" or \\"escaped quotes\\"
    return _one(span) if span else None


def _leading_math(rest: str) -> str | None:
    """The math span that ``rest`` starts with, when it starts with a delimiter."""
    stripped = rest.lstrip()
    m = _MATH_DELIM_RE.match(stripped)
    if m is None or m.group() not in _CLOSERS:
        return None
    closer = _CLOSERS[m.group()]
    end = stripped.find(closer, m.end())
    while end > 0 and closer == "$" and stripped[end - 1] == "\\":
        end = stripped.find(closer, end + 1)  # "$\\$1.50$": an escaped dollar sign is not the closer
    if end < 0:
        return None
    return stripped[m.end() : end]


def _math_spans(text: str) -> str | None:
    """The last math span (``$..$``, ``$$..$$``, ``\\(..\\)``, ``\\[..\\]``), found in one pass."""
    last = None
    opener = None
    start = 0
    for m in _MATH_DELIM_RE.finditer(text):
        token = m.group()
        if opener is None:
            if token in _CLOSERS:
                if token in ("$", "$$") and m.start() > 0 and text[m.start() - 1] == "\\":
                    continue  # an escaped dollar sign is text
                opener, start = token, m.end()
        elif token == _CLOSERS[opener]:
            if not (token == "$" and text[m.start() - 1] == "\\"):
                body = text[start : m.start()]
                if token == "$" and (is_prose(body) or (body[:1].isdigit() and body[-1:].isspace())):
                    start = m.end()  # "pays $2 per egg and makes $18": dollar amounts, not math
                    continue
                if body.strip():
                    last = body
                opener = None
    return last


def _last_number(text: str) -> Extraction | None:
    last = _last_match(_NUMBER_RE, text)
    if last is None:
        return None
    before = _PROSE_HEDGE_RE.search(text[max(0, last.start() - 40) : last.start()])
    if before is not None:  # "it is 72 or 73": a hedge between two numbers
        return Extraction((before.group(1), last.group()), "hedged between two answers", 2)
    return _one(last.group().rstrip(","))


def _last_number_word(text: str) -> Extraction | None:
    last = _last_match(_NUMBER_WORD_RE, text)
    return _one(last.group()) if last is not None else None


def extract(response: str, policy: str = "strict") -> Extraction:
    """The answer spans of ``response`` under ``policy`` (see the module docstring).

    ``strict`` may return several spans (the caller applies the conflicting-answers
    rule); ``last`` and ``flexible`` return at most one.

    >>> extract("Answer: 5\\nAnswer: 7", "last").spans
    ('7',)
    >>> extract("#### 1,234", "flexible").spans
    ('1,234',)
    >>> extract("no digits here", "flexible").spans
    ()
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown extraction policy {policy!r}; use one of {', '.join(POLICIES)}")
    strict = extract_answers(response)
    if policy == "strict" or not isinstance(response, str) or len(response) > MAX_RESPONSE_CHARS:
        return strict
    text = _after_think(response)
    if strict.spans or strict.problem is not None:
        if policy == "flexible" and strict.problem is None:
            later = _final_phrase_after_anchors(text)
            if later is not None and later.spans:
                return later  # "... \\boxed{255} ... Final Answer: The final answer is $10,455$."
        return _last_anchored(text, strict)
    if policy == "last":
        return strict
    if "\\boxed" in text or "\\fbox" in text:
        # an answer was boxed but the box never closes (or is empty): the weaker stages would
        # read a number out of the broken box, so there is no answer
        return Extraction((), "a \\boxed{...} answer that never closes", 0)
    for stage in (_gsm8k, _phrase):
        found = stage(text)
        if found is not None and (found.spans or found.problem):
            return found
    math = _math_spans(text)
    if math is not None:
        return _one(math)
    return _last_number(text) or _last_number_word(text) or Extraction((), None, 0)
