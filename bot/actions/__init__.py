"""Custom actions served by the rasa-sdk action server (`rasa run actions --actions bot.actions`)."""

from bot.monitoring import init_sentry

init_sentry("action-server")

from bot.actions.language import ValidateLanguage  # noqa: E402  (actions register on import)

__all__ = ["ValidateLanguage"]
