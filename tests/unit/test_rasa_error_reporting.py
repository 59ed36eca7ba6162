"""Rasa's own error reporting does not replace the project's Sentry client."""

import pytest

from bot.rasa_runtime import error_reporting


@pytest.fixture
def rasa_reporting(monkeypatch):
    from rasa import telemetry

    calls = []
    monkeypatch.setattr(telemetry, "initialize_error_reporting", lambda: calls.append("rasa"))
    error_reporting.install()
    return telemetry, calls


def test_rasas_reporting_is_skipped_while_the_projects_sentry_is_on(rasa_reporting, monkeypatch):
    telemetry, calls = rasa_reporting
    monkeypatch.setenv("SENTRY_DSN", "http://key@127.0.0.1:9/1")
    telemetry.initialize_error_reporting()
    assert calls == []


def test_without_a_dsn_rasa_reports_as_usual(rasa_reporting, monkeypatch):
    telemetry, calls = rasa_reporting
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    telemetry.initialize_error_reporting()
    assert calls == ["rasa"]
