"""When the action server cannot be reached, the resident is told so in their language.

Rasa 3.6's `MessageProcessor._run_action` catches whatever a custom action raises, logs it
and carries on: a question asked while the action server is down (connection refused, a
timeout, a 5xx answer) gets no reply at all, and the resident waits for nothing. This keeps
Rasa's handling (the error is logged, and reaches Sentry when SENTRY_DSN is set) and adds the
`service_unavailable` text (bot/i18n/outages.yml: the prefecture's phone number, 119 and 110)
in the conversation's language, once per turn, after the action that failed. Actions Rasa
runs for itself (slot validation) fail quietly as before: their turn's own action will fail
too and apologise. Nothing is said while the conversation is paused (staff have it; their
console reports its own failures).

A hung action server (accepting the call, never answering) counts as down after
ACTION_SERVER_TIMEOUT_S seconds (30 by default): Rasa's own bound is five minutes of silence.
A healthy call takes well under a second, even with 50 residents at once (README, Performance).
"""

import asyncio
from contextvars import ContextVar
import logging
import os
from typing import Any, Optional

import aiohttp
from rasa.core.actions.action import Action, RemoteAction
from rasa.core.channels.channel import OutputChannel
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.i18n import text
from bot.languages import DEFAULT_LANGUAGE

logger = logging.getLogger(__name__)

MESSAGE = "service_unavailable"
CALL_TIMEOUT_S = float(os.environ.get("ACTION_SERVER_TIMEOUT_S", "30"))

# Set by a failed call to the action server, read by the turn's action that made it (the
# call is awaited in the same task, so it shares this context).
_unreachable: ContextVar[bool] = ContextVar("action_server_unreachable", default=False)


def is_unreachable(error: Optional[BaseException]) -> bool:
    """Whether `error` (or what caused it: Rasa wraps the client's error) means the action
    server is down or broken: no connection, a timeout, or a 5xx status. A 4xx is an action
    rejecting to run, which Rasa handles itself."""
    while error is not None:
        status = getattr(error, "status", None)
        if isinstance(status, int):
            return status >= 500
        if isinstance(error, (aiohttp.ClientConnectionError, asyncio.TimeoutError)):
            return True
        error = error.__cause__ or error.__context__
    return False


def _apologised_this_turn(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and event.metadata.get("message") == MESSAGE:
            return True
    return False


async def _apologise(processor: MessageProcessor, tracker: DialogueStateTracker,
                     output_channel: OutputChannel) -> None:
    language = tracker.get_slot("language") or DEFAULT_LANGUAGE
    utterance = BotUttered(text(MESSAGE, language), metadata={"message": MESSAGE})
    tracker.update(utterance)
    await processor.execute_side_effects([utterance], tracker, output_channel)


def install() -> None:
    run_remote_action = RemoteAction.run
    run_action = MessageProcessor._run_action

    async def noting_unreachable(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
        try:
            return await asyncio.wait_for(run_remote_action(self, *args, **kwargs),
                                          CALL_TIMEOUT_S)
        except Exception as error:
            if is_unreachable(error):
                _unreachable.set(True)
            raise

    async def apologising_when_unreachable(
            self: MessageProcessor, action: Action, tracker: DialogueStateTracker,
            output_channel: OutputChannel, nlg: NaturalLanguageGenerator,
            prediction: PolicyPrediction) -> bool:
        token = _unreachable.set(False)
        try:
            predict_another = await run_action(self, action, tracker, output_channel, nlg,
                                               prediction)
            # While paused, staff are handling the conversation (the console runs the actions).
            if _unreachable.get() and not tracker.is_paused() \
                    and not _apologised_this_turn(tracker):
                # Rasa has logged the error itself (and Sentry has it): this says what followed.
                logger.warning("The action server could not run %s: the resident was told to "
                               "try again later or phone", action.name())
                await _apologise(self, tracker, output_channel)
            return predict_another
        finally:
            _unreachable.reset(token)

    RemoteAction.run = noting_unreachable
    MessageProcessor._run_action = apologising_when_unreachable
