"""After a staff edit, the knowledge base serves a quick index at once and the exact one (what
building from nothing gives) soon after; with the real FAQ set, search results then equal a
full rebuild's."""

import shutil
import threading

from bench.reload_latency import add_question
from bot.knowledge.faq_search import build_faq_index
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.languages import LANGUAGES
from tests.conftest import PROJECT_ROOT
from tests.unit.test_knowledge_files import _touch_edit, faq_yaml, write


class RecordingBuild:
    """An IncrementalBuild whose indexes say how they were made; `complete` waits for
    `release` when `hold` is set."""

    def __init__(self):
        self.hold = threading.Event()
        self.release = threading.Event()

    def __call__(self, faqs):
        return ("full", sorted(f.id for f in faqs))

    def update(self, previous, faqs):
        return ("quick", sorted(f.id for f in faqs))

    def complete(self, index):
        if self.hold.is_set():
            self.release.wait(60)
        return ("full", index[1]) if index[0] == "quick" else None


def test_an_edit_is_served_from_the_quick_index_then_the_exact_one(tmp_path):
    path = write(tmp_path, "procedures.yml", faq_yaml())
    build = RecordingBuild()
    kb = KnowledgeBase(tmp_path, build_index=build)
    assert kb.snapshot.index == ("full", ["moving-in"])
    build.hold.set()
    _touch_edit(path, "faqs:\n" + faq_yaml() + faq_yaml("moving-out"))
    assert kb.refresh()
    assert kb.snapshot.index == ("quick", ["moving-in", "moving-out"])
    build.release.set()
    kb.wait_for_completion()
    assert kb.snapshot.index == ("full", ["moving-in", "moving-out"])
    assert sorted(kb.snapshot.faqs) == ["moving-in", "moving-out"]


def test_a_completion_overtaken_by_a_later_edit_is_dropped(tmp_path):
    path = write(tmp_path, "procedures.yml", faq_yaml())
    build = RecordingBuild()
    kb = KnowledgeBase(tmp_path, build_index=build)
    build.hold.set()
    _touch_edit(path, "faqs:\n" + faq_yaml() + faq_yaml("moving-out"))
    kb.refresh()
    first = kb._completion
    build.hold.clear()
    _touch_edit(path, "faqs:\n" + faq_yaml() + faq_yaml("birth"))
    kb.refresh()
    kb.wait_for_completion()
    assert kb.snapshot.index == ("full", ["birth", "moving-in"])
    build.release.set()
    first.join(60)
    assert kb.snapshot.index == ("full", ["birth", "moving-in"])


def _results(index, queries):
    return [[(h.id, h.score, dict(h.evidence)) for h in index.search(q, language=lang, top_k=5)]
            for lang, q in queries]


def test_with_the_real_faqs_an_edit_is_served_and_then_equals_a_full_rebuild(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", folder)
    kb = KnowledgeBase(folder, build_index=build_faq_index)
    add_question(folder / "faq" / "procedures.yml", "procedures-moving-in", LANGUAGES,
                 "zqxnewword")
    assert kb.refresh()
    quick = kb.snapshot.index
    assert not quick.exact
    for language in LANGUAGES:
        assert quick.search("zqxnewword", language=language, top_k=1)[0].id == \
            "procedures-moving-in"
    kb.wait_for_completion()
    exact = kb.snapshot.index
    assert exact.exact
    faqs = list(kb.snapshot.faqs.values())
    assert "zqxnewword" in faqs[[f.id for f in faqs].index("procedures-moving-in")].questions["vi"]
    queries = [(language, text) for f in faqs for language in LANGUAGES
               for text in f.questions.get(language, [])[:1]] + \
        [(language, "zqxnewword") for language in LANGUAGES]
    assert _results(exact, queries) == _results(build_faq_index(faqs), queries)
