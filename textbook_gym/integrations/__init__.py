"""Integrations with other libraries: trainers, environment servers and peers.

* ``trl`` — textbook verifiers as TRL reward functions (single-turn GRPO);
* ``trl_env`` — TRL ``environment_factory`` environments (a ``submit_answer`` tool, trial and error);
* ``verl`` — parquet rows in verl's schema, ``compute_score``, and a tool for verl's tool agent loop;
* ``openrlhf_reward`` / ``openrlhf_agent`` — OpenRLHF reward and agent files (loaded by path);
* ``openenv_server`` — every family over OpenEnv WebSocket sessions, with a client (``textbook-gym serve``);
* ``verifiers_env`` — verifiers / prime-rl through verifiers' OpenEnv taskset;
* ``skyrl`` — a SkyRL text environment;
* ``reasoning_gym`` — reasoning-gym as a peer.

``common`` holds what they share: task rows that rebuild a problem from its seed, and
episodes played through :class:`textbook_gym.TextbookEnv`. See docs/integrations.md.
"""
