"""Error reports never carry what residents wrote."""

import json

from bot.monitoring import init_sentry, scrub_event


def test_nothing_happens_without_a_dsn(monkeypatch):
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    assert init_sentry("test") is False


def test_scrubber_removes_message_text_everywhere():
    secret = "私のマイナンバーは123456789012です"
    event = {
        "user": {"id": "U123"},
        "request": {"url": "http://x/webhook", "data": {"message": secret}, "cookies": "s=1"},
        "exception": {"values": [{"type": "KeyError", "stacktrace": {"frames": [
            {"function": "run", "vars": {"text": secret}}]}}]},
        "breadcrumbs": {"values": [{"message": secret, "category": "http"}]},
        "extra": {"tracker": {"latest_message": {"text": secret}}},
    }
    scrubbed = scrub_event(event)
    assert secret not in json.dumps(scrubbed, ensure_ascii=False)
    assert scrubbed["exception"]["values"][0]["type"] == "KeyError"  # the error itself stays
    assert scrubbed["request"]["url"] == "http://x/webhook"


def test_sentry_starts_with_pii_off_and_the_scrubber(monkeypatch):
    import sentry_sdk

    captured = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: captured.update(kwargs))
    monkeypatch.setenv("SENTRY_DSN", "https://key@sentry.invalid/1")
    assert init_sentry("action-server") is True
    assert captured["send_default_pii"] is False
    assert captured["before_send"] is scrub_event
    assert captured["with_locals"] is False
    assert captured["auto_enabling_integrations"] is False  # Sanic's breaks Rasa's server


def test_scrubber_masks_personal_data_in_whatever_text_is_left():
    my_number = "1234-5678-9018"  # a valid check digit
    event = {
        "event_id": "0123456789ab123456789018cdef0123",
        "logentry": {"message": "handling %s failed", "params": [f"番号 {my_number}"]},
        "exception": {"values": [{"type": "OperationalError",
                                  "value": f"database is locked [parameters: ('{my_number}',)]"}]},
    }
    scrubbed = scrub_event(event)
    assert my_number not in json.dumps(scrubbed, ensure_ascii=False)
    assert scrubbed["logentry"]["params"] == ["番号 [個人番号]"]
    assert scrubbed["exception"]["values"][0]["value"].startswith("database is locked")
    assert scrubbed["event_id"] == "0123456789ab123456789018cdef0123"  # identifiers stay
