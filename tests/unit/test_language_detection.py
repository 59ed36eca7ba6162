"""The language the assistant answers in comes from here: short chat text must be right."""

import json
import subprocess
import sys

import pytest

from bot.langid import detect
from bot.langid.evaluation import evaluate
from tests.conftest import PROJECT_ROOT


@pytest.mark.parametrize(
    "text",
    ["住民票", "千葉県庁", "児童手当", "確定申告", "国民健康保険", "印鑑登録証明書", "避難所何処",
     "市役所電話番号", "船橋市役所", "匝瑳市", "在留資格変更許可申請"],
)
def test_kanji_only_japanese_is_japanese(text):
    assert detect(text).language == "ja"
    assert detect(text).decisive


@pytest.mark.parametrize(
    "text",
    ["我想办理转入手续", "住民票在哪里办", "请问市政府在哪里", "地震了怎么办",  # Simplified
     "請問市役所在哪裡", "有會說中文的醫生嗎", "颱風要來了", "我想辦理轉入登記",  # Traditional
     "你好", "谢谢你"],
)
def test_simplified_and_traditional_chinese_are_chinese(text):
    assert detect(text).language == "zh"


@pytest.mark.parametrize(
    "text, language",
    [
        ("안녕하세요", "ko"), ("주민표는어디서발급해요", "ko"), ("마이넘버카드 잃어버렸어요", "ko"),
        ("Tôi muốn hỏi về thẻ My Number", "vi"), ("xin chao", "vi"), ("cam on ban nhieu", "vi"),
        ("toi bi mat the my number", "vi"),
        ("where can i get my juminhyo", "en"), ("hello", "en"), ("thanks a lot", "en"),
        ("ありがとう", "ja"), ("マイナンバーカード", "ja"), ("ひなんじょ どこ", "ja"),
        ("ｼﾞｭｳﾐﾝﾋｮｳ", "ja"),  # half-width katakana
        ("ＨＥＬＬＯ　ＴＨＥＲＥ", "en"),  # full-width Latin
        ("マイナンバーカードをなくした ＭｙＮｕｍｂｅｒ", "ja"),
        ("how do i do tenshutsu todoke for 市川市", "en"),  # English with a Japanese name
    ],
)
def test_scripts_and_latin_languages(text, language):
    assert detect(text).language == language


@pytest.mark.parametrize("text", ["OK", "ok", "119", "👍", "😀😀", "12345", "？", "  ", "好"])
def test_messages_without_enough_language_do_not_switch(text):
    assert not detect(text).decisive


@pytest.mark.parametrize(
    "text, language",
    [
        ("English please", "en"), ("中文", "zh"), ("한국어", "ko"), ("한국어로 해주세요", "ko"),
        ("やさしい日本語で", "ja-easy"), ("やさしい にほんご", "ja-easy"), ("日本語で", "ja"),
        ("Tiếng Việt", "vi"), ("can you speak japanese", "ja"), ("中国語でお願いします", "zh"),
    ],
)
def test_languages_asked_for_by_name(text, language):
    assert detect(text).requested == language


def test_a_language_named_in_passing_does_not_change_the_detected_language():
    detection = detect("Is there a clinic where they speak Chinese?")
    assert detection.language == "en"
    assert detection.requested == "zh"  # only acted on when the intent is choose_language
    assert detect("일본어 몰라요").language == "ko"  # "I don't know Japanese"


def test_detection_is_deterministic():
    texts = ["cam on", "hi there", "我想办理转入手续", "住民票"]
    assert [detect.__wrapped__(t) for t in texts] == [detect.__wrapped__(t) for t in texts]


@pytest.mark.parametrize("name", ["dev.tsv", "test.tsv"])
def test_accuracy_targets_on_the_team_sets(name):
    result = evaluate(PROJECT_ROOT / "tests" / "data" / "langid" / name)
    ours = result["ours"]
    assert ours["n"] >= 250
    assert ours["accuracy"] >= 0.98, ours["errors"]
    assert ours["ja_kanji_only"]["n"] >= 40
    assert ours["ja_kanji_only"]["accuracy"] >= 0.95
    assert ours["accuracy"] > result["langdetect"]["accuracy"]


def test_cli_detect_and_eval(tmp_path):
    sample = tmp_path / "sample.tsv"
    sample.write_text("ja\t住民票\nzh\t住民票在哪里办\nen\thello there\n", encoding="utf-8")
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "bot", "langid", *args], cwd=PROJECT_ROOT,
        capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]
    assert json.loads(run("detect", "児童手当"))["language"] == "ja"
    summary = json.loads(run("eval", str(sample)))
    assert summary["accuracy"] == 1.0 and summary["n"] == 3
    assert summary["per_label"] == {"en": 1.0, "ja": 1.0, "zh": 1.0}
    assert "langdetect_accuracy" in summary


def test_eval_reports_a_malformed_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("ja\t住民票\nno tab here\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "langid", "eval", str(bad)], cwd=PROJECT_ROOT,
        capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "bad.tsv:2" in result.stderr


@pytest.mark.parametrize("text, language", [
    # Chinese quoting Japanese loanwords in katakana
    ("マイナンバーカード的密码忘了怎么办", "zh"), ("在コンビニ能打印住民票吗", "zh"),
    # ... while Japanese written in kanji and katakana alone stays Japanese
    ("マイナンバーカード再発行", "ja"), ("コンビニ交付サービス", "ja"),
    # Japanese typed in romaji
    ("juminhyo wa doko de moraemasu ka", "ja"), ("zairyu kaado no koushin shitai desu", "ja"),
    # Vietnamese without diacritics, in teen-code, with English or Japanese words in between
    ("e muon lam the my number thi di dau vay mn", "vi"), ("cho e hoi zairyu het han lam sao", "vi"),
    ("ko biet dang ky hoken o dau ha a", "vi"),
    # ... while English with romanised Japanese words stays English
    ("where do i get my juminhyo printed", "en"), ("how long is the zairyu card valid", "en"),
    # markup or template syntax pasted in front is no language
    ("<b>test</b> cho e hoi dang ky inkan o dau", "vi"), ("{{7*7}} 住民票はどこでとれますか", "ja"),
])
def test_mixed_and_romanised_messages(text, language):
    assert detect(text).language == language
