"""Under overload a message whose conversation stays locked gets "please send it again" in its
language on every channel, instead of nothing (REST used to answer 200 with an empty list)."""

from unittest.mock import AsyncMock

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import LockError

from bot.i18n import text
from connectors.busy import answering_when_busy
from connectors.line import LineInput
from connectors.rest import RestInput
from connectors.webchat.channel import WebchatInput


async def _locked(message: UserMessage) -> None:
    raise LockError(f"Could not acquire lock for conversation_id '{message.sender_id}'.")


@pytest.mark.parametrize("written, language", [
    ("住民票はどこで取れますか", "ja"), ("where do I get a residence certificate", "en"),
    ("주민표는 어디서 받아요?", "ko"), ("Tôi có thể lấy phiếu cư trú ở đâu?", "vi"),
    ("在哪里可以办理住民票？", "zh"), ("👍", "ja"),
])
async def test_a_locked_conversation_is_asked_to_send_again_in_its_language(written, language):
    collector = CollectingOutputChannel()
    await answering_when_busy(_locked)(UserMessage(written, collector, "resident"))
    assert [m["text"] for m in collector.messages] == [text("busy_try_again", language)]
    assert "119" in collector.messages[0]["text"]


async def test_other_failures_are_not_hidden():
    async def broken(message):
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        await answering_when_busy(broken)(UserMessage("hello", CollectingOutputChannel(), "r"))


@pytest.mark.parametrize("channel", [RestInput(), LineInput.from_credentials(None),
                                     WebchatInput.from_credentials({})])
def test_every_channel_hands_messages_to_rasa_through_it(channel, monkeypatch):
    wrapped = []

    def observed(on_new_message):
        wrapped.append(on_new_message)
        return answering_when_busy(on_new_message)

    for module in ("connectors.rest", "connectors.line", "connectors.webchat.channel"):
        monkeypatch.setattr(f"{module}.answering_when_busy", observed)
    on_new_message = AsyncMock()
    channel.blueprint(on_new_message)
    assert wrapped == [on_new_message]
