"""The embedded tiny model and its character-level tokenizer."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from textbook_gym.agents.backends.prompts import encode  # noqa: E402
from textbook_gym.agents.models import (  # noqa: E402
    ALPHABET,
    build_tiny_model,
    count_parameters,
    load_model,
    load_tokenizer,
)

TEXTBOOK_TEXT = "Evaluate (12 − 3 × (−4)) ÷ 6.\n√16 ≤ π·2 ≥ 1\nAnswer: \\boxed{42}"


def test_saved_directory_has_hugging_face_files(tiny_model_dir):
    names = {p.name for p in tiny_model_dir.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"} <= names


def test_tiny_model_has_about_a_million_parameters(tiny_model_dir):
    assert 500_000 <= count_parameters(load_model(tiny_model_dir)) <= 1_500_000


def test_small_model_has_two_to_three_million_parameters(tmp_path):
    assert 2_000_000 <= count_parameters(load_model(build_tiny_model("small", tmp_path))) <= 3_000_000


def test_loads_as_a_llama_in_float32(tiny_model_dir):
    model = load_model(tiny_model_dir)
    assert model.config.model_type == "llama"
    assert next(model.parameters()).dtype == torch.float32


def test_same_seed_gives_the_same_weights(tmp_path, tiny_model_dir):
    again = load_model(build_tiny_model("tiny", tmp_path, seed=0)).state_dict()
    first = load_model(tiny_model_dir).state_dict()
    assert all(torch.equal(first[k], again[k]) for k in first)


def test_another_seed_gives_other_weights(tmp_path, tiny_model_dir):
    other = load_model(build_tiny_model("tiny", tmp_path, seed=1)).state_dict()
    first = load_model(tiny_model_dir).state_dict()
    assert not torch.equal(first["model.embed_tokens.weight"], other["model.embed_tokens.weight"])


def test_unknown_size_names_the_choices(tmp_path):
    with pytest.raises(ValueError, match="tiny"):
        build_tiny_model("huge", tmp_path)


def test_tokenizer_round_trips_textbook_text(tiny_model_dir):
    tokenizer = load_tokenizer(tiny_model_dir)
    ids = tokenizer(TEXTBOOK_TEXT, add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids) == TEXTBOOK_TEXT


def test_tokenizer_is_one_token_per_character(tiny_model_dir):
    tokenizer = load_tokenizer(tiny_model_dir)
    assert len(tokenizer(TEXTBOOK_TEXT, add_special_tokens=False)["input_ids"]) == len(TEXTBOOK_TEXT)


def test_every_alphabet_character_has_its_own_token(tiny_model_dir):
    tokenizer = load_tokenizer(tiny_model_dir)
    ids = tokenizer(ALPHABET, add_special_tokens=False)["input_ids"]
    assert tokenizer.unk_token_id not in ids


def test_unknown_characters_become_unk(tiny_model_dir):
    tokenizer = load_tokenizer(tiny_model_dir)
    assert tokenizer("日", add_special_tokens=False)["input_ids"] == [tokenizer.unk_token_id]


def test_special_tokens_are_distinct(tiny_model_dir):
    tokenizer = load_tokenizer(tiny_model_dir)
    ids = {tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id, tokenizer.unk_token_id}
    assert len(ids) == 4 and None not in ids


def test_chat_template_renders_each_role(tiny_model_dir):
    tokenizer = load_tokenizer(tiny_model_dir)
    messages = [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert text == "<s><|user|>2+2?\n<|assistant|>4</s>\n<|assistant|>"


def test_encoded_conversation_starts_with_exactly_one_bos(tiny_model_dir):
    tokenizer = load_tokenizer(tiny_model_dir)
    ids = encode(tokenizer, [{"role": "user", "content": "2+2?"}])
    assert ids[0] == tokenizer.bos_token_id and ids.count(tokenizer.bos_token_id) == 1


def test_missing_model_directory_error_names_the_fix(tmp_path):
    with pytest.raises(OSError, match="build_tiny_model"):
        load_model(tmp_path / "missing")
