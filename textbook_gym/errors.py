"""Errors a user can fix, and the "did you mean" helper their messages use.

An ordinary mistake (an unknown family name, a level out of range, a missing file,
a bad configuration value) raises :class:`UsageError`: the command line prints its
message as one line, ``textbook-gym: error: <message>``, and exits with status 2;
Python callers catch it as the :class:`ValueError` it also is. The message names
the cause and the fix; anything else that escapes is a bug and keeps its traceback.

:class:`UnknownNameError` is the same for an unknown name, and also a
:class:`KeyError`, so code that looked names up with ``except KeyError`` keeps
working; its ``str()`` is the plain message (a bare ``KeyError`` would quote it).

>>> suggest("Arithmetc", ["Arithmetic", "Fractions"])
"did you mean 'Arithmetic'?"
>>> str(unknown_name("family", "Fractons", ["Arithmetic", "Fractions"]))
"unknown family 'Fractons'; did you mean 'Fractions'? (see `textbook-gym list` for all of them)"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

EXIT_USAGE = 2
"""Exit status of a command that stopped on a usage error (as argparse, git and pip use)."""
EXIT_INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


class UsageError(ValueError):
    """A mistake in what the user asked for; the message says what is wrong and how to fix it."""


class UnknownNameError(UsageError, KeyError):
    """An unknown family, env id, suite, preset or field name."""

    def __str__(self) -> str:  # KeyError.__str__ would wrap the message in quotes
        return str(self.args[0]) if self.args else ""


def suggest(name: str, choices: Iterable[str], n: int = 3) -> str:
    """``"did you mean 'X'?"`` (or ``'X' or 'Y'``) for the closest choices; ``""`` when none is close.

    Case is ignored when matching, so ``arithmetic`` finds ``Arithmetic``.
    """
    options = sorted({str(c) for c in choices})
    by_lower: dict[str, str] = {}
    for option in options:
        by_lower.setdefault(option.lower(), option)
    close = difflib.get_close_matches(str(name).lower(), list(by_lower), n=n, cutoff=0.6)
    if not close:
        return ""
    names = [repr(by_lower[c]) for c in close]
    return "did you mean " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]) + "?"


def unknown_name(kind: str, name: str, choices: Iterable[str], listing: str = "") -> UnknownNameError:
    """The error for an unknown ``kind`` called ``name``: the closest choices, then where to see all.

    ``listing`` says where to look (``"see `textbook-gym list` for all of them"``); by
    default the choices themselves are listed when there are at most 12.
    """
    choices = sorted({str(c) for c in choices})
    message = f"unknown {kind} {name!r}"
    hint = suggest(name, choices)
    if hint:
        message += f"; {hint}"
    if not listing and kind == "family":
        listing = "see `textbook-gym list` for all of them"
    if listing:
        message += f" ({listing})"
    elif choices and len(choices) <= 12:
        message += f" (choose from {', '.join(choices)})"
    elif not choices:
        message += " (none are registered)"
    return UnknownNameError(message)
