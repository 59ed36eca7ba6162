"""FAQ files: staff get file:line messages they can act on; bad edits never go live."""

from datetime import date, timedelta
from pathlib import Path
import time

import pytest

from bot.knowledge.faq import Faq, review_overdue, stale_faqs
from bot.knowledge.faq_files import read_faq_file
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT

TODAY = date(2026, 11, 28)


def faq_yaml(faq_id="moving-in", reviewed="2026-11-01", source="https://www.city.chiba.jp/a.html",
             drop_language=None, empty_answer_language=None, category="procedures"):
    lines = [f"  - id: {faq_id}", f"    category: {category}", "    department: 市民課",
             f"    source: {source}", f"    reviewed: {reviewed}"]
    for key in ("title", "questions", "answer"):
        lines.append(f"    {key}:")
        for language in LANGUAGES:
            if language == drop_language:
                continue
            text = "" if (key == "answer" and language == empty_answer_language) else \
                f"{key} in {language}"
            value = f"[{text}]" if key == "questions" else f'"{text}"'
            lines.append(f"      {language}: {value}")
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, *entries: str) -> Path:
    path = folder / "faq" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("faqs:\n" + "".join(entries), encoding="utf-8")
    return path


def test_a_valid_file_loads_every_faq_in_every_language(tmp_path):
    path = write(tmp_path, "procedures.yml", faq_yaml(), faq_yaml("moving-out"))
    faqs, problems = read_faq_file(path, TODAY)
    assert [f.id for f in faqs] == ["moving-in", "moving-out"]
    assert problems == []
    assert faqs[0].answer_in("vi") == "answer in vi"
    assert faqs[1].line == 2 + len(faq_yaml().splitlines())


@pytest.mark.parametrize(
    "entry, line, words",
    [
        (faq_yaml(drop_language="ko"), 7, ["title in 'ko' is missing", "add a `ko:` line"]),
        (faq_yaml(empty_answer_language="en"), 24, ["answer in 'en' is empty"]),
        (faq_yaml(source="www.city.chiba.jp"), 5, ["not a valid https:// address"]),
        (faq_yaml(source="http://www.city.chiba.jp/x"), 5, ["not a valid https:// address"]),
        (faq_yaml(faq_id="Moving In"), 2, ["id 'Moving In' is not allowed", "hyphens"]),
        (faq_yaml(category="weather"), 3, ["unknown category 'weather'"]),
        (faq_yaml(reviewed="yesterday"), 6, ["is not a date", "YYYY-MM-DD"]),
    ],
)
def test_errors_name_the_line_the_problem_and_the_fix(tmp_path, entry, line, words):
    path = write(tmp_path, "procedures.yml", entry)
    faqs, problems = read_faq_file(path, TODAY)
    assert faqs == []  # a file with an error is not served
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == (3 if "is missing" in words[0] else 1)  # title, questions, answer
    text = str(errors[0])
    assert text.startswith(f"{path}:{line}: error: ")
    assert "Fix: " in text
    for word in words:
        assert word in text


def test_stale_review_date_is_a_warning_only(tmp_path):
    path = write(tmp_path, "procedures.yml", faq_yaml(reviewed="2025-06-01"))
    faqs, problems = read_faq_file(path, TODAY)
    assert [f.id for f in faqs] == ["moving-in"]
    (problem,) = problems
    assert problem.severity == "warning" and "more than a year ago" in problem.message


@pytest.mark.parametrize("source", [
    "https://www.city.funabashi.lg.jp/kurashi/a.html",  # municipal site on lg.jp, from the list
    "https://mobile.city.urayasu.lg.jp/a.html",  # another site of a listed municipality
    "https://www.town.onjuku.chiba.jp/a.html",  # Chiba's prefecture-type domain
    "https://www.police.pref.chiba.jp/a.html",
    "https://www.library.pref.chiba.lg.jp/a.html",
    "https://www.isa.go.jp/ja/a.html",  # a ministry or agency
    "https://www.houterasu.or.jp/site/a.html",  # a national body outside go.jp
])
def test_a_chiba_or_national_source_gets_no_warning(tmp_path, source):
    faqs, problems = read_faq_file(write(tmp_path, "a.yml", faq_yaml(source=source)), TODAY)
    assert len(faqs) == 1 and problems == []


@pytest.mark.parametrize("source", [
    "https://www.city.yokohama.lg.jp/faq/a.html",  # another prefecture's city
    "https://www.pref.saitama.lg.jp/a.html",
    "https://www.notchiba.jp/a.html",  # only ends like chiba.jp
    "https://www.city.funabashi.lg.jp.example.com/a.html",
])
def test_any_other_source_gets_a_warning_at_its_line(tmp_path, source):
    path = write(tmp_path, "a.yml", faq_yaml("moving-in"), faq_yaml("moving-out", source=source))
    faqs, (problem,) = read_faq_file(path, TODAY)
    assert len(faqs) == 2  # still served
    assert (problem.severity, problem.fails_validate) == ("warning", False)
    assert problem.line == faqs[1].line + 3  # the `source:` line of moving-out
    assert problem.message == f"出典 {source} は千葉県・県内市町村・国の機関のページではありません。"
    assert problem.fix == "同じ内容の千葉県か県内市町村、国のページがあれば出典をそちらにしてください。"


def test_a_review_is_overdue_after_365_days_for_every_tool():
    year_ago = TODAY - timedelta(days=365)
    assert not review_overdue(year_ago, TODAY) and review_overdue(year_ago - timedelta(1), TODAY)
    faqs = [Faq(f"faq-{n}", "living", "", "", reviewed, {}, {}, {})
            for n, reviewed in enumerate([year_ago - timedelta(1), year_ago,
                                          year_ago - timedelta(9)])]
    assert [f.id for f in stale_faqs(faqs, TODAY)] == ["faq-2", "faq-0"]  # oldest first


def test_broken_yaml_points_at_the_line(tmp_path):
    path = write(tmp_path, "procedures.yml", faq_yaml() + "    answer: [unclosed\n  - id: x\n")
    faqs, problems = read_faq_file(path, TODAY)
    assert faqs == []
    assert problems[0].severity == "error" and "not valid YAML" in problems[0].message
    assert problems[0].line > 20


def test_duplicate_id_across_files_is_refused(tmp_path):
    write(tmp_path, "a.yml", faq_yaml("same-id"))
    write(tmp_path, "b.yml", faq_yaml("same-id"), faq_yaml("other-id"))
    kb = KnowledgeBase(tmp_path, build_index=sorted)
    assert sorted(kb.snapshot.faqs) == ["same-id"]
    (problem,) = kb.snapshot.problems
    assert "b.yml" in str(problem.file) and "already used at" in problem.message


def _touch_edit(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:  # coarse file-system clocks
        time.sleep(0.01)
        path.write_text(text + "\n", encoding="utf-8")


def test_an_edit_goes_live_within_two_seconds_without_restart(tmp_path):
    path = write(tmp_path, "procedures.yml", faq_yaml())
    kb = KnowledgeBase(tmp_path, build_index=lambda faqs: {f.id for f in faqs})
    kb.watch(interval_s=0.2)
    _touch_edit(path, "faqs:\n" + faq_yaml() + faq_yaml("newly-added"))
    deadline = time.monotonic() + 2
    while "newly-added" not in kb.snapshot.faqs and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "newly-added" in kb.snapshot.faqs
    assert kb.snapshot.index == {"moving-in", "newly-added"}


def test_a_broken_edit_keeps_the_last_good_version_serving(tmp_path, caplog):
    path = write(tmp_path, "procedures.yml", faq_yaml())
    kb = KnowledgeBase(tmp_path, build_index=lambda faqs: {f.id for f in faqs})
    _touch_edit(path, "faqs:\n" + faq_yaml("moving-in", drop_language="vi"))
    assert kb.refresh() is False
    assert kb.snapshot.index == {"moving-in"}
    assert kb.snapshot.faqs["moving-in"].answer_in("vi") == "answer in vi"
    assert any("answer in 'vi' is missing" in str(p) for p in kb.snapshot.problems)
    assert "was not applied" in caplog.text
    _touch_edit(path, "faqs:\n" + faq_yaml() + faq_yaml("fixed-now"))  # the fix goes live
    assert kb.refresh() is True
    assert kb.snapshot.problems == []
    assert set(kb.snapshot.faqs) == {"moving-in", "fixed-now"}


def test_deleting_a_file_removes_its_faqs(tmp_path):
    write(tmp_path, "a.yml", faq_yaml("keep"))
    gone = write(tmp_path, "b.yml", faq_yaml("gone"))
    kb = KnowledgeBase(tmp_path, build_index=lambda faqs: {f.id for f in faqs})
    gone.unlink()
    assert kb.refresh() is True
    assert set(kb.snapshot.faqs) == {"keep"}


def test_the_projects_knowledge_is_valid_and_complete():
    kb = KnowledgeBase(PROJECT_ROOT / "knowledge", build_index=len)
    errors = [str(p) for p in kb.snapshot.problems if p.severity == "error"]
    assert errors == []
    assert len(kb.snapshot.faqs) >= 80
    categories = {f.category for f in kb.snapshot.faqs.values()}
    assert {"procedures", "my_number", "disaster", "medical"} <= categories


def test_a_broken_edit_is_reported_to_sentry(tmp_path, monkeypatch):
    import sentry_sdk

    reported = []
    monkeypatch.setattr(sentry_sdk, "capture_message", lambda message, level: reported.append(
        (message, level)))
    path = write(tmp_path, "procedures.yml", faq_yaml())
    kb = KnowledgeBase(tmp_path, build_index=len)
    _touch_edit(path, "faqs:\n" + faq_yaml(source="not a url"))
    kb.refresh()
    ((message, level),) = reported
    assert level == "error" and "procedures.yml was not applied" in message
    assert "not a valid https:// address" in message
