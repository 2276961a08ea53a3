"""Exceptions used inside the verifier stack (they never escape ``verify``)."""


class ParseError(ValueError):
    """The answer span is not a valid rendering of the expected answer type.

    The message becomes the ``reason`` of an UNPARSEABLE verdict, so it should say
    what was wrong in words a person reading a training log understands.
    """
