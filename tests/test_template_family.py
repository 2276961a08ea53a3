"""The template family (envs/_template.py) passes every check a real family must pass.

The template is not a built-in, so this module registers it under a test-only name
for its own tests and removes it afterwards (a family left in the registry would join
every registry-wide test collected after this one). The checks are the suite's own:
the conformance, canonical-answer and reward-hack tests are called with the test-only
name instead of being written again, so the template can never pass an easier bar.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import gymnasium as gym
import numpy as np
import pytest
import test_canonical_answers as canonical
import test_env_conformance as conformance
import test_export_levels as export_levels
import test_exposition_facts as exposition_facts
import test_hints as hints
import test_reward_hacks as hacks
import test_space_sizes as space_sizes
from helpers import episode_digest

import textbook_gym
from textbook_gym import registry
from textbook_gym.envs import _template


class TemplateUnderTest(_template.Template):
    name = "TemplateUnderTest"


NAME = TemplateUnderTest.name
ENV_ID = TemplateUnderTest().env_id
DIGEST_OPTIONS = {"max_attempts": 2, "difficulty": "1-10"}


def _register() -> None:
    registry.register_family(TemplateUnderTest)


@pytest.fixture(scope="module", autouse=True)
def registered():
    _register()
    yield
    registry._FAMILIES.pop(NAME, None)
    gym.registry.pop(ENV_ID, None)


def test_the_template_is_not_a_built_in():
    assert _template.__name__.rsplit(".", 1)[-1].startswith("_")  # the registry skips such modules
    assert "Template" not in textbook_gym.list_families()


@pytest.mark.parametrize("check", [
    conformance.test_check_env_passes_without_warnings,
    conformance.test_same_seed_same_bytes_in_process,
    conformance.test_pickle_round_trip_mid_episode,
    conformance.test_rewards_finite_and_in_range,
    conformance.test_step_before_reset_raises,
    conformance.test_boxed_info_answer_is_correct_through_the_env,
], ids=lambda check: check.__name__)
def test_environment_conformance(check):
    check(ENV_ID)


@pytest.mark.parametrize("vector_cls", [gym.vector.SyncVectorEnv, gym.vector.AsyncVectorEnv])
def test_vector_envs(vector_cls):
    conformance.test_vector_envs(ENV_ID, vector_cls)


@pytest.mark.parametrize("check", [
    conformance.test_worked_solutions_verify_300_seeds_every_level,
    conformance.test_difficulty_changes_the_problem,
    conformance.test_exposition_has_100_distinct_passages,
    conformance.test_problem_json_round_trip,
    conformance.test_worked_solution_reveals_steps_not_the_answer_as_hints,
    canonical.test_boxed_answer_text_is_correct_at_every_level,
    canonical.test_answer_text_is_not_a_python_repr,
    canonical.test_answer_text_survives_a_json_round_trip,
    canonical.test_problem_answer_text_uses_the_family,
    hacks.test_no_hack_earns_credit,
    hints.test_every_level_has_informative_hints,
    exposition_facts.test_exposition_arithmetic_is_true,
    exposition_facts.test_exposition_named_facts_are_true,
    space_sizes.test_every_level_states_its_space_size,
    space_sizes.test_stated_space_sizes_bound_what_is_drawn,
    space_sizes.test_every_level_has_enough_distinct_test_problems,
], ids=lambda check: check.__name__)
def test_family_checks(check):
    check(NAME)


@pytest.mark.parametrize("level", range(1, 11))
@pytest.mark.parametrize("check", [export_levels.test_both_splits_yield_problems,
                                   export_levels.test_level_has_enough_distinct_problems],
                         ids=lambda check: check.__name__)
def test_every_level_exports(check, level):
    check(NAME, level)


def test_same_bytes_in_a_fresh_process():
    env = dict(os.environ, PYTHONHASHSEED="4242")
    out = subprocess.run([sys.executable, __file__], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == episode_digest(ENV_ID, **DIGEST_OPTIONS)


@pytest.mark.parametrize("level", [1, 4])
def test_space_sizes_are_exact(level):
    family = textbook_gym.get_family(NAME)
    rng = np.random.default_rng([20, level])
    seen = {family.generate(rng, level).question for _ in range(5000)}
    assert family.space_size(level) == (len(seen), True)


if __name__ == "__main__":  # the fresh process of test_same_bytes_in_a_fresh_process
    _register()
    print(json.dumps(episode_digest(ENV_ID, **DIGEST_OPTIONS)))
