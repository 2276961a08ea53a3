"""The family kit: what every family module would otherwise write again.

A family module is its specification (the module docstring), its problem kinds and
its domain functions; everything shared lives here, one concept per module:

* :mod:`.draw` — integers, choices and signs drawn from an explicit numpy Generator,
* :mod:`.formats` — exact numbers written as text (fractions, decimals, signed terms),
* :mod:`.passages` — the exposition loop (render templates, keep distinct texts),
* :mod:`.kinds` — the table of a multi-kind family (draw, question, solve per kind).

The kit is private (``_kit``): families import from it, users never need to. Adding
a helper here is worth it when a second family needs the same thing with the same
meaning; a helper with another meaning gets another name.
"""
