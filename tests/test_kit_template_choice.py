"""envs/_kit/template_choice.py: one template per round, filled with values drawn before the pick."""

import numpy as np

from textbook_gym.envs._kit.template_choice import one_template_exposition, one_template_round

TEMPLATES = ["{n} squared is {square}.", "{n} cubed is {cube}.", "{n} plus one is {next}."]


def _values(rng):
    n = int(rng.integers(2, 40))
    return {"n": n, "square": n * n, "cube": n**3, "next": n + 1}


def test_values_are_drawn_before_the_template_is_picked():
    rng, replay = np.random.default_rng(11), np.random.default_rng(11)
    fields = _values(replay)
    template = TEMPLATES[int(replay.integers(0, len(TEMPLATES)))]
    assert one_template_round(rng, TEMPLATES, _values) == [template.format(**fields)]
    assert rng.random() == replay.random()  # both generators consumed exactly the same draws


def test_exposition_gives_distinct_true_passages_and_a_fresh_list_each_call():
    class Numbers:
        exposition = one_template_exposition(3, 40, TEMPLATES, _values)

    passages = Numbers().exposition()
    assert len(passages) >= 40 and len(set(passages)) == len(passages)
    for text in passages:
        number = int(text.split()[0])
        assert text in {template.format(**{"n": number, "square": number * number, "cube": number**3,
                                           "next": number + 1}) for template in TEMPLATES}
    passages.clear()
    assert len(Numbers().exposition()) >= 40


def test_a_round_whose_values_cannot_serve_writes_nothing_and_draws_no_template():
    def values_or_none(rng):
        n = int(rng.integers(0, 3))
        return None if n == 0 else {"n": n, "square": n * n, "cube": n**3, "next": n + 1}

    rng, replay = np.random.default_rng(5), np.random.default_rng(5)
    rounds = [one_template_round(rng, TEMPLATES, values_or_none) for _ in range(30)]
    assert [] in rounds and any(rounds)  # both outcomes occur with this seed
    for passages in rounds:
        fields = values_or_none(replay)
        if fields is None:
            assert passages == []
        else:
            assert passages == [TEMPLATES[int(replay.integers(0, len(TEMPLATES)))].format(**fields)]
    assert rng.random() == replay.random()
