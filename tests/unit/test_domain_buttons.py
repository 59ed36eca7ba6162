"""Every response of domain.yml, rendered by Rasa's own generator in every language, gives
button payloads the channels can send back (JSON entities, single braces) without an error."""

import json

from rasa.core.channels.channel import OutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
import structlog

from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


async def test_every_button_payload_renders_as_sent(caplog):
    generator = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    payloads = []
    with structlog.testing.capture_logs() as logged:
        for language in LANGUAGES:
            tracker = DialogueStateTracker.from_events("resident", [SlotSet("language", language)],
                                                       DOMAIN.slots)
            for response in DOMAIN.responses:
                rendered = await generator.generate(response, tracker, OutputChannel.name())
                payloads += [b["payload"] for b in (rendered or {}).get("buttons") or []]
    assert not [entry for entry in logged if entry.get("log_level") in ("error", "exception")]
    assert payloads
    for payload in payloads:
        if "{" in payload:
            assert "{{" not in payload, payload
            intent, _, entities = payload.partition("{")
            assert intent.startswith("/") and isinstance(json.loads("{" + entities), dict)
