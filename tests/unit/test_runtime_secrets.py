"""Secrets generated for a run mode without configuration: random, stable, private."""

import concurrent.futures
import stat

from bot.runtime_secrets import runtime_secret


def test_a_configured_secret_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("RASA_TOKEN", "from-the-operator")
    assert runtime_secret("RASA_TOKEN", tmp_path) == "from-the-operator"
    assert list(tmp_path.iterdir()) == []


def test_a_generated_secret_is_random_kept_and_readable_only_by_its_owner(tmp_path, monkeypatch):
    monkeypatch.delenv("RASA_TOKEN", raising=False)
    first = runtime_secret("RASA_TOKEN", tmp_path)
    assert len(first) >= 40 and runtime_secret("RASA_TOKEN", tmp_path) == first
    assert runtime_secret("RASA_TOKEN", tmp_path / "elsewhere") != first
    (stored,) = [path for path in tmp_path.iterdir() if path.is_file()]
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


def test_servers_starting_together_share_one_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("WEBCHAT_SESSION_SECRET", raising=False)
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        values = set(pool.map(lambda _: runtime_secret("WEBCHAT_SESSION_SECRET", tmp_path),
                              range(32)))
    assert len(values) == 1
