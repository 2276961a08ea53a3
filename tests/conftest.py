"""Shared pytest configuration.

Session-scoped fixtures for slow components (the tiny model, the vLLM engine, a
`vllm serve` process) live in their own plugin modules listed below, so that one
instance serves the whole test session.
"""

import os

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

pytest_plugins = ["fixtures_models"]
