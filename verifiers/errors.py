"""Exceptions used inside the verifier stack (they never escape ``verify``)."""


class ParseError(ValueError):
    """The answer span is not a valid rendering of the expected answer type.

    The message becomes the ``reason`` of an UNPARSEABLE verdict, so it should say
    what was wrong in words a person reading a training log understands.
    """


class LimitError(ParseError):
    """The answer exceeds a resource guard (length, nesting, digits, result size, overflow).

    A subclass of ParseError (the verdict is UNPARSEABLE), kept apart so that a
    caller with a fallback parser does not hand a refused bomb to a slower one.
    """


class VerificationTimeout(Exception):
    """A comparison could not be decided within its deadline (or its resource limits).

    Raised by comparators inside :func:`~textbook_gym.verifiers.check.check_answer`,
    which turns it into a TIMEOUT verdict: undecided is not the same as wrong.
    """


class GoldError(Exception):
    """The gold answer itself cannot be used (unreadable, or a value no answer may be compared with).

    :func:`~textbook_gym.verifiers.check.check_answer` turns it into an ERROR verdict:
    the data set is at fault, not the model, and no answer earns credit against it.
    """
