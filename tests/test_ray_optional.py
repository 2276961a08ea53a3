"""Ray is an optional extra: the core never imports it, and the distributed API says how to get it."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_core_and_the_distributed_package_import_without_ray():
    code = (
        "import sys\n"
        "sys.modules['ray'] = None  # any `import ray` now fails\n"
        "import textbook_gym, textbook_gym.cli, textbook_gym.evaluate, textbook_gym.agents.rollout\n"
        "import textbook_gym.verifiers.registry\n"
        "import textbook_gym.distributed as d\n"
        "from textbook_gym.distributed import dispatch, evaluation, rollouts, weights\n"
        "try:\n"
        "    d.RayVerifierPool()\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert "pip install 'textbook-gym[ray]'" in result.stdout


def test_importing_textbook_gym_does_not_load_ray():
    result = _run("import sys, textbook_gym, textbook_gym.evaluate, textbook_gym.distributed\n"
                  "print('ray' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
