"""Cross-language fact check: a number or URL of the ja answer missing from a translation is
reported (file, line, language, fix); CI fails on it, the running assistant keeps serving."""

from datetime import date
import json

import pytest

from bot.knowledge.cli import load_all
from bot.knowledge.fact_consistency import facts
from bot.knowledge.faq_files import read_faq_file
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.knowledge.spreadsheet import export_csv, import_csv
from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT
from tests.unit.test_knowledge_cli import faq_cli
from tests.unit.test_knowledge_files import _touch_edit, write

TODAY = date(2026, 11, 28)
JA = ("紛失したら 0120-95-0178 に電話。外国語は 0120-0178-27。迷ったら #7119、急ぐときは119番。"
      "詳しくは https://www.kojinbango-card.go.jp/faq/ を見てください。")
SAME_FACTS = "Call 0120-95-0178, 0120-0178-27, #7119 or 119; see https://www.kojinbango-card.go.jp/faq/."


def entry(answers=None, exceptions=""):
    """One FAQ whose answers are JA in ja and SAME_FACTS elsewhere unless `answers` says."""
    answers = {"ja": JA, **{lang: SAME_FACTS for lang in LANGUAGES[1:]}, **(answers or {})}
    lines = ["  - id: card-lost", "    category: my_number", "    department: 市民課",
             "    source: https://www.kojinbango-card.go.jp/", "    reviewed: 2026-11-01"]
    lines += ["    title:"] + [f"      {lang}: title {lang}" for lang in LANGUAGES]
    lines += ["    questions:"] + [f"      {lang}: [question {lang}]" for lang in LANGUAGES]
    lines += ["    answer:"] + [f"      {lang}: {json.dumps(answers[lang], ensure_ascii=False)}"
                                 for lang in LANGUAGES]
    return "\n".join(lines) + "\n" + exceptions


def answer_line(language):
    """1-based line of `language:` under `answer:` in a file holding one `entry()`."""
    return 2 + 5 + 2 * (1 + len(LANGUAGES)) + 1 + LANGUAGES.index(language)


def problems_of(tmp_path, text):
    faqs, problems = read_faq_file(write(tmp_path, "my_number.yml", text), TODAY)
    assert [f.id for f in faqs] == ["card-lost"]  # a mismatch never stops a file serving
    return problems


@pytest.mark.parametrize("language, answer, kind, fact", [
    ("en", SAME_FACTS.replace("0120-0178-27, ", ""), "電話番号", "0120-0178-27"),
    ("ja-easy", SAME_FACTS.replace("#7119", "7119"), "電話番号", "#7119"),
    ("zh", SAME_FACTS.replace(" or 119", ""), "電話番号", "119"),
    ("vi", SAME_FACTS.replace("/faq/", "/"), "URL", "https://www.kojinbango-card.go.jp/faq/"),
    ("ko", SAME_FACTS.replace("0120-95-0178", "0120-95-0179"), "電話番号", "0120-95-0178"),
])
def test_a_fact_missing_in_one_language_names_it_the_language_and_the_line(
        tmp_path, language, answer, kind, fact):
    (problem,) = problems_of(tmp_path, entry({language: answer}))
    assert problem.severity == "warning" and problem.fails_validate
    assert problem.line == answer_line(language)
    assert problem.message == f"FAQ 'card-lost': {language} の回答に{kind} {fact} がありません。"
    assert "ja の回答と同じ" in problem.fix and "consistency_exceptions" in problem.fix


@pytest.mark.parametrize("written", [
    "０１２０－９５－０１７８, ０１２０‐０１７８‐２７, ＃７１１９, １１９",  # full width
    "0120–95–0178, 0120—0178—27, ♯7119, 119",  # en and em dash, the sharp sign
    "0120 - 95 - 0178, 0120ー0178ー27, # 7119, 119",  # spaces, the long-vowel mark
    "0120 95 0178, 0120017827, #7119, 119番",  # spaces for hyphens, no hyphens
])
def test_the_same_number_written_differently_matches(tmp_path, written):
    answer = f"Call {written}. https://www.kojinbango-card.go.jp/faq/"
    assert problems_of(tmp_path, entry({"en": answer})) == []


def test_numbers_inside_addresses_names_and_longer_numbers_are_not_facts():
    assert list(facts("web171 https://x.jp/web171/a#119 #7119 2026-11-28 1,100円 0.119")) == \
        ["https://x.jp/web171/a#119", "#7119"]
    assert list(facts("災害用伝言ダイヤル(171)、子ども家庭110番、call 189.")) == \
        ["171", "110", "189"]


def test_an_exception_silences_exactly_that_fact_in_those_languages(tmp_path):
    without_url = SAME_FACTS.replace(" see https://www.kojinbango-card.go.jp/faq/.", "")
    without_both = without_url.replace(", 0120-0178-27", "")
    exceptions = ("    consistency_exceptions:\n"
                  "      - fact: ｈｔｔｐｓ://www.kojinbango-card.go.jp/faq/\n"
                  "        languages: [ja-easy, zh]\n"
                  "        reason: ページが日本語だけ\n")
    text = entry({"ja-easy": without_both, "en": without_url, "zh": without_url},
                             exceptions)
    remaining = {(p.line, p.message.split(": ", 1)[1]) for p in problems_of(tmp_path, text)}
    assert remaining == {
        (answer_line("ja-easy"), "ja-easy の回答に電話番号 0120-0178-27 がありません。"),
        (answer_line("en"), "en の回答にURL https://www.kojinbango-card.go.jp/faq/ がありません。"),
    }


@pytest.mark.parametrize("item", [
    "      - fact: https://www.kojinbango-card.go.jp/faq/\n        languages: [en]\n",  # no reason
    "      - fact: https://www.kojinbango-card.go.jp/faq/\n        languages: [english]\n"
    "        reason: x\n",
    "      - fact: 電話番号\n        languages: [en]\n        reason: x\n",
    "      - fact: #7119\n        languages: [en]\n        reason: x\n",  # unquoted: a comment
])
def test_an_exception_that_cannot_be_read_is_reported_and_silences_nothing(tmp_path, item):
    text = entry({"en": "Call 0120-95-0178 or 119."},
                             "    consistency_exceptions:\n" + item)
    problems = problems_of(tmp_path, text)
    assert all(p.fails_validate for p in problems)
    assert any("consistency_exceptions の項目を読めません" in p.message for p in problems)
    assert sum("en の回答" in p.message for p in problems) == 3  # 0120-0178-27, #7119, the URL


def test_faq_validate_fails_on_a_mismatch(tmp_path):
    write(tmp_path, "a.yml", entry({"en": SAME_FACTS.replace("#7119", "7119")}))
    result = faq_cli("--knowledge", str(tmp_path), "validate")
    assert result.returncode == 1
    assert f"{tmp_path}/faq/a.yml:{answer_line('en')}: warning: FAQ 'card-lost': en の回答に" \
           "電話番号 #7119 がありません。" in result.stdout
    assert "0 errors, 1 warnings (1 of them must be fixed too" in result.stdout


def test_an_edit_with_a_mismatch_still_goes_live(tmp_path):
    path = write(tmp_path, "a.yml", entry())
    kb = KnowledgeBase(tmp_path, build_index=lambda faqs: {f.id: f for f in faqs})
    edited = SAME_FACTS.replace("0120-0178-27", "0120-0178-28")
    _touch_edit(path, "faqs:\n" + entry({"vi": edited}))
    assert kb.refresh() is True
    assert kb.snapshot.faqs["card-lost"].answer_in("vi") == edited
    (problem,) = kb.snapshot.problems
    assert "vi の回答に電話番号 0120-0178-27 がありません" in problem.message


def test_exceptions_survive_the_excel_round_trip(tmp_path):
    exceptions = ("    consistency_exceptions:\n      - fact: \"#7119\"\n"
                  "        languages: [ja-easy, en]\n        reason: 理由 | 縦線も書ける\n")
    write(tmp_path / "a", "x.yml", entry({"ja-easy": SAME_FACTS.replace("#7119", ""),
                                         "en": SAME_FACTS.replace("#7119", "")}, exceptions))
    sheet = tmp_path / "faq.csv"
    export_csv(load_all(tmp_path / "a")[0], tmp_path / "a", sheet)
    import_csv(sheet, tmp_path / "b")
    faqs, problems = load_all(tmp_path / "b")
    assert problems == []
    assert faqs[0].consistency_exceptions == [
        {"fact": "#7119", "languages": ["ja-easy", "en"], "reason": "理由 | 縦線も書ける"}]


def test_the_projects_knowledge_has_no_mismatches():
    """Reads knowledge/ as it is when the test runs, every file included."""
    _, problems = load_all(PROJECT_ROOT / "knowledge")
    assert [str(p) for p in problems if p.fails_validate] == []
