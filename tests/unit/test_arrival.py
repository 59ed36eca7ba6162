"""What every channel does with a message on its way to Rasa: masked, a note when contact
details were removed, and under overload, when its conversation stays locked, "please send it
again" in its language instead of nothing (REST used to answer 200 with an empty list)."""

from unittest.mock import AsyncMock

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import LockError

from bot.i18n import text
from connectors.arrival import on_arrival
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
    await on_arrival(_locked)(UserMessage(written, collector, "resident"))
    assert [m["text"] for m in collector.messages] == [text("busy_try_again", language)]
    assert "119" in collector.messages[0]["text"]


async def test_other_failures_are_not_hidden():
    async def broken(message):
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        await on_arrival(broken)(UserMessage("hello", CollectingOutputChannel(), "r"))


@pytest.mark.parametrize("channel", [RestInput(), LineInput.from_credentials(None),
                                     WebchatInput.from_credentials({})])
def test_every_channel_hands_messages_to_rasa_through_it(channel, monkeypatch):
    wrapped = []

    def observed(on_new_message):
        wrapped.append(on_new_message)
        return on_arrival(on_new_message)

    for module in ("connectors.rest", "connectors.line", "connectors.webchat.channel"):
        monkeypatch.setattr(f"{module}.on_arrival", observed)
    on_new_message = AsyncMock()
    channel.blueprint(on_new_message)
    assert wrapped == [on_new_message]


async def _answered(message: UserMessage) -> None:
    await message.output_channel.send_text_message(message.sender_id, "the answer")


@pytest.mark.parametrize("written, language", [
    ("電話は090-1234-5678です。住民票について", "ja"), ("mail me at taro@example.jp please", "en"),
    ("전화번호는 090-1234-5678 입니다", "ko"), ("số điện thoại của tôi là 090-1234-5678", "vi"),
])
async def test_removed_contact_details_are_noted_after_the_answer(written, language):
    collector = CollectingOutputChannel()
    message = UserMessage(written, collector, "resident", metadata={"note": "090-1234-5678"})
    await on_arrival(_answered)(message)
    assert [m["text"] for m in collector.messages] == [
        "the answer", text("contact_details_removed", language)]
    assert "5678" not in message.text and "example.jp" not in message.text
    assert "5678" not in str(message.metadata)


@pytest.mark.parametrize("written", ["住民票はどこで取れますか", "my number is 1234 5678 9018",
                                     '/share_location{"latitude": 35.6, "longitude": 140.1}'])
async def test_no_note_without_removed_contact_details(written):
    collector = CollectingOutputChannel()
    await on_arrival(_answered)(UserMessage(written, collector, "resident"))
    assert [m["text"] for m in collector.messages] == ["the answer"]
