"""Absurdly long messages get a polite reply in the resident's language and lose nothing.

A 900,000-character message used to take 51 s and hold up every other resident; over
1,000,000 characters the reply was empty; over 4,000 characters a message written during a
handoff never reached the ticket.
"""

import concurrent.futures
import itertools
import time

import pytest
import requests

from bot.i18n import text
from bot.serve import MAX_REQUEST_BYTES
from bot.staff import tickets

LIMIT = 2000  # config.yml, MessageLengthLimit
# A resident's paragraph per language, repeated to a million characters.
PARAGRAPHS = {
    "ja": "住民票の写しを取りたいのですが、平日は仕事で市役所に行けません。",
    "ja-easy": "わたしは まいにち しごと です。しやくしょに いけません。",
    "en": "I need a copy of my residence certificate but I work on weekdays. ",
    "zh": "我想办理住民票，但是工作日要上班，去不了市政府。",
    "ko": "주민표를 발급받고 싶은데 평일에는 일 때문에 시청에 갈 수 없어요. ",
    "vi": "Tôi cần bản sao phiếu cư trú nhưng ngày thường tôi phải đi làm. ",
}
_ids = itertools.count()


def _long(paragraph: str, length: int) -> str:
    return (paragraph * (length // len(paragraph) + 1))[:length]


def _texts(replies):
    return [reply["text"] for reply in replies if "text" in reply]


def _post(assistant, sender, message, timeout=60):
    response = requests.post(f"{assistant.base_url}/webhooks/rest/webhook", timeout=timeout,
                             json={"sender": sender, "message": message})
    response.raise_for_status()
    return response.json()


@pytest.mark.parametrize("language", PARAGRAPHS)
def test_a_million_characters_get_a_polite_reply_in_the_residents_language(assistant,
                                                                           language):
    sender = f"long-{language}-{next(_ids)}"
    assistant.say(sender, '/choose_language{"language": "%s"}' % language)
    replies = _post(assistant, sender, _long(PARAGRAPHS[language], 1_000_000))
    assert _texts(replies) == [text("message_too_long", language, limit=LIMIT)]
    assert replies[0]["buttons"][0]["payload"] == "/request_human"


def test_the_language_of_a_long_first_message_is_recognised(assistant):
    replies = _post(assistant, f"long-first-{next(_ids)}", _long(PARAGRAPHS["ko"], 50_000))
    assert _texts(replies) == [text("message_too_long", "ko", limit=LIMIT)]


def test_a_message_at_the_limit_is_answered_normally(assistant):
    question = "How do I get a copy of my residence certificate? "
    message = _long(question, LIMIT)
    replies = _texts(_post(assistant, f"at-limit-{next(_ids)}", message))
    assert replies and text("message_too_long", "en", limit=LIMIT) not in replies


def test_other_residents_are_answered_while_a_huge_message_is_read(assistant):
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        huge = pool.submit(_post, assistant, f"huge-{next(_ids)}",
                           _long(PARAGRAPHS["ja"], 1_000_000))
        time.sleep(0.2)
        greeting = _texts(_post(assistant, f"neighbour-{next(_ids)}", "hello"))
        assert greeting == [assistant.text_of("utter_greet", "en")]
        assert _texts(huge.result()) == [text("message_too_long", "ja", limit=LIMIT)]


def test_an_emergency_in_a_long_message_still_comes_first(assistant):
    message = "Help, my house is on fire! " + _long(PARAGRAPHS["en"], 10_000)
    replies = " ".join(_texts(_post(assistant, f"long-fire-{next(_ids)}", message)))
    assert "119" in replies
    assert text("message_too_long", "en", limit=LIMIT) not in replies


def test_during_a_handoff_a_long_message_with_control_characters_reaches_the_ticket(assistant):
    sender = f"long-handoff-{next(_ids)}"
    assistant.say(sender, "I lost my residence card, what should I do?")
    assistant.say(sender, "/request_human")
    ticket_id = tickets.open_ticket_for(sender, assistant.database_url)
    assert ticket_id is not None
    before = len(tickets.get_ticket(ticket_id, assistant.database_url).messages)
    message = "Here is everything:\x07\x1b[31m " + _long(PARAGRAPHS["en"], 30_000) + " END"
    assert _post(assistant, sender, message) == []  # staff answer now, not the assistant
    deadline = time.monotonic() + 20
    while True:
        parts = tickets.get_ticket(ticket_id, assistant.database_url).messages[before:]
        if "".join(m.text for m in parts).endswith(" END") or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert "".join(m.text for m in parts) == message
    assert all(m.author == "resident" for m in parts)


def test_a_request_over_the_size_limit_is_refused_and_the_service_goes_on(assistant):
    response = requests.post(f"{assistant.base_url}/webhooks/rest/webhook", timeout=60,
                             json={"sender": f"oversize-{next(_ids)}",
                                   "message": "x" * (MAX_REQUEST_BYTES + 1)})
    assert response.status_code == 413
    assert _texts(_post(assistant, f"after-oversize-{next(_ids)}", "hello")) == [
        assistant.text_of("utter_greet", "en")]
