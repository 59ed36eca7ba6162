"""Validate the action server's responses with a validator built once.

Rasa 3.6 checks every custom action's response with `jsonschema.validate`, which first checks
Rasa's own (constant) response schema against the JSON Schema metaschema and builds a new
validator: about 20 ms of CPU per call, on every message that runs a custom action (most do
here), which was half of a turn's CPU time in the Rasa process. This builds the validator for
the same schema once and raises the same error (`jsonschema.validate` raises
`best_match` of the validator's errors) with the same message Rasa adds.
"""

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # once, as jsonschema.validate does on every call
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once."""
    error = best_match(_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
