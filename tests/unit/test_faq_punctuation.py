"""Chinese punctuation: a half-width , ; : ! ? ( ) in the prose of a zh title or answer is
reported (file, line, the exact fix); CI fails on it, the running assistant keeps serving.
Marks in URLs, times, numbers and Latin names are not prose."""

from datetime import date

import pytest

from bot.knowledge.cli import load_all
from bot.knowledge.faq_files import read_faq_file
from bot.knowledge.punctuation import full_width, prose_marks
from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT
from tests.unit.test_knowledge_files import write

TODAY = date(2026, 11, 28)


def entry(zh_answer_lines, zh_title="个人编号卡丢失"):
    """One FAQ; the zh answer is a `|` block of `zh_answer_lines`."""
    lines = ["  - id: card-lost", "    category: my_number", "    department: 市民課",
             "    source: https://www.kojinbango-card.go.jp/", "    reviewed: 2026-11-01"]
    lines += ["    title:"] + [f"      {lang}: {zh_title if lang == 'zh' else 'title ' + lang}"
                                for lang in LANGUAGES]
    lines += ["    questions:"] + [f"      {lang}: [question {lang}, 卡丢了,怎么办]"
                                    for lang in LANGUAGES]
    lines += ["    answer:"]
    for lang in LANGUAGES:
        if lang == "zh":
            lines += ["      zh: |"] + [f"        {line}" for line in zh_answer_lines]
        else:
            lines.append(f"      {lang}: answer {lang}")
    return "\n".join(lines) + "\n"


def zh_answer_line(number):
    """1-based file line of line `number` (1-based) of the zh answer in a file of one entry()."""
    return 2 + 5 + 2 * (1 + len(LANGUAGES)) + 1 + LANGUAGES.index("zh") + number


TITLE_LINE = 2 + 5 + 1 + LANGUAGES.index("zh")


def problems_of(tmp_path, text):
    faqs, problems = read_faq_file(write(tmp_path, "my_number.yml", text), TODAY)
    assert [f.id for f in faqs] == ["card-lost"]  # the file still serves
    return problems


def test_a_half_width_comma_between_chinese_characters_is_reported_at_its_line(tmp_path):
    (problem,) = problems_of(tmp_path, entry(["请先打电话。", "卡丢失时,请暂停。"]))
    assert problem.severity == "warning" and problem.fails_validate
    assert problem.line == zh_answer_line(2)
    assert problem.message.startswith(f"FAQ 'card-lost': zh の回答 {problem.line} 行目: ")
    assert "「卡丢失时,请暂停。」" in problem.message
    assert problem.fix.startswith("半角の「,」を全角の「，」にしてください")


def test_the_title_and_every_kind_of_mark_are_reported_with_their_fix(tmp_path):
    problems = problems_of(tmp_path, entry(["注意:带上护照(原件)!", "需要吗?;"],
                                           zh_title="什么是个人编号(My Number)"))
    assert [p.line for p in problems] == [TITLE_LINE, zh_answer_line(1), zh_answer_line(2)]
    assert "zh のタイトル" in problems[0].message
    assert problems[0].fix.startswith("半角の「(」を全角の「（」、半角の「)」を全角の「）」")
    assert problems[1].fix.startswith("半角の「:」を全角の「：」、半角の「!」を全角の「！」、"
                                      "半角の「(」を全角の「（」、半角の「)」を全角の「）」")
    assert "が 4 か所あります" in problems[1].message


def test_full_width_marks_and_the_questions_are_not_reported(tmp_path):
    assert problems_of(tmp_path, entry(["卡丢失时，请暂停；营业时间：工作日（节假日除外）！"])) == []


@pytest.mark.parametrize("text", [
    "详情请看 https://www.kojinbango-card.go.jp/faq/?q=a,b;c:(d)!。",  # URL
    "受理时间为9:00–17:00。",  # time
    "手续费为1,650日元。",  # number
    "电话 0120-95-0178。",  # phone number
    "请联系 Chiba International Center (Osaka) 咨询。",  # Latin name in parentheses
    "请联系 Chiba Center, Tokyo Office 咨询。",  # between Latin words
])
def test_marks_in_addresses_times_numbers_and_latin_names_are_not_prose(tmp_path, text):
    assert prose_marks(text) == []
    assert problems_of(tmp_path, entry([text])) == []


def test_addresses_times_and_numbers_stay_when_the_prose_around_them_is_fixed():
    text = ("营业时间:9:00–17:00,手续费1,650日元(含税)。见(https://www.city.chiba.jp/a_(b).html)"
            "。My Number (个人编号)")
    assert full_width(text) == ("营业时间：9:00–17:00，手续费1,650日元（含税）。"
                                "见（https://www.city.chiba.jp/a_(b).html）。My Number （个人编号）")


def test_the_knowledge_folder_has_no_half_width_marks_in_chinese_prose():
    _, problems = load_all(PROJECT_ROOT / "knowledge")
    assert [str(p) for p in problems if "中国語の文中" in p.message] == []
