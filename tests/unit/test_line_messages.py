"""A turn's Rasa messages become LINE messages a LINE app accepts and shows in full."""

import json

from connectors.line_messages import language_picker, to_line_messages


def test_each_rasa_message_is_one_line_text_message_with_links_kept():
    line = to_line_messages([{"text": "住民票はコンビニで取れます。"},
                             {"text": "詳しくは https://www.city.chiba.jp/ をご覧ください。"}])
    assert line == [{"type": "text", "text": "住民票はコンビニで取れます。"},
                    {"type": "text", "text": "詳しくは https://www.city.chiba.jp/ をご覧ください。"}]


def test_more_than_five_messages_are_merged_into_the_fifth_not_dropped():
    line = to_line_messages([{"text": f"part {i}"} for i in range(1, 8)])
    assert len(line) == 5
    assert line[4]["text"] == "part 5\n\npart 6\n\npart 7"


def test_buttons_become_quick_replies_on_the_last_message_within_line_limits():
    buttons = [{"title": f"A very long candidate title number {i}", "payload": f"/ask{i}"}
               for i in range(20)]
    line = to_line_messages([{"text": "Did you mean…?", "buttons": buttons[:10]},
                             {"text": "Or ask staff", "buttons": buttons[10:]}])
    assert "quickReply" not in line[0]
    items = line[-1]["quickReply"]["items"]
    assert len(items) == 13
    assert all(len(item["action"]["label"]) <= 20 for item in items)
    assert items[0]["action"] == {"type": "postback", "label": "A very long candida…",
                                  "data": "/ask0",
                                  "displayText": "A very long candidate title number 0"}


def test_a_link_button_opens_the_page():
    line = to_line_messages([{"text": "Map", "buttons": [
        {"title": "Open the map", "payload": "https://maps.gsi.go.jp/"}]}])
    assert line[0]["quickReply"]["items"][0]["action"] == {
        "type": "uri", "label": "Open the map", "uri": "https://maps.gsi.go.jp/"}


def test_texts_longer_than_line_allows_are_cut_visibly():
    line = to_line_messages([{"text": "あ" * 6000}])
    assert len(line[0]["text"]) == 5000 and line[0]["text"].endswith("…")


def test_a_staff_reply_shows_who_wrote_it():
    line = to_line_messages([{"custom": {"data": {
        "text": "お待たせしました。", "from": "staff", "staff_name": "山田"}}}])
    assert line == [{"type": "text", "text": "👤 山田\nお待たせしました。"}]


def test_the_language_picker_offers_all_six_languages():
    payloads = [json.loads(b["payload"][len("/choose_language"):])["language"]
                for b in language_picker()]
    assert payloads == ["ja", "ja-easy", "en", "zh", "ko", "vi"]
