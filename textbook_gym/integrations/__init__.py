"""Integrations with other libraries (TRL, reasoning-gym)."""
