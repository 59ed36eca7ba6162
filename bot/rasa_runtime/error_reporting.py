"""With SENTRY_DSN set, errors of the Rasa server go to the project's Sentry, scrubbed.

`rasa run` starts Rasa's own error reporting (rasa.telemetry.initialize_error_reporting),
which calls `sentry_sdk.init` again with Rasa's telemetry project and so replaces the client
that bot.monitoring.init_sentry set up: the project's Sentry never heard of a Rasa error.
While the project's Sentry is on, Rasa's is skipped; without SENTRY_DSN it runs as usual.
"""

from functools import wraps

from bot.monitoring import sentry_configured


def install() -> None:
    from rasa import telemetry

    rasa_error_reporting = telemetry.initialize_error_reporting

    @wraps(rasa_error_reporting)
    def initialize_error_reporting() -> None:
        if not sentry_configured():
            rasa_error_reporting()

    telemetry.initialize_error_reporting = initialize_error_reporting
