"""A conversation's states are built once per event added, not once per question asked of them.

Before each prediction RulePolicy asks for the states of the whole conversation, twice on the
first prediction after a message (to match rules on the message's text, then on its intent).
Rasa 3.6 builds them each time by replaying every event of the session into a fresh tracker
(`Domain.states_for_tracker_history`), ~1 ms for a conversation of 30 messages and growing with
it. Here the states built for a tracker are kept on it until it gets another event, and a second
request gets a copy of them: callers edit states in place, so each gets its own dictionaries,
shared between states exactly where Rasa's own list shares them.
"""

from typing import Any, Dict, List, NamedTuple, Optional, Text

from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

rasas_states = Domain.states_for_tracker_history
_BUILT = "_states_built_for_these_events"


def _copy(states: List[State]) -> List[State]:
    copies: Dict[int, dict] = {}

    def copied(sub_state: dict) -> dict:
        if id(sub_state) not in copies:
            copies[id(sub_state)] = dict(sub_state)  # its values are strings and tuples
        return copies[id(sub_state)]

    return [{kind: copied(sub_state) for kind, sub_state in state.items()} for state in states]


class _Built(NamedTuple):
    domain: Domain
    last_event: Optional[Event]  # the event itself: a reference, unlike an id, is never reused
    options: tuple  # number of events and the arguments
    states: List[State]


def states_for_tracker_history(self: Domain, tracker: DialogueStateTracker,
                               omit_unset_slots: bool = False,
                               ignore_rule_only_turns: bool = False,
                               rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
    """Domain.states_for_tracker_history, built once for the same events and arguments."""
    last_event = tracker.events[-1] if tracker.events else None
    options = (len(tracker.events), omit_unset_slots, ignore_rule_only_turns, repr(rule_only_data))
    built = tracker.__dict__.get(_BUILT)
    if (built is None or built.domain is not self or built.last_event is not last_event
            or built.options != options):
        built = tracker.__dict__[_BUILT] = _Built(self, last_event, options, rasas_states(
            self, tracker, omit_unset_slots=omit_unset_slots,
            ignore_rule_only_turns=ignore_rule_only_turns, rule_only_data=rule_only_data))
    return _copy(built.states)


def install() -> None:
    Domain.states_for_tracker_history = states_for_tracker_history
