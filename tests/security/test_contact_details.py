"""A resident who writes a phone number or an e-mail address is told, in their language, that it
was removed before anything was stored; nothing of it is stored."""

import uuid

import pytest
import requests

from bot.i18n import text

MESSAGES = {
    "ja": "国民健康保険の手続きについて。連絡先は090-1234-5678です",
    "en": "question about health insurance, my email is taro.yamada@example.jp",
    "ko": "건강보험 문의입니다. 연락처는 080-9876-5432 입니다",
    "vi": "hỏi về bảo hiểm y tế, số điện thoại của tôi là 070-1111-2222",
}


@pytest.mark.parametrize("language", MESSAGES)
def test_removed_contact_details_are_noted_and_not_stored(assistant, language):
    sender = f"contact-{uuid.uuid4().hex[:8]}"
    assistant.say(sender, '/choose_language{"language": "%s"}' % language)
    replies = [r.get("text") for r in assistant.say(sender, MESSAGES[language])]
    assert replies[-1] == text("contact_details_removed", language)
    events = requests.get(f"{assistant.base_url}/conversations/{sender}/tracker",
                          params=assistant.api, timeout=30).json()["events"]
    stored = str(events)
    for secret in ("1234-5678", "taro.yamada", "9876-5432", "1111-2222"):
        assert secret not in stored
