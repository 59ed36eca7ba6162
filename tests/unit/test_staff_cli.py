"""`python -m bot staff add-user`: accounts created from the operator's terminal."""

import io

from bot.__main__ import main
from bot.staff import accounts
from bot.storage.database import session_scope
from bot.storage.models import StaffUser


def _users(database_url):
    with session_scope(database_url) as db:
        return {u.name: u.password_hash for u in db.query(StaffUser)}


def test_add_user_from_stdin_then_log_in(tmp_path, monkeypatch, capsys):
    database_url = f"sqlite:///{tmp_path / 'assistant.db'}"
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("umi-no-hi-0720\n"))
    assert main(["staff", "add-user", "sato", "--password-stdin"]) == 0
    assert "Created staff account 'sato'." in capsys.readouterr().out
    assert "umi-no-hi-0720" not in _users(database_url)["sato"]
    assert accounts.log_in("sato", "umi-no-hi-0720", "127.0.0.1", database_url).outcome == "ok"

    monkeypatch.setattr("sys.stdin", io.StringIO("another-password\n"))
    assert main(["staff", "add-user", "sato", "--password-stdin"]) == 1
    assert "already exists" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["staff", "add-user", "kato", "--password-stdin"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert set(_users(database_url)) == {"sato"}


def test_add_user_prompts_twice(tmp_path, monkeypatch, capsys):
    database_url = f"sqlite:///{tmp_path / 'assistant.db'}"
    monkeypatch.setenv("DATABASE_URL", database_url)
    answers = iter(["hoshi-zora-123", "hoshi-zora-124"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["staff", "add-user", "ito"]) == 1
    assert "differ" in capsys.readouterr().err and _users(database_url) == {}
    answers = iter(["hoshi-zora-123", "hoshi-zora-123"])
    assert main(["staff", "add-user", "ito"]) == 0
    assert set(_users(database_url)) == {"ito"}
