"""Rasa's own checks on the project: data validation and conversation tests."""

import subprocess
import sys

import pytest

from bot.model_store import ensure_model, rasa_environment
from tests.conftest import PROJECT_ROOT


def _rasa(*args, timeout=900):
    env = rasa_environment()
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args], cwd=PROJECT_ROOT, env=env,
        capture_output=True, text=True, timeout=timeout,
    )


def test_rasa_data_validate_has_no_warnings():
    result = _rasa("data", "validate", "--data", "bot/data", "--domain", "domain.yml",
                   "--config", "config.yml", "--fail-on-warnings")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    assert "UserWarning" not in output, output[-5000:]


@pytest.mark.server
def test_conversation_stories_pass(tmp_path):
    model = ensure_model(quiet=True)
    result = _rasa("test", "core", "--model", str(model), "--stories", "tests/stories",
                   "--out", str(tmp_path), "--fail-on-prediction-errors")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    assert "None of the test stories failed" in (tmp_path / "failed_test_stories.yml").read_text()
