"""Rasa's own server, started with this project's adjustments installed first.

`python -m bot.rasa_runtime run …` takes exactly the arguments of `rasa run` (and `shell`, …).
Rasa 3.6 has no hooks for what a public service needs around a turn, so each adjustment is a
small module of this package with an `install()` that wraps one Rasa function, says why in its
docstring and is tested on a real Rasa server. Everything else is stock Rasa.
"""

from typing import Callable, List

from bot.monitoring import init_sentry
from bot.rasa_runtime import (action_response_validation, action_server_down, diet_inference,
                               error_reporting, event_types, language_slot, personal_data,
                               prediction_states, sqlite_tracker_store, tracker_loading,
                               tracker_saving)

# Each entry wraps one Rasa function; order does not matter.
ADJUSTMENTS: List[Callable[[], None]] = [
    action_response_validation.install,
    action_server_down.install,
    diet_inference.install,
    error_reporting.install,
    event_types.install,
    language_slot.install,
    personal_data.install,
    prediction_states.install,
    sqlite_tracker_store.install,
    tracker_loading.install,
    tracker_saving.install,
]


def install_adjustments() -> None:
    init_sentry("rasa")
    for install in ADJUSTMENTS:
        install()
