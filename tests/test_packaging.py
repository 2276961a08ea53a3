"""Packaging: the wheel's layout and third-party family plugins through entry points."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = Path(__file__).resolve().parent / "plugins"


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT))
    (path,) = out.glob("textbook_gym-*.whl")
    return path


def test_wheel_installs_no_top_level_verifiers_envs_or_agents(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert not top & {"verifiers", "envs", "agents", "tests", "benchmarks"}
    assert "textbook_gym/verifiers/check.py" in names
    assert "textbook_gym/envs/arithmetic.py" in names
    assert "textbook_gym/agents/__init__.py" in names


def test_installed_wheel_imports_and_makes_envs(wheel, tmp_path):
    target = tmp_path / "site"
    _pip("install", "--no-deps", "--target", str(target), str(wheel))
    code = (
        "import sys, gymnasium as gym\n"
        "env = gym.make('textbook_gym:textbook/Arithmetic-v1')\n"
        "import textbook_gym.verifiers as v\n"
        "print(v.__file__.startswith(sys.argv[1]), env.reset(seed=0)[0][:7])\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(target)], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.split() == ["True", "What", "is"]


def _install_plugin(name: str, target: Path) -> None:
    _pip("install", "--no-deps", "--no-build-isolation", "--target", str(target), str(PLUGINS / name))


def test_plugin_family_registers_through_entry_points(tmp_path):
    target = tmp_path / "site"
    _install_plugin("good", target)
    code = (
        "import gymnasium as gym, textbook_gym\n"
        "assert 'PluginEcho' in textbook_gym.list_families()\n"
        "env = gym.make('textbook/PluginEcho-v3', difficulty=2)\n"
        "obs, info = env.reset(seed=0)\n"
        "print(env.step(f\"\\\\boxed{{{info['answer']}}}\")[1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1.0"


def test_broken_plugin_logs_a_warning_and_import_still_works(tmp_path):
    target = tmp_path / "site"
    _install_plugin("broken", target)
    code = "import textbook_gym\nprint('Arithmetic' in textbook_gym.list_families())\n"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
    assert "skipping family plugin 'broken'" in out.stderr and "broken on purpose" in out.stderr
