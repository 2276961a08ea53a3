"""Unicode and LaTeX-wrapper normalization of an extracted answer span.

The policy, applied before any typed parser:

* Invisible characters are refused, not stripped: zero-width space/joiners
  (U+200B..U+200D), word joiner (U+2060), BOM (U+FEFF), soft hyphen (U+00AD) and
  the bidirectional controls (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F).
  Stripping them would let ``1\\u200b2`` pass as 12; refusing makes the verdict
  UNPARSEABLE with a reason that names the character.
* Superscript runs become exponents before NFKC: ``x²`` is ``x^{2}`` and ``4²`` is
  ``4^{2}`` (NFKC alone would turn ``4²`` into the different number ``42``);
  subscript runs become ``_{...}``.
* NFKC folds compatibility forms: fullwidth ``４２`` becomes ``42``.
* U+2212 MINUS SIGN (and the small/fullwidth hyphen-minus through NFKC) is read as
  ``-``. Other dashes (en dash, em dash) are not minus signs and stay as they are.
* Digits must be ASCII after NFKC: Arabic-Indic, Devanagari and other scripts'
  digits, and look-alike letters such as Cyrillic ``О`` for zero, are not numbers.
* Presentation wrappers are removed: surrounding ``$``/``$$``, ``\\(...\\)``,
  ``\\[...\\]``, ``\\displaystyle``, a whole-span ``\\text{...}``/``\\mathrm{...}``,
  markdown bold, and one trailing period.
"""

from __future__ import annotations

import re
import unicodedata

from textbook_gym.verifiers.errors import ParseError

_INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "SOFT HYPHEN",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x202A, 0x202F)},
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x2066, 0x206A)},
}
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")
_MINUS_TRANS = str.maketrans({"\u2212": "-"})
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ"
_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"
_SCRIPT_PLAIN = "0123456789+-=()n"
_SUPER_RE = re.compile(f"[{_SUPERSCRIPTS}]+")
_SUB_RE = re.compile(f"[{_SUBSCRIPTS}]+")
_SUPER_TRANS = str.maketrans(_SUPERSCRIPTS, _SCRIPT_PLAIN)
_SUB_TRANS = str.maketrans(_SUBSCRIPTS, _SCRIPT_PLAIN[: len(_SUBSCRIPTS)])
_WRAPPERS = (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"), ("**", "**"))
_TEXT_WRAP_RE = re.compile(r"^\\(?:text|mathrm|textbf|mathbf)\s*\{([^{}]*)\}$")


def normalize_span(span: str) -> str:
    """Apply the module's normalization policy; raises ParseError for refused input."""
    bad = _INVISIBLE_RE.search(span)
    if bad:
        raise ParseError(f"answer contains the invisible character U+{ord(bad.group()):04X} {_INVISIBLE[bad.group()]}")
    if _SUPER_RE.search(span) or _SUB_RE.search(span):
        span = _SUPER_RE.sub(lambda m: "^{" + m.group().translate(_SUPER_TRANS) + "}", span)
        span = _SUB_RE.sub(lambda m: "_{" + m.group().translate(_SUB_TRANS) + "}", span)
    text = unicodedata.normalize("NFKC", span).translate(_MINUS_TRANS).strip()
    changed = True
    while changed and text:
        changed = False
        for left, right in _WRAPPERS:
            if len(text) >= len(left) + len(right) and text.startswith(left) and text.endswith(right):
                text = text[len(left) : len(text) - len(right)].strip()
                changed = True
        if text.startswith("\\displaystyle"):
            text = text[len("\\displaystyle") :].strip()
            changed = True
        m = _TEXT_WRAP_RE.match(text)
        if m:
            text = m.group(1).strip()
            changed = True
        if text.endswith(".") and not text.endswith(".."):
            text = text[:-1].rstrip()
            changed = True
    return text
