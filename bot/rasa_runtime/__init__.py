"""Rasa's own server, started with this project's adjustments installed first.

`python -m bot.rasa_runtime run …` takes exactly the arguments of `rasa run` (and `shell`, …).
What Rasa's extension points can do is done through them, whatever command starts Rasa: the
tracker store class (bot/storage/tracker_store.py: loading, saving, masking, SQLite), the
channel classes (connectors/: masking on arrival, identity), the NLU components and the lock
store, all named in the YAML files. What they cannot reach is adjusted here: each module has an
`install()` that wraps one Rasa function and says why in its docstring. They replace Rasa
internals, so before any is installed the Rasa version and every function they wrap are
checked, and Rasa does not start if one is missing: a Rasa upgrade must be looked at, not
silently lose the masking of personal data in requests and logs.
"""

from importlib import import_module
from typing import Callable, List

from bot.monitoring import init_sentry
from bot.rasa_runtime import (action_response_validation, action_server_down, diet_inference,
                               error_reporting, event_types, language_slot, personal_data,
                               prediction_states)

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
]


SUPPORTED_RASA = "3.6."
# What the adjustments wrap (module, attribute path).
TARGETS = [
    ("rasa.core.channels.channel", "UserMessage.__init__"),  # personal_data: privacy
    ("rasa.utils.log_utils", "_anonymizer"),  # personal_data: privacy
    ("rasa.core.actions.action", "RemoteAction._validate_action_result"),
    ("rasa.core.actions.action", "RemoteAction.run"),
    ("rasa.core.processor", "MessageProcessor._run_action"),
    ("rasa.utils.tensorflow.models", "RasaModel._rasa_predict"),
    ("rasa.telemetry", "initialize_error_reporting"),
    ("rasa.shared.core.events", "Event.resolve_by_type"),
    ("rasa.core.actions.action", "ActionExtractSlots._execute_validation_action"),
    ("rasa.shared.core.domain", "Domain.states_for_tracker_history"),
]


class UnsupportedRasa(SystemExit):
    pass


def check_targets(version: str) -> None:
    if not version.startswith(SUPPORTED_RASA):
        raise UnsupportedRasa(f"Rasa {version} is not {SUPPORTED_RASA}x, which bot/rasa_runtime "
                              "adjusts: refusing to start.")
    for module, path in TARGETS:
        found = import_module(module)
        for name in path.split("."):
            found = getattr(found, name, None)
        if not callable(found):
            raise UnsupportedRasa(f"Rasa {version} has no {module}.{path}, which bot/rasa_runtime "
                                  "adjusts: refusing to start.")


def install_adjustments() -> None:
    from rasa import __version__

    init_sentry("rasa")
    check_targets(__version__)
    for install in ADJUSTMENTS:
        install()
